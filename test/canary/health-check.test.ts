/**
 * The canary's health check against a local HTTP server: passes on a healthy answer; fails on 5xx, a wrong
 * body and a timeout; with global fetch and with the node:http fallback. (The canary entry: index.test.ts.)
 */
import { checkHealth, nodeFetch, type FetchLike } from '../../canary/health-check';
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
