import { defineRule } from '../core/rule';
import { judgeAllowStatements } from './iam-documents';

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
  evaluate: (r, { model }) =>
    judgeAllowStatements(model, r, (st) => {
      const problems: string[] = [];
      const wild = st.actions.filter(isWildcardAction);
      if (wild.length > 0)
        problems.push(`allows ${wild.map((a) => `"${a}"`).join(', ')}; list the actions it needs`);
      if (st.notActions.length > 0) {
        problems.push(`allows every action except ${st.notActions.join(', ')} (Allow with NotAction)`);
      }
      return problems;
    }),
});
