/**
 * The card processor, simulated locally and deterministically (no network): the outcome depends only on
 * the token and the payment id, so tests can drive every path.
 *
 * | token prefix | authorize | capture |
 * | --- | --- | --- |
 * | tok_decline | declined, reason card_declined (402) | - |
 * | tok_insufficient_funds | declined, reason insufficient_funds (402) | - |
 * | tok_capture_fail | approved | declined, reason capture_failed (402) |
 * | tok_processor_error | throws ProcessorUnavailableError (502, nothing persisted) | - |
 * | anything else | approved | captured |
 */
import { createHash } from 'node:crypto';

export type DeclineReason = 'card_declined' | 'insufficient_funds' | 'capture_failed';

export type AuthorizeResult =
  { approved: true; authorizationId: string } | { approved: false; reason: DeclineReason };
export type CaptureResult =
  { captured: true; captureId: string } | { captured: false; reason: DeclineReason };

export interface PaymentProcessor {
  authorize(req: {
    paymentId: string;
    amount: number;
    currency: string;
    token: string;
  }): Promise<AuthorizeResult>;
  capture(req: {
    paymentId: string;
    authorizationId: string;
    amount: number;
    token: string;
  }): Promise<CaptureResult>;
}

export class ProcessorUnavailableError extends Error {
  override readonly name = 'ProcessorUnavailableError';
  constructor() {
    super('the card processor is unavailable');
  }
}

const ref = (prefix: string, seed: string): string =>
  `${prefix}_${createHash('sha256').update(seed).digest('hex').slice(0, 20)}`;

export const simulatedProcessor: PaymentProcessor = {
  async authorize({ paymentId, token }) {
    if (token.startsWith('tok_processor_error')) throw new ProcessorUnavailableError();
    if (token.startsWith('tok_decline')) return { approved: false, reason: 'card_declined' };
    if (token.startsWith('tok_insufficient_funds')) return { approved: false, reason: 'insufficient_funds' };
    return { approved: true, authorizationId: ref('auth', paymentId) };
  },
  async capture({ paymentId, token }) {
    if (token.startsWith('tok_capture_fail')) return { captured: false, reason: 'capture_failed' };
    return { captured: true, captureId: ref('cap', paymentId) };
  },
};
