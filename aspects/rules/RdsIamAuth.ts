import { defineRule } from '../core/rule';
import { requireBool } from './requirements';

export default defineRule({
  id: 'RdsIamAuth',
  description: 'Every Aurora cluster accepts IAM database authentication.',
  fix: 'set iam_database_authentication_enabled = true',
  severity: 'medium',
  controls: {
    pciDss: ['8.2.1', '8.3.1'],
    securityHub: ['RDS.12'],
    cdkNag: ['AwsSolutions-RDS6'],
    checkov: ['CKV_AWS_162'],
  },
  appliesTo: ['aws_rds_cluster'],
  evaluate: (r) => requireBool(r, 'iam_database_authentication_enabled', true, false),
});
