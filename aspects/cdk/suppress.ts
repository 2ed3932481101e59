/**
 * Dated, reasoned exceptions. A suppression is declared on a construct (a resource or a whole scope)
 * and covers it and everything below it, for one rule id. It must carry a reason of at least a
 * sentence and an expiry date; an expired suppression, one naming an unknown rule, and one that
 * matches no finding are errors themselves (reported on the construct that declares them).
 */
import type { IConstruct } from 'constructs';
import type { Suppression } from '../core/policy';
import type { SuppressionSite } from '../core/evaluate';

export const SUPPRESSION_METADATA = 'compliance:suppression';

/** Declares one or more suppressions on a construct or scope. Returns the construct for chaining. */
export function suppress<T extends IConstruct>(construct: T, ...suppressions: Suppression[]): T {
  for (const s of suppressions) {
    if (!s || typeof s.ruleId !== 'string') {
      throw new Error(
        `[compliance/SuppressionInvalid] ${construct.node.path}: a suppression needs { ruleId, reason, expires }`,
      );
    }
    construct.node.addMetadata(SUPPRESSION_METADATA, { ...s });
  }
  if (suppressions.length > 0) registryOf(construct.node.root).add(construct);
  return construct;
}

/**
 * The constructs of a tree that carry suppressions, kept on the tree's root under a global symbol (so two
 * copies of the gate in one app share it): a check reads these few constructs instead of walking every
 * construct of the stack for metadata. The metadata stays the record of what is suppressed.
 */
const REGISTRY = Symbol.for('@payments-compliance/gate:suppressed-constructs');

function registryOf(root: IConstruct): Set<IConstruct> {
  const holder = root as unknown as { [REGISTRY]?: Set<IConstruct> };
  let set = holder[REGISTRY];
  if (!set) {
    set = new Set();
    Object.defineProperty(root, REGISTRY, { value: set, enumerable: false });
  }
  return set;
}

/** The constructs of `root`'s tree on which suppress() declared suppressions, in declaration order. */
export function suppressedConstructs(root: IConstruct): readonly IConstruct[] {
  return [...((root as unknown as { [REGISTRY]?: Set<IConstruct> })[REGISTRY] ?? [])];
}

/** Suppressions declared directly on a construct. */
export function suppressionsOn(construct: IConstruct): SuppressionSite[] {
  return construct.node.metadata
    .filter((m) => m.type === SUPPRESSION_METADATA)
    .map((m) => ({ suppression: m.data as Suppression, ownerPath: construct.node.path }));
}
