/**
 * The canary package: bundled by scripts/bundle.ts, zipped by cdktf's TerraformAsset the way the stack does
 * it, and checked for the layout the Synthetics Playwright runtimes take (<file>.js at the zip root,
 * handler <file>.handler). The extracted script is then loaded and run in a fresh Node process, outside
 * the Synthetics runtime, against a local API, reading the API key with its bundled AWS SDK v3 from a
 * local Secrets Manager endpoint.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { bundleCanary } from '../../scripts/bundle';
import { synthesizeArchive, type SynthesizedAsset } from '../support/asset-zip';
import { startHttpStub, type HttpStub } from '../support/http-stub';
import { fakeAwsEnv } from '../support/lambda-events';

const run = promisify(execFile);
let outRoot: string;
let asset: SynthesizedAsset;
let api: HttpStub;
let secrets: HttpStub;
const KEY = 'k-bundle-5d1e';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:canary-key-AbCdEf';
let bundle: { dir: string; handler: string };

beforeAll(async () => {
  outRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'canary-bundle-'));
  bundle = bundleCanary(outRoot);
  asset = synthesizeArchive(bundle.dir);
  api = await startHttpStub((r) =>
    r.headers['x-api-key'] === KEY ? { status: 200, body: '{"status":"ok"}' } : { status: 403, body: '{}' },
  );
  secrets = await startHttpStub((r) =>
    r.headers['x-amz-target'] === 'secretsmanager.GetSecretValue'
      ? { status: 200, body: JSON.stringify({ ARN: SECRET_ARN, SecretString: KEY }) }
      : { status: 400, body: '{"__type":"InvalidRequestException"}' },
  );
});

afterAll(async () => {
  await api?.close();
  await secrets?.close();
  asset?.cleanup();
  if (outRoot) fs.rmSync(outRoot, { recursive: true, force: true });
});

it('returns the handler setting and the directory to archive', () => {
  expect(bundle.handler).toBe('health-canary.handler');
  expect(bundle.dir).toBe(path.join(outRoot, 'canary'));
  expect(fs.existsSync(path.join(bundle.dir, 'health-canary.js'))).toBe(true);
});

it('produces a zip with exactly the Playwright runtime layout: health-canary.js at the root', () => {
  const files = asset.entries().filter((e) => !e.endsWith('/'));
  expect(files).toEqual(['health-canary.js']);
});

it('keeps the Synthetics runtime modules external (required lazily, not bundled) and bundles the SDK', () => {
  const code = fs.readFileSync(path.join(bundle.dir, 'health-canary.js'), 'utf8');
  expect(code).toMatch(/"@aws\/synthetics-playwright"/);
  expect(code).toMatch(/"Synthetics"/);
  expect(code).toMatch(/"SyntheticsLogger"/);
  expect(code).not.toMatch(/require\("@aws-sdk\/client-secrets-manager"\)/);
  expect(code).toContain('GetSecretValue');
});

it('exposes handler when required from the extracted zip, and runs the check outside the runtime', async () => {
  const dir = asset.extract();
  const script = path.join(dir, 'health-canary.js');
  const probe = `
    const m = require(${JSON.stringify(script)});
    if (typeof m.handler !== 'function') { console.log('RESULT ' + JSON.stringify({ type: typeof m.handler })); process.exit(0); }
    m.handler().then(
      (r) => console.log('RESULT ' + JSON.stringify({ type: 'function', ok: r.ok, status: r.status })),
      (e) => console.log('RESULT ' + JSON.stringify({ type: 'function', error: e.message })),
    );`;
  const { stdout } = await run(process.execPath, ['-e', probe], {
    env: {
      PATH: process.env.PATH,
      HEALTH_URL: `${api.url}/health`,
      HEALTH_API_KEY_SECRET_ARN: SECRET_ARN,
      ...fakeAwsEnv({ secretsManager: secrets.url }),
    },
    timeout: 20_000,
  });
  const result = JSON.parse(
    stdout
      .split('\n')
      .find((l) => l.startsWith('RESULT '))
      ?.slice(7) ?? '{}',
  );
  expect(result).toEqual({ type: 'function', ok: true, status: 200 });
  expect(api.requests).toHaveLength(1);
  expect(api.requests[0].headers['x-api-key']).toBe(KEY);
  expect(secrets.requests).toHaveLength(1);
});

it('is deterministic: bundling again gives the same bytes and the same asset hash', () => {
  const again = fs.mkdtempSync(path.join(os.tmpdir(), 'canary-bundle-'));
  try {
    const b = bundleCanary(again);
    const file = 'health-canary.js';
    expect(fs.readFileSync(path.join(b.dir, file)).equals(fs.readFileSync(path.join(bundle.dir, file)))).toBe(
      true,
    );
    const second = synthesizeArchive(b.dir);
    try {
      expect(second.assetHash).toBe(asset.assetHash);
    } finally {
      second.cleanup();
    }
  } finally {
    fs.rmSync(again, { recursive: true, force: true });
  }
});
