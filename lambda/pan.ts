/**
 * Card-number (PAN) detection, in two strengths sharing one reading of the text:
 *
 * - **Refusal** ({@link containsPan}, {@link findPanInValue}; validation.ts refuses the request with 400):
 *   precise. A candidate is a whole written number: a maximal run of digits joined by separators (at
 *   most 3 separator characters in a row), holding 13..19 digits, whose prefix and length match a card
 *   scheme's issuer range ({@link plausiblePan}), and that passes Luhn. Canonical UUIDs and valid IBANs
 *   (ISO 13616 mod 97) are identifiers, never read as card numbers. A PAN run together with other digits
 *   ("12 4111 1111 1111 1111") is read as one longer number and not refused: the cost of refusing the
 *   realistic numbers a window scan flags (timestamp keys, IBANs, tracking numbers) is higher, and the
 *   redaction below still removes it from every log line.
 * - **Redaction** ({@link maskPans}, used by redact.ts on every log line and traced error message):
 *   aggressive. Every 13..19-digit window of a run that passes Luhn, whatever its prefix and whatever
 *   digits surround it. A false positive only over-redacts a log field; a miss would log card data.
 *
 * Both read the text the same way: NFKC (fullwidth, circled, mathematical digits), then decimal digits of
 * every script (Unicode Nd: Arabic-Indic, Devanagari, ...) mapped to ASCII, and any Unicode punctuation
 * (P*), space (Zs, whitespace) or format character (Cf: zero-width space, soft hyphen, ...) accepted as a
 * separator: "4111.1111.1111.1111", "4111/1111/...", "4111_1111_...", "4\u200b111...", "٤١١١ ١١١١ ...".
 *
 * Measured precision on generated realistic non-card numbers and recall on generated card numbers:
 * bench/pan-precision.ts (README, "The payment Lambda").
 */

export const PAN_MIN_DIGITS = 13;
export const PAN_MAX_DIGITS = 19;

/** Separator characters between the digits of one written number. */
const SEP = String.raw`[\p{P}\p{Zs}\p{Cf}\s]`;
/** A run: ASCII digits (after mapping) separated by at most three separators. */
const DIGIT_RUN = new RegExp(String.raw`\d(?:${SEP}{0,3}\d)*`, 'gu');

/**
 * The code point of the digit zero of every Unicode Nd block (each block holds 0..9 in order), Unicode
 * 17.0 as in Node 20's ICU. test/lambda/pan.test.ts recomputes it from \p{Nd} so a newer ICU is noticed.
 */
export const ND_ZEROS: readonly number[] = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50,
  0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40,
  0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x10d40, 0x11066,
  0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x116d0, 0x116da, 0x11730, 0x118e0,
  0x11950, 0x11bf0, 0x11c50, 0x11d50, 0x11da0, 0x11de0, 0x11f50, 0x16130, 0x16a60, 0x16ac0, 0x16b50, 0x16d70,
  0x1ccf0, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e4f0, 0x1e5f1, 0x1e950, 0x1fbf0,
];

/** The value 0..9 of a decimal digit of any script, or -1. */
export function digitValue(cp: number): number {
  let lo = 0;
  let hi = ND_ZEROS.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ND_ZEROS[mid] <= cp) lo = mid + 1;
    else hi = mid - 1;
  }
  if (hi < 0) return -1;
  const v = cp - ND_ZEROS[hi];
  return v >= 0 && v <= 9 ? v : -1;
}

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

/**
 * Issuer ranges (IIN prefixes) and lengths of the card schemes, ISO/IEC 7812 numbering as published by
 * the schemes (checked 2026-12-02; sources: the schemes' developer documentation and the IIN overview at
 * https://en.wikipedia.org/wiki/Payment_card_number). The brands of the PCI Security Standards Council
 * and the national schemes a European/US acquirer sees. Not included: UATP (prefix 1, 15 digits: would
 * refuse 1 in 100 random 15-digit references) and 12..15-digit Maestro (withdrawn lengths). A range too
 * wide costs precision, one too narrow lets card data through (redaction still catches it).
 */
const IIN_RANGES: ReadonlyArray<readonly [from: string, to: string, lengths: readonly number[]]> = [
  ['2200', '2204', [16, 17, 18, 19]], // Mir
  ['2221', '2720', [16]], // Mastercard 2-series
  ['300', '305', [14, 16, 17, 18, 19]], // Diners Club
  ['3095', '3095', [14, 16, 17, 18, 19]],
  ['34', '34', [15]], // American Express
  ['36', '36', [14, 16, 17, 18, 19]], // Diners Club International
  ['37', '37', [15]], // American Express
  ['3528', '3589', [16, 17, 18, 19]], // JCB
  ['38', '39', [16, 17, 18, 19]], // Diners Club
  ['4', '4', [13, 16, 19]], // Visa (13: legacy numbers)
  ['50', '50', [16, 17, 18, 19]], // Maestro, Verve (506099-506198), Dankort co-brands
  ['51', '55', [16]], // Mastercard
  ['56', '69', [16, 17, 18, 19]], // Maestro, Discover (6011, 644-65), UnionPay (62), RuPay (60, 65), Troy
  ['81', '82', [16, 17, 18, 19]], // UnionPay 81, RuPay 81-82
  ['9792', '9792', [16]], // Troy
];

