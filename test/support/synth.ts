/**
 * Synthesizes the payments stack for tests exactly as `main.ts` does (same composition, the compliance
 * gate applied), but with tiny stub bundles instead of the real Lambda
 * and canary code so stack tests do not depend on esbuild. `app.synth()` throws if the gate finds a
 * violation, so a successful call is itself the proof that the stack passes the gate.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { STACK_NAME, buildApp } from '../../main';
import type { PaymentsStack } from '../../main';
import type { PaymentsConfig } from '../../resources/config';
import { loadConfig } from '../../resources/config';
import type { BundleOutput } from '../../resources/lambda';

export interface TfResourceMap {
  [type: string]: { [name: string]: Record<string, unknown> };
}

export interface TfJson {
  resource: TfResourceMap;
  provider?: Record<string, unknown[]>;
  output?: Record<string, { value: unknown }>;
  variable?: Record<string, unknown>;
  data?: Record<string, unknown>;
  terraform?: Record<string, unknown>;
}

export interface SynthResult {
  readonly outdir: string;
  /** Directory Terraform runs in (cdk.tf.json + assets). */
  readonly stackDir: string;
  readonly json: TfJson;
  readonly stack: PaymentsStack;
  readonly config: PaymentsConfig;
  /** Milliseconds the synthesis took. */
  readonly millis: number;
}

/** Stub programs with the real layouts: `index.handler`, and `health-canary.js` at the canary zip root. */
export function stubBundles(root: string): { lambda: BundleOutput; canary: BundleOutput } {
  const lambdaDir = path.join(root, 'lambda');
  fs.mkdirSync(lambdaDir, { recursive: true });
  fs.writeFileSync(
    path.join(lambdaDir, 'index.js'),
    'exports.handler = async () => ({ statusCode: 200, body: "{}" });\n',
  );
  const canaryDir = path.join(root, 'canary');
  fs.mkdirSync(canaryDir, { recursive: true });
  fs.writeFileSync(path.join(canaryDir, 'health-canary.js'), 'exports.handler = async () => undefined;\n');
  return {
    lambda: { dir: lambdaDir, handler: 'index.handler' },
    canary: { dir: canaryDir, handler: 'health-canary.handler' },
  };
}

/** Synthesize into a fresh temporary directory (kept for Terraform; the OS cleans tmp). */
export function synthPaymentsStack(config: PaymentsConfig = loadConfig({})): SynthResult {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'payments-synth-'));
  const code = stubBundles(path.join(root, 'bundles'));
  const outdir = path.join(root, 'cdktf.out');
  const started = Date.now();
  const { app, stack } = buildApp({ config, code, outdir });
  app.synth();
  const millis = Date.now() - started;
  const stackDir = path.join(outdir, 'stacks', STACK_NAME);
  const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as TfJson;
  return { outdir, stackDir, json, stack, config, millis };
}

/** All resources of one type as [name, config] pairs (empty when none). */
export function resourcesOf(json: TfJson, type: string): Array<[string, Record<string, unknown>]> {
  return Object.entries(json.resource[type] ?? {});
}

/** The single resource of a type; throws if there is not exactly one. */
export function onlyResource(json: TfJson, type: string): Record<string, unknown> {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0][1];
}

/** `${aws_x.name.attr}` for a resource found by predicate, to match references in other resources. */
export function refTo(type: string, name: string, attr: string): string {
  return `\${${type}.${name}.${attr}}`;
}
