import rule from '../../../aspects/rules/S3BucketOwnershipEnforced';
import { judge, outcomeOf } from '../../support/rule-harness';

const run = (ownership: unknown, present = true) =>
  judge(rule, 'aws_s3_bucket.b', {
    resource: {
      aws_s3_bucket: { b: { bucket: 'pay-archive' } },
      ...(present
        ? {
            aws_s3_bucket_ownership_controls: {
              o: { bucket: '${aws_s3_bucket.b.bucket}', rule: { object_ownership: ownership } },
            },
          }
        : {}),
    },
  });

describe('S3BucketOwnershipEnforced', () => {
  it('accepts BucketOwnerEnforced', () => {
    expect(outcomeOf(run('BucketOwnerEnforced'))).toBe('compliant');
  });
  it('rejects BucketOwnerPreferred and ObjectWriter (ACLs still work)', () => {
    const [r] = run('BucketOwnerPreferred');
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('"BucketOwnerPreferred"');
    expect(outcomeOf(run('ObjectWriter'))).toBe('non-compliant');
  });
  it('rejects a bucket without ownership controls', () => {
    expect(outcomeOf(run(undefined, false))).toBe('non-compliant');
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(run('${var.ownership}'))).toBe('unresolved');
  });
});
