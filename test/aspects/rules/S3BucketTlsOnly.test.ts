import rule from '../../../aspects/rules/S3BucketTlsOnly';
import { unresolved } from '../../../aspects/core/rule';
import { judge, outcomeOf } from '../../support/rule-harness';
import { TfModel } from '../../../aspects/core/model';
import { paymentsPolicy } from '../../../aspects/core/policy';

const deny = (resources: string[], action: string | string[] = 's3:*') => ({
  Sid: 'TlsOnly',
  Effect: 'Deny',
  Principal: '*',
  Action: action,
  Resource: resources,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});
const BOTH = ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*'];
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const run = (
  policy: string | undefined,
  bucketAttr = '${aws_s3_bucket.b.id}',
  bucket: Record<string, unknown> = { bucket: 'pay-archive' },
) =>
  judge(rule, 'aws_s3_bucket.b', {
    resource: {
      aws_s3_bucket: { b: bucket },
      ...(policy === undefined ? {} : { aws_s3_bucket_policy: { p: { bucket: bucketAttr, policy } } }),
    },
  });

describe('S3BucketTlsOnly', () => {
  it('accepts a deny of s3:* without TLS on the bucket and its objects', () => {
    expect(outcomeOf(run(doc(deny(BOTH))))).toBe('compliant');
  });
  it('accepts the two resources in two statements, literal ARNs and a policy named by the literal bucket name', () => {
    expect(outcomeOf(run(doc(deny([BOTH[0]]), deny([BOTH[1]]))))).toBe('compliant');
    const literal = ['arn:aws:s3:::pay-archive', 'arn:${data.aws_partition.p.partition}:s3:::pay-archive/*'];
    expect(outcomeOf(run(doc(deny(literal)), 'pay-archive'))).toBe('compliant');
  });
  it('accepts a bucket named with bucket_prefix when the policy uses references', () => {
    expect(outcomeOf(run(doc(deny(BOTH)), '${aws_s3_bucket.b.id}', { bucket_prefix: 'pay-' }))).toBe(
      'compliant',
    );
  });
  it('rejects a bucket without a bucket policy', () => {
    const [r] = run(undefined);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('no aws_s3_bucket_policy');
  });
  it('rejects a deny that covers only the objects, naming the bucket ARN', () => {
    const [r] = run(doc(deny([BOTH[1]])));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('the bucket ARN');
  });
  it('rejects a deny that covers only a prefix of the objects', () => {
    expect(outcomeOf(run(doc(deny([BOTH[0], '${aws_s3_bucket.b.arn}/logs/*']))))).toBe('non-compliant');
  });
  it('rejects a deny of s3:GetObject only', () => {
    expect(outcomeOf(run(doc(deny(BOTH, 's3:GetObject'))))).toBe('non-compliant');
  });
  it('rejects a deny conditioned on the wrong value', () => {
    const wrong = { ...deny(BOTH), Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    const [r] = run(doc(wrong));
    expect(r.message).toContain('no Deny');
  });
  it('rejects a policy that protects another bucket', () => {
    expect(outcomeOf(run(doc(deny(['arn:aws:s3:::other', 'arn:aws:s3:::other/*']))))).toBe('non-compliant');
  });
  it('reports an unresolved policy, bucket link or resource as unresolved', () => {
    expect(outcomeOf(run('${jsonencode(local.p)}'))).toBe('unresolved');
    expect(outcomeOf(run(doc(deny(BOTH)), '${var.bucket}'))).toBe('unresolved');
    expect(outcomeOf(run(doc(deny(['${var.bucket_arn}', '${var.bucket_arn}/*']))))).toBe('unresolved');
  });

  const OK = [{ outcome: 'compliant', message: undefined }];
  const P = 'aws_s3_bucket_policy.p.policy';
  const NO_DENY = 'has no Deny of s3:* to principal "*" when aws:SecureTransport is "false"';
  /** A stack with bucket `b` and the given bucket policies (each `{ bucket, policy }`). */
  const stack = (bucket: Record<string, unknown>, policies: Record<string, Record<string, unknown>> = {}) =>
    judge(rule, 'aws_s3_bucket.b', {
      resource: {
        aws_s3_bucket: { b: bucket, other: { bucket: 'other' } },
        ...(Object.keys(policies).length > 0 ? { aws_s3_bucket_policy: policies } : {}),
      },
    });
  const onB = (policy: unknown) => ({ bucket: '${aws_s3_bucket.b.id}', policy });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['an empty bucket name, by ARN reference', { bucket: '' }, BOTH],
    [
      'a generated name, by id and bucket references',
      { bucket_prefix: 'pay-' },
      ['arn:aws:s3:::${aws_s3_bucket.b.id}', 'arn:aws:s3:::${aws_s3_bucket.b.bucket}/*'],
    ],
    [
      'a literal name, with the partition from a data source',
      { bucket: 'pay-archive' },
      [
        'arn:${data.aws_partition.current.partition}:s3:::pay-archive',
        'arn:${data.aws_partition.current.partition}:s3:::pay-archive/*',
      ],
    ],
    [
      'a name from a variable, written the same way in the policy',
      { bucket: '${var.name}' },
      ['arn:aws:s3:::${var.name}', 'arn:aws:s3:::${var.name}/*'],
    ],
  ])('accepts a bucket with %s', (_case, bucket, resources) => {
    expect(stack(bucket, { p: onB(doc(deny(resources))) })).toEqual(OK);
  });

  it('accepts a bucket named by a reference used twice in its name', () => {
    const bucket = { bucket: 's3' };
    const twice = ['arn:aws:${aws_s3_bucket.b.id}:::${aws_s3_bucket.b.id}', '${aws_s3_bucket.b.arn}/*'];
    expect(stack(bucket, { p: onB(doc(deny(twice))) })).toEqual(OK);
  });

  it('cannot judge a resource that mixes the bucket ARN and a variable', () => {
    const mixed = '${aws_s3_bucket.b.arn}/${var.prefix}/${aws_s3_bucket.b.arn}';
    expect(stack({ bucket: 'pay-archive' }, { p: onB(doc(deny([mixed]))) })).toEqual([
      unresolved('policy Resource', mixed),
    ]);
  });

  it('judges the bucket’s own (deprecated) policy when no bucket policy resource exists', () => {
    expect(stack({ bucket: 'pay-archive', policy: doc(deny(BOTH)) })).toEqual(OK);
    expect(stack({ bucket: 'pay-archive', policy: doc(deny(BOTH, 's3:GetObject')) })).toEqual([
      { outcome: 'non-compliant', message: `policy ${NO_DENY}`, attribute: 'policy' },
    ]);
  });

  it('ignores the bucket’s own policy when a bucket policy resource replaces it', () => {
    expect(
      stack({ bucket: 'pay-archive', policy: doc(deny(BOTH)) }, { p: onB(doc(deny(BOTH, 's3:GetObject'))) }),
    ).toEqual([{ outcome: 'non-compliant', message: `${P} ${NO_DENY}`, attribute: 'policy' }]);
  });

  it('names every policy that lacks the deny', () => {
    const weak = doc(deny(BOTH, 's3:GetObject'));
    expect(stack({ bucket: 'pay-archive' }, { p: onB(weak), q: onB(weak) })).toEqual([
      {
        outcome: 'non-compliant',
        message: `${P}, aws_s3_bucket_policy.q.policy ${NO_DENY}`,
        attribute: 'policy',
      },
    ]);
  });

  it.each<[string, string[], string]>([
    ['only the bucket', [BOTH[0]], 'its objects (<bucket ARN>/*)'],
    ['only the objects', [BOTH[1]], 'the bucket ARN'],
    [
      'another bucket',
      ['${aws_s3_bucket.other.arn}', '${aws_s3_bucket.other.arn}/*'],
      'the bucket ARN and its objects (<bucket ARN>/*)',
    ],
  ])('says what a deny on %s leaves uncovered', (_case, resources, missing) => {
    expect(stack({ bucket: 'pay-archive' }, { p: onB(doc(deny(resources))) })).toEqual([
      {
        outcome: 'non-compliant',
        message: `${P} denies requests without TLS but not on ${missing}`,
        attribute: 'policy',
      },
    ]);
  });

  it('says why a bucket without a policy fails', () => {
    expect(run(undefined)).toEqual([
      {
        outcome: 'non-compliant',
        message: 'no aws_s3_bucket_policy refers to the bucket, so requests without TLS are not denied',
        attribute: 'policy',
      },
    ]);
  });

  it('rejects a policy that is not valid JSON, naming it, even beside a valid one', () => {
    const weak = doc(deny(BOTH, 's3:GetObject'));
    expect(stack({ bucket: 'pay-archive' }, { p: onB('{not json') })).toEqual([
      { outcome: 'non-compliant', message: `${P} is not valid JSON`, attribute: P },
    ]);
    expect(stack({ bucket: 'pay-archive' }, { p: onB(weak), q: onB('{}') })).toEqual([
      {
        outcome: 'non-compliant',
        message: 'aws_s3_bucket_policy.q.policy has no Statement',
        attribute: 'aws_s3_bucket_policy.q.policy',
      },
    ]);
  });

  it('cannot judge when any policy of the bucket is unresolved, naming that one', () => {
    const weak = doc(deny(BOTH, 's3:GetObject'));
    expect(stack({ bucket: 'pay-archive' }, { p: onB(weak), q: onB('${jsonencode(local.p)}') })).toEqual([
      unresolved('aws_s3_bucket_policy.q.policy', '${jsonencode(local.p)}'),
    ]);
  });

  it('names the bucket link it cannot judge', () => {
    expect(run(doc(deny(BOTH)), '${var.bucket}')).toEqual([
      unresolved('aws_s3_bucket_policy.p.bucket', '${var.bucket}'),
    ]);
  });

  it.each<[string, string, 'unresolved' | 'non-compliant']>([
    ['a variable', '${var.arn}', 'unresolved'],
    ['a data source', '${data.aws_s3_bucket.x.arn}', 'unresolved'],
    ['a resource not in the stack', '${aws_s3_bucket.ghost.arn}', 'unresolved'],
    ['another bucket of the stack', '${aws_s3_bucket.other.arn}', 'non-compliant'],
  ])('a deny on a resource named by %s may or may not be this bucket', (_case, arn, outcome) => {
    const results = stack({ bucket: 'pay-archive' }, { p: onB(doc(deny([arn, `${arn}/*`]))) });
    expect(results).toEqual([
      outcome === 'unresolved'
        ? unresolved('policy Resource', arn)
        : {
            outcome,
            message: `${P} denies requests without TLS but not on the bucket ARN and its objects (<bucket ARN>/*)`,
            attribute: 'policy',
          },
    ]);
  });
});