/** True when the digits have the prefix and length of a card scheme's numbers. */
export function plausiblePan(digits: string): boolean {
  for (const [from, to, lengths] of IIN_RANGES) {
    if (!lengths.includes(digits.length)) continue;
    const prefix = digits.slice(0, from.length);
    if (prefix >= from && prefix <= to) return true;
  }
  return false;
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
 * The normalised text with every decimal digit of any script replaced by its ASCII digit, unit for unit
 * (a digit outside the BMP becomes the ASCII digit and a zero-width space, a separator), so a span of
 * the result is a span of the normalised text.
 */
function asciiDigits(normalised: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(normalised)) return normalised;
  let out = '';
  for (const ch of normalised) {
    const cp = ch.codePointAt(0) as number;
    const v = cp > 0x7f ? digitValue(cp) : -1;
    if (v < 0) out += ch;
    else out += ch.length === 2 ? `${v}\u200b` : String(v);
  }
  return out;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * IBAN length per country (SWIFT IBAN Registry, release of 2025, checked 2026-12-02:
 * https://www.swift.com/standards/data-standards/iban-international-bank-account-number). A valid IBAN
 * needs a registered country, its length and the mod-97 check, so a card number written after two
 * capital letters is not taken for one (1 in 97 would pass the check alone).
 */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};
/** An IBAN as written: country code, check digits, 11..30 alphanumerics, optionally in groups of 4. */
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/g;

/** ISO 13616 IBAN check: a registered country and length, and mod 97 of the rearranged number is 1. */
export function ibanValid(text: string): boolean {
  const compact = text.replace(/ /g, '');
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const n = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of n) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

/** Blanks identifiers that are never card numbers (UUIDs, valid IBANs) with letters of the same length. */
function blankIdentifiers(scan: string): string {
  return scan
    .replace(UUID, (m) => 'x'.repeat(m.length))
    .replace(IBAN, (m) => (ibanValid(m) ? 'x'.repeat(m.length) : m));
}

interface Run {
  /** ASCII digits of the run. */
  digits: string;
  /** Index in the scanned text of each digit. */
  positions: number[];
}

function runs(scan: string): Run[] {
  const out: Run[] = [];
  DIGIT_RUN.lastIndex = 0;
  for (let m = DIGIT_RUN.exec(scan); m !== null; m = DIGIT_RUN.exec(scan)) {
    const positions: number[] = [];
    let digits = '';
    for (let i = 0; i < m[0].length; i++) {
      const c = m[0].charCodeAt(i);
      if (c >= 48 && c <= 57) {
        positions.push(m.index + i);
        digits += m[0][i];
      }
    }
    if (digits.length >= PAN_MIN_DIGITS) out.push({ digits, positions });
  }
  return out;
}

/** A whole written number that a card scheme could have issued. */
function isStrictPan(digits: string): boolean {
  return digits.length <= PAN_MAX_DIGITS && plausiblePan(digits) && luhnValid(digits);
}

/** Spans of the refusal reading (whole numbers, issuer ranges, Luhn; UUIDs and IBANs excepted). */
export function findStrictPanSpans(normalised: string): Span[] {
  const spans: Span[] = [];
  for (const r of runs(blankIdentifiers(asciiDigits(normalised)))) {
    if (isStrictPan(r.digits))
      spans.push({ start: r.positions[0], end: r.positions[r.positions.length - 1] + 1 });
  }
  return spans;
}

/**
 * Spans of the redaction reading: every Luhn-valid window of 13..19 digits of a run. Overlapping windows
 * are merged, so the result is sorted and disjoint.
 */
export function findPanSpans(normalised: string): Span[] {
  const spans: Span[] = [];
  for (const { digits, positions } of runs(asciiDigits(normalised))) {
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

/** True when `text` holds a card number as refused by the API (the precise reading). */
export function containsPan(text: string): boolean {
  return findStrictPanSpans(normaliseForScan(text)).length > 0;
}

/** Replaces every span of the redaction reading with `replacement`; the text unchanged when none. */
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

/** Only digits and separators (a piece of a number that may continue in the next field). */
const EDGE_SEPARATORS = new RegExp(String.raw`^${SEP}+|${SEP}+$`, 'gu');
const FRAGMENT = new RegExp(String.raw`^(?:${SEP})*\d(?:\d|${SEP})*$`, 'u');

/**
 * Walks a parsed JSON value and returns the path of the first key, string or number that holds a card
 * number (`''` for the root value), or undefined. Keys are reported as `(key)` so a PAN used as a key is
 * never echoed back. Consecutive leaves made only of digits and separators are also read together, as one
 * number split across fields (`{"a": "4111 1111", "b": "1111 1111"}`): the path of the first is reported.
 */
export function findPanInValue(value: unknown): string | undefined {
  const leaves: Array<{ path: string; text: string }> = [];
  let found: string | undefined;
  const visit = (v: unknown, path: string, depth: number): void => {
    if (found !== undefined || depth > 64) return;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') {
      // Normalised once: the strict scan maps digits itself, and the split-number pass reads ASCII digits.
      const normalised = normaliseForScan(String(v));
      if (findStrictPanSpans(normalised).length > 0) found = path;
      else leaves.push({ path, text: asciiDigits(normalised) });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${path}[${i}]`, depth + 1));
      return;
    }
    if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
        if (found !== undefined) return;
        if (containsPan(k)) {
          found = path ? `${path}.(key)` : '(key)';
          return;
        }
        visit(child, path ? `${path}.${k}` : k, depth + 1);
      }
    }
  };
  visit(value, '', 0);
  if (found !== undefined) return found;
  // split across fields: groups of consecutive digit-only leaves
  let group: Array<{ path: string; text: string }> = [];
  const check = (): string | undefined => {
    const joined = group.map((l) => l.text.replace(EDGE_SEPARATORS, '')).join(' ');
    if (group.length >= 2 && containsPan(joined)) return group[0].path;
    return undefined;
  };
  for (const leaf of leaves) {
    if (FRAGMENT.test(leaf.text)) {
      group.push(leaf);
      continue;
    }
    const hit = check();
    if (hit !== undefined) return hit;
    group = [];
  }
  return check();
}
