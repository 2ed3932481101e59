import { defineRule } from '../core/rule';
import { requireCmk } from './requirements';

export default defineRule({
  id: 'SecretKmsCmk',
  description:
    'Every Secrets Manager secret is encrypted with a customer-managed KMS key declared in the stack (not aws/secretsmanager).',
  fix: 'set kms_key_id to a customer-managed aws_kms_key (not alias/aws/secretsmanager)',
  severity: 'high',
  controls: {
    pciDss: ['3.5.1'],
    cdkNag: [
      'HIPAA.Security-SecretsManagerUsingKMSKey',
      'NIST.800.53.R5-SecretsManagerUsingKMSKey',
      'PCI.DSS.321-SecretsManagerUsingKMSKey',
    ],
    checkov: ['CKV_AWS_149'],
  },
  appliesTo: ['aws_secretsmanager_secret'],
  injectedBy: 'kms',
  injectedFix: "leave kms_key_id unset so the gate injects the policy's data key",
  keyPurpose: 'data',
  evaluate: (r, ctx) => requireCmk(r, 'kms_key_id', ctx),
});
