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
