/**
 * The one place that sets property-test run counts. Default 100 runs per property; `FC_NUM_RUNS=1000`
 * sets every property's run count (absolute), `FC_RUNS_FACTOR=10` multiplies each property's default
 * instead (a soak run that keeps relative weights), and `FC_SEED` replays a reported counterexample.
 */
import type { Parameters } from 'fast-check';

export const DEFAULT_RUNS = 100;

export function numRuns(defaultRuns = DEFAULT_RUNS): number {
  const absolute = Number(process.env.FC_NUM_RUNS);
  if (Number.isInteger(absolute) && absolute > 0) return absolute;
  const factor = Number(process.env.FC_RUNS_FACTOR);
  return Number.isFinite(factor) && factor > 0 ? Math.max(1, Math.round(defaultRuns * factor)) : defaultRuns;
}

export function fcParams<T = unknown>(overrides: Parameters<T> = {}): Parameters<T> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : NaN;
  return {
    ...(Number.isInteger(seed) ? { seed } : {}),
    ...overrides,
    numRuns: numRuns(overrides.numRuns ?? DEFAULT_RUNS),
  };
}
