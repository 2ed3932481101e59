/**
 * Card-number (PAN) detection: Luhn and a scanner that finds anything that looks like a PAN in free text.
 *
 * "Looks like a PAN" = 13 to 19 digits, possibly separated by spaces or dashes (at most three separator
 * characters in a row, e.g. " - "), that pass the Luhn check. The scanner is deliberately aggressive: every window of
 * 13..19 consecutive digits inside a longer digit run is checked too, so a PAN glued to other digits or
 * preceded by "12 " is still found. False positives only cost a 400 or an over-redacted log field;
 * a false negative would put card data in a log or a trace.
 *
 * Unicode compatibility digits (fullwidth "４", etc.) are folded with NFKC before scanning.
 */

export const PAN_MIN_DIGITS = 13;
export const PAN_MAX_DIGITS = 19;

/** A run of ASCII digits separated by at most three whitespace or dash characters. */
const DIGIT_RUN = /\d(?:[\s\u00a0\u2010-\u2015-]{0,3}\d)*/g;

/** Luhn (mod 10) check on a string of ASCII digits; false for an empty or non-digit string. */
export function luhnValid(digits: string): boolean {
  if (digits.length === 0) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** A half-open range [start, end) of the scanned (NFKC-normalised) text. */
export interface Span {
  start: number;
  end: number;
}

/** Normalises text the way the scanner sees it (NFKC folds fullwidth and other compatibility digits). */
export function normaliseForScan(text: string): string {
  // Fast path: pure ASCII needs no normalisation.
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKC');
}

/**
 * Finds every PAN-like span of `text` (already normalised with {@link normaliseForScan}).
 * Overlapping windows are merged, so the result is sorted and disjoint.
 */
export function findPanSpans(text: string): Span[] {
  const spans: Span[] = [];
  DIGIT_RUN.lastIndex = 0;
  for (let m = DIGIT_RUN.exec(text); m !== null; m = DIGIT_RUN.exec(text)) {
    const run = m[0];
    const positions: number[] = [];
    let digits = '';
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        positions.push(m.index + i);
        digits += run[i];
      }
    }
    if (digits.length < PAN_MIN_DIGITS) continue;
    for (let i = 0; i + PAN_MIN_DIGITS <= digits.length; i++) {
      for (let len = PAN_MIN_DIGITS; len <= PAN_MAX_DIGITS && i + len <= digits.length; len++) {
        if (luhnValid(digits.slice(i, i + len))) {
          spans.push({ start: positions[i], end: positions[i + len - 1] + 1 });
        }
      }
    }
  }
  return mergeSpans(spans);
}

function mergeSpans(spans: Span[]): Span[] {
  if (spans.length <= 1) return spans;
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [{ ...sorted[0] }];
  for (const s of sorted.slice(1)) {
    const last = out[out.length - 1];
    if (s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** True when `text` contains anything that looks like a PAN. */
export function containsPan(text: string): boolean {
  return findPanSpans(normaliseForScan(text)).length > 0;
}

/** A UUID in its canonical text form (8-4-4-4-12 hex digits). */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * `containsPan` for an opaque identifier that clients usually fill with a random UUID (the
 * Idempotency-Key header): UUIDs are taken out before scanning. Their decimal groups joined by dashes
 * (e.g. `9b17-4545-8520-6949d...`) pass the aggressive scan about 0.7% of the time, which would refuse
 * legitimate requests; everything else in the value gets the full scan.
 */
export function containsPanOutsideUuids(text: string): boolean {
  return containsPan(normaliseForScan(text).replace(UUID, ' '));
}

/** Replaces every PAN-like span with `replacement`; returns the (normalised) text unchanged when none. */
export function maskPans(text: string, replacement = '[REDACTED:PAN]'): string {
  const scanned = normaliseForScan(text);
  const spans = findPanSpans(scanned);
  if (spans.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    out += scanned.slice(cursor, s.start) + replacement;
    cursor = s.end;
  }
  return out + scanned.slice(cursor);
}

/**
 * Walks a parsed JSON value and returns the path of the first key, string or number that looks like a
 * PAN (`''` for the root value), or undefined when there is none. Keys are reported as `(key)` so a
 * PAN used as a key is never echoed back.
 */
export function findPanInValue(value: unknown, path = '', depth = 0): string | undefined {
  if (depth > 64) return undefined;
  if (typeof value === 'string') return containsPan(value) ? path : undefined;
  if (typeof value === 'number' || typeof value === 'bigint') {
    return containsPan(String(value)) ? path : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findPanInValue(value[i], `${path}[${i}]`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (containsPan(k)) return path ? `${path}.(key)` : '(key)';
      const found = findPanInValue(v, path ? `${path}.${k}` : k, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
