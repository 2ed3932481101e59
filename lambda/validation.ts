/**
 * Validation of `POST /payments` (pure: no I/O, no clock).
 *
 * Contract
 * - Header `Idempotency-Key` (required, case-insensitive name): 8..255 visible ASCII characters. The key is
 *   a header only (not a body field) so that the body hash compares payment data alone.
 * - Body: a JSON object with exactly these fields
 *   - `currency`: ISO 4217 code from {@link CURRENCIES}, upper case (checked before the amount);
 *   - `amount`: integer number of minor units of that currency (its ISO 4217 exponent: cents for USD,
 *     yen for JPY), 1..the currency's limit (money.ts; a JSON number, not a string);
 *   - `paymentMethodToken`: a token from the tokenization service, `tok_` + 4..100 of [A-Za-z0-9_];
 *   - `description` (optional): string of at most 200 characters.
 * - A card number (the precise reading of pan.ts: a whole written number in a scheme's issuer range,
 *   Luhn-valid, digits of any script, any separators) anywhere in the body (raw text, decoded JSON
 *   strings, numbers or keys, or split across consecutive fields) or in the idempotency key is rejected
 *   first, with 400
 *   `card_data_not_allowed`, before the body is parsed any further; the offending text is never echoed
 *   or logged.
 * - Bodies over 16 KiB get 413; a Content-Type other than JSON gets 415.
 */
import { createHash } from 'node:crypto';
import { CURRENCIES, isCurrency, maxMinor, minorUnitExample, type Currency } from './money';
import { containsPan, findPanInValue } from './pan';

export { CURRENCIES, type Currency } from './money';

export const MIN_AMOUNT_MINOR = 1;
export const MAX_BODY_BYTES = 16 * 1024;
export const MAX_DESCRIPTION = 200;
export const TOKEN_PATTERN = /^tok_[A-Za-z0-9_]{4,100}$/;
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{8,255}$/;
const KNOWN_FIELDS = new Set(['amount', 'currency', 'paymentMethodToken', 'description']);

export interface PaymentRequest {
  idempotencyKey: string;
  amount: number;
  currency: Currency;
  paymentMethodToken: string;
  description?: string;
}

/** Why a request was refused; a fixed, low-cardinality set (used as the metric dimension `Reason`). */
export type RejectionReason = 'invalid_request' | 'card_data_rejected';

export interface ValidationFailure {
  ok: false;
  status: 400 | 413 | 415;
  reason: RejectionReason;
  error: string;
  /** The field at fault; user-supplied field names are only echoed after the PAN check has passed. */
  field?: string;
  message: string;
}

export type ValidationResult = { ok: true; value: PaymentRequest } | ValidationFailure;

export interface HttpRequestLike {
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/** Case-insensitive header lookup. */
export function header(headers: HttpRequestLike['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === wanted && typeof v === 'string') return v;
  }
  return undefined;
}

const invalid = (field: string | undefined, message: string): ValidationFailure => ({
  ok: false,
  status: 400,
  reason: 'invalid_request',
  error: 'invalid_request',
  field,
  message,
});

const cardData = (field: string | undefined): ValidationFailure => ({
  ok: false,
  status: 400,
  reason: 'card_data_rejected',
  error: 'card_data_not_allowed',
  field,
  message:
    'The request appears to contain a card number. Card numbers must never be sent to this API: ' +
    'send the paymentMethodToken issued by the tokenization service instead.',
});

export function validatePaymentRequest(req: HttpRequestLike): ValidationResult {
  const contentType = header(req.headers, 'content-type');
  if (contentType !== undefined && !/^\s*application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    return {
      ok: false,
      status: 415,
      reason: 'invalid_request',
      error: 'unsupported_media_type',
      field: 'Content-Type',
      message: 'Content-Type must be application/json',
    };
  }

  if (req.body === undefined || req.body === null || req.body === '') {
    return invalid('body', 'a JSON request body is required');
  }
  const raw = req.isBase64Encoded ? Buffer.from(req.body, 'base64').toString('utf8') : req.body;
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
    return {
      ok: false,
      status: 413,
      reason: 'invalid_request',
      error: 'payload_too_large',
      field: 'body',
      message: `the request body must be at most ${MAX_BODY_BYTES} bytes`,
    };
  }

