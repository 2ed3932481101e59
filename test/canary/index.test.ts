/**
 * The canary entry: runs the check as the Synthetics step "health" (Playwright and Puppeteer library
 * shapes, or a plain call outside the runtime), and sends the API key it reads at run time from Secrets
 * Manager, with the real AWS SDK v3 client against a local endpoint the test starts: read once per run,
 * never logged, and a clear failure when the secret cannot be read.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  ApiKeyError,
  loadRuntime,
  runCanary,
  secretApiKey,
  SYNTHETICS_MODULES,
  type CanaryRuntime,
} from '../../canary/index';
import { startHttpStub, type HttpStub, type RecordedRequest } from '../support/http-stub';

const SECRET_ARN =
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:payments-health-canary-api-key-AbCdEf';
const KEY = 'k-secret-7f3a9c21';

let api: HttpStub;
let secrets: HttpStub;
const isGetSecret = (r: RecordedRequest) => r.headers['x-amz-target'] === 'secretsmanager.GetSecretValue';
const secretAnswer = (secretString: string | undefined) => (r: RecordedRequest) =>
  isGetSecret(r)
    ? {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({
          ARN: SECRET_ARN,
          Name: 'payments-health-canary-api-key',
          SecretString: secretString,
        }),
      }
    : { status: 400, body: '{"__type":"InvalidRequestException"}' };
/** The stage: /health needs the key. */
const keyedApi = (r: RecordedRequest) =>
  r.headers['x-api-key'] === KEY
    ? { status: 200, body: '{"status":"ok"}' }
    : { status: 403, body: '{"message":"Forbidden"}' };

/** The real SDK v3 client, pointed at the local Secrets Manager endpoint with fake credentials. */
const client = () =>
  new SecretsManagerClient({
    region: 'us-east-1',
    endpoint: secrets.url,
    credentials: { accessKeyId: 'AKIDEXAMPLETESTONLY0', secretAccessKey: 'test-secret-access-key-not-real' },
    maxAttempts: 1,
  });

function fakeRuntime(): CanaryRuntime & {
  steps: string[];
  config: Array<Record<string, unknown>>;
  logs: string[];
} {
  const steps: string[] = [];
  const config: Array<Record<string, unknown>> = [];
  const logs: string[] = [];
  return {
    steps,
    config,
    logs,
    synthetics: {
      executeStep: async (name, fn) => {
        steps.push(name);
        return fn();
      },
      getConfiguration: () => ({ setConfig: (c) => config.push(c) }),
    },
    log: { info: (m) => logs.push(`info ${m}`), error: (m) => logs.push(`error ${m}`) },
  };
}

beforeAll(async () => {
  api = await startHttpStub(keyedApi);
  secrets = await startHttpStub(secretAnswer(KEY));
});
afterAll(async () => {
  await api?.close();
  await secrets?.close();
});
beforeEach(() => {
  api.reset();
  api.respondWith(keyedApi);
  secrets.reset();
  secrets.respondWith(secretAnswer(KEY));
});

const env = (extra: Record<string, string> = {}) => ({
  HEALTH_URL: `${api.url}/health`,
  HEALTH_API_KEY_SECRET_ARN: SECRET_ARN,
  ...extra,
});

describe('canary entry: the API key from Secrets Manager', () => {
  it('reads the key with GetSecretValue on the named secret and sends it as x-api-key; the key is never logged', async () => {
    const runtime = fakeRuntime();
    const r = await runCanary({ env: env(), runtime, secretsClient: client() });
    expect(r).toMatchObject({ ok: true, status: 200 });
    const gets = secrets.requests.filter(isGetSecret);
    expect(gets).toHaveLength(1);
    expect(JSON.parse(gets[0].body)).toEqual({ SecretId: SECRET_ARN });
    // SigV4-signed by the real client
    expect(String(gets[0].headers['authorization'])).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLETESTONLY0\//,
    );
    expect(api.requests.map((q) => q.headers['x-api-key'])).toEqual([KEY]);
    expect(runtime.steps).toEqual(['health']);
    expect(runtime.logs.join('\n')).not.toContain(KEY);
  });

  it('reads the secret once per run however often the run asks, and again on the next run', async () => {
    const source = secretApiKey(client(), SECRET_ARN);
    expect(await Promise.all([source.get(), source.get(), source.get()])).toEqual([KEY, KEY, KEY]);
    expect(secrets.requests.filter(isGetSecret)).toHaveLength(1);
    const sm = client();
    await runCanary({ env: env(), runtime: fakeRuntime(), secretsClient: sm });
    await runCanary({ env: env(), runtime: fakeRuntime(), secretsClient: sm });
    expect(secrets.requests.filter(isGetSecret)).toHaveLength(3); // a rotated key is picked up by the next run
  });

  it('fails the run, naming the secret and the AWS error (not a value), when the secret cannot be read', async () => {
    secrets.respondWith(() => ({
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({
        __type: 'ResourceNotFoundException',
        message: 'Secrets Manager can’t find the secret',
      }),
    }));
    const runtime = fakeRuntime();
    const run = runCanary({ env: env(), runtime, secretsClient: client() });
    await expect(run).rejects.toThrow(ApiKeyError);
    await expect(run).rejects.toThrow(
      `could not read the API key secret ${SECRET_ARN}: ResourceNotFoundException`,
    );
    expect(api.requests).toHaveLength(0); // no unauthenticated call that would only report 403
  });

  it('fails the run when the secret has no SecretString', async () => {
    secrets.respondWith(secretAnswer(undefined));
    await expect(runCanary({ env: env(), runtime: fakeRuntime(), secretsClient: client() })).rejects.toThrow(
      `the API key secret ${SECRET_ARN} has no SecretString`,
    );
  });

  it('without a secret it sends no key, and the stage answers 403: the run fails', async () => {
    await expect(
      runCanary({
        env: { HEALTH_URL: `${api.url}/health` },
        runtime: fakeRuntime(),
        secretsClient: client(),
      }),
    ).rejects.toThrow(/health check failed: http_status \(expected 200, got 403\)/);
    expect(secrets.requests).toHaveLength(0);
  });
});

