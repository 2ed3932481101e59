import rule from '../../../aspects/rules/ApiStageAccessLogging';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_api_gateway_stage.s';
const FORMAT =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":$context.status,"latency":$context.responseLatency}';
const DEST = '${aws_cloudwatch_log_group.access.arn}';
const stage = (access?: Record<string, unknown>) => ({
  resource: {
    aws_cloudwatch_log_group: { access: { name: '/payments/api-access' } },
    aws_api_gateway_stage: {
      s: { rest_api_id: 'abc', stage_name: 'prod', ...(access ? { access_log_settings: access } : {}) },
    },
  },
});

describe('ApiStageAccessLogging', () => {
  it('accepts a JSON format with requestId sent to a declared log group', () => {
    expect(outcomeOf(judge(rule, ADDR, stage({ destination_arn: DEST, format: FORMAT })))).toBe('compliant');
  });
  it('accepts a literal ARN of a declared group', () => {
    const arn = 'arn:aws:logs:us-east-1:111122223333:log-group:/payments/api-access';
    expect(outcomeOf(judge(rule, ADDR, stage({ destination_arn: arn, format: FORMAT })))).toBe('compliant');
  });
  it('rejects a stage without access_log_settings', () => {
    expect(outcomeOf(judge(rule, ADDR, stage()))).toBe('non-compliant');
  });
  it('rejects a destination that is not a declared log group (a literal ARN of another group, a Firehose)', () => {
    const other = 'arn:aws:logs:us-east-1:111122223333:log-group:/elsewhere';
    expect(outcomeOf(judge(rule, ADDR, stage({ destination_arn: other, format: FORMAT })))).toBe(
      'non-compliant',
    );
    const firehose = '${aws_kinesis_firehose_delivery_stream.f.arn}';
    expect(outcomeOf(judge(rule, ADDR, stage({ destination_arn: firehose, format: FORMAT })))).toBe(
      'non-compliant',
    );
  });
  it('rejects the CLF (non-JSON) format', () => {
    const clf =
      '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod" $context.status $context.requestId';
    const [r] = judge(rule, ADDR, stage({ destination_arn: DEST, format: clf }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('JSON');
  });
  it('rejects braces around text that is not JSON', () => {
    const [r] = judge(
      rule,
      ADDR,
      stage({ destination_arn: DEST, format: '{ requestId: $context.requestId }' }),
    );
    expect(r.outcome).toBe('non-compliant');
  });
  it('rejects a JSON format without $context.requestId', () => {
    const [r] = judge(rule, ADDR, stage({ destination_arn: DEST, format: '{"status":$context.status}' }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('requestId');
  });
  it('reports each problem: bad destination and missing format', () => {
    const results = judge(rule, ADDR, stage({ destination_arn: 'arn:aws:s3:::bucket' }));
    expect(results.map((r) => r.attribute)).toEqual([
      'access_log_settings.destination_arn',
      'access_log_settings.format',
    ]);
  });
  it('reports a destination from a variable as unresolved', () => {
    const [r] = judge(rule, ADDR, stage({ destination_arn: '${var.dest}', format: FORMAT }));
    expect(r.outcome).toBe('unresolved');
  });
});
