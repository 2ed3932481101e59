import rule from '../../../aspects/rules/S3BucketTlsOnly';
import { judge, outcomeOf } from '../../support/rule-harness';

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
});
