/**
 * RequiredTagsMutator — mutates. Touches every managed resource that accepts `tags` (capability:
 * the generated class has a `tagsInput`), so it needs no list of taggable types.
 *
 * Invariants: idempotent; never overwrites a tag the author set (a wrong value stays and fails the
 * RequiredTags rule); does not add a tag that the resource's provider already sets in `default_tags`
 * (provider default tags are merged by Terraform into `tags_all`); leaves token-valued tag maps alone.
 */
import type { IAspect } from '../engine';
import { TerraformProvider, TerraformStack } from '../engine';
import type { IConstruct } from 'constructs';
import type { CompliancePolicy } from '../../core/policy';
import { isToken, mutable, resourceType } from './util';

/** Whether a resource construct accepts tags. */
export function acceptsTags(node: IConstruct): boolean {
  return resourceType(node) !== undefined && 'tagsInput' in node;
}

export class RequiredTagsMutator implements IAspect {
  private readonly defaultTagsByStack = new WeakMap<TerraformStack, Map<string, Record<string, unknown>>>();

  constructor(private readonly policy: CompliancePolicy) {}

  visit(node: IConstruct): void {
    if (!acceptsTags(node)) return;
    const r = mutable(node);
    const current = r['tagsInput'];
    if (isToken(current)) return;
    const own = (current as Record<string, unknown> | undefined) ?? {};
    const defaults = this.providerDefaultTags(node);
    // Copied only when a tag is added (most resources of a large stack already have them all).
    let tags: Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(this.policy.requiredTags)) {
      if (key in own || key in defaults) continue;
      (tags ??= { ...own })[key] = value;
    }
    if (tags) r['tags'] = tags;
  }

  /** `default_tags` of the AWS provider this resource uses (its own `provider`, else the stack's default). */
  private providerDefaultTags(node: IConstruct): Record<string, unknown> {
    const stack = TerraformStack.of(node);
    let byAlias = this.defaultTagsByStack.get(stack);
    if (!byAlias) {
      byAlias = new Map();
      for (const child of stack.node.findAll()) {
        if (!(child instanceof TerraformProvider) || child.terraformResourceType !== 'aws') continue;
        const p = mutable(child as unknown as IConstruct);
        const list = p['defaultTagsInput'];
        const first = Array.isArray(list)
          ? (list[0] as { tags?: Record<string, unknown> } | undefined)
          : undefined;
        const tags = first?.tags && !isToken(first.tags) ? first.tags : {};
        byAlias.set(child.alias ?? '', tags);
      }
      this.defaultTagsByStack.set(stack, byAlias);
    }
    const own = mutable(node)['provider'] as TerraformProvider | undefined;
    return byAlias.get(own?.alias ?? '') ?? {};
  }
}
