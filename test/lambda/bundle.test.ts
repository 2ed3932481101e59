/**
 * The payment Lambda bundle: deterministic, zipped by TerraformAsset with index.js at the root, and working
 * once extracted: a fresh Node process requires it and runs GET /health and POST /payments against a real
 * PostgreSQL, with metrics to a local CloudWatch endpoint and traces to a local X-Ray listener. This proves
 * the bundle carries its dependencies (AWS SDK, pg, X-Ray SDK) and needs only pg-native to stay external.
 */
import { execFile } from 'node:child_process';
import { isBuiltin } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { keyHash } from '../../lambda/payments';
import { bundlePaymentLambda, bundleSizes } from '../../scripts/bundle';
import { synthesizeArchive, type SynthesizedAsset } from '../support/asset-zip';
import { fakeAwsEnv } from '../support/lambda-events';
import { startHttpStub, type HttpStub } from '../support/http-stub';
import { startPostgres, type PostgresInstance } from '../support/postgres';
import { startXRayListener, type XRayListener } from '../support/udp-xray';

const run = promisify(execFile);
let outRoot: string;
let bundle: { dir: string; handler: string };
let asset: SynthesizedAsset;
let pg: PostgresInstance;
let cloudwatch: HttpStub;
let xray: XRayListener;

beforeAll(async () => {
  outRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-bundle-'));
  bundle = bundlePaymentLambda(outRoot);
  asset = synthesizeArchive(bundle.dir);
  [pg, cloudwatch, xray] = await Promise.all([
    startPostgres(),
    startHttpStub(() => ({ status: 200, body: '{}' })),
    startXRayListener(),
  ]);
});

afterAll(async () => {
  await Promise.allSettled([cloudwatch?.close(), xray?.close()]);
  await pg?.stop();
  asset?.cleanup();
  if (outRoot) fs.rmSync(outRoot, { recursive: true, force: true });
});

it('writes <outRoot>/payment-lambda/index.js and returns handler index.handler', () => {
  expect(bundle).toEqual({ dir: path.join(outRoot, 'payment-lambda'), handler: 'index.handler' });
  expect(bundleSizes(bundle).map((s) => s.file)).toEqual(['index.js']);
});

it('is deterministic (same bytes on a second build into another directory)', () => {
  const again = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-bundle-'));
  try {
    const b = bundlePaymentLambda(again);
    const a1 = fs.readFileSync(path.join(bundle.dir, 'index.js'));
    const a2 = fs.readFileSync(path.join(b.dir, 'index.js'));
    expect(a2.equals(a1)).toBe(true);
    expect(a1.toString('utf8')).not.toContain(REPO_ROOT_MARKER);
  } finally {
    fs.rmSync(again, { recursive: true, force: true });
  }
});

const REPO_ROOT_MARKER = path.resolve(__dirname, '..', '..');

it('bundles the AWS SDK and keeps only the optional pg-native and SigV4a CRT signer external', () => {
  const code = fs.readFileSync(path.join(bundle.dir, 'index.js'), 'utf8');
  const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
  const nonBuiltin = [...new Set(required)].filter((id) => !id.startsWith('node:') && !isBuiltin(id));
  expect(nonBuiltin.sort()).toEqual(['@aws-sdk/signature-v4-crt', 'pg-native']);
  expect(code).toContain('GraniteServiceVersion20100801');
});

it('zips to an archive with index.js at the root', () => {
  expect(asset.entries().filter((e) => !e.endsWith('/'))).toEqual(['index.js']);
});

it('runs from the extracted zip in a fresh Node process: health, payment, one metrics call, traces', async () => {
  const dir = asset.extract();
  const probe = `
    const { handler, shutdown } = require(${JSON.stringify(path.join(dir, 'index.js'))});
    const ctx = (id) => ({ awsRequestId: id });
    (async () => {
      const health = await handler({ httpMethod: 'GET', path: '/health', resource: '/health', headers: {} }, ctx('00000000-0000-4000-8000-000000000001'));
      const pay = await handler({
        httpMethod: 'POST', path: '/payments', resource: '/payments',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'bundle-key-0001' },
        body: JSON.stringify({ amount: 990, currency: 'NOK', paymentMethodToken: 'tok_bundle_1' }),
      }, ctx('00000000-0000-4000-8000-000000000002'));
      await shutdown();
      console.log('RESULT ' + JSON.stringify({ health: health.statusCode, pay: pay.statusCode, body: JSON.parse(pay.body) }));
    })().catch((e) => { console.log('RESULT ' + JSON.stringify({ error: String(e) })); });`;
  const { stdout } = await run(process.execPath, ['-e', probe], {
    env: {
      PATH: process.env.PATH,
      ...pg.lambdaEnv,
      ...fakeAwsEnv({ cloudwatch: cloudwatch.url }),
      AWS_XRAY_DAEMON_ADDRESS: xray.address,
      METRICS_NAMESPACE: 'BundleTest',
    },
    timeout: 30_000,
  });
  const lines = stdout.trim().split('\n');
  const result = JSON.parse(lines.find((l) => l.startsWith('RESULT '))?.slice(7) ?? '{}');
  expect(result).toMatchObject({
    health: 200,
    pay: 201,
    body: { status: 'captured', amount: 990, currency: 'NOK' },
  });

  // every other stdout line is a structured JSON log line
  const logs = lines
    .filter((l) => !l.startsWith('RESULT '))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(logs.map((l) => l.message)).toEqual(['health check completed', 'payment request completed']);
  expect(stdout).not.toContain('tok_bundle_1');

  expect(cloudwatch.requests).toHaveLength(1);
  expect(JSON.parse(cloudwatch.requests[0].body).Namespace).toBe('BundleTest');
  const docs = await xray.waitFor((all) =>
    ['validate', 'reserve', 'authorize', 'capture', 'persist', 'health'].every((n) =>
      all.some((d) => d.name === n),
    ),
  );
  expect(docs.filter((d) => d.name === 'payment-api').length).toBe(2);
  const rows = await pg.query('SELECT status FROM payments WHERE key_hash = $1', [
    keyHash('bundle-key-0001'),
  ]);
  expect(rows).toEqual([{ status: 'captured' }]);
});
