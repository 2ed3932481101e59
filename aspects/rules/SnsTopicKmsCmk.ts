import { defineRule } from '../core/rule';
import { requireCmk } from './requirements';

export default defineRule({
  id: 'SnsTopicKmsCmk',
  description:
    'Every SNS topic is encrypted with a customer-managed KMS key declared in the stack (not alias/aws/sns).',
  fix: 'set kms_master_key_id to a customer-managed aws_kms_key (not alias/aws/sns)',
  severity: 'high',
  controls: {
    pciDss: ['3.5.1'],
    securityHub: ['SNS.1'],
    cdkNag: [
      'HIPAA.Security-SNSEncryptedKMS',
      'NIST.800.53.R5-SNSEncryptedKMS',
      'PCI.DSS.321-SNSEncryptedKMS',
    ],
    checkov: ['CKV_AWS_26'],
  },
  appliesTo: ['aws_sns_topic'],
  injectedBy: 'kms',
  injectedFix: "leave kms_master_key_id unset so the gate injects the policy's alerting key",
  keyPurpose: 'alerting',
  evaluate: (r, ctx) => requireCmk(r, 'kms_master_key_id', ctx),
});
