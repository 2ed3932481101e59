import rule from '../../../aspects/rules/S3BucketVersioning';
import { judge, outcomeOf } from '../../support/rule-harness';

const run = (status: unknown, present = true) =>
  judge(rule, 'aws_s3_bucket.b', {
    resource: {
      aws_s3_bucket: { b: { bucket: 'pay-archive' } },
      ...(present
        ? {
            aws_s3_bucket_versioning: {
              v: { bucket: '${aws_s3_bucket.b.id}', versioning_configuration: { status } },
            },
          }
        : {}),
    },
  });

describe('S3BucketVersioning', () => {
  it('accepts versioning Enabled', () => {
    expect(outcomeOf(run('Enabled'))).toBe('compliant');
  });
  it('rejects Suspended and Disabled', () => {
    const [r] = run('Suspended');
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('"Suspended"');
    expect(outcomeOf(run('Disabled'))).toBe('non-compliant');
  });
  it('rejects a bucket without aws_s3_bucket_versioning', () => {
    expect(outcomeOf(run(undefined, false))).toBe('non-compliant');
  });
  it('reports a variable status as unresolved', () => {
    expect(outcomeOf(run('${var.status}'))).toBe('unresolved');
  });
});
