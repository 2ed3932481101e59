/**
 * fast-check generators for card numbers: Luhn-valid PANs of 13..19 digits and the ways people write them
 * (plain, grouped by 4 with spaces or dashes, irregular separators, fullwidth digits).
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

/** Luhn-valid digit strings of 13..19 digits (any leading digit: the detector must not rely on IIN ranges). */
export const panDigits: fc.Arbitrary<string> = fc
  .integer({ min: 13, max: 19 })
  .chain((len) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: len - 1, maxLength: len - 1 }))
  .map((ds) => {
    const payload = ds.join('');
    return payload + luhnCheckDigit(payload);
  });

export type PanFormat = 'plain' | 'spaced4' | 'dashed4' | 'irregular' | 'fullwidth';

const SEPARATORS = ['', '', '', ' ', '-', '  ', ' - ', '\u00a0'];

/** Writes `digits` in a given style; `irregular` uses a separator (possibly none) between every digit. */
export function formatPan(digits: string, format: PanFormat, seps: number[] = []): string {
  switch (format) {
    case 'plain':
      return digits;
    case 'spaced4':
      return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
    case 'dashed4':
      return digits.replace(/(\d{4})(?=\d)/g, '$1-');
    case 'fullwidth':
      return [...digits].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
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

export const formattedPan: fc.Arbitrary<FormattedPan> = fc
  .record({
    digits: panDigits,
    format: fc.constantFrom<PanFormat>('plain', 'spaced4', 'dashed4', 'irregular', 'fullwidth'),
    seps: fc.array(fc.nat(), { minLength: 19, maxLength: 19 }),
  })
  .map(({ digits, format, seps }) => {
    const text = formatPan(digits, format, seps);
    return { digits, text, format, toString: () => `${format}:${JSON.stringify(text)}` };
  });

/** True when `haystack` still shows the PAN, written as given or with separators removed. */
export function leaksPan(haystack: string, pan: FormattedPan): boolean {
  if (haystack.includes(pan.text)) return true;
  const folded = haystack.normalize('NFKC').replace(/[\s\u00a0-]/g, '');
  return folded.includes(pan.digits);
}
