/**
 * Surviving mutants that were reviewed and found equivalent (or unkillable for a stated reason), one
 * entry per mutant or per group of mutants that share a reason. `npx tsx bench/mutation-summary.ts`
 * matches every survivor of the last run against these entries; with `--check` it exits 1 when a
 * survivor has no entry (an unexplained test gap) or an entry matches no survivor (a stale reason: the
 * mutant was killed or the code changed, so the entry must go or be rewritten).
 *
 * Entries are matched by file, mutator and source text, not by line number, so they survive edits that
 * only move code:
 * - `original`: a substring of the mutated source text (whitespace collapsed to single spaces);
 * - `replacement`: optional; a substring of the replacement text (whitespace collapsed);
 * - `line`: optional; only when the same text and mutator occur more than once in a file and the reason
 *   holds for one of them.
 */
export interface Equivalent {
  readonly file: string;
  readonly mutator: string;
  readonly original: string;
  readonly replacement?: string;
  readonly line?: number;
  readonly reason: string;
}

export const EQUIVALENTS: readonly Equivalent[] = [];
