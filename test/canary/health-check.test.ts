/**
 * The canary's health check against a local HTTP server: passes on a healthy answer; fails on 5xx, a wrong
 * body and a timeout; with global fetch and with the node:http fallback. Then the canary entry with and
 * without the Synthetics runtime modules.
 */
import { checkHealth, nodeFetch, type FetchLike } from '../../canary/health-check';
import { loadRuntime, runCanary, type CanaryRuntime } from '../../canary';
import { freePort } from '../support/postgres';
import { startHttpStub, type HttpStub } from '../support/http-stub';

let api: HttpStub;
const healthy = { status: 200, body: '{"status":"ok","checks":{"database":{"status":"ok","latencyMs":3}}}' };

beforeAll(async () => {
  api = await startHttpStub(() => healthy);
});
afterAll(async () => {
  await api?.close();
});
beforeEach(() => {
  api.reset();
  api.respondWith(() => healthy);
});

const implementations: Array<[string, FetchLike | undefined]> = [
  ['global fetch', undefined],
  ['node:http fallback', nodeFetch],
];

describe.each(implementations)('checkHealth with %s', (_name, fetchImpl) => {
  const check = (timeoutMs = 1000) => checkHealth(`${api.url}/health`, { timeoutMs, fetchImpl });

  it('passes on 200 {"status":"ok"} and calls GET /health', async () => {
    const r = await check();
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    expect(api.requests.map((q) => [q.method, q.path])).toEqual([['GET', '/health']]);
  });

  it('fails on a 503 even with an ok-looking body', async () => {
    api.respondWith(() => ({ status: 503, body: '{"status":"ok"}' }));
    expect(await check()).toMatchObject({ ok: false, status: 503, reason: 'http_status' });
  });

  it('fails on a 500', async () => {
    api.respondWith(() => ({ status: 500, body: 'oops' }));
    expect(await check()).toMatchObject({ ok: false, status: 500, reason: 'http_status' });
  });

  it.each([
    ['{"status":"unavailable"}', 'unhealthy_status'],
    ['{"healthy":true}', 'unhealthy_status'],
    ['null', 'unhealthy_status'],
    ['<html>ok</html>', 'invalid_body'],
  ])('fails on 200 with body %s (%s)', async (body, reason) => {
    api.respondWith(() => ({ status: 200, body }));
    expect(await check()).toMatchObject({ ok: false, status: 200, reason });
  });

  it('fails with a timeout, within the budget, when the server never answers', async () => {
    api.respondWith(() => ({ status: 200, hang: true }));
    const started = Date.now();
    const r = await check(300);
    expect(r).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3000); // 300 ms budget, slack for a loaded machine
  });

  it('fails with a timeout when the headers arrive but the body never completes', async () => {
    api.respondWith(() => ({ status: 200, stallBody: true }));
    const r = await check(300);
    expect(r).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('fails with a network error when nothing listens', async () => {
    const port = await freePort();
    const r = await checkHealth(`http://127.0.0.1:${port}/health`, { timeoutMs: 1000, fetchImpl });
    expect(r).toMatchObject({ ok: false, reason: 'network_error' });
  });
});

describe('canary entry', () => {
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

  it('runs the check as the Synthetics step "health" with screenshots off, and resolves when healthy', async () => {
    const runtime = fakeRuntime();
    const r = await runCanary({ env: { HEALTH_URL: `${api.url}/health` }, runtime });
    expect(r.ok).toBe(true);
    expect(runtime.steps).toEqual(['health']);
    expect(runtime.config[0]).toMatchObject({ screenshotOnStepFailure: false });
    expect(runtime.logs[0]).toMatch(/^info .*"ok":true/);
  });

  it('sends HEALTH_API_KEY as x-api-key (the stage requires a key on /health) and never logs it', async () => {
    api.reset();
    api.respondWith((req) =>
      req.headers['x-api-key'] === 'k-secret-123'
        ? { status: 200, body: '{"status":"ok"}' }
        : { status: 403, body: '{"message":"Forbidden"}' },
    );
    const runtime = fakeRuntime();
    const r = await runCanary({
      env: { HEALTH_URL: `${api.url}/health`, HEALTH_API_KEY: 'k-secret-123' },
      runtime,
    });
    expect(r.ok).toBe(true);
    expect(api.requests.at(-1)!.headers['x-api-key']).toBe('k-secret-123');
    expect(runtime.logs.join('\n')).not.toContain('k-secret-123');
    // without the key the stage answers 403 and the canary fails
    await expect(
      runCanary({ env: { HEALTH_URL: `${api.url}/health` }, runtime: fakeRuntime() }),
    ).rejects.toThrow(/health check failed/);
  });

  it('fails the run (throws) when the API is unhealthy, logging the reason', async () => {
    api.respondWith(() => ({ status: 503, body: '{"status":"unavailable"}' }));
    const runtime = fakeRuntime();
    await expect(runCanary({ env: { HEALTH_URL: `${api.url}/health` }, runtime })).rejects.toThrow(
      /health check failed: http_status/,
    );
    expect(runtime.logs[0]).toMatch(/^error .*"reason":"http_status"/);
  });

  it('honours HEALTH_TIMEOUT_MS', async () => {
    api.respondWith(() => ({ status: 200, hang: true }));
    const started = Date.now();
    await expect(
      runCanary({
        env: { HEALTH_URL: `${api.url}/health`, HEALTH_TIMEOUT_MS: '200' },
        runtime: fakeRuntime(),
      }),
    ).rejects.toThrow(/timeout/);
    expect(Date.now() - started).toBeLessThan(3000); // 200 ms budget, slack for a loaded machine
  });

  it('refuses to run without HEALTH_URL', async () => {
    await expect(runCanary({ env: {}, runtime: fakeRuntime() })).rejects.toThrow(/HEALTH_URL/);
  });

  it('falls back to console and a plain call outside the Synthetics runtime', async () => {
    const runtime = loadRuntime((id) => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    });
    expect(runtime.synthetics).toBeUndefined();
    expect(runtime.log).toBe(console);
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      const r = await runCanary({ env: { HEALTH_URL: `${api.url}/health` }, runtime });
      expect(r.ok).toBe(true);
      expect(info).toHaveBeenCalledTimes(1);
    } finally {
      info.mockRestore();
    }
  });

  it('uses the runtime modules when they can be required', () => {
    const synthetics = { executeStep: jest.fn() };
    const logger = { info: jest.fn(), error: jest.fn() };
    const runtime = loadRuntime((id) => (id === 'Synthetics' ? synthetics : logger));
    expect(runtime.synthetics).toBe(synthetics);
    expect(runtime.log).toBe(logger);
  });
});
