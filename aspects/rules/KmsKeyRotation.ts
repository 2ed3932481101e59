import { defineRule, notApplicable, unresolved } from '../core/rule';
import { literalString } from '../core/values';
import { requireBool } from './requirements';

export default defineRule({
  id: 'KmsKeyRotation',
  description:
    'Every symmetric customer-managed KMS key rotates its key material automatically (enable_key_rotation is true).',
  fix: 'set enable_key_rotation = true on the aws_kms_key (optionally rotation_period_in_days between 90 and 2560)',
  severity: 'medium',
  controls: {
    pciDss: ['3.7.4'],
    securityHub: ['KMS.4'],
    cdkNag: [
      'AwsSolutions-KMS5',
      'NIST.800.53.R5-KMSBackingKeyRotationEnabled',
      'PCI.DSS.321-KMSBackingKeyRotationEnabled',
    ],
    checkov: ['CKV_AWS_7'],
  },
  appliesTo: ['aws_kms_key'],
  evaluate: (r) => {
    // Automatic rotation exists only for symmetric encryption keys; asymmetric and HMAC keys cannot rotate.
    for (const attribute of ['customer_master_key_spec', 'key_spec']) {
      const spec = literalString(r.config[attribute]);
      if (spec.kind === 'unresolved') return unresolved(attribute, spec.expression);
      if (spec.kind === 'value' && spec.value !== 'SYMMETRIC_DEFAULT') {
        return notApplicable(
          `${attribute} is "${spec.value}"; only symmetric keys support automatic rotation`,
        );
      }
    }
    // Keys in a custom key store (CloudHSM, external) cannot rotate automatically either.
    const store = r.config['custom_key_store_id'];
    if (typeof store === 'string' && store !== '') {
      return notApplicable(
        'the key lives in a custom key store, where AWS KMS does not rotate keys automatically',
      );
    }
    return requireBool(r, 'enable_key_rotation', true, false);
  },
});
