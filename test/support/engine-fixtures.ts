/**
 * Fixtures for the tests of the CDK-free core (test/aspects/core/): stub rules that answer what the test
 * says, construct-path metadata, and suppression sites. Each law of the engine is then stated once and
 * independently of any real rule.
 */
import type { SuppressionSite } from '../../aspects/core/evaluate';
import type { Rule, RuleResult } from '../../aspects/core/rule';
import { defineRule } from '../../aspects/core/rule';

/** A stub rule answering `answer(resource name)` for the given types. */
export function stubRule(
  id: string,
  appliesTo: Rule['appliesTo'],
  answer: (name: string) => RuleResult | readonly RuleResult[],
  over: Partial<Rule> = {},
): Rule {
  return defineRule({
    id,
    description: `${id} holds.`,
    fix: `fix ${id}`,
    severity: 'high',
    controls: { pciDss: ['10.2.1'] },
    appliesTo,
    evaluate: (r) => answer(r.name),
    ...over,
  });
}

/** The metadata CDKTF writes on a resource, carrying its construct path. */
export const meta = (path: string) => ({ '//': { metadata: { path } } });

/** A valid suppression of `ruleId` declared on the construct at `ownerPath` (fields overridable). */
export const site = (
  ruleId: string,
  ownerPath: string,
  over: Record<string, string> = {},
): SuppressionSite => ({
  suppression: {
    ruleId,
    reason: 'The archive keeps these logs for a year, so this is accepted.',
    expires: '2027-01-31',
    ...over,
  },
  ownerPath,
});
