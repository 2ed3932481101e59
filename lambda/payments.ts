/**
 * The payment flow: at most one charge per (caller, Idempotency-Key), under any failure.
 *
 *   validate -> reserve -> authorize -> capture -> persist        (void instead of persist-captured when
 *                                                                  capture fails or the payment is abandoned)
 *
 * 1. `reserve` commits a `pending` row (or takes over an open one whose lease expired) BEFORE the processor
 *    is called. From then on the payment exists in the database whatever happens to this attempt.
 * 2. Every processor call carries an idempotency key derived from the caller and the client's key
 *    ({@link processorKey}), the same on every retry in every execution environment: the processor itself
 *    answers a repeated call with its first result and never charges twice.
 * 3. Each processor outcome is recorded in its own committed write (pending -> authorized -> captured,
 *    or -> voiding -> voided, or -> declined). A retry resumes from the recorded stage; whatever was lost
 *    (the answer of a call, the write after it) is re-derived by repeating the idempotent call.
 * 4. A deadline taken from the invocation's remaining time bounds every processor call and database call,
 *    keeping RECORD_RESERVE_MS to record the outcome and answer: no call is started that could not be
 *    recorded, and a call that runs over is abandoned (its outcome is reconciled by the retry).
 *
 * Each stage subsegment carries the annotations `stage`, `outcome` and (once validated) `currency`, plus
 * `reason` for declines and rejections (fixed sets). Never the amount, the token or the key. Failure
 * outcomes are from {error, declined, rejected, conflict} (the X-Ray failures group filters on them).
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  DeadlineExceededError,
  FINAL_STATUSES,
  type Deadline,
  type PaymentRecord,
  type PaymentStatus,
  type PaymentStore,
  type StoredResponse,
  type Transition,
} from './db';
import { errorInfo } from './errors';
import type { FailureReason } from './metrics';
import {
  ProcessorTimeoutError,
  ProcessorUnavailableError,
  type CallOptions,
  type DeclineReason,
  type PaymentProcessor,
} from './processor';
import type { Span, Tracer } from './tracing';
import {
  requestHash,
  tokenFingerprint,
  validatePaymentRequest,
  type Currency,
  type HttpRequestLike,
} from './validation';

import { STAGES } from './contract';

export { STAGES };
export type Stage = (typeof STAGES)[number];

export type Outcome = 'captured' | 'declined' | 'rejected' | 'replayed' | 'conflict' | 'error';

export interface FlowResponse {
  statusCode: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface FlowResult {
  response: FlowResponse;
  outcome: Outcome;
  failure?: FailureReason;
  currency?: Currency;
  /** Set only when this attempt recorded the capture (feeds PaymentAmount once per payment). */
  capturedAmount?: number;
  stageTimings: Partial<Record<Stage, number>>;
  replayed: boolean;
  /** This attempt took over an open payment left by an earlier attempt. */
  resumed?: boolean;
  /** The known field a validation failure is about (never a user-supplied name). */
  field?: string;
  error?: unknown;
}

export interface FlowTiming {
  /** Upper bound of one processor call. */
  processorTimeoutMs: number;
  /** Kept back from the end of the invocation to record an outcome and answer. */
  recordReserveMs: number;
  /** How long a retry waits for a concurrent attempt of the same key before answering 409. */
  inProgressWaitMs: number;
}

export interface PaymentFlowDeps {
  store: PaymentStore;
  processor: PaymentProcessor;
  tracer: Tracer;
  now: () => Date;
  newId: () => string;
  timing: FlowTiming;
  /** Epoch ms (defaults to Date.now); the deadline arithmetic uses it. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface FlowInput {
  request: HttpRequestLike;
  /** Who is calling (the API key id); undefined: unknown caller, refused. */
  caller: string | undefined;
  /** Epoch ms at which the invocation ends (Lambda kills it): from getRemainingTimeInMillis. */
  endsAt: number;
}

const KNOWN_LOG_FIELDS = new Set([
  'amount',
  'currency',
  'paymentMethodToken',
  'description',
  'Idempotency-Key',
  'Content-Type',
  'body',
]);

/** Time a database write needs at least; nothing is started with less left than this. */
const MIN_DB_MS = 50;

