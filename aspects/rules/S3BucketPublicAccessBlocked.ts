import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { literalBool } from '../core/values';
import { bucketCompanions, noCompanion } from './links';

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export default defineRule({
  id: 'S3BucketPublicAccessBlocked',
  description:
    'Every S3 bucket has a public access block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.',
  fix: 'declare an aws_s3_bucket_public_access_block for the bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets set to true',
  severity: 'high',
  controls: {
    securityHub: ['S3.8'],
    cdkNag: [
      'AwsSolutions-S2',
      'HIPAA.Security-S3BucketLevelPublicAccessProhibited',
      'NIST.800.53.R5-S3BucketLevelPublicAccessProhibited',
      'PCI.DSS.321-S3BucketLevelPublicAccessProhibited',
    ],
    checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56', 'CKV2_AWS_6'],
  },
  appliesTo: ['aws_s3_bucket'],
  evaluate: (r, { model }) => {
    const c = bucketCompanions(model, 'aws_s3_bucket_public_access_block', r);
    if (c.found.length === 0) {
      return noCompanion(
        c,
        'no aws_s3_bucket_public_access_block refers to the bucket, so public ACLs and policies are not blocked',
      );
    }
    const block = c.found[0];
    const results: RuleResult[] = [];
    for (const flag of FLAGS) {
      const v = literalBool(block.config[flag]);
      if (v.kind === 'unresolved') results.push(unresolved(`${block.address}.${flag}`, v.expression));
      else if (v.kind !== 'value' || !v.value) {
        const actual =
          v.kind === 'value' ? 'false' : v.kind === 'absent' ? 'not set (false)' : JSON.stringify(v.raw);
        results.push(nonCompliant(`${block.address}.${flag} is ${actual}; it must be true`, flag));
      }
    }
    return results.length > 0 ? results : compliant();
  },
});
