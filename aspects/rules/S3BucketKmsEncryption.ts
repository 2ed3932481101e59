import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { blocks } from '../core/model';
import { describeKeyProblem, literalString } from '../core/values';
import { bucketCompanions, noCompanion } from './links';
import { nested } from './blocks';
import { judgeStackKey } from './kms-keys';

const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

export default defineRule({
  id: 'S3BucketKmsEncryption',
  description:
    'Every S3 bucket has a default-encryption configuration whose rules use SSE-KMS (aws:kms or aws:kms:dsse) with a customer-managed key declared in the stack.',
  fix: 'declare an aws_s3_bucket_server_side_encryption_configuration for the bucket with a rule setting sse_algorithm = "aws:kms" and kms_master_key_id to a customer-managed aws_kms_key',
  severity: 'high',
  controls: {
    pciDss: ['3.5.1', '10.3.2'],
    securityHub: ['S3.4'],
    cdkNag: [
      'HIPAA.Security-S3DefaultEncryptionKMS',
      'NIST.800.53.R5-S3DefaultEncryptionKMS',
      'PCI.DSS.321-S3DefaultEncryptionKMS',
    ],
    checkov: ['CKV_AWS_145'],
  },
  // The bucket is judged for having a configuration; each configuration for its rules, so a finding
  // names the resource to change (and the one the kms mutator fills in).
  appliesTo: ['aws_s3_bucket', 'aws_s3_bucket_server_side_encryption_configuration'],
  injectedBy: 'kms',
  injectedFix:
    'declare an aws_s3_bucket_server_side_encryption_configuration for the bucket with a rule and leave apply_server_side_encryption_by_default unset so the gate injects sse_algorithm "aws:kms" with the policy\'s logs key',
  keyPurpose: 'logs',
  evaluate: (r, { model, policy }) => {
    if (r.type === 'aws_s3_bucket') {
      const c = bucketCompanions(model, 'aws_s3_bucket_server_side_encryption_configuration', r);
      if (c.found.length > 0) return compliant();
      return noCompanion(
        c,
        'no aws_s3_bucket_server_side_encryption_configuration refers to the bucket, so objects are encrypted with SSE-S3 (AES256), not a customer-managed key',
      );
    }
    const rules = blocks(r.config['rule']);
    if (rules.length === 0) return nonCompliant('rule is not set', 'rule');
    const results: RuleResult[] = [];
    for (const rule of rules) {
      const byDefault = nested(rule, 'apply_server_side_encryption_by_default');
      const at = 'rule.apply_server_side_encryption_by_default';
      if (!byDefault) {
        results.push(nonCompliant(`${at} is not set, so objects are encrypted with SSE-S3 (AES256)`, at));
        continue;
      }
      const algorithm = literalString(byDefault['sse_algorithm']);
      if (algorithm.kind === 'unresolved') {
        results.push(unresolved(`${at}.sse_algorithm`, algorithm.expression));
        continue;
      }
      if (algorithm.kind !== 'value' || !KMS_ALGORITHMS.includes(algorithm.value)) {
        const actual = algorithm.kind === 'value' ? `"${algorithm.value}"` : 'not set';
        results.push(
          nonCompliant(
            `${at}.sse_algorithm is ${actual}; it must be "aws:kms" with a customer-managed key`,
            `${at}.sse_algorithm`,
          ),
        );
        continue;
      }
      const attr = `${at}.kms_master_key_id`;
      const key = judgeStackKey(model, byDefault['kms_master_key_id'], policy.trustedKeyArns);
      if (key.kind === 'unresolved') results.push(unresolved(attr, key.text));
      else if (key.kind === 'absent') {
        results.push(
          nonCompliant(
            `${attr} is not set, so S3 uses the AWS-managed key aws/s3, not a customer-managed key`,
            attr,
          ),
        );
      } else if (key.kind !== 'cmk') results.push(nonCompliant(describeKeyProblem(attr, key), attr));
    }
    return results.length > 0 ? results : compliant();
  },
});