const round = (ms: number): number => Math.round(ms * 1000) / 1000;
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** SHA-256 of the client's key: the only form of the key that is stored. */
export function keyHash(idempotencyKey: string): string {
  return sha256(`idempotency-key:${idempotencyKey}`);
}

/**
 * The idempotency key sent to the processor: derived from the caller and the client's key, identical on
 * every retry in every execution environment, different between callers. Hex SHA-256 (64 characters):
 * reveals neither.
 */
export function processorKey(caller: string, idempotencyKey: string): string {
  return sha256(`processor:v1\n${caller}\n${idempotencyKey}`);
}

export async function processPayment(deps: PaymentFlowDeps, input: FlowInput): Promise<FlowResult> {
  const clock = deps.clock ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timings: Partial<Record<Stage, number>> = {};
  const known: { currency?: Currency } = {}; // annotated on every stage once validated, on every path
  const run = async <T>(stage: Stage, fn: (span: Span) => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await deps.tracer.stage(stage, async (span) => {
        span.annotate('stage', stage);
        if (known.currency) span.annotate('currency', known.currency);
        try {
          return await fn(span);
        } catch (err) {
          span.annotate('outcome', 'error');
          throw err;
        }
      });
    } finally {
      timings[stage] = round((timings[stage] ?? 0) + performance.now() - started);
    }
  };
  const base = { stageTimings: timings, replayed: false };
  const mark = (span: Span, outcome: string, reason?: string): void => {
    span.annotate('outcome', outcome);
    if (reason) span.annotate('reason', reason);
  };

  // validate ---------------------------------------------------------------------------------------
  const validation = await run('validate', async (span) => {
    const v = validatePaymentRequest(input.request);
    if (v.ok && input.caller === undefined) {
      mark(span, 'rejected', 'invalid_request');
      span.markClientError();
      return undefined;
    }
    if (v.ok) {
      span.annotate('outcome', 'ok');
      span.annotate('currency', v.value.currency);
    } else {
      mark(span, 'rejected', v.reason);
      span.markClientError();
    }
    return v;
  });
  if (validation === undefined) {
    return {
      ...base,
      outcome: 'rejected',
      failure: 'invalid_request',
      response: {
        statusCode: 403,
        body: {
          error: 'forbidden',
          message: 'Payments need an API key: send your key in the x-api-key header.',
        },
      },
    };
  }
  if (!validation.ok) {
    const body: Record<string, unknown> = { error: validation.error, message: validation.message };
    if (validation.field !== undefined) body.field = validation.field;
    return {
      ...base,
      response: { statusCode: validation.status, body },
      outcome: 'rejected',
      failure: validation.reason,
      field: validation.field && KNOWN_LOG_FIELDS.has(validation.field) ? validation.field : undefined,
    };
  }

  const p = validation.value;
  const caller = input.caller as string;
  known.currency = p.currency;
  // Processor calls must end early enough to record their outcome; database writes may use the rest.
  const callsEnd: Deadline = { at: input.endsAt - deps.timing.recordReserveMs };
  const writesEnd: Deadline = { at: input.endsAt - Math.min(200, deps.timing.recordReserveMs / 2) };
  const attempt = deps.newId();
  const hash = keyHash(p.idempotencyKey);
  const procKey = processorKey(caller, p.idempotencyKey);
  // Hashed once: a busy key is claimed again after each pause with the same payment.
  const payment = {
    id: attempt,
    caller,
    keyHash: hash,
    requestHash: requestHash(p),
    amount: p.amount,
    currency: p.currency,
    paymentMethodFingerprint: tokenFingerprint(p.paymentMethodToken),
    processorKey: procKey,
  };

  // reserve ----------------------------------------------------------------------------------------
  let record: PaymentRecord;
  let resumed = false;
  try {
    const claimed = await run('reserve', async (span) => {
      const waitUntil = Math.min(clock() + deps.timing.inProgressWaitMs, callsEnd.at);
      for (let pause = 25; ; pause = Math.min(pause * 2, 250)) {
        const c = await deps.store.claim(payment, attempt, writesEnd);
        if (c.kind === 'claimed') mark(span, c.resumed ? 'resumed' : 'ok');
        else if (c.kind === 'final') mark(span, 'replayed');
        else if (c.kind === 'busy' && clock() + pause < waitUntil) {
          await sleep(pause); // a concurrent attempt drives this key: wait for its answer
          continue;
        } else {
          mark(span, 'conflict', 'idempotency_conflict');
          span.markClientError();
        }
        return c;
      }
    });
    if (claimed.kind === 'final') return replay(base, p.currency, claimed.record);
    if (claimed.kind !== 'claimed') return conflict(base, p.currency, claimed.kind === 'busy');
    record = claimed.record;
    resumed = claimed.resumed;
  } catch (err) {
    return fault(base, p.currency, err);
  }

  // authorize -> capture | void -> persist ----------------------------------------------------------
  const call = async <T>(what: string, fn: (opts: CallOptions) => Promise<T>): Promise<T> => {
    const remaining = Math.min(callsEnd.at - clock(), deps.timing.processorTimeoutMs);
    if (remaining < MIN_DB_MS) throw new DeadlineExceededError(`the processor ${what} call`);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new ProcessorTimeoutError());
      }, remaining);
    });
    try {
      return await Promise.race([fn({ signal: controller.signal }), late]);
    } finally {
      clearTimeout(timer);
    }
  };
  let capturedNow = false;
  const advance = async (from: PaymentStatus[], t: Transition): Promise<PaymentRecord> => {
    const a = await deps.store.advance(record.id, from, t, writesEnd);
    if (a.moved && t.status === 'captured') capturedNow = true; // this attempt recorded the capture
    return a.record;
  };

  try {
    // Every iteration moves the row forward (or finds it moved by another attempt): at most 4 steps.
    for (let step = 0; step < 8 && !FINAL_STATUSES.includes(record.status); step++) {
      const r = record;
      if (r.status === 'pending') {
        const auth = await run('authorize', async (span) => {
          const a = await call('authorize', (o) =>
            deps.processor.authorize(
              {
                idempotencyKey: `${r.processorKey}:authorize`,
                amount: r.amount,
                currency: r.currency,
                token: p.paymentMethodToken,
              },
              o,
            ),
          );
          if (a.approved) mark(span, 'approved');
          else mark(span, 'declined', a.reason);
          // the approval is recorded inside the stage: a lost write is visible on its subsegment
          return a.approved
            ? {
                a,
                rec: await advance(['pending'], { status: 'authorized', authorizationId: a.authorizationId }),
              }
            : { a };
        });
        if (auth.rec) record = auth.rec;
        else if (!auth.a.approved) {
          const reason = auth.a.reason;
          record = await run('persist', async (span) => {
            const rec = await advance(['pending'], {
              status: 'declined',
              declineReason: reason,
              response: declinedResponse(r, reason),
            });
            mark(span, rec.status === 'declined' ? 'declined' : rec.status, rec.declineReason);
            return rec;
          });
        }
      } else if (r.status === 'authorized') {
        const authorizationId = r.authorizationId as string;
        const cap = await run('capture', async (span) => {
          const c = await call('capture', (o) =>
            deps.processor.capture(
              {
                idempotencyKey: `${r.processorKey}:capture`,
                authorizationId,
                amount: r.amount,
                currency: r.currency,
              },
              o,
            ),
          );
          if (c.captured) mark(span, 'captured');
          else mark(span, 'declined', c.reason);
          return c;
        });
        if (cap.captured) {
          record = await run('persist', async (span) => {
            const rec = await advance(['authorized'], {
              status: 'captured',
              captureId: cap.captureId,
              response: capturedResponse(r),
            });
            mark(span, rec.status);
            return rec;
          });
        } else {
          // Capture failed: release the authorization (void) before answering.
          record = await advance(['authorized'], { status: 'voiding', declineReason: cap.reason });
        }
      } else if (r.status === 'voiding') {
        record = await voidAuthorization(r);
      }
    }
    if (!FINAL_STATUSES.includes(record.status) || !record.response) {
      throw new Error(`payment left in state ${record.status}`);
    }
  } catch (err) {
    // Give the lease back so a retry resumes at once (best effort: it also expires at the deadline).
    await deps.store.release(record.id, attempt, writesEnd).catch(() => undefined);
    return { ...fault(base, p.currency, err), resumed };
  }

  const response = record.response as StoredResponse;
  const result: FlowResult = {
    ...base,
    resumed,
    currency: p.currency,
    outcome: record.status === 'captured' ? 'captured' : 'declined',
    response: { statusCode: response.status, body: response.body },
  };
  if (record.status === 'captured') {
    if (capturedNow) result.capturedAmount = record.amount;
  } else {
    result.failure = (record.declineReason ?? 'capture_failed') as FailureReason;
  }
  return result;

  async function voidAuthorization(r: PaymentRecord): Promise<PaymentRecord> {
    const v = await run('void', async (span) => {
      const out = await call('void', (o) =>
        deps.processor.void(
          { idempotencyKey: `${r.processorKey}:void`, authorizationId: r.authorizationId as string },
          o,
        ),
      );
      mark(span, out.voided ? 'voided' : 'reconciled');
      return out;
    });
    return run('persist', async (span) => {
      // A void refused because the authorization was captured after all: the payment went through.
      const rec = v.voided
        ? await advance(['voiding'], {
            status: 'voided',
            response: declinedResponse(r, (r.declineReason ?? 'capture_failed') as DeclineReason),
          })
        : await advance(['voiding'], {
            status: 'captured',
            captureId: v.captureId,
            response: capturedResponse(r),
          });
      mark(span, rec.status === 'voided' ? 'declined' : rec.status, rec.declineReason);
      return rec;
    });
  }
}

