/**
 * The CDK engine the adapter runs on, in one module. The adapter's source is written against `cdktf`;
 * the package build (aspects/scripts/build.mjs) emits a second copy of the compiled tree for `cdktn`
 * (CDK Terrain, the maintained fork) in which this module alone differs: it loads `cdktn` instead. A
 * consumer picks the engine by entry point (`@payments-compliance/gate` or `.../cdktn`), never by forking.
 *
 * Everything the adapter needs from the engine comes through here (an ESLint rule holds the rest of the
 * adapter to that), so the two copies cannot drift.
 */
import * as fs from 'fs';
import type * as Engine from 'cdktf';

/** The engine's package name, for messages (`cdktf` or `cdktn`). */
export const ENGINE_NAME: string = 'cdktf';

function load(): typeof Engine {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('cdktf') as typeof Engine;
  } catch (error) {
    const other = ENGINE_NAME === 'cdktf' ? 'cdktn' : 'cdktf';
    const entry = ENGINE_NAME === 'cdktf' ? '@payments-compliance/gate/cdktn' : '@payments-compliance/gate';
    throw new Error(
      `[compliance/EngineMissing] this entry point of the gate runs on ${ENGINE_NAME}, which cannot be loaded (${(error as Error).message.split('\n')[0]}). Install ${ENGINE_NAME} (a peer dependency), or, for a ${other} app, import '${entry}'.`,
    );
  }
}

const engine = load();

export const AnnotationMetadataEntryType = engine.AnnotationMetadataEntryType;
export const Annotations = engine.Annotations;
export const App = engine.App;
export type App = Engine.App;
export const Aspects = engine.Aspects;
export type Aspects = Engine.Aspects;
export const Testing = engine.Testing;
export const TerraformProvider = engine.TerraformProvider;
export type TerraformProvider = Engine.TerraformProvider;
export const TerraformResource = engine.TerraformResource;
export type TerraformResource = Engine.TerraformResource;
export const TerraformStack = engine.TerraformStack;
export type TerraformStack = Engine.TerraformStack;
export const Token = engine.Token;
export const Tokenization = engine.Tokenization;
export type IAspect = Engine.IAspect;
export type ISynthesisSession = Engine.ISynthesisSession;

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
