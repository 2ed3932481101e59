import rule from '../../../aspects/rules/S3BucketPublicAccessBlocked';
import { judge, outcomeOf } from '../../support/rule-harness';

const ALL = {
  block_public_acls: true,
  block_public_policy: true,
  ignore_public_acls: true,
  restrict_public_buckets: true,
};
const run = (block: Record<string, unknown> | undefined) =>
  judge(rule, 'aws_s3_bucket.b', {
    resource: {
      aws_s3_bucket: { b: { bucket: 'pay-archive' } },
      ...(block
        ? { aws_s3_bucket_public_access_block: { p: { bucket: '${aws_s3_bucket.b.id}', ...block } } }
        : {}),
    },
  });

describe('S3BucketPublicAccessBlocked', () => {
  it('accepts a block with all four flags true', () => {
    expect(outcomeOf(run(ALL))).toBe('compliant');
  });
  it('rejects a bucket without a public access block', () => {
    expect(outcomeOf(run(undefined))).toBe('non-compliant');
  });
  it('rejects a flag set to false and one left out, one finding each', () => {
    const { restrict_public_buckets: _r, ...three } = ALL;
    const results = run({ ...three, block_public_policy: false });
    expect(results.map((r) => r.attribute)).toEqual(['block_public_policy', 'restrict_public_buckets']);
    expect(results[1].message).toContain('not set');
  });
  it('reports a variable flag as unresolved', () => {
    expect(outcomeOf(run({ ...ALL, ignore_public_acls: '${var.flag}' }))).toBe('unresolved');
  });
});
