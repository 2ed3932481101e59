/**
 * Precision and recall of the card-number guard (lambda/pan.ts), measured on generated values (a
 * benchmark, not a test; test/lambda/pan.test.ts asserts a bound on 10,000 values).
 *
 *   npx tsx bench/pan-precision.ts                 # 100,000 non-card values, 20,000 card numbers
 *   npx tsx bench/pan-precision.ts --n 1000000 --seed 7
 *
 * - false-positive rate: share of realistic non-card values (test/support/pan-arbitraries.ts NON_CARD:
 *   timestamp keys, UUIDs, IBANs, tracking numbers, order ids, phone numbers, timestamps, amounts, dates)
 *   that the refusal reading (containsPan) would refuse, overall and per kind, with the 95% upper bound
 *   (rule of three when nothing was refused, Wilson otherwise);
 * - recall: share of generated card numbers (every written form, between digit-free text) refused by
 *   containsPan and removed by maskPans (the log redaction), per format.
 * - the same non-card values under the redaction reading (maskPans), which is aggressive on purpose:
 *   its false positives only over-redact a log field.
 */
import fc from 'fast-check';
import { containsPan, maskPans } from '../lambda/pan';
import {
  digitFreeText,
  formattedPan,
  leaksPan,
  NON_CARD_KINDS,
  nonCardValue,
  type NonCardKind,
} from '../test/support/pan-arbitraries';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const N = arg('--n', 100_000);
const SEED = arg('--seed', 20261202);
const PANS = arg('--pans', Math.max(1000, Math.round(N / 5)));

/** 95% upper confidence bound of a proportion (rule of three for zero, Wilson score otherwise). */
function upper95(k: number, n: number): number {
  if (k === 0) return 3 / n;
  const z = 1.96;
  const p = k / n;
  return (
    (p + (z * z) / (2 * n) + z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n)
  );
}
const pct = (x: number): string => `${(x * 100).toFixed(4)}%`;

function main(): void {
  const started = Date.now();
  const values = fc.sample(nonCardValue, { numRuns: N, seed: SEED });
  const perKind = new Map<NonCardKind, { n: number; refused: number; redacted: number; example?: string }>(
    NON_CARD_KINDS.map((k) => [k, { n: 0, refused: 0, redacted: 0 }]),
  );
  for (const { kind, text } of values) {
    const s = perKind.get(kind) as { n: number; refused: number; redacted: number; example?: string };
    s.n++;
    if (containsPan(text)) {
      s.refused++;
      s.example ??= text;
    }
    if (maskPans(text) !== text) s.redacted++;
  }
  const refused = [...perKind.values()].reduce((a, s) => a + s.refused, 0);
  const redacted = [...perKind.values()].reduce((a, s) => a + s.redacted, 0);

  const pans = fc.sample(fc.tuple(digitFreeText, formattedPan, digitFreeText), { numRuns: PANS, seed: SEED });
  const perFormat = new Map<string, { n: number; refused: number; masked: number }>();
  for (const [before, pan, after] of pans) {
    const s = perFormat.get(pan.format) ?? { n: 0, refused: 0, masked: 0 };
    perFormat.set(pan.format, s);
    s.n++;
    const text = before + pan.text + after;
    if (containsPan(text)) s.refused++;
    if (!leaksPan(maskPans(text), pan)) s.masked++;
  }

  console.log(
    `Card-number guard, seed ${SEED}, node ${process.version} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
  console.log(
    `False positives of the refusal reading on ${N.toLocaleString('en-US')} realistic non-card values:`,
  );
  console.log(`  overall ${refused} = ${pct(refused / N)} (95% upper bound ${pct(upper95(refused, N))})`);
  for (const [kind, s] of perKind) {
    console.log(
      `  ${kind.padEnd(24)} ${String(s.n).padStart(7)} values  refused ${String(s.refused).padStart(5)} = ${pct(s.refused / s.n).padStart(9)}` +
        (s.example ? `  e.g. ${JSON.stringify(s.example)}` : ''),
    );
  }
  console.log(
    `  (redaction reading, by design aggressive: ${redacted} = ${pct(redacted / N)} would be masked in a log line)\n`,
  );
  console.log(`Recall on ${PANS.toLocaleString('en-US')} generated card numbers between digit-free text:`);
  for (const [format, s] of [...perFormat].sort()) {
    console.log(
      `  ${format.padEnd(14)} ${String(s.n).padStart(6)}  refused ${pct(s.refused / s.n).padStart(9)}  redacted ${pct(s.masked / s.n).padStart(9)}`,
    );
  }
}

main();