/** Answers with the stored first result of a key. */
function replay(base: Pick<FlowResult, 'stageTimings'>, currency: Currency, r: PaymentRecord): FlowResult {
  const response = r.response as StoredResponse;
  return {
    ...base,
    replayed: true,
    currency,
    outcome: 'replayed',
    response: {
      statusCode: response.status,
      body: response.body,
      headers: { 'Idempotent-Replayed': 'true' },
    },
  };
}

function conflict(
  base: Pick<FlowResult, 'stageTimings' | 'replayed'>,
  currency: Currency,
  inProgress: boolean,
): FlowResult {
  return {
    ...base,
    currency,
    outcome: 'conflict',
    failure: 'idempotency_conflict',
    field: 'Idempotency-Key',
    response: {
      statusCode: 409,
      ...(inProgress ? { headers: { 'Retry-After': '1' } } : {}),
      body: {
        error: inProgress ? 'idempotency_key_in_use' : 'idempotency_key_reused',
        field: 'Idempotency-Key',
        message: inProgress
          ? 'A request with this Idempotency-Key is still being processed; retry with the same key after Retry-After seconds.'
          : 'This Idempotency-Key was already used with a different request body; use a new key for a new payment.',
      },
    },
  };
}

function capturedResponse(r: PaymentRecord): StoredResponse {
  return {
    status: 201,
    body: {
      paymentId: r.id,
      status: 'captured',
      amount: r.amount,
      currency: r.currency,
      createdAt: r.createdAt.toISOString(),
    },
  };
}

