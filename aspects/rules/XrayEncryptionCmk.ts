import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import type { RuleResult } from '../core/rule';
import type { TfResource } from '../core/model';
import { literalString } from '../core/values';
import { requireCmk } from './requirements';
import { allOf } from './requirements';

function judgeType(r: TfResource): RuleResult {
  const v = literalString(r.config['type']);
  if (v.kind === 'unresolved') return unresolved('type', v.expression);
  if (v.kind === 'value' && v.value === 'KMS') return compliant();
  const actual = v.kind === 'value' ? `"${v.value}"` : 'not set';
  return nonCompliant(
    `type is ${actual}, so traces are encrypted with an AWS-owned key; it must be "KMS"`,
    'type',
  );
}

export default defineRule({
  id: 'XrayEncryptionCmk',
  description:
    'The X-Ray encryption configuration encrypts traces with a customer-managed KMS key (type KMS).',
  fix: 'set type = "KMS" and key_id to a customer-managed aws_kms_key',
  severity: 'medium',
  controls: { pciDss: ['3.5.1'] },
  appliesTo: ['aws_xray_encryption_config'],
  injectedBy: 'kms',
  injectedFix: 'set type = "KMS" and leave key_id unset so the gate injects the policy\'s data key',
  keyPurpose: 'data',
  evaluate: (r, ctx) => allOf(judgeType(r), requireCmk(r, 'key_id', ctx)),
});