describe('S3BucketTlsOnly: the policies of a bucket are named in configuration order', () => {
  it('a policy linked by the literal bucket name before two linked by reference', () => {
    const noTls = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: '*' }],
    });
    const results = judge(rule, 'aws_s3_bucket.b', {
      resource: {
        aws_s3_bucket: { b: { bucket: 'pay-archive' } },
        aws_s3_bucket_policy: {
          by_name: { bucket: 'pay-archive', policy: noTls },
          by_ref: { bucket: '${aws_s3_bucket.b.id}', policy: noTls },
          by_arn: { bucket: '${aws_s3_bucket.b.bucket}', policy: noTls },
        },
      },
    });
    expect(results.map((r) => r.message)).toEqual([
      'aws_s3_bucket_policy.by_name.policy, aws_s3_bucket_policy.by_ref.policy, aws_s3_bucket_policy.by_arn.policy has no Deny of s3:* to principal "*" when aws:SecureTransport is "false"',
    ]);
  });
});

describe('S3BucketTlsOnly: a deny on bucket/? covers one-character keys only, not every object', () => {
  const withDenyOn = (objects: string) =>
    judge(rule, 'aws_s3_bucket.b', {
      resource: {
        aws_s3_bucket: { b: { bucket: 'pay-archive' } },
        aws_s3_bucket_policy: {
          p: {
            bucket: '${aws_s3_bucket.b.id}',
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Deny',
                  Principal: '*',
                  Action: 's3:*',
                  Resource: ['arn:aws:s3:::pay-archive', objects],
                  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                },
              ],
            }),
          },
        },
      },
    });
  it('bucket/? is refused', () => {
    expect(withDenyOn('arn:aws:s3:::pay-archive/?').map((r) => r.message)).toEqual([
      'aws_s3_bucket_policy.p.policy denies requests without TLS but not on its objects (<bucket ARN>/*)',
    ]);
  });
  it.each(['arn:aws:s3:::pay-archive/*', 'arn:aws:s3:::pay-*', 'arn:aws:s3:::*/*'])(
    '%s still covers them',
    (arn) => {
      expect(withDenyOn(arn).map((r) => r.outcome)).toEqual(['compliant']);
    },
  );
});

