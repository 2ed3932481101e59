import rule from '../../../aspects/rules/CanaryArtifactsKmsCmk';
import { CMK, CMK_ARN, judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_synthetics_canary.c';
const canary = (artifact?: Record<string, unknown>) => ({
  resource: {
    ...CMK,
    aws_synthetics_canary: {
      c: {
        name: 'pay-probe',
        runtime_version: 'syn-nodejs-puppeteer-9.1',
        ...(artifact ? { artifact_config: artifact } : {}),
      },
    },
  },
});

describe('CanaryArtifactsKmsCmk', () => {
  it('accepts SSE_KMS with a key declared in the stack', () => {
    expect(
      outcomeOf(
        judge(rule, ADDR, canary({ s3_encryption: { encryption_mode: 'SSE_KMS', kms_key_arn: CMK_ARN } })),
      ),
    ).toBe('compliant');
  });
  it('rejects a canary without artifact encryption', () => {
    expect(outcomeOf(judge(rule, ADDR, canary()))).toBe('non-compliant');
    expect(outcomeOf(judge(rule, ADDR, canary({})))).toBe('non-compliant');
  });
  it('rejects SSE_S3 (one result for the mode, one for the missing key)', () => {
    const results = judge(rule, ADDR, canary({ s3_encryption: { encryption_mode: 'SSE_S3' } }));
    expect(results.map((r) => r.attribute)).toEqual([
      'artifact_config.s3_encryption.encryption_mode',
      'artifact_config.s3_encryption.kms_key_arn',
    ]);
    expect(results[0].message).toContain('"SSE_S3"');
  });
  it('rejects SSE_KMS with the AWS-managed S3 key', () => {
    const [r] = judge(
      rule,
      ADDR,
      canary({ s3_encryption: { encryption_mode: 'SSE_KMS', kms_key_arn: 'alias/aws/s3' } }),
    );
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('AWS-managed');
  });
  it('reports a key from a variable as unresolved', () => {
    expect(
      outcomeOf(
        judge(rule, ADDR, canary({ s3_encryption: { encryption_mode: 'SSE_KMS', kms_key_arn: '${var.k}' } })),
      ),
    ).toBe('unresolved');
  });
});

describe('CanaryArtifactsKmsCmk messages (one clear line per violation)', () => {
  const MODE = 'artifact_config.s3_encryption.encryption_mode';
  const mode = (actual: string) => ({
    outcome: 'non-compliant',
    message: `${MODE} is ${actual}; it must be "SSE_KMS"`,
    attribute: MODE,
  });
  it.each([
    ['SSE_S3 with a key', { encryption_mode: 'SSE_S3', kms_key_arn: CMK_ARN }, [mode('"SSE_S3"')]],
    ['a key without a mode', { kms_key_arn: CMK_ARN }, [mode('not set')]],
    [
      'a mode from a variable',
      { encryption_mode: '${var.mode}', kms_key_arn: CMK_ARN },
      [
        {
          outcome: 'unresolved',
          attribute: MODE,
          message: `${MODE} is "\${var.mode}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
        },
      ],
    ],
  ])('judges %s', (_, s3_encryption, expected) => {
    expect(judge(rule, ADDR, canary({ s3_encryption }))).toEqual(expected);
  });
  it('rejects a canary without artifact encryption in one line', () => {
    expect(judge(rule, ADDR, canary())).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'artifact_config.s3_encryption is not set, so artifacts are encrypted with SSE-S3, not a customer-managed key',
        attribute: 'artifact_config.s3_encryption',
      },
    ]);
  });
});
