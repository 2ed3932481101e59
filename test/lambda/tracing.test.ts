/**
 * Tracing through the real aws-xray-sdk-core, emitting to a local UDP listener speaking the daemon protocol
 * (AWS_XRAY_DAEMON_ADDRESS). Outside Lambda the app creates one segment per invocation; this file checks
 * the stage subsegments, their annotations, that every subsegment is closed on every path (errors
 * included), the database and AWS SDK downstream subsegments, and that no card data or token leaves.
 */
import type * as AppModule from '../../lambda/app';
import type * as ConfigModule from '../../lambda/config';
import { fakeAwsEnv, healthEvent, lambdaContext, paymentEvent } from '../support/lambda-events';
import { startHttpStub, type HttpStub } from '../support/http-stub';
import { startPostgres, type PostgresInstance } from '../support/postgres';
import { startXRayListener, type TraceDocument, type XRayListener } from '../support/udp-xray';

let pg: PostgresInstance;
let xray: XRayListener;
let cloudwatch: HttpStub;
let app: AppModule.App;
let stalledApp: AppModule.App | undefined;
let mods: { app: typeof AppModule; config: typeof ConfigModule };

const STAGES = ['validate', 'reserve', 'authorize', 'capture', 'persist'];
const TOKEN = 'tok_trace_secret_token_9';
const KEY = 'trace-idempotency-key-0001';

/** Waits for the segment of the invocation whose response carried `requestId`-independent trace `traceId`. */
async function segmentFor(traceId: string): Promise<TraceDocument> {
  await xray.waitFor((all) => all.some((d) => d.trace_id === traceId && !d.parent_id && d.end_time));
  return xray.documents.find((d) => d.trace_id === traceId && !d.parent_id) as TraceDocument;
}

function traceIdOf(logsTraceId: unknown): string {
  expect(typeof logsTraceId).toBe('string');
  return logsTraceId as string;
}

function subsegmentsOf(doc: TraceDocument): TraceDocument[] {
  const out: TraceDocument[] = [];
  const visit = (d: TraceDocument): void => {
    for (const s of d.subsegments ?? []) {
      out.push(s);
      visit(s);
    }
  };
  visit(doc);
  return out;
}

function expectAllClosed(doc: TraceDocument): void {
  for (const d of [doc, ...subsegmentsOf(doc)]) {
    expect(d.in_progress).toBeUndefined();
    expect(typeof d.end_time).toBe('number');
    expect(d.end_time as number).toBeGreaterThanOrEqual(d.start_time as number);
  }
}

const lines: string[] = [];
async function run(
  event: Parameters<AppModule.App['handle']>[0],
): Promise<{ status: number; segment: TraceDocument }> {
  lines.length = 0;
  const res = await app.handle(event, lambdaContext());
  const entry = JSON.parse(lines[lines.length - 1]) as { traceId?: string };
  const segment = await segmentFor(traceIdOf(entry.traceId));
  return { status: res.statusCode, segment };
}

beforeAll(async () => {
  pg = await startPostgres();
  xray = await startXRayListener();
  cloudwatch = await startHttpStub(() => ({ status: 200, body: '{}' }));
  Object.assign(process.env, fakeAwsEnv({ cloudwatch: cloudwatch.url }), {
    AWS_XRAY_DAEMON_ADDRESS: xray.address,
  });
  mods = { app: await import('../../lambda/app'), config: await import('../../lambda/config') };
  app = mods.app.createApp({ config: mods.config.loadConfig(pg.lambdaEnv), logSink: (l) => lines.push(l) });
});

afterAll(async () => {
  await app?.close();
  await stalledApp?.close();
  await Promise.allSettled([xray?.close(), cloudwatch?.close()]);
  await pg?.stop();
});

