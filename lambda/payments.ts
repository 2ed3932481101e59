/**
 * The payment flow, one X-Ray subsegment per stage:
 *
 *   validate -> reserve -> authorize -> capture -> persist
 *
 * `reserve` (claiming the idempotency key in a database transaction) runs before the processor is called,
 * so concurrent retries of one key wait for the first and then replay its answer: one charge per key.
 * `persist` writes the final answer and commits. Authorize declines skip capture and are persisted too, so
 * a retry of a declined payment gets the same 402.
 *
 * Each stage subsegment carries the annotations `stage`, `outcome` and (once validated) `currency`, plus
 * `reason` for declines and rejections (fixed sets). Never the amount, the token or the key.
 */
import { performance } from 'node:perf_hooks';
import type { Completion, PaymentStore, ReserveResult, StoredResponse } from './db';
import { errorInfo } from './errors';
import type { FailureReason } from './metrics';
import { ProcessorUnavailableError, type DeclineReason, type PaymentProcessor } from './processor';
import type { Span, Tracer } from './tracing';
import {
  requestHash,
  tokenFingerprint,
  validatePaymentRequest,
  type Currency,
  type HttpRequestLike,
  type PaymentRequest,
} from './validation';

export const STAGES = ['validate', 'reserve', 'authorize', 'capture', 'persist'] as const;
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
  /** Set only for a new capture (feeds PaymentAmount). */
  capturedAmount?: number;
  stageTimings: Partial<Record<Stage, number>>;
  replayed: boolean;
  /** The known field a validation failure is about (never a user-supplied name). */
  field?: string;
  error?: unknown;
}

export interface PaymentFlowDeps {
  store: PaymentStore;
  processor: PaymentProcessor;
  tracer: Tracer;
  now: () => Date;
  newId: () => string;
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

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

export async function processPayment(deps: PaymentFlowDeps, req: HttpRequestLike): Promise<FlowResult> {
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
      timings[stage] = round(performance.now() - started);
    }
  };
  const base = { stageTimings: timings, replayed: false };

  // validate ---------------------------------------------------------------------------------------
  const validation = await run('validate', async (span) => {
    const v = validatePaymentRequest(req);
    if (v.ok) {
      span.annotate('outcome', 'ok');
      span.annotate('currency', v.value.currency);
    } else {
      span.annotate('outcome', 'rejected');
      span.annotate('reason', v.reason);
      span.markClientError();
    }
    return v;
  });
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
  known.currency = p.currency;
  const paymentId = deps.newId();
  const mark = (span: Span, outcome: string, reason?: string): void => {
    span.annotate('outcome', outcome);
    if (reason) span.annotate('reason', reason);
  };

  // reserve ----------------------------------------------------------------------------------------
  let reserved: ReserveResult;
  try {
    reserved = await run('reserve', async (span) => {
      const r = await deps.store.reserve({
        id: paymentId,
        idempotencyKey: p.idempotencyKey,
        requestHash: requestHash(p),
        amount: p.amount,
        currency: p.currency,
        paymentMethodFingerprint: tokenFingerprint(p.paymentMethodToken),
      });
      if (r.kind === 'reserved') mark(span, 'ok');
      else if (r.kind === 'replay') mark(span, 'replayed');
      else {
        mark(span, 'conflict', 'idempotency_conflict');
        span.markClientError();
      }
      return r;
    });
  } catch (err) {
    return fault(base, p.currency, err);
  }

  if (reserved.kind === 'replay') {
    return {
      ...base,
      replayed: true,
      currency: p.currency,
      outcome: 'replayed',
      response: { ...toFlowResponse(reserved.response), headers: { 'Idempotent-Replayed': 'true' } },
    };
  }
  if (reserved.kind === 'conflict' || reserved.kind === 'in_progress') {
    const inProgress = reserved.kind === 'in_progress';
    return {
      ...base,
      currency: p.currency,
      outcome: 'conflict',
      failure: 'idempotency_conflict',
      field: 'Idempotency-Key',
      response: {
        statusCode: 409,
        body: {
          error: inProgress ? 'idempotency_key_in_use' : 'idempotency_key_reused',
          field: 'Idempotency-Key',
          message: inProgress
            ? 'A request with this Idempotency-Key is still being processed; retry later.'
            : 'This Idempotency-Key was already used with a different request body; use a new key for a new payment.',
        },
      },
    };
  }

  // authorize -> capture -> persist -----------------------------------------------------------------
  const reservation = reserved.reservation;
  try {
    const auth = await run('authorize', async (span) => {
      const a = await deps.processor.authorize({
        paymentId,
        amount: p.amount,
        currency: p.currency,
        token: p.paymentMethodToken,
      });
      if (a.approved) mark(span, 'approved');
      else mark(span, 'declined', a.reason);
      return a;
    });

    let completion: Completion;
    if (!auth.approved) {
      completion = declined(paymentId, p, auth.reason);
    } else {
      const cap = await run('capture', async (span) => {
        const c = await deps.processor.capture({
          paymentId,
          authorizationId: auth.authorizationId,
          amount: p.amount,
          token: p.paymentMethodToken,
        });
        if (c.captured) mark(span, 'captured');
        else mark(span, 'declined', c.reason);
        return c;
      });
      completion = cap.captured ? captured(paymentId, p, deps.now()) : declined(paymentId, p, cap.reason);
    }

    await run('persist', async (span) => {
      await reservation.complete(completion);
      mark(span, completion.status, completion.declineReason);
    });

    if (completion.status === 'captured') {
      return {
        ...base,
        currency: p.currency,
        outcome: 'captured',
        capturedAmount: p.amount,
        response: toFlowResponse(completion.response),
      };
    }
    return {
      ...base,
      currency: p.currency,
      outcome: 'declined',
      failure: completion.declineReason as DeclineReason,
      response: toFlowResponse(completion.response),
    };
  } catch (err) {
    await reservation.abort();
    return fault(base, p.currency, err);
  }
}

function toFlowResponse(r: StoredResponse): FlowResponse {
  return { statusCode: r.status, body: r.body };
}

function captured(paymentId: string, p: PaymentRequest, at: Date): Completion {
  return {
    status: 'captured',
    response: {
      status: 201,
      body: {
        paymentId,
        status: 'captured',
        amount: p.amount,
        currency: p.currency,
        createdAt: at.toISOString(),
      },
    },
  };
}

function declined(paymentId: string, p: PaymentRequest, reason: DeclineReason): Completion {
  return {
    status: 'declined',
    declineReason: reason,
    response: {
      status: 402,
      body: {
        paymentId,
        status: 'declined',
        error: 'payment_declined',
        reason,
        message: `The payment was declined (${reason}).`,
        amount: p.amount,
        currency: p.currency,
      },
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

/** True for errors that mean "the database (or its credentials) cannot be reached right now". */
export function isUnavailable(err: unknown): boolean {
  const info = errorInfo(err);
  if (!info) return false;
  const code = String(info.code ?? '');
  if (CONNECTIVITY_CODES.has(code)) return true;
  if (/^(08|57P|53)/.test(code) || code === '28P01') return true; // connection, shutdown, resources, auth
  if (['SecretError', 'HealthTimeoutError'].includes(info.name) || '$metadata' in (err as object))
    return true;
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
        body: {
          error: 'processor_unavailable',
          message:
            'The card processor could not be reached; nothing was charged. Retry with the same Idempotency-Key.',
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
          message: 'The payment service is temporarily unavailable; retry with the same Idempotency-Key.',
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
