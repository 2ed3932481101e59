import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { firstBlock } from '../core/model';
import { literalString } from '../core/values';
import { bucketCompanions, noCompanion } from './links';

export default defineRule({
  id: 'S3BucketOwnershipEnforced',
  description:
    'Every S3 bucket disables ACLs: its aws_s3_bucket_ownership_controls rule sets object_ownership to "BucketOwnerEnforced".',
  fix: 'declare an aws_s3_bucket_ownership_controls for the bucket with rule { object_ownership = "BucketOwnerEnforced" }',
  severity: 'medium',
  controls: { securityHub: ['S3.12'], checkov: ['CKV2_AWS_65'] },
  appliesTo: ['aws_s3_bucket'],
  evaluate: (r, { model }) => {
    const c = bucketCompanions(model, 'aws_s3_bucket_ownership_controls', r);
    if (c.found.length === 0) {
      return noCompanion(
        c,
        'no aws_s3_bucket_ownership_controls refers to the bucket, so the stack does not pin object_ownership to BucketOwnerEnforced and ACLs can be re-enabled outside review',
      );
    }
    const o = c.found[0];
    const ownership = literalString(firstBlock(o.config['rule'])?.['object_ownership']);
    if (ownership.kind === 'unresolved')
      return unresolved(`${o.address}.rule.object_ownership`, ownership.expression);
    if (ownership.kind === 'value' && ownership.value === 'BucketOwnerEnforced') return compliant();
    const actual = ownership.kind === 'value' ? `"${ownership.value}"` : 'not set';
    return nonCompliant(
      `${o.address}.rule.object_ownership is ${actual}; it must be "BucketOwnerEnforced" so ACLs are disabled`,
      'rule.object_ownership',
    );
  },
});
