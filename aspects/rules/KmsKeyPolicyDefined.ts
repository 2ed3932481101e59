import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { statementCoversActions } from '../core/values';
import { keyPolicyOf } from './key-policies';
import { statementLabel } from './policy-statements';
import { grantsEveryone, limitsCaller } from './resource-policies';

/** The account root as a key-policy principal: `arn:<partition>:iam::<account>:root` or a bare account id. */
const isRootPrincipal = (p: string): boolean => /:root$/.test(p) || /^\d{12}$/.test(p);

export default defineRule({
  id: 'KmsKeyPolicyDefined',
  description:
    'Every customer-managed KMS key has an explicit key policy that keeps the account-root statement (kms:*) and grants nothing to every principal (*) without a condition that limits the callers.',
  fix: 'set policy on the aws_kms_key (or declare an aws_kms_key_policy for it) with an Allow of kms:* to arn:<partition>:iam::<account>:root, and scope every other statement to named principals (or add aws:PrincipalAccount / kms:CallerAccount / aws:SourceArn conditions with fixed values, no wildcard, to a * principal)',
  severity: 'high',
  controls: { pciDss: ['3.6.1'], securityHub: ['KMS.5'], checkov: ['CKV2_AWS_64', 'CKV_AWS_33'] },
  appliesTo: ['aws_kms_key'],
  evaluate: (r, { model }) => {
    const { attribute, document, unknownLink } = keyPolicyOf(model, r);
    if (unknownLink) return unresolved(unknownLink.attribute, unknownLink.expression);
    if (document.kind === 'absent') {
      return nonCompliant(
        'policy is not set and no aws_kms_key_policy refers to the key, so AWS applies its default key policy instead of a reviewed one',
        'policy',
      );
    }
    if (document.kind === 'unresolved') return unresolved(attribute, document.text);
    if (document.kind === 'invalid') return nonCompliant(`${attribute} ${document.reason}`, attribute);

    const results: RuleResult[] = [];
    const rootStatements = document.statements.filter(
      (st) => st.effect === 'Allow' && (st.principals['AWS'] ?? []).some(isRootPrincipal),
    );
    if (rootStatements.length === 0) {
      results.push(
        nonCompliant(
          `${attribute} has no Allow statement for the account root (arn:<partition>:iam::<account>:root), so IAM policies cannot grant use of the key and it can become unmanageable`,
          attribute,
        ),
      );
    } else if (!rootStatements.some((st) => statementCoversActions(st, ['kms:*']))) {
      const actions = rootStatements.flatMap((st) => st.actions).join(', ') || 'nothing';
      results.push(
        nonCompliant(
          `${attribute} allows the account root only ${actions}; it must allow kms:* so the account keeps control of the key`,
          attribute,
        ),
      );
    }
    document.statements.forEach((st, i) => {
      if (!grantsEveryone(st)) return;
      // Limited only by fixed values of a key naming the caller (resource-policies.ts): a wildcard or
      // a negated operator limits nothing.
      const limit = limitsCaller(model, st);
      if (limit.judgement === 'fixed') return;
      if (limit.judgement === 'unknown') {
        results.push(unresolved(`${attribute} ${statementLabel(st, i)} condition`, limit.pending ?? ''));
        return;
      }
      const who = st.hasNotPrincipal ? 'every principal outside NotPrincipal' : 'principal "*"';
      results.push(
        nonCompliant(
          `${attribute} ${statementLabel(st, i)} allows ${who} (${st.actions.join(', ') || 'NotAction'}) without a condition that limits the callers (aws:PrincipalAccount, kms:CallerAccount, aws:SourceArn, ...)`,
          attribute,
        ),
      );
    });
    return results.length > 0 ? results : compliant();
  },
});
