import rule from '../../../aspects/rules/S3BucketPolicyNotPublic';
import { judge } from '../../support/rule-harness';
import type { ResourcesJson } from '../../support/rule-harness';

const B = 'aws_s3_bucket.b';
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const TLS_DENY = {
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
const READ = {
  Sid: 'PublicRead',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: '${aws_s3_bucket.b.arn}/*',
};
const run = (resources: ResourcesJson, bucket: Record<string, unknown> = {}) =>
  judge(rule, B, {
    resource: { aws_s3_bucket: { b: { bucket: 'ledger-statements', ...bucket } }, ...resources },
  });
const policyFor = (bucket: string, ...statements: unknown[]) => ({
  aws_s3_bucket_policy: { p: { bucket, policy: doc(...statements) } },
});
const PUBLIC = (at: string) => ({
  outcome: 'non-compliant',
  attribute: at,
  message: `${at} statement "PublicRead" allows everyone (principal "*") s3:GetObject without a condition that limits the caller to fixed values of aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce or similar`,
});

describe('S3BucketPolicyNotPublic', () => {
  // Regression (issue 13): a bucket policy allowing s3:GetObject to everyone passed the gate.
  it('refuses s3:GetObject to everyone, by reference and by the bucket name written as text', () => {
    expect(run(policyFor('${aws_s3_bucket.b.id}', TLS_DENY, READ))).toEqual([
      PUBLIC('aws_s3_bucket_policy.p.policy'),
    ]);
    expect(run(policyFor('ledger-statements', READ))).toEqual([PUBLIC('aws_s3_bucket_policy.p.policy')]);
  });
  it('refuses a public grant in the deprecated inline policy', () => {
    expect(run({}, { policy: doc(READ) })).toEqual([PUBLIC('policy')]);
  });
  it('judges only the aws_s3_bucket_policy when one replaces the inline policy', () => {
    expect(run(policyFor('${aws_s3_bucket.b.id}', TLS_DENY), { policy: doc(READ) })).toEqual([
      { outcome: 'compliant' },
    ]);
  });
  it('judges the policies it found even when another one names its bucket by a variable', () => {
    const resources = {
      aws_s3_bucket_policy: {
        p: { bucket: '${aws_s3_bucket.b.id}', policy: doc(READ) },
        q: { bucket: '${var.bucket}', policy: doc(TLS_DENY) },
      },
    };
    expect(run(resources)).toEqual([PUBLIC('aws_s3_bucket_policy.p.policy')]);
  });
  it('accepts "*" limited to a VPC endpoint or source addresses, and a bucket with only the TLS deny', () => {
    const vpce = { ...READ, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f' } } };
    expect(run(policyFor('${aws_s3_bucket.b.id}', TLS_DENY, vpce))).toEqual([{ outcome: 'compliant' }]);
    const ip = { ...READ, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } };
    expect(run(policyFor('${aws_s3_bucket.b.id}', ip))).toEqual([{ outcome: 'compliant' }]);
    expect(run(policyFor('${aws_s3_bucket.b.id}', TLS_DENY))).toEqual([{ outcome: 'compliant' }]);
    expect(run({})).toEqual([{ outcome: 'compliant' }]);
  });
  it('refuses a source-address condition that admits every address', () => {
    const anyIp = { ...READ, Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } };
    expect(run(policyFor('${aws_s3_bucket.b.id}', anyIp))).toEqual([PUBLIC('aws_s3_bucket_policy.p.policy')]);
  });
  it('cannot judge a bucket whose only policy names its bucket by a variable', () => {
    expect(run(policyFor('${var.bucket}', READ))[0]).toEqual({
      outcome: 'unresolved',
      attribute: 'aws_s3_bucket_policy.p.bucket',
      message:
        'aws_s3_bucket_policy.p.bucket is "${var.bucket}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
    });
  });
});
