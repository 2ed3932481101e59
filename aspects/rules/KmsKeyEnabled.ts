import { defineRule } from '../core/rule';
import { requireBool } from './requirements';

export default defineRule({
  id: 'KmsKeyEnabled',
  description:
    'Every customer-managed KMS key is enabled (is_enabled is not false), so the data it protects stays readable.',
  fix: 'remove is_enabled = false from the aws_kms_key (or set it to true)',
  severity: 'medium',
  controls: { securityHub: ['KMS.3'], checkov: ['CKV_AWS_227'] },
  appliesTo: ['aws_kms_key'],
  evaluate: (r) => requireBool(r, 'is_enabled', true, true),
});
