/**
 * The suppressions a check uses: those declared in the gate's scope on the constructs of one stack, by
 * the construct that declares them, and those declared above the stack (refused: they cover nothing).
 */
import type { IConstruct } from 'constructs';
import type { SuppressionProblem, SuppressionSite } from '../core/evaluate';
import type { TfResource } from '../core/model';
import { suppressedConstructs, suppressionsOn } from './suppress';

export interface SuppressionIndex {
  readonly suppressionsFor: (r: TfResource) => readonly SuppressionSite[];
  readonly allSuppressions: SuppressionSite[];
  readonly owners: Map<string, IConstruct>;
}

/** No suppression: one shared empty list, not a new one per resource. */
const NONE: readonly SuppressionSite[] = Object.freeze([]);

/**
 * The suppressions of one stack: `declared` are the constructs of the stack that carry suppressions (see
 * stackSuppressions). `scopePath` is the gate's scope ('' for an App or the stack itself): suppressions
 * outside it, in a sibling subtree, are not the gate's.
 */
export function suppressionIndex(declared: readonly IConstruct[], scopePath: string): SuppressionIndex {
  const byOwner = new Map<string, SuppressionSite[]>();
  const owners = new Map<string, IConstruct>();
  const allSuppressions: SuppressionSite[] = [];
  for (const c of declared) {
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
  const suppressionsFor = (r: TfResource): readonly SuppressionSite[] => {
    if (byOwner.size === 0) return NONE;
    const out: SuppressionSite[] = [];
    // The resource's path, then each scope above it (nearest first).
    for (let p = r.path; ;) {
      const sites = byOwner.get(p);
      if (sites) out.push(...sites);
      const cut = p.lastIndexOf('/');
      if (cut < 0) break;
      p = p.slice(0, cut);
    }
    return out;
  };
  return { suppressionsFor, allSuppressions, owners };
}

/**
 * The constructs of `stack` (the stack itself and below) that carry suppressions, in the stack's
 * construct order (the order a walk of the tree meets them), from the tree's registry (suppressedConstructs):
 * no walk of the stack's constructs. `constructAt` finds a construct by path; a construct removed from
 * the tree since it was suppressed is not found there, and is left out.
 */
export function stackSuppressions(
  stack: IConstruct,
  constructAt: (path: string) => IConstruct | undefined,
): IConstruct[] {
  const stackPath = stack.node.path;
  const inStack = suppressedConstructs(stack.node.root).filter((c) => {
    const p = c.node.path;
    return (p === stackPath || p.startsWith(`${stackPath}/`)) && constructAt(p) === c;
  });
  if (inStack.length < 2) return inStack;
  const position = new Map(inStack.map((c) => [c, treePosition(c)]));
  return inStack.sort((a, b) => comparePositions(position.get(a)!, position.get(b)!));
}

/** A construct's position in its tree: its index among its siblings at each level, from the root down. */
function treePosition(c: IConstruct): number[] {
  return c.node.scopes.slice(1).map((s) => s.node.scope!.node.children.indexOf(s));
}

function comparePositions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length; // an ancestor comes before its descendants
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
