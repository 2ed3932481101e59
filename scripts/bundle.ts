/**
 * Bundles the payment Lambda and the health canary with esbuild, at synth time (the stack zips the
 * returned directories with `TerraformAsset`, type ARCHIVE).
 *
 * Invariants
 * - Deterministic: same sources and dependencies -> byte-identical output (no timestamps, no absolute
 *   paths: esbuild runs with a fixed working directory; the output directory is emptied first so no stale
 *   file reaches the zip).
 * - The AWS SDK v3 is bundled, not taken from the runtime: the code runs with the exact client versions
 *   the tests ran against (3.1164.0), independent of the runtime's SDK updates; the cost is bundle size
 *   (see bench/lambda-cold-init.ts for the numbers).
 * - `pg-native` stays external: pg only requires it when asked for the native client, which we never do.
 *   `@aws-sdk/signature-v4-crt` too: the SDK loads it inside try/catch, only for SigV4a (multi-region S3
 *   access points), which neither CloudWatch nor Secrets Manager uses.
 * - The canary keeps the Synthetics library modules external (`@aws/synthetics-playwright`,
 *   `@amzn/synthetics-playwright`, `Synthetics`, `SyntheticsLogger`): they exist only in the Synthetics
 *   runtime. Its Secrets Manager client (SDK v3) is bundled like the Lambda's.
 *
 * CLI: `npx tsx scripts/bundle.ts [outRoot]` (default dist/bundles) prints the bundle sizes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSync, type BuildOptions } from 'esbuild';

export interface Bundle {
  /** Directory to archive; its content is the zip root. */
  dir: string;
  /** Handler setting for the function or canary. */
  handler: string;
}

const REPO_ROOT = path.resolve(__dirname, '..');

const COMMON: BuildOptions = {
  absWorkingDir: REPO_ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: false,
  // ESM entry points of the SDK tree-shake better than dist-cjs.
  mainFields: ['module', 'main'],
  legalComments: 'eof',
  charset: 'utf8',
  metafile: false,
  write: true,
  logLevel: 'silent',
  define: { 'process.env.NODE_ENV': '"production"' },
};

function build(entry: string, outfile: string, external: string[]): void {
  const result = buildSync({ ...COMMON, entryPoints: [path.join(REPO_ROOT, entry)], outfile, external });
  if (result.errors.length > 0) {
    throw new Error(`esbuild failed for ${entry}: ${result.errors.map((e) => e.text).join('; ')}`);
  }
}

function freshDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}

/** Bundles lambda/handler.ts into `<outRoot>/payment-lambda/index.js`; handler `index.handler`. */
export function bundlePaymentLambda(outRoot: string): Bundle {
  const dir = path.resolve(outRoot, 'payment-lambda');
  freshDir(dir);
  build('lambda/handler.ts', path.join(dir, 'index.js'), ['pg-native', '@aws-sdk/signature-v4-crt']);
  return { dir, handler: 'index.handler' };
}

/**
 * Bundles canary/index.ts into `<outRoot>/canary/health-canary.js` (zip root: the Playwright runtimes
 * need no nodejs/node_modules folder); handler `health-canary.handler`.
 */
export function bundleCanary(outRoot: string): Bundle {
  const dir = path.resolve(outRoot, 'canary');
  freshDir(dir);
  build('canary/index.ts', path.join(dir, 'health-canary.js'), [
    '@aws/synthetics-playwright',
    '@amzn/synthetics-playwright',
    'Synthetics',
    'SyntheticsLogger',
    '@aws-sdk/signature-v4-crt',
  ]);
  return { dir, handler: 'health-canary.handler' };
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

/** Bytes and gzip bytes of every file of a bundle directory. */
export function bundleSizes(bundle: Bundle): Array<{ file: string; bytes: number; gzipBytes: number }> {
  return listFiles(bundle.dir)
    .sort()
    .map((file) => {
      const content = fs.readFileSync(file);
      return {
        file: path.relative(bundle.dir, file),
        bytes: content.length,
        gzipBytes: gzipSync(content).length,
      };
    });
}

if (require.main === module) {
  const outRoot = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'dist', 'bundles'));
  const rows: string[][] = [['bundle', 'handler', 'file', 'bytes', 'gzip bytes']];
  for (const [name, fn] of [
    ['payment-lambda', bundlePaymentLambda],
    ['canary', bundleCanary],
  ] as const) {
    const b = fn(outRoot);
    for (const s of bundleSizes(b))
      rows.push([name, b.handler, s.file, String(s.bytes), String(s.gzipBytes)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows)
    console.log(r.map((c, i) => (i >= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
  console.log(`\nwritten under ${outRoot}`);
}