describe('S3BucketTlsOnly on a bucket inside a module (plan mode addresses)', () => {
  it('follows references written with the module address (found by the plan property test)', () => {
    const bucket = {
      type: 'aws_s3_bucket',
      name: 'b',
      address: 'module.archive.aws_s3_bucket.b',
      path: 'module.archive.aws_s3_bucket.b',
      mode: 'managed' as const,
      config: { bucket: '${module.archive.aws_s3_bucket.b.id}' },
    };
    const policy = {
      type: 'aws_s3_bucket_policy',
      name: 'p',
      address: 'module.archive.aws_s3_bucket_policy.p',
      path: 'module.archive.aws_s3_bucket_policy.p',
      mode: 'managed' as const,
      config: {
        bucket: '${module.archive.aws_s3_bucket.b.id}',
        policy: doc(
          deny(['${module.archive.aws_s3_bucket.b.arn}', '${module.archive.aws_s3_bucket.b.arn}/*']),
        ),
      },
    };
    const model = TfModel.fromParts({ resources: [bucket, policy] }, { taggableTypes: [] });
    const results = [
      rule.evaluate(model.byAddress(bucket.address)!, { model, policy: paymentsPolicy() }),
    ].flat();
    expect(outcomeOf(results)).toBe('compliant');
  });
});
