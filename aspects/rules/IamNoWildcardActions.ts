import type { RuleResult } from '../engine/rule';
import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../engine/rule';
import { iamDocumentsOf, statementLabel } from './helpers-a';

/** `*` or a whole service (`s3:*`, `iam:*`): grants actions nobody reviewed, including future ones. */
const isWildcardAction = (a: string): boolean => a === '*' || /^[A-Za-z0-9-]+:\*$/.test(a);

export default defineRule({
  id: 'IamNoWildcardActions',
  description:
    'No identity-based IAM policy (aws_iam_policy, aws_iam_role_policy, inline policies of aws_iam_role) allows every action (*) or every action of a service (<service>:*), or allows with NotAction.',
  fix: 'list the actions the principal needs (e.g. "logs:CreateLogStream", "logs:PutLogEvents") instead of "*" or "<service>:*", and replace Allow + NotAction with an explicit Action list',
  severity: 'high',
  controls: {
    pciDss: ['7.2.2'],
    securityHub: ['IAM.1', 'IAM.21'],
    cdkNag: [
      'AwsSolutions-IAM5',
      'HIPAA.Security-IAMPolicyNoStatementsWithAdminAccess',
      'NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess',
      'PCI.DSS.321-IAMPolicyNoStatementsWithAdminAccess',
      'HIPAA.Security-IAMPolicyNoStatementsWithFullAccess',
      'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess',
      'PCI.DSS.321-IAMPolicyNoStatementsWithFullAccess',
    ],
    checkov: ['CKV_AWS_62', 'CKV_AWS_63', 'CKV2_AWS_40'],
  },
  appliesTo: ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_role'],
  evaluate: (r, { model }) => {
    const documents = iamDocumentsOf(model, r);
    if (documents.length === 0) return notApplicable('the resource carries no permissions policy');
    const results: RuleResult[] = [];
    for (const { attribute, document } of documents) {
      if (document.kind === 'unresolved') results.push(unresolved(attribute, document.text));
      else if (document.kind === 'invalid')
        results.push(nonCompliant(`${attribute} ${document.reason}`, attribute));
      else if (document.kind === 'document') {
        document.statements.forEach((st, i) => {
          if (st.effect !== 'Allow') return;
          const wild = st.actions.filter(isWildcardAction);
          if (wild.length > 0) {
            results.push(
              nonCompliant(
                `${attribute} ${statementLabel(st, i)} allows ${wild.map((a) => `"${a}"`).join(', ')}; list the actions it needs`,
                attribute,
              ),
            );
          }
          if (st.notActions.length > 0) {
            results.push(
              nonCompliant(
                `${attribute} ${statementLabel(st, i)} allows every action except ${st.notActions.join(', ')} (Allow with NotAction)`,
                attribute,
              ),
            );
          }
        });
      }
    }
    return results.length > 0 ? results : compliant();
  },
});
