import { defineRule } from '../core/rule';
import { requireCmk } from './requirements';

export default defineRule({
  id: 'LogGroupKmsCmk',
  description:
    'Every CloudWatch log group is encrypted with a customer-managed KMS key declared in the stack.',
  fix: 'set kms_key_id to a customer-managed aws_kms_key (not alias/aws/logs)',
  severity: 'high',
  controls: {
    pciDss: ['3.5.1', '10.3.2'],
    cdkNag: [
      'HIPAA.Security-CloudWatchLogGroupEncrypted',
      'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
      'PCI.DSS.321-CloudWatchLogGroupEncrypted',
    ],
    checkov: ['CKV_AWS_158'],
  },
  appliesTo: ['aws_cloudwatch_log_group'],
  injectedBy: 'kms',
  injectedFix: "leave kms_key_id unset so the gate injects the policy's logs key",
  keyPurpose: 'logs',
  evaluate: (r, ctx) => requireCmk(r, 'kms_key_id', ctx),
});
