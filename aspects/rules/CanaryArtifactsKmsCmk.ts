import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import type { RuleResult } from '../core/rule';
import { firstBlock } from '../core/model';
import { literalString } from '../core/values';
import { allOf, requireCmkValue } from './requirements';

const MODE = 'artifact_config.s3_encryption.encryption_mode';

function judgeMode(v: unknown): RuleResult {
  const s = literalString(v);
  if (s.kind === 'unresolved') return unresolved(MODE, s.expression);
  if (s.kind === 'value' && s.value === 'SSE_KMS') return compliant();
  const actual = s.kind === 'value' ? `"${s.value}"` : 'not set';
  return nonCompliant(`${MODE} is ${actual}; it must be "SSE_KMS"`, MODE);
}

export default defineRule({
  id: 'CanaryArtifactsKmsCmk',
  description:
    'Every Synthetics canary encrypts its artifacts (screenshots, HAR files, logs) with SSE-KMS and a customer-managed key.',
  fix: 'set artifact_config { s3_encryption { encryption_mode = "SSE_KMS", kms_key_arn = a customer-managed aws_kms_key } }',
  severity: 'medium',
  controls: { pciDss: ['3.5.1'] },
  appliesTo: ['aws_synthetics_canary'],
  injectedBy: 'kms',
  injectedFix: "leave artifact_config unset so the gate injects s3_encryption with the policy's logs key",
  keyPurpose: 'logs',
  evaluate: (r, ctx) => {
    const enc = firstBlock(firstBlock(r.config['artifact_config'])?.['s3_encryption']);
    if (!enc) {
      return nonCompliant(
        'artifact_config.s3_encryption is not set, so artifacts are encrypted with SSE-S3, not a customer-managed key',
        'artifact_config.s3_encryption',
      );
    }
    return allOf(
      judgeMode(enc['encryption_mode']),
      requireCmkValue(enc['kms_key_arn'], 'artifact_config.s3_encryption.kms_key_arn', ctx),
    );
  },
});
