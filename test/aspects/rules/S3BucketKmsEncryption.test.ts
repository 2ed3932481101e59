import rule from '../../../aspects/rules/S3BucketKmsEncryption';
import { unresolved } from '../../../aspects/core/rule';
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

  const AT = 'rule.apply_server_side_encryption_by_default';
  const judgeConfig = (cfg: Record<string, unknown>) =>
    judge(
      rule,
      'aws_s3_bucket_server_side_encryption_configuration.e',
      input({ bucket: 'pay-archive', ...cfg }),
    );

  it('says why a bucket without a configuration fails', () => {
    expect(bucket(undefined)).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'no aws_s3_bucket_server_side_encryption_configuration refers to the bucket, so objects are encrypted with SSE-S3 (AES256), not a customer-managed key',
        attribute: undefined,
      },
    ]);
  });

  it('rejects a configuration without any rule', () => {
    expect(judgeConfig({})).toEqual([
      { outcome: 'non-compliant', message: 'rule is not set', attribute: 'rule' },
    ]);
    expect(judgeConfig({ rule: [] })).toEqual([
      { outcome: 'non-compliant', message: 'rule is not set', attribute: 'rule' },
    ]);
  });

  it('names what is wrong with each rule, one line each', () => {
    const rules = [
      { bucket_key_enabled: true },
      { apply_server_side_encryption_by_default: {} },
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } },
      {
        apply_server_side_encryption_by_default: {
          sse_algorithm: 'aws:kms',
          kms_master_key_id: 'alias/aws/s3',
        },
      },
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: CMK_ARN } },
    ];
    expect(judgeConfig({ rule: rules })).toEqual([
      {
        outcome: 'non-compliant',
        message: `${AT} is not set, so objects are encrypted with SSE-S3 (AES256)`,
        attribute: AT,
      },
      {
        outcome: 'non-compliant',
        message: `${AT}.sse_algorithm is not set; it must be "aws:kms" with a customer-managed key`,
        attribute: `${AT}.sse_algorithm`,
      },
      {
        outcome: 'non-compliant',
        message: `${AT}.sse_algorithm is "AES256"; it must be "aws:kms" with a customer-managed key`,
        attribute: `${AT}.sse_algorithm`,
      },
      {
        outcome: 'non-compliant',
        message: `${AT}.kms_master_key_id is not set, so S3 uses the AWS-managed key aws/s3, not a customer-managed key`,
        attribute: `${AT}.kms_master_key_id`,
      },
      {
        outcome: 'non-compliant',
        message: `${AT}.kms_master_key_id is "alias/aws/s3", an AWS-managed key, not a customer-managed key`,
        attribute: `${AT}.kms_master_key_id`,
      },
    ]);
  });

  it('names the algorithm or key attribute it cannot judge', () => {
    expect(config({ sse_algorithm: '${var.alg}', kms_master_key_id: CMK_ARN })).toEqual([
      unresolved(`${AT}.sse_algorithm`, '${var.alg}'),
    ]);
    expect(config({ sse_algorithm: 'aws:kms', kms_master_key_id: '${var.key}' })).toEqual([
      unresolved(`${AT}.kms_master_key_id`, '${var.key}'),
    ]);
  });
});