describe('X-Ray segments of a captured payment', () => {
  let segment: TraceDocument;
  beforeAll(async () => {
    const r = await run(paymentEvent({ amount: 31337, currency: 'CHF', paymentMethodToken: TOKEN }, KEY));
    expect(r.status).toBe(201);
    segment = r.segment;
  });

  it('has one subsegment per stage, in order, annotated with stage, outcome and currency', () => {
    const stages = (segment.subsegments ?? []).filter((s) => STAGES.includes(s.name));
    expect(stages.map((s) => s.name)).toEqual(STAGES);
    const outcomes: Record<string, string> = {
      validate: 'ok',
      reserve: 'ok',
      authorize: 'approved',
      capture: 'captured',
      persist: 'captured',
    };
    for (const s of stages) {
      expect(s.annotations).toEqual({ stage: s.name, outcome: outcomes[s.name], currency: 'CHF' });
    }
  });

  it('closes the segment and every subsegment (end_time set, no in_progress)', () => {
    expect(segment.name).toBe('payment-api');
    expectAllClosed(segment);
  });

  it('records database calls as remote subsegments with SQL text but no parameters', () => {
    const db = subsegmentsOf(segment).filter((s) => s.name === 'aurora-postgresql');
    expect(db.length).toBeGreaterThanOrEqual(3); // claim (INSERT), authorized and captured (UPDATE), + migration
    for (const s of db) {
      expect(s.namespace).toBe('remote');
      expect(s.sql).toMatchObject({
        database_type: 'PostgreSQL',
        url: `postgresql://127.0.0.1:${pg.port}/postgres`,
      });
      const q = String(s.sql?.sanitized_query);
      expect(q).not.toContain(KEY);
      expect(q).not.toContain(TOKEN);
      expect(q).not.toContain('31337');
    }
    expect(
      db.some((s) => /INSERT INTO payments .*VALUES \(\$1, \$2/.test(String(s.sql?.sanitized_query))),
    ).toBe(true);
    const reserve = (segment.subsegments ?? []).find((s) => s.name === 'reserve') as TraceDocument;
    expect((reserve.subsegments ?? []).map((s) => s.name)).toContain('aurora-postgresql');
  });

  it('keeps the PutMetricData call out of the payment trace: it runs after the answer, off the response path', async () => {
    for (let i = 0; i < 100 && cloudwatch.requests.length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(cloudwatch.requests.length).toBeGreaterThan(0);
    expect(subsegmentsOf(segment).map((s) => s.name)).not.toContain('CloudWatch');
    expectAllClosed(segment);
  });

  it('carries no token, no idempotency key and no amount anywhere in the documents sent', () => {
    const sent = xray.raw.join('\n');
    expect(sent).not.toContain(TOKEN);
    expect(sent).not.toContain('tok_');
    expect(sent).not.toContain(KEY);
    expect(sent).not.toMatch(/"amount/i);
    for (const s of subsegmentsOf(segment)) {
      for (const v of Object.values(s.annotations ?? {})) expect(v).not.toBe(31337);
    }
  });
});

describe('X-Ray on failure paths', () => {
  it('closes the authorize subsegment with a fault and a sanitised cause on a processor error (502)', async () => {
    const { status, segment } = await run(paymentEvent({ paymentMethodToken: 'tok_processor_error_77' }));
    expect(status).toBe(502);
    expectAllClosed(segment);
    const authorize = (segment.subsegments ?? []).find((s) => s.name === 'authorize') as TraceDocument;
    expect(authorize).toMatchObject({
      fault: true,
      annotations: { stage: 'authorize', outcome: 'error', currency: 'USD' },
    });
    expect(authorize.cause?.exceptions?.[0]).toMatchObject({ type: 'ProcessorUnavailableError' });
    expect((segment.subsegments ?? []).map((s) => s.name)).not.toContain('capture');
    expect(JSON.stringify(segment)).not.toContain('tok_processor_error_77');
  });

  it('annotates a decline and skips capture', async () => {
    const { status, segment } = await run(paymentEvent({ paymentMethodToken: 'tok_decline_trace' }));
    expect(status).toBe(402);
    const byName = Object.fromEntries((segment.subsegments ?? []).map((s) => [s.name, s]));
    expect(byName.authorize.annotations).toEqual({
      stage: 'authorize',
      outcome: 'declined',
      currency: 'USD',
      reason: 'card_declined',
    });
    expect(byName.capture).toBeUndefined();
    expect(byName.persist.annotations).toMatchObject({ outcome: 'declined' });
    expectAllClosed(segment);
  });

  it('marks a rejected request on the validate subsegment (error flag) and stops there', async () => {
    const { status, segment } = await run(paymentEvent({ currency: 'XXX' }));
    expect(status).toBe(400);
    const stages = (segment.subsegments ?? []).filter((s) => STAGES.includes(s.name));
    expect(stages.map((s) => s.name)).toEqual(['validate']);
    expect(stages[0]).toMatchObject({
      error: true,
      annotations: { stage: 'validate', outcome: 'rejected', reason: 'invalid_request' },
    });
    expectAllClosed(segment);
  });

  it('keeps a card number out of every document when the body carries one', async () => {
    const pan = '4539 1488 0343 6467';
    const { status, segment } = await run(paymentEvent({ description: `pay with ${pan}` }));
    expect(status).toBe(400);
    expectAllClosed(segment);
    const sent = xray.raw.join('\n');
    expect(sent).not.toContain(pan);
    expect(sent.replace(/[\s-]/g, '')).not.toContain(pan.replace(/ /g, ''));
  });

  it('closes the health subsegment with a fault when the database times out (503)', async () => {
    const { startTcpProxy } = await import('../support/tcp-proxy');
    const proxy = await startTcpProxy(pg.port);
    proxy.stall();
    const stalledLines: string[] = [];
    stalledApp = mods.app.createApp({
      config: mods.config.loadConfig({
        ...pg.lambdaEnv,
        DB_PORT: String(proxy.port),
        HEALTH_TIMEOUT_MS: '300',
      }),
      logSink: (l) => stalledLines.push(l),
    });
    try {
      const res = await stalledApp.handle(healthEvent(), lambdaContext());
      expect(res.statusCode).toBe(503);
      const traceId = (JSON.parse(stalledLines[stalledLines.length - 1]) as { traceId: string }).traceId;
      const segment = await segmentFor(traceId);
      expectAllClosed(segment);
      const health = (segment.subsegments ?? []).find((s) => s.name === 'health');
      // outcome `error` is what the X-Ray failures group filters on (resources/tracing.ts FAILURE_OUTCOMES)
      expect(health).toMatchObject({
        fault: true,
        annotations: { stage: 'health', outcome: 'error', reason: 'timeout' },
      });
      const { FAILURE_OUTCOMES } = await import('../../resources/tracing');
      expect(FAILURE_OUTCOMES as readonly string[]).toContain(health?.annotations?.outcome);
    } finally {
      await proxy.close();
    }
  });
});
