import rule from '../../../aspects/rules/FirehoseEncryptedCmk';
import { CMK, CMK_ARN, judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_kinesis_firehose_delivery_stream.f';
const stream = (cfg: Record<string, unknown>) => ({
  resource: {
    ...CMK,
    aws_kinesis_firehose_delivery_stream: { f: { name: 'logs-archive', destination: 'extended_s3', ...cfg } },
  },
});
const SSE = { enabled: true, key_type: 'CUSTOMER_MANAGED_CMK', key_arn: CMK_ARN };

describe('FirehoseEncryptedCmk', () => {
  it('accepts a customer-managed key declared in the stack', () => {
    expect(outcomeOf(judge(rule, ADDR, stream({ server_side_encryption: SSE })))).toBe('compliant');
  });
  it('rejects a stream without server_side_encryption', () => {
    expect(outcomeOf(judge(rule, ADDR, stream({})))).toBe('non-compliant');
  });
  it('rejects encryption turned off', () => {
    const [r] = judge(rule, ADDR, stream({ server_side_encryption: { ...SSE, enabled: false } }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('server_side_encryption.enabled');
  });
  it('rejects the AWS-owned key, reporting key type and key', () => {
    const results = judge(
      rule,
      ADDR,
      stream({ server_side_encryption: { enabled: true, key_type: 'AWS_OWNED_CMK' } }),
    );
    expect(results.map((r) => r.attribute)).toEqual([
      'server_side_encryption.key_type',
      'server_side_encryption.key_arn',
    ]);
  });
  it('does not apply to a stream reading from Kinesis', () => {
    const input = stream({ kinesis_source_configuration: { kinesis_stream_arn: 'arn', role_arn: 'r' } });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('not-applicable');
  });
  it('reports a key from a variable as unresolved', () => {
    expect(
      outcomeOf(judge(rule, ADDR, stream({ server_side_encryption: { ...SSE, key_arn: '${var.k}' } }))),
    ).toBe('unresolved');
  });
});

describe('FirehoseEncryptedCmk messages (one clear line per violation)', () => {
  const KEY_TYPE = 'server_side_encryption.key_type';
  const keyType = (actual: string) => ({
    outcome: 'non-compliant',
    message: `${KEY_TYPE} is ${actual}; it must be "CUSTOMER_MANAGED_CMK"`,
    attribute: KEY_TYPE,
  });
  it.each([
    ['the AWS-owned key type', { ...SSE, key_type: 'AWS_OWNED_CMK' }, [keyType('"AWS_OWNED_CMK"')]],
    ['no key type', { enabled: true, key_arn: CMK_ARN }, [keyType('not set (AWS_OWNED_CMK)')]],
    [
      'a key type from a variable',
      { ...SSE, key_type: '${var.kt}' },
      [
        {
          outcome: 'unresolved',
          attribute: KEY_TYPE,
          message: `${KEY_TYPE} is "\${var.kt}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
        },
      ],
    ],
    [
      'enabled left out (the provider default is off)',
      { key_type: 'CUSTOMER_MANAGED_CMK', key_arn: CMK_ARN },
      [
        {
          outcome: 'non-compliant',
          message:
            'server_side_encryption.enabled is not set (the provider default is false); it must be true',
          attribute: 'server_side_encryption.enabled',
        },
      ],
    ],
  ])('judges %s', (_, server_side_encryption, expected) => {
    expect(judge(rule, ADDR, stream({ server_side_encryption }))).toEqual(expected);
  });
  it('rejects a Direct PUT stream without server_side_encryption in one line', () => {
    expect(judge(rule, ADDR, stream({}))).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'server_side_encryption is not set, so data at rest is not encrypted with a customer-managed key',
        attribute: 'server_side_encryption',
      },
    ]);
  });
  it.each([
    ['Kinesis', { kinesis_source_configuration: { kinesis_stream_arn: 'arn', role_arn: 'r' } }],
    ['MSK', { msk_source_configuration: { msk_cluster_arn: 'arn', topic_name: 't' } }],
  ])('does not apply to a stream reading from %s', (_, source) => {
    expect(judge(rule, ADDR, stream(source))).toEqual([
      {
        outcome: 'not-applicable',
        message: 'the stream reads from a Kinesis or MSK source, whose own encryption applies',
      },
    ]);
  });
});
