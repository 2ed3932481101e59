import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../core/rule';
import type { RuleResult } from '../core/rule';
import { firstBlock } from '../core/model';
import { literalString } from '../core/values';
import { allOf, requireBoolValue, requireCmkValue } from './requirements';

const KEY_TYPE = 'server_side_encryption.key_type';

function judgeKeyType(v: unknown): RuleResult {
  const s = literalString(v);
  if (s.kind === 'unresolved') return unresolved(KEY_TYPE, s.expression);
  if (s.kind === 'value' && s.value === 'CUSTOMER_MANAGED_CMK') return compliant();
  const actual = s.kind === 'value' ? `"${s.value}"` : 'not set (AWS_OWNED_CMK)';
  return nonCompliant(`${KEY_TYPE} is ${actual}; it must be "CUSTOMER_MANAGED_CMK"`, KEY_TYPE);
}

export default defineRule({
  id: 'FirehoseEncryptedCmk',
  description:
    'Every Direct PUT Firehose delivery stream encrypts its data at rest with a customer-managed KMS key.',
  fix: 'set server_side_encryption { enabled = true, key_type = "CUSTOMER_MANAGED_CMK", key_arn = a customer-managed aws_kms_key }',
  severity: 'high',
  controls: { pciDss: ['3.5.1', '10.3.2'], checkov: ['CKV_AWS_240', 'CKV_AWS_241'] },
  appliesTo: ['aws_kinesis_firehose_delivery_stream'],
  injectedBy: 'kms',
  injectedFix: "leave server_side_encryption unset so the gate injects it with the policy's logs key",
  keyPurpose: 'logs',
  evaluate: (r, ctx) => {
    // Server-side encryption is a Direct PUT setting; a Kinesis or MSK source stream encrypts the data itself.
    if (
      firstBlock(r.config['kinesis_source_configuration']) ||
      firstBlock(r.config['msk_source_configuration'])
    ) {
      return notApplicable('the stream reads from a Kinesis or MSK source, whose own encryption applies');
    }
    const sse = firstBlock(r.config['server_side_encryption']);
    if (!sse) {
      return nonCompliant(
        'server_side_encryption is not set, so data at rest is not encrypted with a customer-managed key',
        'server_side_encryption',
      );
    }
    return allOf(
      requireBoolValue(sse['enabled'], 'server_side_encryption.enabled', true, false),
      judgeKeyType(sse['key_type']),
      requireCmkValue(sse['key_arn'], 'server_side_encryption.key_arn', ctx),
    );
  },
});
