/**
 * What the gate looked at: how many resources of how many types were judged, and which resource types no
 * rule judges, so a user sees what passed without a word (a type no rule knows is not "compliant", it is
 * unjudged). Used by the synth output, the JSON report and the CLI.
 */
import type { Evaluation } from './evaluate';

export interface Coverage {
  /** Resources judged (in the gate's scope). */
  readonly resources: number;
  /** Distinct resource types among them. */
  readonly types: number;
  /** Types that no rule of the evaluation judges, with how many resources each, most first. */
  readonly unjudgedTypes: readonly { readonly type: string; readonly resources: number }[];
}

export function coverageOf(ev: Evaluation): Coverage {
  const judgedTypes = new Set<string>();
  let taggableRule = false;
  for (const rule of ev.rules) {
    if (rule.appliesTo === 'taggable') taggableRule = true;
    else for (const t of rule.appliesTo) judgedTypes.add(t);
  }
  const counts = new Map<string, number>();
  for (const r of ev.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const unjudgedTypes = [...counts]
    .filter(([type]) => !judgedTypes.has(type) && !(taggableRule && ev.model.taggableTypes.has(type)))
    .map(([type, resources]) => ({ type, resources }))
    .sort((a, b) => b.resources - a.resources || a.type.localeCompare(b.type));
  return { resources: ev.resources.length, types: counts.size, unjudgedTypes };
}

/** `judged 138 resources of 41 types; no rule judges 3 types: aws_x (2), aws_y (1)` */
export function coverageLine(c: Coverage): string {
  const head = `judged ${c.resources} resource${c.resources === 1 ? '' : 's'} of ${c.types} type${c.types === 1 ? '' : 's'}`;
  if (c.unjudgedTypes.length === 0) return `${head}; every type is judged by at least one rule`;
  const list = c.unjudgedTypes.map((u) => `${u.type} (${u.resources})`).join(', ');
  return `${head}; no rule judges ${c.unjudgedTypes.length} type${c.unjudgedTypes.length === 1 ? '' : 's'}: ${list}`;
}
