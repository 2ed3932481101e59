/**
 * fast-check generators for the card-number guard (lambda/pan.ts), independent of its implementation:
 *
 * - card numbers: Luhn-valid numbers from the schemes' issuer ranges and lengths (a table of its own,
 *   below), written every way people and systems write them: grouped by 4 or as the scheme prints them,
 *   with any separator (space, dash, dot, slash, underscore, no-break and thin spaces, zero-width space,
 *   soft hyphen, ideographic space, middle dot, ...), with digits of other scripts (fullwidth,
 *   Arabic-Indic, Extended Arabic-Indic, Devanagari, Bengali, Thai, mathematical bold);
 * - realistic non-card numbers a payment API sees: timestamp Idempotency-Keys (`<epoch-ms>-NNNN`, 16-digit
 *   timestamp+sequence), UUIDs, IBANs (valid, compact or grouped), parcel tracking numbers (UPS, USPS,
 *   FedEx, DHL), order ids, phone numbers, timestamps, formatted amounts, dates.
 */
import fc from 'fast-check';

/** The Luhn check digit that makes `payload + digit` valid. */
export function luhnCheckDigit(payload: string): string {
  let sum = 0;
  let double = true; // the check digit will be appended at the right
  for (let i = payload.length - 1; i >= 0; i--) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

/** [scheme, prefixes, lengths], from the schemes' published ranges (a test table, not the code's). */
const SCHEMES: ReadonlyArray<readonly [string, readonly string[], readonly number[]]> = [
  ['visa', ['4'], [16, 13, 19]],
  ['mastercard', ['51', '52', '53', '54', '55', '2221', '2500', '2720'], [16]],
  ['amex', ['34', '37'], [15]],
  ['discover', ['6011', '644', '649', '65'], [16, 19]],
  ['jcb', ['3528', '3550', '3589'], [16, 19]],
  ['diners', ['36', '300', '305'], [14]],
  ['diners-discover', ['36', '38', '39'], [16]],
  ['unionpay', ['62', '81'], [16, 17, 18, 19]],
  ['maestro', ['5018', '5020', '6304', '6759', '6761'], [16, 19]],
  ['mir', ['2200', '2204'], [16]],
  ['rupay', ['60', '6521', '508'], [16]],
];

/** Luhn-valid card numbers in the issuer ranges and lengths of the card schemes. */
export const panDigits: fc.Arbitrary<string> = fc
  .constantFrom(...SCHEMES)
  .chain(([, prefixes, lengths]) => fc.tuple(fc.constantFrom(...prefixes), fc.constantFrom(...lengths)))
  .chain(([prefix, len]) =>
    fc
      .array(fc.integer({ min: 0, max: 9 }), {
        minLength: len - 1 - prefix.length,
        maxLength: len - 1 - prefix.length,
      })
      .map((ds) => {
        const payload = prefix + ds.join('');
        return payload + luhnCheckDigit(payload);
      }),
  );

export type PanFormat =
  | 'plain'
  | 'spaced4'
  | 'dashed4'
  | 'dotted4'
  | 'slashed4'
  | 'underscored4'
  | 'irregular'
  | 'fullwidth'
  | 'script';

/** Separators people and systems put between digits (Unicode punctuation, spaces, format characters). */
export const SEPARATORS = [
  '',
  '',
  ' ',
  '-',
  '.',
  '/',
  '_',
  '  ',
  ' - ',
  '\u00a0', // no-break space
  '\u2009', // thin space
  '\u202f', // narrow no-break space
  '\u3000', // ideographic space
  '\u200b', // zero-width space
  '\u00ad', // soft hyphen
  '\u2060', // word joiner
  '\ufeff', // zero-width no-break space
  '\u2013', // en dash
  '\u2014', // em dash
  '\u00b7', // middle dot
  '\u2022', // bullet
  ',',
  ':',
  '*',
];

/** Zero of a decimal digit block of another script. */
export const DIGIT_SCRIPTS: readonly number[] = [
  0xff10, // fullwidth
  0x0660, // Arabic-Indic
  0x06f0, // Extended Arabic-Indic (Persian)
  0x0966, // Devanagari
  0x09e6, // Bengali
  0x0e50, // Thai
  0x1d7ce, // mathematical bold (NFKC folds it)
];

const inScript = (digits: string, zero: number): string =>
  [...digits].map((d) => String.fromCodePoint(zero + Number(d))).join('');

/** Writes `digits` in a given style; `irregular` puts a separator (possibly none) between every digit. */
export function formatPan(digits: string, format: PanFormat, seps: number[] = [], script = 0): string {
  const by4 = (sep: string): string => digits.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
  switch (format) {
    case 'plain':
      return digits;
    case 'spaced4':
      return by4(' ');
    case 'dashed4':
      return by4('-');
    case 'dotted4':
      return by4('.');
    case 'slashed4':
      return by4('/');
    case 'underscored4':
      return by4('_');
    case 'fullwidth':
      return inScript(digits, 0xff10);
    case 'script':
      return by4(SEPARATORS[(seps[0] ?? 0) % SEPARATORS.length] || ' ').replace(/\d/g, (d) =>
        String.fromCodePoint(DIGIT_SCRIPTS[script % DIGIT_SCRIPTS.length] + Number(d)),
      );
    case 'irregular':
      return [...digits]
        .map((d, i) => (i === 0 ? d : SEPARATORS[(seps[i] ?? 0) % SEPARATORS.length] + d))
        .join('');
  }
}

export interface FormattedPan {
  digits: string;
  text: string;
  format: PanFormat;
  toString(): string;
}

export const PAN_FORMATS: readonly PanFormat[] = [
  'plain',
  'spaced4',
  'dashed4',
  'dotted4',
  'slashed4',
  'underscored4',
  'irregular',
  'fullwidth',
  'script',
];

export const formattedPan: fc.Arbitrary<FormattedPan> = fc
  .record({
    digits: panDigits,
    format: fc.constantFrom(...PAN_FORMATS),
    seps: fc.array(fc.nat(), { minLength: 19, maxLength: 19 }),
    script: fc.nat(),
  })
  .map(({ digits, format, seps, script }) => {
    const text = formatPan(digits, format, seps, script);
    return { digits, text, format, toString: () => `${format}:${JSON.stringify(text)}` };
  });

const SEPARATOR_CLASS = /[\p{P}\p{Zs}\p{Cf}\s]/gu;

/** Digits of any script as ASCII (an independent reading: code point minus the block's zero). */
export function foldDigits(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC')) {
    const cp = ch.codePointAt(0) as number;
    const zero = DIGIT_SCRIPTS.find((z) => cp >= z && cp <= z + 9);
    out += zero !== undefined ? String(cp - zero) : ch;
  }
  return out;
}

