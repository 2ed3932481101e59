import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import type { Statement } from '../core/values';
import { statementCoversActions } from '../core/values';
import { keyPolicyOf } from './key-policies';
import { statementLabel } from './policy-statements';

/**
 * Condition keys that narrow a `*` principal to known callers (the pattern of AWS-managed key policies:
 * `kms:CallerAccount` + `kms:ViaService`). A condition on anything else (e.g. `aws:SecureTransport`)
 * leaves the key open to every AWS account. See Security Hub KMS.5.
 */
const RESTRICTING_KEYS = [
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'kms:calleraccount',
];

/** The account root as a key-policy principal: `arn:<partition>:iam::<account>:root` or a bare account id. */
const isRootPrincipal = (p: string): boolean => /:root$/.test(p) || /^\d{12}$/.test(p);

function grantsEveryone(st: Statement): boolean {
  if (st.effect !== 'Allow') return false;
  return (
    st.hasNotPrincipal ||
    (st.principals['*'] ?? []).includes('*') ||
    (st.principals['AWS'] ?? []).includes('*')
  );
}

function restrictsCallers(st: Statement): boolean {
  return Object.values(st.conditions).some((kv) =>
    Object.keys(kv).some((k) => RESTRICTING_KEYS.includes(k.toLowerCase())),
  );
}

export default defineRule({
  id: 'KmsKeyPolicyDefined',
  description:
    'Every customer-managed KMS key has an explicit key policy that keeps the account-root statement (kms:*) and grants nothing to every principal (*) without a condition that limits the callers.',
  fix: 'set policy on the aws_kms_key (or declare an aws_kms_key_policy for it) with an Allow of kms:* to arn:<partition>:iam::<account>:root, and scope every other statement to named principals (or add aws:PrincipalAccount / kms:CallerAccount / aws:SourceArn conditions to a * principal)',
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
      if (grantsEveryone(st) && !restrictsCallers(st)) {
        const who = st.hasNotPrincipal ? 'every principal outside NotPrincipal' : 'principal "*"';
        results.push(
          nonCompliant(
            `${attribute} ${statementLabel(st, i)} allows ${who} (${st.actions.join(', ') || 'NotAction'}) without a condition that limits the callers (aws:PrincipalAccount, kms:CallerAccount, aws:SourceArn, ...)`,
            attribute,
          ),
        );
      }
    });
    return results.length > 0 ? results : compliant();
  },
});
