import rule from '../../../aspects/rules/S3BucketOwnershipEnforced';
import { unresolved } from '../../../aspects/core/rule';
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

  const O = 'aws_s3_bucket_ownership_controls.o';
  const withControls = (controls: Record<string, unknown>) =>
    judge(rule, 'aws_s3_bucket.b', {
      resource: {
        aws_s3_bucket: { b: { bucket: 'pay-archive' } },
        aws_s3_bucket_ownership_controls: { o: { bucket: '${aws_s3_bucket.b.id}', ...controls } },
      },
    });
  const mustEnforce = (actual: string) => ({
    outcome: 'non-compliant',
    message: `${O}.rule.object_ownership is ${actual}; it must be "BucketOwnerEnforced" so ACLs are disabled`,
    attribute: 'rule.object_ownership',
  });

  it('quotes the ownership it rejects', () => {
    expect(run('ObjectWriter')).toEqual([mustEnforce('"ObjectWriter"')]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a rule without object_ownership', { rule: {} }],
    ['no rule block', {}],
    ['an empty rule list', { rule: [] }],
  ])('rejects ownership controls with %s as not set', (_case, controls) => {
    expect(withControls(controls)).toEqual([mustEnforce('not set')]);
  });

  it('accepts the rule written as a list (plan JSON)', () => {
    expect(withControls({ rule: [{ object_ownership: 'BucketOwnerEnforced' }] })).toEqual([
      { outcome: 'compliant', message: undefined },
    ]);
  });

  it('says why a bucket without ownership controls fails', () => {
    expect(run(undefined, false)).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'no aws_s3_bucket_ownership_controls refers to the bucket, so the stack does not pin object_ownership to BucketOwnerEnforced and ACLs can be re-enabled outside review',
      },
    ]);
  });

  it('names the attribute it cannot judge', () => {
    expect(run('${var.ownership}')).toEqual([unresolved(`${O}.rule.object_ownership`, '${var.ownership}')]);
  });
});
