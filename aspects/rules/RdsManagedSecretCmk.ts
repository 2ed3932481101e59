import { defineRule, nonCompliant } from '../core/rule';
import type { RuleResult } from '../core/rule';
import { literalBool } from '../core/values';
import { requireBool, requireCmk } from './requirements';
import { allOf } from './requirements';

export default defineRule({
  id: 'RdsManagedSecretCmk',
  description:
    'Every Aurora cluster lets RDS manage its master password in Secrets Manager, encrypted with a customer-managed KMS key, and sets no master_password.',
  fix: 'remove master_password, set manage_master_user_password = true and master_user_secret_kms_key_id to a customer-managed aws_kms_key',
  severity: 'critical',
  controls: {
    pciDss: ['8.3.2', '8.6.2'],
    cdkNag: [
      'HIPAA.Security-SecretsManagerUsingKMSKey',
      'NIST.800.53.R5-SecretsManagerUsingKMSKey',
      'PCI.DSS.321-SecretsManagerUsingKMSKey',
    ],
    checkov: ['CKV_AWS_149'],
  },
  appliesTo: ['aws_rds_cluster'],
  injectedBy: 'kms',
  injectedFix:
    "remove master_password, set manage_master_user_password = true and leave master_user_secret_kms_key_id unset so the gate injects the policy's data key",
  keyPurpose: 'data',
  evaluate: (r, ctx) => {
    const results: RuleResult[] = [];
    const password = r.config['master_password'];
    if (password !== undefined && password !== null && password !== '') {
      // Any value (a literal, a variable) is stored in plain text in the Terraform state.
      results.push(
        nonCompliant(
          'master_password is set, so the password is stored in the Terraform state; use manage_master_user_password',
          'master_password',
        ),
      );
    }
    results.push(requireBool(r, 'manage_master_user_password', true, false));
    const managed = literalBool(r.config['manage_master_user_password']);
    if (managed.kind === 'value' && managed.value)
      results.push(requireCmk(r, 'master_user_secret_kms_key_id', ctx));
    return allOf(...results);
  },
});