function declinedResponse(r: PaymentRecord, reason: DeclineReason): StoredResponse {
  return {
    status: 402,
    body: {
      paymentId: r.id,
      status: 'declined',
      error: 'payment_declined',
      reason,
      message:
        reason === 'capture_failed'
          ? 'The payment could not be captured and its authorization was released; nothing was charged.'
          : `The payment was declined (${reason}).`,
      amount: r.amount,
      currency: r.currency,
    },
  };
}

const CONNECTIVITY_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

/**
 * SQLSTATEs that mean "retry later", not "bug": connection exceptions (08), operator intervention incl.
 * admin/crash shutdown and query cancel by statement_timeout (57), insufficient resources (53),
 * read-only transaction on a demoted writer after a failover (25006), idle-in-transaction timeout
 * (25P03), serialization failure and deadlock (40001, 40P01), lock not available (55P03), invalid
 * password after a rotation (28P01). PostgreSQL 15 Appendix A.
 */
const RETRYABLE_SQLSTATE = /^(08|57|53|25006|25P03|40001|40P01|55P03|28P01)/;

/** True for errors that mean "the database (or its credentials) cannot be reached right now". */
export function isUnavailable(err: unknown): boolean {
  const info = errorInfo(err);
  if (!info) return false;
  const code = String(info.code ?? '');
  if (CONNECTIVITY_CODES.has(code)) return true;
  if (RETRYABLE_SQLSTATE.test(code)) return true;
  if (['SecretError', 'HealthTimeoutError', 'DeadlineExceededError'].includes(info.name)) return true;
  if ('$metadata' in (err as object)) return true;
  return /timeout|terminated|connection|connect/i.test(info.message);
}

