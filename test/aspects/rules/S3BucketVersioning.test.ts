import rule from '../../../aspects/rules/S3BucketVersioning';
import { unresolved } from '../../../aspects/core/rule';
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

  const V = 'aws_s3_bucket_versioning.v';
  const withVersioning = (versioning: Record<string, unknown>) =>
    judge(rule, 'aws_s3_bucket.b', {
      resource: {
        aws_s3_bucket: { b: { bucket: 'pay-archive' } },
        aws_s3_bucket_versioning: { v: { bucket: '${aws_s3_bucket.b.id}', ...versioning } },
      },
    });
  const mustEnable = (actual: string) => ({
    outcome: 'non-compliant',
    message: `${V}.versioning_configuration.status is ${actual}; it must be "Enabled"`,
    attribute: 'versioning_configuration.status',
  });

  it('quotes the status it rejects', () => {
    expect(run('Suspended')).toEqual([mustEnable('"Suspended"')]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a versioning_configuration without status', { versioning_configuration: {} }],
    ['no versioning_configuration', {}],
  ])('rejects %s as not set', (_case, versioning) => {
    expect(withVersioning(versioning)).toEqual([mustEnable('not set')]);
  });

  it('accepts versioning_configuration written as a list (plan JSON)', () => {
    expect(withVersioning({ versioning_configuration: [{ status: 'Enabled' }] })).toEqual([
      { outcome: 'compliant', message: undefined },
    ]);
  });

  it('says why a bucket without versioning fails', () => {
    expect(run(undefined, false)).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'no aws_s3_bucket_versioning refers to the bucket, so overwritten or deleted objects cannot be recovered',
      },
    ]);
  });

  it('names the attribute it cannot judge', () => {
    expect(run('${var.status}')).toEqual([
      unresolved(`${V}.versioning_configuration.status`, '${var.status}'),
    ]);
  });
});
