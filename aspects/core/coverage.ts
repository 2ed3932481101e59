/**
 * What an evaluation looked at: how many resources at least one rule judged, and the resource types no
 * rule judges (so a reader sees what the gate does not look at). Pure; the CLI prints it as one line.
 */
import type { Evaluation } from './evaluate';

export interface Coverage {
  /** Resources in scope. */
  readonly resources: number;
  /** Resources at least one rule of the catalogue applies to. */
  readonly judged: number;
  /** Types judged, with their resource counts, sorted by type. */
  readonly typesJudged: readonly { readonly type: string; readonly count: number }[];
  /** Types no rule judges, with their resource counts, sorted by type. */
  readonly typesNotJudged: readonly { readonly type: string; readonly count: number }[];
}

export function coverage(ev: Evaluation): Coverage {
  const taggableRules = ev.rules.some((r) => r.appliesTo === 'taggable');
  const byRule = new Set<string>();
  for (const r of ev.rules) if (r.appliesTo !== 'taggable') for (const t of r.appliesTo) byRule.add(t);
  const judgedTypes = new Map<string, number>();
  const other = new Map<string, number>();
  for (const r of ev.resources) {
    const judged = byRule.has(r.type) || (taggableRules && ev.model.taggableTypes.has(r.type));
    const m = judged ? judgedTypes : other;
    m.set(r.type, (m.get(r.type) ?? 0) + 1);
  }
  const list = (m: Map<string, number>) =>
    [...m].map(([type, count]) => ({ type, count })).sort((a, b) => (a.type < b.type ? -1 : 1));
  const typesJudged = list(judgedTypes);
  return {
    resources: ev.resources.length,
    judged: typesJudged.reduce((n, t) => n + t.count, 0),
    typesJudged,
    typesNotJudged: list(other),
  };
}

/** `coverage: 12 of 14 resources judged by 56 rules; types no rule judges (…): aws_iam_role (1), terraform_data (1)` */
export function coverageLine(c: Coverage, rules: number): string {
  const not =
    c.typesNotJudged.length === 0
      ? 'every resource type is judged'
      : `types no rule judges (read only as companions of the resources they serve, if at all): ${c.typesNotJudged.map((t) => `${t.type} (${t.count})`).join(', ')}`;
  return `coverage: ${c.judged} of ${c.resources} resources judged by ${rules} rules; ${not}`;
}