describe('canary entry: the run', () => {
  it('runs the check as the Synthetics step "health" with screenshots off, and resolves when healthy', async () => {
    const runtime = fakeRuntime();
    const r = await runCanary({ env: env(), runtime, secretsClient: client() });
    expect(r.ok).toBe(true);
    expect(runtime.steps).toEqual(['health']);
    expect(runtime.config[0]).toMatchObject({ screenshotOnStepFailure: false });
    expect(runtime.logs[0]).toMatch(/^info .*"ok":true/);
  });

  it('fails the run (throws) when the API is unhealthy, logging the reason', async () => {
    api.respondWith(() => ({ status: 503, body: '{"status":"unavailable"}' }));
    const runtime = fakeRuntime();
    await expect(runCanary({ env: env(), runtime, secretsClient: client() })).rejects.toThrow(
      /health check failed: http_status/,
    );
    expect(runtime.logs[0]).toMatch(/^error .*"reason":"http_status"/);
  });

  it('honours HEALTH_TIMEOUT_MS', async () => {
    api.respondWith(() => ({ status: 200, hang: true }));
    const started = Date.now();
    await expect(
      runCanary({ env: env({ HEALTH_TIMEOUT_MS: '200' }), runtime: fakeRuntime(), secretsClient: client() }),
    ).rejects.toThrow(/timeout/);
    expect(Date.now() - started).toBeLessThan(3000); // 200 ms budget, slack for a loaded machine
  });

  it('refuses to run without HEALTH_URL or with a bad HEALTH_TIMEOUT_MS', async () => {
    await expect(runCanary({ env: {}, runtime: fakeRuntime() })).rejects.toThrow(/HEALTH_URL/);
    await expect(
      runCanary({ env: env({ HEALTH_TIMEOUT_MS: '-1' }), runtime: fakeRuntime() }),
    ).rejects.toThrow(/HEALTH_TIMEOUT_MS must be a positive number/);
  });
});

describe('canary entry: the Synthetics library', () => {
  const notFound = (id: string): never => {
    throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
  };

  it('uses the Playwright library ({ synthetics } export) of syn-nodejs-playwright-5.1 and later first', () => {
    const synthetics = { executeStep: jest.fn() };
    const seen: string[] = [];
    const runtime = loadRuntime((id) => {
      seen.push(id);
      return id === '@aws/synthetics-playwright' ? { synthetics } : notFound(id);
    });
    expect(runtime.synthetics).toBe(synthetics);
    expect(runtime.log).toBe(console); // Playwright runtimes capture the console
    expect(seen[0]).toBe('@aws/synthetics-playwright');
  });

  it('falls back to the legacy Playwright namespace, then the Puppeteer modules', () => {
    const legacy = { executeStep: jest.fn() };
    expect(
      loadRuntime((id) => (id === '@amzn/synthetics-playwright' ? { synthetics: legacy } : notFound(id)))
        .synthetics,
    ).toBe(legacy);
    const puppeteer = { executeStep: jest.fn() };
    const logger = { info: jest.fn(), error: jest.fn() };
    const runtime = loadRuntime((id) =>
      id === 'Synthetics' ? puppeteer : id === 'SyntheticsLogger' ? logger : notFound(id),
    );
    expect(runtime.synthetics).toBe(puppeteer);
    expect(runtime.log).toBe(logger);
    expect(SYNTHETICS_MODULES).toEqual([
      '@aws/synthetics-playwright',
      '@amzn/synthetics-playwright',
      'Synthetics',
    ]);
  });

  it('falls back to console and a plain call outside the Synthetics runtime', async () => {
    const runtime = loadRuntime(notFound);
    expect(runtime.synthetics).toBeUndefined();
    expect(runtime.log).toBe(console);
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      const r = await runCanary({ env: env(), runtime, secretsClient: client() });
      expect(r.ok).toBe(true);
      expect(info).toHaveBeenCalledTimes(1);
    } finally {
      info.mockRestore();
    }
  });
});
