/**
 * The contract between the payment handler (lambda/) and the failing-invocation metric filter
 * (resources/handler-log-metrics.ts): the real handler, on a real PostgreSQL (then with the server
 * stopped), answers requests; every line it logs for a 5xx answer must match the synthesized filter
 * pattern, and no line of a 2xx/4xx answer may. If the handler's log lines change shape, this fails.
 */
import type * as AppModule from '../../lambda/app';
import type * as ConfigModule from '../../lambda/config';
import type * as HandlerModule from '../../lambda/handler';
import { HANDLER_FAILURE_FILTER } from '../../resources/handler-log-metrics';
import { apiEvent, lambdaContext } from '../support/lambda-events';
import { makeApp, type TestApp } from '../support/payment-harness';
import { startPostgres, type PostgresInstance } from '../support/postgres';
import { synthPaymentsStack, type SynthResult } from '../support/synth';
import { startXRayListener, type XRayListener } from '../support/udp-xray';
import { matches, metricValue } from './filter-pattern';
import { block, byPath } from './helpers';

let pg: PostgresInstance;
let xray: XRayListener;
let t: TestApp;
let mods: { app: typeof AppModule; config: typeof ConfigModule };
let s: SynthResult;
let pattern: string;

beforeAll(async () => {
  s = synthPaymentsStack();
  const [, filter] = byPath(
    s.json,
    'aws_cloudwatch_log_metric_filter',
    'handler-log-metrics/failed-invocations',
  );
  pattern = String(filter['pattern']);
  pg = await startPostgres();
  xray = await startXRayListener();
  process.env.AWS_XRAY_DAEMON_ADDRESS = xray.address;
  mods = {
    app: (await import('../../lambda/app')) as typeof AppModule,
    config: (await import('../../lambda/config')) as typeof ConfigModule,
  };
  t = makeApp(mods, { ...pg.lambdaEnv, HEALTH_TIMEOUT_MS: '1500', DB_CONNECT_TIMEOUT_MS: '1000' });
  await t.app.handle(apiEvent({ method: 'GET', path: '/health' }), lambdaContext());
}, 120_000);

afterAll(async () => {
  await t?.app.close();
  await xray?.close();
  await pg?.stop();
});

const payment = (token: string, key: string) =>
  apiEvent({
    headers: { 'Idempotency-Key': key, 'Content-Type': 'application/json' },
    body: JSON.stringify({ amount: 1250, currency: 'USD', paymentMethodToken: token }),
  });

/** Handle one event and return its status and the lines it logged. */
async function answer(event: ReturnType<typeof apiEvent>): Promise<{ status: number; lines: string[] }> {
  t.logs.reset();
  const r = await t.app.handle(event, lambdaContext());
  return { status: r.statusCode, lines: [...t.logs.lines] };
}

/** What the filter publishes for these lines (CloudWatch sums the 1s; non-matching events give 0). */
const published = (lines: string[]): number =>
  lines.map((l) => (matches(pattern, l) ? Number(metricValue('1', l) ?? 1) : 0)).reduce((a, b) => a + b, 0);

describe('failing-invocation metric filter vs the real handler', () => {
  it('the synthesized pattern is the one defined beside the filter, publishing 1 (0 otherwise)', () => {
    expect(pattern).toBe(HANDLER_FAILURE_FILTER.pattern);
    const [, filter] = byPath(
      s.json,
      'aws_cloudwatch_log_metric_filter',
      'handler-log-metrics/failed-invocations',
    );
    expect(block(filter['metric_transformation'])).toMatchObject({ value: '1', default_value: '0' });
  });

  it('answers that are not failures (200, 400, 402, 404, 405) publish 0', async () => {
    const cases = [
      apiEvent({ method: 'GET', path: '/health' }),
      payment('tok_visa_4242', 'k-ok-1'),
      payment('tok_decline_1', 'k-decline-1'),
      apiEvent({ headers: { 'Idempotency-Key': 'k-bad' }, body: '{"amount":"x"}' }),
      apiEvent({ method: 'GET', path: '/nowhere' }),
      apiEvent({ method: 'DELETE', path: '/payments' }),
    ];
    for (const e of cases) {
      const { status, lines } = await answer(e);
      expect(status).toBeLessThan(500);
      expect(lines.length).toBeGreaterThan(0);
      expect({ status, published: published(lines) }).toEqual({ status, published: 0 });
    }
  });

  it('a processor failure (502) publishes exactly 1', async () => {
    const { status, lines } = await answer(payment('tok_processor_error_1', 'k-proc-1'));
    expect(status).toBe(502);
    expect(published(lines)).toBe(1);
  });

  it('with the database down, /health (503) and POST /payments (5xx) each publish exactly 1', async () => {
    await pg.stopServer();
    try {
      const health = await answer(apiEvent({ method: 'GET', path: '/health' }));
      expect(health.status).toBe(503);
      expect(published(health.lines)).toBe(1);
      const pay = await answer(payment('tok_visa_4242', 'k-down-1'));
      expect(pay.status).toBeGreaterThanOrEqual(500);
      expect(published(pay.lines)).toBe(1);
    } finally {
      await pg.startServer();
    }
  }, 60_000);

  it('a handler that cannot load its configuration answers 500 and publishes exactly 1', async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const saved = { ...process.env };
    try {
      jest.resetModules();
      // DB_HOST missing: lambda/config.ts refuses to load.
      for (const k of Object.keys(process.env)) if (k.startsWith('DB_')) delete process.env[k];
      const handler = (await import('../../lambda/handler')) as typeof HandlerModule;
      const r = await handler.handler(apiEvent({ method: 'GET', path: '/health' }), lambdaContext());
      expect(r.statusCode).toBe(500);
    } finally {
      spy.mockRestore();
      process.env = saved;
    }
    const lines = writes
      .join('')
      .split('\n')
      .filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    expect(published(lines)).toBe(1);
  });
});