  // Card data first, on the raw text, before anything else looks at the content.
  const key = header(req.headers, 'idempotency-key');
  // The key is never logged or traced, but it is stored (hashed) and sent to the processor (hashed): a
  // card number in it is refused like anywhere else. The precise reading (pan.ts) lets timestamp keys
  // (`<epoch-ms>-NNNN`, 16-digit timestamp+sequence) and UUIDs through.
  if (key !== undefined && containsPan(key)) return cardData('Idempotency-Key');
  if (containsPan(raw)) {
    const located = safeParse(raw);
    return cardData(located.ok ? locate(located.value) : undefined);
  }

  const parsed = safeParse(raw);
  if (!parsed.ok) return invalid('body', 'the request body must be valid JSON');
  // JSON escapes (\u0034...) can hide digits from the raw scan: scan the decoded values too.
  const panPath = findPanInValue(parsed.value);
  if (panPath !== undefined) return cardData(panPath || 'body');

  const body = parsed.value;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return invalid('body', 'the request body must be a JSON object');
  }
  const fields = body as Record<string, unknown>;
  for (const k of Object.keys(fields)) {
    if (!KNOWN_FIELDS.has(k)) {
      return invalid(
        k.slice(0, 64),
        `unknown field '${k.slice(0, 64)}'; allowed: ${[...KNOWN_FIELDS].join(', ')}`,
      );
    }
  }

  if (key === undefined || key === '') {
    return invalid(
      'Idempotency-Key',
      'the Idempotency-Key header is required (8..255 visible ASCII characters)',
    );
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    return invalid('Idempotency-Key', 'the Idempotency-Key header must be 8..255 visible ASCII characters');
  }

  const currency = fields.currency;
  if (currency === undefined) return invalid('currency', 'currency is required (ISO 4217 code, e.g. USD)');
  if (!isCurrency(currency)) {
    return invalid('currency', `currency must be one of ${CURRENCIES.join(', ')} (upper case ISO 4217)`);
  }

  // Minor units follow the currency's ISO 4217 exponent (money.ts): the example says which.
  const example = `e.g. ${minorUnitExample(currency)}`;
  const amount = fields.amount;
  if (amount === undefined) return invalid('amount', `amount is required (integer, minor units: ${example})`);
  if (typeof amount !== 'number') {
    return invalid('amount', `amount must be a JSON number: an integer count of minor units (${example})`);
  }
  if (!Number.isInteger(amount)) {
    return invalid('amount', `amount must be an integer count of minor units (${example}), not a decimal`);
  }
  const max = maxMinor(currency);
  if (amount < MIN_AMOUNT_MINOR || amount > max) {
    return invalid(
      'amount',
      `amount must be between ${MIN_AMOUNT_MINOR} and ${max} minor units of ${currency} (${example})`,
    );
  }

  const token = fields.paymentMethodToken;
  if (token === undefined) {
    return invalid(
      'paymentMethodToken',
      'paymentMethodToken is required (a tok_... token, never a card number)',
    );
  }
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) {
    return invalid(
      'paymentMethodToken',
      'paymentMethodToken must be a token issued by the tokenization service: tok_ followed by 4..100 letters, digits or _',
    );
  }

  const description = fields.description;
  if (
    description !== undefined &&
    (typeof description !== 'string' || description.length > MAX_DESCRIPTION)
  ) {
    return invalid('description', `description must be a string of at most ${MAX_DESCRIPTION} characters`);
  }

  return {
    ok: true,
    value: {
      idempotencyKey: key,
      amount,
      currency,
      paymentMethodToken: token,
      ...(description !== undefined ? { description: description as string } : {}),
    },
  };
}

function safeParse(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    // Never surface the parser message: it quotes the input.
    return { ok: false };
  }
}

function locate(value: unknown): string | undefined {
  const p = findPanInValue(value);
  return p === undefined ? undefined : p || 'body';
}

/**
 * Hash of the payment data a key was first used with: SHA-256 over canonical JSON of the validated fields
 * (so whitespace or key order do not matter, but any changed value does).
 */
export function requestHash(req: PaymentRequest): string {
  const canonical = JSON.stringify([
    req.amount,
    req.currency,
    req.paymentMethodToken,
    req.description ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Stable, non-reversible reference to a payment-method token (stored instead of the token). */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(`pm:${token}`).digest('hex');
}
