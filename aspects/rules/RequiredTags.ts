import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { isObject } from '../core/model';
import type { RuleResult } from '../core/rule';
import { isExpression } from '../core/values';

export default defineRule({
  id: 'RequiredTags',
  description:
    'Every taggable resource carries each required tag with the policy value (its own tags merged over the provider default_tags).',
  fix: 'set the tag to the policy value on the resource or in the provider default_tags',
  severity: 'medium',
  controls: {},
  appliesTo: 'taggable',
  injectedBy: 'tags',
  injectedFix: 'leave the tag out so the gate adds it',
  evaluate: (r, { model, policy }) => {
    const own = r.config['tags'];
    if (isExpression(own)) return unresolved('tags', own);
    // The resource's own tags over the provider's default_tags, read per tag (no merged copy).
    const tags = isObject(own) ? own : undefined;
    const defaults = model.defaultTagsFor(r);
    const results: RuleResult[] = [];
    for (const [key, want] of Object.entries(policy.requiredTags)) {
      const got = tags !== undefined && Object.hasOwn(tags, key) ? tags[key] : defaults[key];
      if (got === undefined)
        results.push(nonCompliant(`tag ${key} is missing; it must be "${want}"`, 'tags'));
      else if (isExpression(got)) results.push(unresolved(`tags.${key}`, got));
      else if (got !== want)
        results.push(nonCompliant(`tag ${key} is "${String(got)}"; it must be "${want}"`, 'tags'));
    }
    return results.length > 0 ? results : compliant();
  },
});
