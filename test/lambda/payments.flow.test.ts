/**
 * The payment flow with an in-memory store (the PostgreSQL store's compare-and-set semantics), a fake
 * processor that deduplicates on idempotency keys and counts charges, and a recording tracer: stage order,
 * annotations, and what every failure leaves behind (a retry resumes it, never charges twice).
 */
import { FAILURE_OUTCOMES } from '../../resources/tracing';
import type { PaymentStore } from '../../lambda/db';
import { processorKey, processPayment, type FlowInput, type PaymentFlowDeps } from '../../lambda/payments';
import type { PaymentProcessor } from '../../lambda/processor';
import type { Span, Tracer } from '../../lambda/tracing';
import { paymentEvent } from '../support/lambda-events';
import { fakeProcessor, memoryStore, type FakeProcessor } from '../support/payment-harness';

interface RecordedStage {
  name: string;
  annotations: Record<string, unknown>;
  clientError: boolean;
  threw: boolean;
}

function recordingTracer(): Tracer & { stages: RecordedStage[] } {
  const stages: RecordedStage[] = [];
  return {
    stages,
    runInvocation: (fn) => fn(),
    async stage(name, fn) {
      const rec: RecordedStage = { name, annotations: {}, clientError: false, threw: false };
      stages.push(rec);
      const span: Span = {
        annotate: (k, v) => {
          rec.annotations[k] = v;
        },
        markClientError: () => {
          rec.clientError = true;
        },
      };
      try {
        return await fn(span);
      } catch (err) {
        rec.threw = true;
        throw err;
      }
    },
    remote: (_n, _s, fn) => fn(),
    traceId: () => undefined,
    detached: (fn) => fn(),
    captureClient: (c) => c,
  };
}

let ids = 0;
function setup(store: PaymentStore = memoryStore(), processor: FakeProcessor = fakeProcessor()) {
  const tracer = recordingTracer();
  const d: PaymentFlowDeps = {
    store,
    processor: processor as unknown as PaymentProcessor,
    tracer,
    now: () => new Date('2026-01-01T00:00:00Z'),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    timing: { processorTimeoutMs: 1000, recordReserveMs: 200, inProgressWaitMs: 100 },
  };
  // caller null: no API key id
  const pay = (body = {}, key = 'flow-key-0001', caller: string | null = 'apikey:a', budgetMs = 5000) =>
    processPayment(d, {
      request: paymentEvent(body, key),
      caller: caller ?? undefined,
      endsAt: Date.now() + budgetMs,
    } as FlowInput);
  return { d, tracer, store, processor, pay };
}

