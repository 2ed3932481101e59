/**
 * The CDK engine the adapter runs on, in one module. The adapter's source is written against `cdktf`;
 * the package build (aspects/scripts/build.mjs) emits a second copy of the compiled tree for `cdktn`
 * (CDK Terrain, the maintained fork) in which this module alone differs: it binds `cdktn` instead. A
 * consumer picks the engine by entry point (`<package>` or `<package>/cdktn`), never by forking.
 *
 * Everything the adapter needs from the engine comes through here, so the two copies cannot drift.
 */
import * as fs from 'fs';

export { App, Aspects, Testing, TerraformProvider, TerraformResource, TerraformStack, Token } from 'cdktf';
export type { IAspect, ISynthesisSession } from 'cdktf';

/** The engine's package name, for messages (`cdktf` or `cdktn`). */
export const ENGINE_NAME: string = 'cdktf';

/** Where the engine module this copy of the adapter loaded lives (to name duplicate copies). */
export function engineLocation(): string {
  try {
    return require.resolve(`${ENGINE_NAME}/package.json`);
  } catch {
    return `<${ENGINE_NAME} not resolvable>`;
  }
}

/** The engine's version, read from its package.json. */
export function engineVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(engineLocation(), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
