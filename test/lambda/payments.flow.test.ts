/**
 * The payment flow with an in-memory store and a recording tracer: stage order, annotations, and what
 * happens to the reservation on every fault path (it must be released, never completed).
 */
import type { Completion, NewPayment, PaymentStore, ReserveResult } from '../../lambda/db';
import { processPayment, type PaymentFlowDeps } from '../../lambda/payments';
import { simulatedProcessor } from '../../lambda/processor';
import type { Span, Tracer } from '../../lambda/tracing';
import { paymentEvent } from '../support/lambda-events';

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
    captureClient: (c) => c,
  };
}

type Behaviour =
  'reserve' | 'replay' | 'conflict' | 'in_progress' | 'reserve-throws' | 'reserve-bug' | 'complete-throws';

function fakeStore(behaviour: Behaviour) {
  const log: string[] = [];
  const store: PaymentStore = {
    async reserve(p: NewPayment): Promise<ReserveResult> {
      log.push(`reserve:${p.idempotencyKey}`);
      switch (behaviour) {
        case 'replay':
          return { kind: 'replay', response: { status: 201, body: { paymentId: 'first' } } };
        case 'conflict':
          return { kind: 'conflict' };
        case 'in_progress':
          return { kind: 'in_progress' };
        case 'reserve-throws':
          throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' });
        case 'reserve-bug':
          throw new TypeError('cannot read properties of undefined');
        default:
          return {
            kind: 'reserved',
            reservation: {
              complete: async (c: Completion) => {
                log.push(`complete:${c.status}`);
                if (behaviour === 'complete-throws')
                  throw Object.assign(new Error('terminating connection'), { code: '57P01' });
              },
              abort: async () => {
                log.push('abort');
              },
            },
          };
      }
    },
    ping: async () => undefined,
  };
  return { store, log };
}

function deps(behaviour: Behaviour) {
  const tracer = recordingTracer();
  const { store, log } = fakeStore(behaviour);
  const d: PaymentFlowDeps = {
    store,
    processor: simulatedProcessor,
    tracer,
    now: () => new Date('2026-01-01T00:00:00Z'),
    newId: () => '00000000-0000-4000-8000-000000000001',
  };
  return { d, tracer, log };
}

describe('processPayment', () => {
  it('runs validate, reserve, authorize, capture, persist in order and completes the reservation', async () => {
    const { d, tracer, log } = deps('reserve');
    const r = await processPayment(d, paymentEvent({ amount: 500, currency: 'JPY' }, 'flow-key-0001'));
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
    expect(log).toEqual(['reserve:flow-key-0001', 'complete:captured']);
    for (const s of tracer.stages) expect(JSON.stringify(s.annotations)).not.toMatch(/500|tok_/);
  });

  it('replays without calling the processor', async () => {
    const { d, tracer } = deps('replay');
    const r = await processPayment(d, paymentEvent());
    expect(r).toMatchObject({
      outcome: 'replayed',
      replayed: true,
      response: { statusCode: 201, headers: { 'Idempotent-Replayed': 'true' } },
    });
    expect(tracer.stages.map((s) => s.name)).toEqual(['validate', 'reserve']);
  });

  it.each<[Behaviour, number, string]>([
    ['conflict', 409, 'idempotency_key_reused'],
    ['in_progress', 409, 'idempotency_key_in_use'],
  ])(
    'answers %s with %i %s and marks the reserve stage as a client error',
    async (behaviour, status, error) => {
      const { d, tracer } = deps(behaviour);
      const r = await processPayment(d, paymentEvent());
      expect(r.response).toMatchObject({ statusCode: status, body: { error } });
      expect(r.failure).toBe('idempotency_conflict');
      expect(tracer.stages[1]).toMatchObject({ name: 'reserve', clientError: true });
    },
  );

  it('answers 503 when the database is unreachable while reserving', async () => {
    const { d, tracer } = deps('reserve-throws');
    const r = await processPayment(d, paymentEvent());
    expect(r).toMatchObject({
      outcome: 'error',
      failure: 'database_unavailable',
      response: { statusCode: 503 },
    });
    expect(tracer.stages[1]).toMatchObject({
      name: 'reserve',
      threw: true,
      annotations: { outcome: 'error' },
    });
  });

  it('answers 500 for an unexpected error (a bug), not 503', async () => {
    const { d } = deps('reserve-bug');
    const r = await processPayment(d, paymentEvent());
    expect(r).toMatchObject({
      failure: 'internal_error',
      response: { statusCode: 500, body: { error: 'internal_error' } },
    });
  });

  it('aborts the reservation when persisting fails, and answers 503', async () => {
    const { d, log } = deps('complete-throws');
    const r = await processPayment(d, paymentEvent());
    expect(r.response.statusCode).toBe(503);
    expect(log).toEqual([expect.stringMatching(/^reserve:/), 'complete:captured', 'abort']);
  });

  it('aborts the reservation on a processor fault and answers 502', async () => {
    const { d, log, tracer } = deps('reserve');
    const r = await processPayment(d, paymentEvent({ paymentMethodToken: 'tok_processor_error' }));
    expect(r).toMatchObject({ failure: 'processor_error', response: { statusCode: 502 } });
    expect(log).toEqual([expect.stringMatching(/^reserve:/), 'abort']);
    expect(tracer.stages.map((s) => [s.name, s.threw])).toEqual([
      ['validate', false],
      ['reserve', false],
      ['authorize', true],
    ]);
  });

  it('does not reach the store for invalid input', async () => {
    const { d, log, tracer } = deps('reserve');
    const r = await processPayment(d, paymentEvent({ amount: -1 }));
    expect(r).toMatchObject({
      outcome: 'rejected',
      failure: 'invalid_request',
      field: 'amount',
      response: { statusCode: 400 },
    });
    expect(log).toEqual([]);
    expect(tracer.stages).toEqual([
      {
        name: 'validate',
        annotations: { stage: 'validate', outcome: 'rejected', reason: 'invalid_request' },
        clientError: true,
        threw: false,
      },
    ]);
  });
});