const failing = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('processPayment', () => {
  it('runs validate, reserve, authorize, capture, persist in order, with annotations and one charge', async () => {
    const { tracer, processor, pay } = setup();
    const r = await pay({ amount: 500, currency: 'JPY', paymentMethodToken: 'tok_order_1' });
    expect(r).toMatchObject({
      outcome: 'captured',
      capturedAmount: 500,
      currency: 'JPY',
      response: { statusCode: 201 },
    });
    expect(tracer.stages.map((s) => s.name)).toEqual([
      'validate',
      'reserve',
      'authorize',
      'capture',
      'persist',
    ]);
    expect(
      tracer.stages.every((s) => s.annotations.stage === s.name && s.annotations.currency === 'JPY'),
    ).toBe(true);
    expect(Object.keys(r.stageTimings)).toEqual(['validate', 'reserve', 'authorize', 'capture', 'persist']);
    expect(processor.charges.get('tok_order_1')).toBe(1);
    for (const s of tracer.stages) expect(JSON.stringify(s.annotations)).not.toMatch(/500|tok_/);
  });

  it('sends the processor a key derived from caller and client key: the same on every retry, another per caller', async () => {
    const { processor, pay } = setup();
    await pay({ paymentMethodToken: 'tok_derive_1' }, 'derive-key-0001', 'apikey:a');
    await pay({ paymentMethodToken: 'tok_derive_1' }, 'derive-key-0001', 'apikey:b');
    const keys = processor.calls.filter((c) => c.op === 'authorize').map((c) => c.key);
    expect(keys).toEqual([
      `${processorKey('apikey:a', 'derive-key-0001')}:authorize`,
      `${processorKey('apikey:b', 'derive-key-0001')}:authorize`,
    ]);
    expect(keys[0]).not.toContain('derive-key');
  });

  it('scopes keys per caller: another caller replaying the key and body gets its own payment, not the first one', async () => {
    const { pay } = setup();
    const a = await pay({ amount: 100 }, 'shared-key-0001', 'apikey:a');
    const b = await pay({ amount: 100 }, 'shared-key-0001', 'apikey:b');
    expect(a.response.statusCode).toBe(201);
    expect(b.response.statusCode).toBe(201);
    expect(b.replayed).toBe(false);
    expect(b.response.body.paymentId).not.toBe(a.response.body.paymentId);
  });

  it('replays a final answer without calling the processor', async () => {
    const { tracer, processor, pay } = setup();
    const first = await pay();
    const calls = processor.calls.length;
    tracer.stages.length = 0;
    const r = await pay();
    expect(r).toMatchObject({
      outcome: 'replayed',
      replayed: true,
      response: { statusCode: 201, headers: { 'Idempotent-Replayed': 'true' } },
    });
    expect(r.response.body).toEqual(first.response.body);
    expect(processor.calls.length).toBe(calls);
    expect(tracer.stages.map((s) => s.name)).toEqual(['validate', 'reserve']);
  });

  it('answers a key reused with another body with 409 idempotency_key_reused (a client error on reserve)', async () => {
    const { tracer, pay } = setup();
    await pay({ amount: 1 });
    tracer.stages.length = 0;
    const r = await pay({ amount: 2 });
    expect(r.response).toMatchObject({ statusCode: 409, body: { error: 'idempotency_key_reused' } });
    expect(tracer.stages[1]).toMatchObject({
      name: 'reserve',
      clientError: true,
      annotations: { outcome: 'conflict' },
    });
  });

  it('waits for a concurrent attempt of the same key, then answers 409 idempotency_key_in_use with Retry-After', async () => {
    const store = memoryStore();
    const processor = fakeProcessor();
    let release!: () => void;
    processor.hook = (op, point) =>
      op === 'authorize' && point === 'before' ? new Promise<void>((r) => (release = r)) : undefined;
    const { pay } = setup(store, processor);
    const first = pay({ paymentMethodToken: 'tok_slow_1' });
    await new Promise((r) => setTimeout(r, 20));
    const second = await pay({ paymentMethodToken: 'tok_slow_1' });
    expect(second.response).toMatchObject({
      statusCode: 409,
      headers: { 'Retry-After': '1' },
      body: { error: 'idempotency_key_in_use' },
    });
    release();
    expect((await first).response.statusCode).toBe(201);
    expect(processor.charges.get('tok_slow_1')).toBe(1);
  });

  it('answers 503 when the database is unreachable while reserving, 500 for a bug', async () => {
    const down = setup({
      ...memoryStore(),
      claim: async () => Promise.reject(failing('ECONNREFUSED', 'connect ECONNREFUSED')),
    });
    expect(await down.pay()).toMatchObject({
      failure: 'database_unavailable',
      response: { statusCode: 503 },
    });
    expect(down.tracer.stages[1]).toMatchObject({
      name: 'reserve',
      threw: true,
      annotations: { outcome: 'error' },
    });
    const bug = setup({
      ...memoryStore(),
      claim: async () => Promise.reject(new TypeError('x is undefined')),
    });
    expect(await bug.pay()).toMatchObject({ failure: 'internal_error', response: { statusCode: 500 } });
  });

  it.each(['25006', '57P01', '08006', '40001', '57014', '25P03'])(
    'classifies SQLSTATE %s (failover, shutdown, timeouts) as unavailable: 503, not 500',
    async (code) => {
      const { pay } = setup({ ...memoryStore(), claim: async () => Promise.reject(failing(code, 'db')) });
      expect((await pay()).response.statusCode).toBe(503);
    },
  );

  it('after a lost write following the capture: 503, and the retry resumes without a second charge', async () => {
    const store = memoryStore();
    const base = store.advance.bind(store);
    let failOnce = true;
    store.advance = async (id, from, t, dl) => {
      if (t.status === 'captured' && failOnce) {
        failOnce = false;
        throw failing('57P01', 'terminating connection due to administrator command');
      }
      return base(id, from, t, dl);
    };
    const { processor, pay } = setup(store);
    const first = await pay({ paymentMethodToken: 'tok_lost_write' }, 'lost-write-0001');
    expect(first.response.statusCode).toBe(503);
    const retry = await pay({ paymentMethodToken: 'tok_lost_write' }, 'lost-write-0001');
    expect(retry).toMatchObject({
      outcome: 'captured',
      resumed: true,
      capturedAmount: 1050,
      response: { statusCode: 201 },
    });
    expect(processor.charges.get('tok_lost_write')).toBe(1);
  });

  it('a processor fault answers 502 and the retry resumes: one charge', async () => {
    const processor = fakeProcessor();
    let fail = true;
    processor.hook = (op, point) => {
      if (op === 'capture' && point === 'after' && fail) {
        fail = false;
        throw Object.assign(new Error('socket hang up'), { name: 'ProcessorUnavailableError' });
      }
    };
    const { pay } = setup(memoryStore(), processor);
    // the fake throws a plain Error: a processor that throws anything is still not charged twice
    const first = await pay({ paymentMethodToken: 'tok_fault_1' }, 'fault-key-0001');
    expect(first.response.statusCode).toBeGreaterThanOrEqual(500);
    const retry = await pay({ paymentMethodToken: 'tok_fault_1' }, 'fault-key-0001');
    expect(retry.response.statusCode).toBe(201);
    expect(processor.charges.get('tok_fault_1')).toBe(1);
  });

  it('stops waiting for a hanging processor at the deadline (keeping the record reserve) and answers 502', async () => {
    const processor = fakeProcessor();
    processor.hook = (op) => (op === 'capture' ? new Promise<void>(() => undefined) : undefined);
    const { d, pay } = setup(memoryStore(), processor);
    d.timing.recordReserveMs = 1000; // the processor call must end 1 s before the invocation does
    const started = Date.now();
    const r = await pay({ paymentMethodToken: 'tok_hang_1' }, 'hang-key-0001', 'apikey:a', 2000);
    const elapsed = Date.now() - started;
    expect(r.response).toMatchObject({ statusCode: 502, body: { error: 'processor_unavailable' } });
    expect(elapsed).toBeLessThan(2000); // answered before the invocation would have ended
    processor.hook = undefined;
    const retry = await pay({ paymentMethodToken: 'tok_hang_1' }, 'hang-key-0001');
    expect(retry.response.statusCode).toBe(201);
    expect(processor.charges.get('tok_hang_1')).toBe(1);
  });

  it('voids the authorization when capture fails, and answers 402 capture_failed', async () => {
    const { processor, tracer, pay } = setup();
    const r = await pay({ paymentMethodToken: 'tok_capture_fail_1' });
    expect(r.response).toMatchObject({ statusCode: 402, body: { reason: 'capture_failed' } });
    expect(tracer.stages.map((s) => s.name)).toEqual([
      'validate',
      'reserve',
      'authorize',
      'capture',
      'void',
      'persist',
    ]);
    expect(processor.openHolds('tok_capture_fail_1')).toBe(0);
    expect(processor.charges.get('tok_capture_fail_1')).toBeUndefined();
  });

  it('refuses a payment without a caller (no API key id) with 403, before the store', async () => {
    const store = memoryStore();
    const { pay } = setup(store);
    const r = await pay({}, 'nocaller-key-01', null);
    expect(r.response).toMatchObject({ statusCode: 403, body: { error: 'forbidden' } });
    expect(store.rows.size).toBe(0);
  });

  it('does not reach the store for invalid input', async () => {
    const store = memoryStore();
    const { tracer, pay } = setup(store);
    const r = await pay({ amount: -1 });
    expect(r).toMatchObject({
      outcome: 'rejected',
      failure: 'invalid_request',
      field: 'amount',
      response: { statusCode: 400 },
    });
    expect(store.rows.size).toBe(0);
    expect(tracer.stages).toEqual([
      {
        name: 'validate',
        annotations: { stage: 'validate', outcome: 'rejected', reason: 'invalid_request' },
        clientError: true,
        threw: false,
      },
    ]);
  });

  it('annotates every failed stage with an outcome the X-Ray failures group matches', async () => {
    const outcomes = new Set<string>();
    const collect = (t: ReturnType<typeof setup>['tracer']): void => {
      for (const s of t.stages) if (s.threw || s.clientError) outcomes.add(String(s.annotations.outcome));
    };
    const a = setup();
    await a.pay({ amount: -1 });
    await a.pay({ amount: 1 }, 'conflict-0001');
    await a.pay({ amount: 2 }, 'conflict-0001');
    collect(a.tracer);
    const b = setup({ ...memoryStore(), claim: async () => Promise.reject(failing('08006', 'db')) });
    await b.pay();
    collect(b.tracer);
    expect([...outcomes].sort()).toEqual(['conflict', 'error', 'rejected']);
    for (const o of outcomes) expect(FAILURE_OUTCOMES as readonly string[]).toContain(o);
  });
});
