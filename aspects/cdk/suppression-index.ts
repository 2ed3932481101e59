/**
 * The suppressions a check uses: those declared in the gate's scope on the constructs of one stack, by
 * the construct that declares them, and those declared above the stack (refused: they cover nothing).
 */
import type { IConstruct } from 'constructs';
import type { SuppressionProblem, SuppressionSite } from '../core/evaluate';
import type { TfResource } from '../core/model';
import { suppressionsOn } from './suppress';

export interface SuppressionIndex {
  readonly suppressionsFor: (r: TfResource) => SuppressionSite[];
  readonly allSuppressions: SuppressionSite[];
  readonly owners: Map<string, IConstruct>;
}

/**
 * One pass over the stack's constructs (`all`, from the caller's walk). `scopePath` is the gate's scope
 * ('' for an App or the stack itself): suppressions outside it, in a sibling subtree, are not the gate's.
 */
export function suppressionIndex(all: readonly IConstruct[], scopePath: string): SuppressionIndex {
  const byOwner = new Map<string, SuppressionSite[]>();
  const owners = new Map<string, IConstruct>();
  const allSuppressions: SuppressionSite[] = [];
  for (const c of all) {
    if (c.node.metadata.length === 0) continue;
    const sites = suppressionsOn(c);
    if (sites.length === 0) continue;
    const owner = c.node.path;
    const related =
      scopePath === '' ||
      owner === scopePath ||
      owner.startsWith(`${scopePath}/`) ||
      scopePath.startsWith(`${owner}/`);
    if (!related) continue;
    byOwner.set(owner, sites);
    owners.set(owner, c);
    allSuppressions.push(...sites);
  }
  const suppressionsFor = (r: TfResource): SuppressionSite[] => {
    if (byOwner.size === 0) return [];
    const out: SuppressionSite[] = [];
    const parts = r.path.split('/');
    for (let i = parts.length; i > 0; i--) {
      const sites = byOwner.get(parts.slice(0, i).join('/'));
      if (sites) out.push(...sites);
    }
    return out;
  };
  return { suppressionsFor, allSuppressions, owners };
}

/**
 * Suppressions declared above the stack (on the App, or a construct between the App and the stack): the
 * engine synthesizes and validates each stack on its own, so they cover nothing. Refused rather than
 * ignored, so the author learns why the finding still fails.
 */
export function suppressionsAbove(stack: IConstruct): SuppressionProblem[] {
  return stack.node.scopes
    .slice(0, -1)
    .flatMap((c) => suppressionsOn(c))
    .map((site) => ({
      site: site.ownerPath === '' ? { ...site, ownerPath: '<app>' } : site,
      problem: `is declared above the stack ${stack.node.path}, where it covers nothing (each stack is judged on its own): declare it on the stack or on a construct inside it`,
    }));
}
