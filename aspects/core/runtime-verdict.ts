/**
 * Judges a runtime id against the dated facts of runtime-facts.ts on a given day. Pure: no CDKTF, no
 * clock (the caller passes `today`, the policy's). Used by LambdaRuntimeCurrent, CanaryRuntimeCurrent
 * and the payments policy's default `allowedLambdaRuntimes`.
 *
 * Invariants (a property test holds them for any day):
 * - a runtime is creatable on `today` iff its create-block date is absent or after `today`
 *   (AWS blocks from that date on);
 * - a creatable runtime whose create-block date is at most WARNING_DAYS away is `ending`;
 * - a runtime missing from the table is `unknown`, never creatable.
 */
import type { IsoDate, LambdaRuntimeFact, RuntimeFacts, SyntheticsRuntimeFact } from './runtime-facts';
import { RUNTIME_FACTS } from './runtime-facts';

/** A runtime this close to its create-block date gets a warning (the report's, not a failure). */
export const WARNING_DAYS = 90;
/** Facts older than this many months (lastChecked before today) get a note in every report. */
export const STALE_AFTER_MONTHS = 6;

/** Where a create-block date comes from, in words for messages. */
export interface CreateBlock {
  /** The first day no new function/canary can use the runtime; null: not scheduled / not recorded. */
  readonly date: IsoDate | null;
  readonly basis: string;
  readonly source: string;
}

export type RuntimeVerdict =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'blocked'; readonly block: CreateBlock }
  | { readonly kind: 'ending'; readonly block: CreateBlock; readonly daysLeft: number }
  | { readonly kind: 'current'; readonly block: CreateBlock };

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). Both ISO dates. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** `date` plus `months` calendar months, the day clamped to the target month's last day. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function lambdaFact(id: string, facts: RuntimeFacts = RUNTIME_FACTS): LambdaRuntimeFact | undefined {
  return facts.lambda.find((f) => f.id === id);
}

export function syntheticsFact(
  id: string,
  facts: RuntimeFacts = RUNTIME_FACTS,
): SyntheticsRuntimeFact | undefined {
  return facts.synthetics.find((f) => f.id === id);
}

export function lambdaCreateBlock(fact: LambdaRuntimeFact): CreateBlock {
  return {
    date: fact.blockCreate,
    basis:
      fact.blockCreate === null
        ? 'AWS lists no create-block date for it'
        : `Lambda blocks creating functions on it from ${fact.blockCreate}`,
    source: fact.source,
  };
}

/**
 * The day creating canaries on a Synthetics runtime stops: the published deprecation date, or else the
 * deprecation date of the Lambda runtime it runs on (AWS deprecates a Synthetics runtime when any of its
 * components is unsupported). `undated`: listed as deprecated without a recorded date.
 */
export function syntheticsCreateBlock(
  fact: SyntheticsRuntimeFact,
  facts: RuntimeFacts = RUNTIME_FACTS,
): CreateBlock | 'undated' {
  if (fact.deprecatedUndated) return 'undated';
  if (fact.deprecated !== null) {
    return {
      date: fact.deprecated,
      basis: `AWS deprecated it on ${fact.deprecated} (no new canaries from that date)`,
      source: fact.source,
    };
  }
  const base = fact.lambdaRuntime === null ? undefined : lambdaFact(fact.lambdaRuntime, facts);
  if (!base) return { date: null, basis: 'its Lambda runtime is not recorded', source: fact.source };
  if (base.deprecated === null) {
    return {
      date: null,
      basis: `its Lambda runtime ${base.id} has no deprecation date`,
      source: base.source,
    };
  }
  return {
    date: base.deprecated,
    basis: `it runs on Lambda ${base.id}, deprecated on ${base.deprecated}, and Synthetics deprecates a runtime when any component is unsupported (derived, not published)`,
    source: `${fact.source} ; ${base.source}`,
  };
}

/** The verdict for a create-block on `today`. */
export function verdictOn(block: CreateBlock, today: IsoDate): RuntimeVerdict {
  if (block.date === null) return { kind: 'current', block };
  const daysLeft = daysBetween(today, block.date);
  if (daysLeft <= 0) return { kind: 'blocked', block };
  if (daysLeft <= WARNING_DAYS) return { kind: 'ending', block, daysLeft };
  return { kind: 'current', block };
}

export function lambdaVerdict(
  id: string,
  today: IsoDate,
  facts: RuntimeFacts = RUNTIME_FACTS,
): RuntimeVerdict {
  const fact = lambdaFact(id, facts);
  return fact ? verdictOn(lambdaCreateBlock(fact), today) : { kind: 'unknown' };
}

export function syntheticsVerdict(
  id: string,
  today: IsoDate,
  facts: RuntimeFacts = RUNTIME_FACTS,
): RuntimeVerdict {
  const fact = syntheticsFact(id, facts);
  if (!fact) return { kind: 'unknown' };
  const block = syntheticsCreateBlock(fact, facts);
  if (block === 'undated') {
    return {
      kind: 'blocked',
      block: {
        date: null,
        basis: `AWS lists it as deprecated (date not recorded: ${fact.note ?? 'see the source'})`,
        source: fact.source,
      },
    };
  }
  return verdictOn(block, today);
}

/** Lambda runtimes of `families` that can still be created on `today`, newest first as in the table. */
export function creatableLambdaRuntimes(
  today: IsoDate,
  families: readonly LambdaRuntimeFact['family'][],
  facts: RuntimeFacts = RUNTIME_FACTS,
): string[] {
  return facts.lambda
    .filter((f) => families.includes(f.family))
    .filter((f) => verdictOn(lambdaCreateBlock(f), today).kind !== 'blocked')
    .map((f) => f.id);
}

/** A note when the facts were last checked more than STALE_AFTER_MONTHS before `today`. */
export function staleFactsNote(today: IsoDate, facts: RuntimeFacts = RUNTIME_FACTS): string | undefined {
  const staleAfter = addMonths(facts.lastChecked, STALE_AFTER_MONTHS);
  if (today <= staleAfter) return undefined;
  return `[RuntimeFactsStale] the runtime facts (aspects/core/runtime-facts.ts) were last checked on ${facts.lastChecked}, more than ${STALE_AFTER_MONTHS} months before ${today}: runtime verdicts may be stale. Re-read the AWS pages listed there, update the records and lastChecked.`;
}
