/**
 * The one redaction step every log line goes through (see logger.ts), also used on error messages that
 * go into X-Ray. It removes, wherever they appear (values, keys, nested objects, error messages):
 * - anything that looks like a card number (PAN), see pan.ts;
 * - payment-method tokens (`tok_...`);
 * - values under secret-looking keys (password, secret, token, authorization, api key, cookie, ...);
 * - secrets inside strings: `Bearer`/`Basic` credentials, `password=...`, URL user-info passwords,
 *   AWS access key ids;
 * - exact values registered at run time with {@link registerSecret} (e.g. the database password).
 *
 * Idempotent for values under the length cap: redact(redact(x)) equals redact(x).
 */
import { types } from 'node:util';
import { errorInfo } from './errors';
import { maskPans } from './pan';

export const REDACTED = '[REDACTED]';
export const REDACTED_TOKEN = '[REDACTED:TOKEN]';

const MAX_DEPTH = 12;
const MAX_STRING = 4096;
/** Hard cap applied before scanning, so a huge value cannot make redaction slow. */
const MAX_SCAN = 16384;

/** Keys whose value is always replaced, compared lower-case with `-`/`_` removed. */
const SECRET_KEY_EXACT = new Set(['pan', 'pin', 'cvv', 'cvc', 'cvv2', 'cvc2', 'auth', 'pwd', 'pass', 'otp']);
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'authorization',
  'apikey',
  'accesskey',
  'privatekey',
  'credential',
  'cookie',
  'sessionid',
  'cardnumber',
  'securitycode',
  'signature',
];

const STRING_RULES: ReadonlyArray<[RegExp, string]> = [
  [/\btok_[A-Za-z0-9_]*/g, REDACTED_TOKEN],
  [/\b(Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [
    /\b(password|passwd|pwd|secret|api[_-]?key|access[_-]?key|token|authorization)(["']?\s*[:=]\s*["']?)([^\s"'&,;}]+)/gi,
    `$1$2${REDACTED}`,
  ],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]+):([^\s@/]+)@/gi, `$1:${REDACTED}@`],
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, REDACTED],
];

/**
 * Identifier fields set by the platform (never from request data) whose exact formats are known: random hex
 * or UUIDs can contain 13+ digit runs that pass Luhn by chance, which would garble them. Only a value that
 * matches the strict format under exactly this key is kept as is; anything else is redacted normally.
 */
const TRUSTED_ID_FORMATS: Record<string, RegExp> = {
  traceId: /^1-[0-9a-f]{8}-[0-9a-f]{24}$/,
  requestId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

const registeredSecrets = new Set<string>();

/** Registers an exact secret value (e.g. a password read from Secrets Manager) to scrub from every line. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) registeredSecrets.add(value);
}

/** True when a key name says its value is a secret or card data. */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_\s]/g, '');
  if (SECRET_KEY_EXACT.has(k)) return true;
  return SECRET_KEY_PARTS.some((p) => k.includes(p));
}

/** Redacts one string (PANs, tokens, inline credentials, registered secrets); truncates very long text. */
export function redactString(input: string): string {
  let s = input.length > MAX_SCAN ? input.slice(0, MAX_SCAN) : input;
  for (const secret of registeredSecrets) {
    if (s.includes(secret)) s = s.split(secret).join(REDACTED);
  }
  s = maskPans(s);
  for (const [pattern, replacement] of STRING_RULES) s = s.replace(pattern, replacement);
  return s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}...[truncated]` : s;
}

/**
 * Returns a redacted, JSON-safe copy of `value`. Errors become `{ name, message, code? }` (stack traces are
 * dropped: they can embed values). Functions and symbols are dropped, cycles become "[Circular]".
 */
export function redact(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
      return redactString(value);
    case 'number': {
      if (!Number.isFinite(value)) return String(value);
      const text = String(value);
      return text.length >= 13 && maskPans(text) !== text ? '[REDACTED:PAN]' : value;
    }
    case 'bigint':
      return redactString(value.toString());
    case 'boolean':
      return value;
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  const obj = value as object;
  if (seen.has(obj)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(obj);
  try {
    const info = types.isNativeError(obj) ? errorInfo(obj) : undefined;
    if (info) {
      return {
        name: info.name,
        message: redactString(info.message),
        ...(info.code !== undefined ? { code: info.code } : {}),
      };
    }
    if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
    if (Buffer.isBuffer(obj) || ArrayBuffer.isView(obj)) return '[binary]';
    if (Array.isArray(obj)) return obj.map((v) => walk(v, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const key = redactString(k);
      const trusted = Object.hasOwn(TRUSTED_ID_FORMATS, k) ? TRUSTED_ID_FORMATS[k] : undefined;
      const redacted =
        trusted && typeof v === 'string' && trusted.test(v)
          ? v
          : isSecretKey(k)
            ? REDACTED
            : walk(v, depth + 1, seen);
      // defineProperty: a key named "__proto__" stays a plain field
      Object.defineProperty(out, key, {
        value: redacted,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  } finally {
    seen.delete(obj);
  }
}
