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

describe('ApiStageAccessLogging messages (one clear line per violation)', () => {
  const DESTINATION = 'access_log_settings.destination_arn';
  const FMT = 'access_log_settings.format';
  const fail = (message: string, attribute: string) => ({ outcome: 'non-compliant', message, attribute });
  const NOT_JSON = fail(`${FMT} is not a JSON object template, so the logs cannot be queried by field`, FMT);
  const NO_REQUEST_ID = fail(
    `${FMT} does not include $context.requestId, so entries cannot be traced to a request`,
    FMT,
  );
  const FORMAT_NOT_SET = fail(`${FMT} is not set`, FMT);
  const pending = (attribute: string, expression: string) => ({
    outcome: 'unresolved',
    attribute,
    message: `${attribute} is "${expression}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
  });

  it.each([
    [
      'a destination that is a Firehose stream',
      '${aws_kinesis_firehose_delivery_stream.f.arn}',
      fail(
        `${DESTINATION} refers to aws_kinesis_firehose_delivery_stream.f, not to a CloudWatch log group declared in this stack`,
        DESTINATION,
      ),
    ],
    [
      'a destination that refers to an undeclared log group',
      '${aws_cloudwatch_log_group.missing.arn}',
      fail(`${DESTINATION} refers to aws_cloudwatch_log_group.missing, which is not declared`, DESTINATION),
    ],
    [
      "the group's name instead of its arn",
      '${aws_cloudwatch_log_group.access.name}',
      fail(
        `${DESTINATION} is "\${aws_cloudwatch_log_group.access.name}"; it must be the group's arn`,
        DESTINATION,
      ),
    ],
    ['no destination', undefined, fail(`${DESTINATION} is not set`, DESTINATION)],
    ['an empty destination', '', fail(`${DESTINATION} is not set`, DESTINATION)],
    [
      'a literal ARN of a group of another stack',
      'arn:aws:logs:us-east-1:111122223333:log-group:/elsewhere:*',
      fail(
        `${DESTINATION} is "arn:aws:logs:us-east-1:111122223333:log-group:/elsewhere:*", which is not a log group declared in this stack`,
        DESTINATION,
      ),
    ],
    ['a destination from a variable', '${var.dest}', pending(DESTINATION, '${var.dest}')],
  ])('judges %s', (_, destination, expected) => {
    expect(judge(rule, ADDR, stage({ destination_arn: destination, format: FORMAT }))).toEqual([expected]);
  });

  it.each([
    ['no format', undefined, [FORMAT_NOT_SET]],
    ['a blank format', '   ', [FORMAT_NOT_SET]],
    ['a format from a variable', '${var.format}', [pending(FMT, '${var.format}')]],
    ['a JSON array', '["$context.requestId"]', [NOT_JSON]],
    ['JSON without requestId', '{"status":$context.status}', [NO_REQUEST_ID]],
    ['text that is neither JSON nor has requestId', '$context.status', [NOT_JSON, NO_REQUEST_ID]],
    [
      'a JSON format padded with blanks',
      '  {"requestId":"$context.requestId"}\n',
      [{ outcome: 'compliant' }],
    ],
    [
      'unquoted multi-part context variables',
      '{"requestId":"$context.requestId","ip":$context.identity.sourceIp}',
      [{ outcome: 'compliant' }],
    ],
  ])('judges the format: %s', (_, format, expected) => {
    expect(judge(rule, ADDR, stage({ destination_arn: DEST, format }))).toEqual(expected);
  });

  it('rejects a stage without access_log_settings in one line', () => {
    expect(judge(rule, ADDR, stage())).toEqual([
      fail('access_log_settings is not set, so the stage writes no access logs', 'access_log_settings'),
    ]);
  });
});

describe('ApiStageAccessLogging: a format that is JSON but not an object', () => {
  it.each(['null', ' null '])('format %j is not a JSON object template', (format) => {
    const results = judge(rule, 'aws_api_gateway_stage.s', {
      resource: {
        aws_cloudwatch_log_group: { g: { name: '/api/access' } },
        aws_api_gateway_stage: {
          s: { access_log_settings: { destination_arn: '${aws_cloudwatch_log_group.g.arn}', format } },
        },
      },
    });
    expect(results.map((r) => r.message)).toEqual([
      'access_log_settings.format is not a JSON object template, so the logs cannot be queried by field',
      'access_log_settings.format does not include $context.requestId, so entries cannot be traced to a request',
    ]);
  });
});
