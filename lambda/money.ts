/**
 * Currencies the API accepts, with their ISO 4217 minor units and a per-currency amount limit.
 *
 * Minor units (exponents) are from the ISO 4217 list maintained by SIX (list one, "Minor unit" column),
 * checked 2026-12-02: https://www.six-group.com/en/products-services/financial-information/data-standards.html
 * JPY has 0 (an amount of 500 is 500 yen); every other currency here has 2. CZK keeps 2 in ISO 4217 although
 * the haler coins are withdrawn.
 *
 * Limits are a business rule in MAJOR units (roughly USD 1,000,000 each at late-2025 exchange rates,
 * rounded; not a market fact and not kept in step with rates). A limit in minor units alone would be
 * wrong by the exponent: 100,000,000 minor units is USD 1,000,000 but JPY 100,000,000.
 */

export interface CurrencyInfo {
  /** ISO 4217 minor unit: digits after the decimal point. */
  readonly minorUnits: 0 | 2 | 3;
  /** Largest amount accepted, in major units. */
  readonly maxMajor: number;
}

export const CURRENCY_TABLE = {
  USD: { minorUnits: 2, maxMajor: 1_000_000 },
  EUR: { minorUnits: 2, maxMajor: 1_000_000 },
  GBP: { minorUnits: 2, maxMajor: 1_000_000 },
  JPY: { minorUnits: 0, maxMajor: 150_000_000 },
  CAD: { minorUnits: 2, maxMajor: 1_400_000 },
  AUD: { minorUnits: 2, maxMajor: 1_500_000 },
  NZD: { minorUnits: 2, maxMajor: 1_700_000 },
  CHF: { minorUnits: 2, maxMajor: 900_000 },
  SEK: { minorUnits: 2, maxMajor: 10_000_000 },
  NOK: { minorUnits: 2, maxMajor: 10_000_000 },
  DKK: { minorUnits: 2, maxMajor: 7_000_000 },
  PLN: { minorUnits: 2, maxMajor: 4_000_000 },
  CZK: { minorUnits: 2, maxMajor: 23_000_000 },
  SGD: { minorUnits: 2, maxMajor: 1_300_000 },
  HKD: { minorUnits: 2, maxMajor: 7_800_000 },
} as const satisfies Record<string, CurrencyInfo>;

export type Currency = keyof typeof CURRENCY_TABLE;
export const CURRENCIES = Object.keys(CURRENCY_TABLE) as Currency[];

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_TABLE, value);
}

/** Largest accepted amount in minor units. */
export function maxMinor(currency: Currency): number {
  const c = CURRENCY_TABLE[currency];
  return c.maxMajor * 10 ** c.minorUnits;
}

/** Formats a minor-unit amount in major units with the currency's exponent ("10.50", "500"). */
export function formatMajor(currency: Currency, amountMinor: number): string {
  const e = CURRENCY_TABLE[currency].minorUnits;
  if (e === 0) return String(amountMinor);
  const s = String(amountMinor).padStart(e + 1, '0');
  return `${s.slice(0, -e)}.${s.slice(-e)}`;
}

/** An example for error messages: "1050 for 10.50 USD", "500 for 500 JPY". */
export function minorUnitExample(currency: Currency): string {
  const e = CURRENCY_TABLE[currency].minorUnits;
  const example = e === 0 ? 500 : 1050 * 10 ** (e - 2);
  return `${example} for ${formatMajor(currency, example)} ${currency}`;
}
