import { defineRule } from '../core/rule';
import { requireBool } from './requirements';

export default defineRule({
  id: 'RdsDeletionProtection',
  description: 'Every Aurora cluster has deletion protection on.',
  fix: 'set deletion_protection = true',
  severity: 'medium',
  controls: {
    securityHub: ['RDS.7'],
    cdkNag: [
      'AwsSolutions-RDS10',
      'HIPAA.Security-RDSInstanceDeletionProtectionEnabled',
      'NIST.800.53.R5-RDSInstanceDeletionProtectionEnabled',
    ],
    checkov: ['CKV_AWS_139'],
  },
  appliesTo: ['aws_rds_cluster'],
  evaluate: (r) => requireBool(r, 'deletion_protection', true, false),
});