function fault(
  base: Pick<FlowResult, 'stageTimings' | 'replayed'>,
  currency: Currency,
  err: unknown,
): FlowResult {
  if (err instanceof ProcessorUnavailableError) {
    return {
      ...base,
      currency,
      outcome: 'error',
      failure: 'processor_error',
      error: err,
      response: {
        statusCode: 502,
        headers: { 'Retry-After': '1' },
        body: {
          error: 'processor_unavailable',
          message:
            'The card processor could not be reached. Retry with the same Idempotency-Key: the payment is resumed, never charged twice.',
        },
      },
    };
  }
  if (isUnavailable(err)) {
    return {
      ...base,
      currency,
      outcome: 'error',
      failure: 'database_unavailable',
      error: err,
      response: {
        statusCode: 503,
        headers: { 'Retry-After': '1' },
        body: {
          error: 'service_unavailable',
          message:
            'The payment service is temporarily unavailable. Retry with the same Idempotency-Key: the payment is resumed, never charged twice.',
        },
      },
    };
  }
  return {
    ...base,
    currency,
    outcome: 'error',
    failure: 'internal_error',
    error: err,
    response: { statusCode: 500, body: { error: 'internal_error', message: 'An internal error occurred.' } },
  };
}

/**
 * Releases abandoned payments: an open row (pending, authorized or voiding) untouched for `idleMs` is
 * leased, its authorization obtained (idempotently) and voided, and the row closed as `voided` (402
 * `payment_abandoned` for a late retry); a void refused because the authorization was captured closes it
 * as captured (reconciliation). One row per call. Run from a schedule (handler.ts, an EventBridge event).
 */
export async function sweepAbandoned(
  deps: Pick<PaymentFlowDeps, 'store' | 'processor' | 'newId' | 'timing'> & { clock?: () => number },
  idleMs: number,
  endsAt: number,
): Promise<PaymentStatus | undefined> {
  const clock = deps.clock ?? Date.now;
  const owner = deps.newId();
  const writesEnd = { at: endsAt - 200 };
  const r = await deps.store.claimAbandoned(owner, idleMs, writesEnd);
  if (!r) return undefined;
  const signal = AbortSignal.timeout(
    Math.max(1, Math.min(deps.timing.processorTimeoutMs, endsAt - deps.timing.recordReserveMs - clock())),
  );
  const abandoned = (rec: PaymentRecord): StoredResponse => ({
    status: 402,
    body: {
      paymentId: rec.id,
      status: 'declined',
      error: 'payment_abandoned',
      reason: 'abandoned',
      message:
        'The payment was not completed in time and its authorization was released; nothing was charged. Use a new Idempotency-Key to pay.',
      amount: rec.amount,
      currency: rec.currency,
    },
  });
  try {
    const authorizationId = r.authorizationId;
    if (r.status === 'pending') {
      // No authorization was recorded. The token is not stored, so the sweep cannot ask the processor
      // again: the row is closed (a late retry gets 402, never a charge). An authorization whose answer
      // was lost lapses at the processor on its own.
      const { record: rec } = await deps.store.advance(
        r.id,
        ['pending'],
        { status: 'voided', declineReason: 'abandoned', response: abandoned(r) },
        writesEnd,
      );
      return rec.status;
    }
    if (authorizationId === undefined) throw new Error('authorized payment without an authorization id');
    const v = await deps.processor.void(
      { idempotencyKey: `${r.processorKey}:void`, authorizationId },
      { signal },
    );
    const { record: rec } = v.voided
      ? await deps.store.advance(
          r.id,
          ['authorized', 'voiding'],
          {
            status: 'voided',
            declineReason: r.declineReason ?? 'abandoned',
            response:
              r.status === 'voiding'
                ? declinedResponse(r, (r.declineReason ?? 'capture_failed') as DeclineReason)
                : abandoned(r),
          },
          writesEnd,
        )
      : await deps.store.advance(
          r.id,
          ['authorized', 'voiding'],
          { status: 'captured', captureId: v.captureId, response: capturedResponse(r) },
          writesEnd,
        );
    return rec.status;
  } catch (err) {
    await deps.store.release(r.id, owner, writesEnd).catch(() => undefined);
    throw err;
  }
}
