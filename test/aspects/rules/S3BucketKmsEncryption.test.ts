import rule from '../../../aspects/rules/S3BucketKmsEncryption';
import { CMK, CMK_ARN, judge, outcomeOf } from '../../support/rule-harness';

const sse = (byDefault: Record<string, unknown> | undefined, bucket = '${aws_s3_bucket.b.id}') => ({
  bucket,
  rule: [
    byDefault === undefined
      ? { bucket_key_enabled: true }
      : { apply_server_side_encryption_by_default: byDefault },
  ],
});
const input = (config: Record<string, unknown> | undefined) => ({
  resource: {
    ...CMK,
    aws_s3_bucket: { b: { bucket: 'pay-archive' } },
    ...(config ? { aws_s3_bucket_server_side_encryption_configuration: { e: config } } : {}),
  },
});
/** Judges the bucket (does it have a configuration?). */
const bucket = (config: Record<string, unknown> | undefined) => judge(rule, 'aws_s3_bucket.b', input(config));
/** Judges the configuration's rules. */
const config = (byDefault: Record<string, unknown> | undefined) =>
  judge(rule, 'aws_s3_bucket_server_side_encryption_configuration.e', input(sse(byDefault)));

describe('S3BucketKmsEncryption', () => {
  it('accepts SSE-KMS with a key of the stack (and DSSE-KMS)', () => {
    expect(outcomeOf(config({ sse_algorithm: 'aws:kms', kms_master_key_id: CMK_ARN }))).toBe('compliant');
    expect(outcomeOf(config({ sse_algorithm: 'aws:kms:dsse', kms_master_key_id: CMK_ARN }))).toBe(
      'compliant',
    );
  });
  it('accepts a bucket whose configuration refers to it, or names it by its literal name', () => {
    expect(outcomeOf(bucket(sse({ sse_algorithm: 'aws:kms' })))).toBe('compliant');
    expect(outcomeOf(bucket(sse({ sse_algorithm: 'aws:kms' }, 'pay-archive')))).toBe('compliant');
  });
  it('rejects a bucket without an encryption configuration, and one whose only configuration is another bucket’s', () => {
    const [r] = bucket(undefined);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('AES256');
    expect(outcomeOf(bucket(sse({ sse_algorithm: 'aws:kms' }, 'someone-else')))).toBe('non-compliant');
  });
  it('rejects AES256 on the configuration', () => {
    const [r] = config({ sse_algorithm: 'AES256' });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('"AES256"');
  });
  it('rejects aws:kms without a key (aws/s3) and with alias/aws/s3', () => {
    const [r] = config({ sse_algorithm: 'aws:kms' });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('aws/s3');
    expect(outcomeOf(config({ sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/aws/s3' }))).toBe(
      'non-compliant',
    );
  });
  it('rejects a rule without apply_server_side_encryption_by_default (what the kms mutator fills in)', () => {
    const [r] = config(undefined);
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('rule.apply_server_side_encryption_by_default');
  });
  it('reports a variable algorithm, key or bucket link as unresolved', () => {
    expect(outcomeOf(config({ sse_algorithm: '${var.alg}', kms_master_key_id: CMK_ARN }))).toBe('unresolved');
    expect(outcomeOf(config({ sse_algorithm: 'aws:kms', kms_master_key_id: '${var.key}' }))).toBe(
      'unresolved',
    );
    expect(outcomeOf(bucket(sse({ sse_algorithm: 'aws:kms' }, '${var.bucket}')))).toBe('unresolved');
  });
});