/** True when `haystack` still shows the PAN, written as given or with separators and scripts folded. */
export function leaksPan(haystack: string, pan: FormattedPan): boolean {
  if (haystack.includes(pan.text)) return true;
  return foldDigits(haystack).replace(SEPARATOR_CLASS, '').includes(pan.digits);
}

/** Text without anything that reads as a digit (so it cannot extend a card number next to it). */
export const digitFreeText: fc.Arbitrary<string> = fc
  .string({ maxLength: 20 })
  .map((s) => [...s].filter((c) => !/[\p{Nd}\p{No}]/u.test(c.normalize('NFKC'))).join(''));

// ---------------------------------------------------------------------------------------------------------
// realistic non-card numbers

const digitsOf = (n: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const epochMs = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });
const alnum = (n: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'), minLength: n, maxLength: n });

/** ISO 13616 check digits for a country and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  const numeric = [...`${bban}${country}00`]
    .map((c) => (c >= 'A' ? String(c.charCodeAt(0) - 55) : c))
    .join('');
  let rem = 0;
  for (const d of numeric) rem = (rem * 10 + Number(d)) % 97;
  return String(98 - rem).padStart(2, '0');
}

/** BBAN layouts (n: digits, a: upper-case letters, c: alphanumerics) of a few countries. */
const IBAN_LAYOUTS: Record<string, string> = {
  DE: '18n',
  GB: '4a14n',
  FR: '10n11c2n',
  NL: '4a10n',
  ES: '20n',
  IT: '1a10n12c',
  BE: '12n',
  PL: '24n',
  CH: '5n12c',
  SE: '20n',
};

const bbanFor = (layout: string): fc.Arbitrary<string> => {
  const parts = [...layout.matchAll(/(\d+)([nac])/g)].map(([, n, kind]) =>
    kind === 'n'
      ? digitsOf(Number(n))
      : fc.string({
          unit: fc.constantFrom(
            ...(kind === 'a' ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
          ),
          minLength: Number(n),
          maxLength: Number(n),
        }),
  );
  return fc.tuple(...parts).map((p) => p.join(''));
};

export const iban: fc.Arbitrary<string> = fc.constantFrom(...Object.keys(IBAN_LAYOUTS)).chain((country) =>
  fc.tuple(bbanFor(IBAN_LAYOUTS[country]), fc.boolean()).map(([bban, grouped]) => {
    const compact = `${country}${ibanCheckDigits(country, bban)}${bban}`;
    return grouped ? compact.replace(/(.{4})(?=.)/g, '$1 ') : compact;
  }),
);

export type NonCardKind =
  | 'epoch-ms-key'
  | 'timestamp-sequence-key'
  | 'uuid'
  | 'iban'
  | 'tracking'
  | 'order-id'
  | 'phone'
  | 'timestamp'
  | 'amount'
  | 'date';

export const NON_CARD: Record<NonCardKind, fc.Arbitrary<string>> = {
  'epoch-ms-key': fc.tuple(epochMs, digitsOf(4)).map(([t, n]) => `${t}-${n}`),
  'timestamp-sequence-key': fc.tuple(epochMs, digitsOf(3)).map(([t, n]) => `${t}${n}`),
  uuid: fc.uuid(),
  iban,
  tracking: fc.oneof(
    alnum(16).map((s) => `1Z${s}`), // UPS
    fc
      .tuple(fc.constantFrom('9400', '9205', '9407', '9303', '9505'), digitsOf(18), fc.boolean())
      .map(([p, d, grouped]) => (grouped ? `${p}${d}`.replace(/(\d{4})(?=\d)/g, '$1 ') : `${p}${d}`)), // USPS 22
    digitsOf(12), // FedEx Express
    digitsOf(15), // FedEx Ground
    fc.tuple(digitsOf(20)).map(([d]) => `96${d}`), // FedEx SSCC 22
    digitsOf(10), // DHL Express
  ),
  'order-id': fc.oneof(
    digitsOf(8).map((d) => `ORD-${d}`),
    fc.tuple(fc.integer({ min: 2020, max: 2030 }), digitsOf(9)).map(([y, d]) => `${y}-${d}`),
    fc.tuple(alnum(3), digitsOf(10)).map(([a, d]) => `${a}${d}`),
  ),
  phone: fc.oneof(
    fc.tuple(digitsOf(3), digitsOf(3), digitsOf(4)).map(([a, b, c]) => `+1 (${a}) ${b}-${c}`),
    fc.tuple(digitsOf(2), digitsOf(4), digitsOf(4)).map(([a, b, c]) => `+44 ${a} ${b} ${c}`),
    fc.tuple(digitsOf(2), digitsOf(8)).map(([a, b]) => `+49 ${a} ${b}`),
    fc.tuple(digitsOf(3), digitsOf(4), digitsOf(4)).map(([a, b, c]) => `+86 ${a} ${b} ${c}`),
    fc.tuple(digitsOf(5), digitsOf(5)).map(([a, b]) => `+91 ${a} ${b}`),
    fc.tuple(digitsOf(2), digitsOf(8), digitsOf(3)).map(([a, b, c]) => `+49 ${a} ${b}-${c}`),
  ),
  timestamp: fc.oneof(
    epochMs.map((t) => new Date(t).toISOString()),
    epochMs.map((t) => new Date(t).toISOString().replace('T', ' ').replace('Z', '')),
    fc
      .tuple(epochMs, digitsOf(3))
      .map(([t, us]) => `${new Date(t).toISOString().replace('T', ' ').slice(0, 23)}${us}`),
    epochMs.map((t) => String(Math.floor(t / 1000))),
    epochMs.map(String),
    fc.tuple(epochMs, digitsOf(3)).map(([t, us]) => `${t}${us}`), // epoch microseconds
  ),
  amount: fc.oneof(
    fc
      .integer({ min: 0, max: 2 ** 31 })
      .map((n) => (n / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })),
    fc
      .integer({ min: 0, max: 2 ** 31 })
      .map((n) => (n / 100).toLocaleString('de-DE', { minimumFractionDigits: 2 })),
    fc.integer({ min: 0, max: 2 ** 40 }).map(String),
  ),
  date: fc.oneof(
    epochMs.map((t) => new Date(t).toLocaleDateString('en-GB')),
    epochMs.map((t) => new Date(t).toLocaleDateString('en-US')),
    epochMs.map((t) => new Date(t).toISOString().slice(0, 10)),
  ),
};

export const NON_CARD_KINDS = Object.keys(NON_CARD) as NonCardKind[];

/** A realistic non-card value with its kind. */
export const nonCardValue: fc.Arbitrary<{ kind: NonCardKind; text: string }> = fc
  .constantFrom(...NON_CARD_KINDS)
  .chain((kind) => NON_CARD[kind].map((text) => ({ kind, text })));
