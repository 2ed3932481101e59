import rule from '../../../aspects/rules/S3BucketPublicAccessBlocked';
import { unresolved } from '../../../aspects/core/rule';
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

  const P = 'aws_s3_bucket_public_access_block.p';
  const mustBeTrue = (flag: string, actual: string) => ({
    outcome: 'non-compliant',
    message: `${P}.${flag} is ${actual}; it must be true`,
    attribute: flag,
  });

  it.each<[string, unknown, string]>([
    ['false', false, 'false'],
    ['"false"', 'false', 'false'],
    ['left out', undefined, 'not set (false)'],
    ['"yes"', 'yes', '"yes"'],
    ['1', 1, '1'],
  ])('rejects a flag that is %s, saying what it is', (_case, value, actual) => {
    expect(run({ ...ALL, block_public_acls: value })).toEqual([mustBeTrue('block_public_acls', actual)]);
  });

  it('reports every flag that is not true, in a fixed order', () => {
    expect(run({})).toEqual([
      mustBeTrue('block_public_acls', 'not set (false)'),
      mustBeTrue('block_public_policy', 'not set (false)'),
      mustBeTrue('ignore_public_acls', 'not set (false)'),
      mustBeTrue('restrict_public_buckets', 'not set (false)'),
    ]);
  });

  it('says why a bucket without a public access block fails', () => {
    expect(run(undefined)).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'no aws_s3_bucket_public_access_block refers to the bucket, so public ACLs and policies are not blocked',
      },
    ]);
  });

  it('names the flag it cannot judge', () => {
    expect(run({ ...ALL, ignore_public_acls: '${var.flag}' })).toEqual([
      unresolved(`${P}.ignore_public_acls`, '${var.flag}'),
    ]);
  });
});
