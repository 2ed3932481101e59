/**
 * The card processor interface, and a local simulation of it.
 *
 * Idempotency is the processor's contract, as with real card processors (an `Idempotency-Key` on every
 * mutating call): the same `idempotencyKey` on `authorize`, `capture` or `void` returns the result of the
 * first call and never moves money again. The handler derives that key from the caller and the client's
 * Idempotency-Key (payments.ts `processorKey`), so a retry after any failure, in any execution
 * environment, is recognised by the processor itself even when our own database lost the last write.
 *
 * Every call gets an AbortSignal bounded by the invocation's deadline; an implementation that talks to a
 * network must pass it to its HTTP client. The handler also stops waiting at the deadline (payments.ts).
 *
 * The simulation is stateless and deterministic: outcomes depend on the token, ids on the idempotency
 * key (so it is idempotent by construction and needs no shared state between execution environments).
 *
 * | token prefix | authorize | capture |
 * | --- | --- | --- |
 * | tok_decline | declined, reason card_declined (402) | - |
 * | tok_insufficient_funds | declined, reason insufficient_funds (402) | - |
 * | tok_capture_fail | approved | declined, reason capture_failed (402; the authorization is voided) |
 * | tok_processor_error | throws ProcessorUnavailableError (502; retry with the same key) | - |
 * | anything else | approved | captured |
 */
import { createHash } from 'node:crypto';

export type DeclineReason = 'card_declined' | 'insufficient_funds' | 'capture_failed';

export type AuthorizeResult =
  { approved: true; authorizationId: string } | { approved: false; reason: DeclineReason };
export type CaptureResult =
  { captured: true; captureId: string } | { captured: false; reason: DeclineReason };
/** `already_captured`: the authorization was captured before (reconciliation: the payment went through). */
export type VoidResult = { voided: true } | { voided: false; alreadyCaptured: true; captureId: string };

export interface CallOptions {
  /** Aborted at the invocation's deadline. */
  signal: AbortSignal;
}

export interface PaymentProcessor {
  authorize(
    req: { idempotencyKey: string; amount: number; currency: string; token: string },
    opts: CallOptions,
  ): Promise<AuthorizeResult>;
  capture(
    req: { idempotencyKey: string; authorizationId: string; amount: number; currency: string },
    opts: CallOptions,
  ): Promise<CaptureResult>;
  /** Releases an authorization that will not be captured (capture failed, or the payment was abandoned). */
  void(req: { idempotencyKey: string; authorizationId: string }, opts: CallOptions): Promise<VoidResult>;
}

export class ProcessorUnavailableError extends Error {
  override readonly name: string = 'ProcessorUnavailableError';
  constructor(message = 'the card processor is unavailable') {
    super(message);
  }
}

/** The processor did not answer before the invocation's deadline: the outcome of the call is unknown. */
export class ProcessorTimeoutError extends ProcessorUnavailableError {
  override readonly name: string = 'ProcessorTimeoutError';
  constructor() {
    super('the card processor did not answer before the deadline');
  }
}

const ref = (prefix: string, seed: string): string =>
  `${prefix}_${createHash('sha256').update(seed).digest('hex').slice(0, 20)}`;

/** Tokens are not sent to capture (the authorization carries the card): the simulation encodes it in the id. */
const CAPTURE_FAIL_MARK = ':capture-fails';

export const simulatedProcessor: PaymentProcessor = {
  async authorize({ idempotencyKey, token }) {
    if (token.startsWith('tok_processor_error')) throw new ProcessorUnavailableError();
    if (token.startsWith('tok_decline')) return { approved: false, reason: 'card_declined' };
    if (token.startsWith('tok_insufficient_funds')) return { approved: false, reason: 'insufficient_funds' };
    const id = ref('auth', idempotencyKey);
    return {
      approved: true,
      authorizationId: token.startsWith('tok_capture_fail') ? `${id}${CAPTURE_FAIL_MARK}` : id,
    };
  },
  async capture({ idempotencyKey, authorizationId }) {
    if (authorizationId.endsWith(CAPTURE_FAIL_MARK)) return { captured: false, reason: 'capture_failed' };
    return { captured: true, captureId: ref('cap', idempotencyKey) };
  },
  async void() {
    return { voided: true };
  },
};
