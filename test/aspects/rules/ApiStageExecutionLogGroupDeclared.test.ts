import rule from '../../../aspects/rules/ApiStageExecutionLogGroupDeclared';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_api_gateway_stage.s';
const API = '${aws_api_gateway_rest_api.api.id}';
const stack = (stageCfg: Record<string, unknown>, groupName?: string) => ({
  resource: {
    aws_api_gateway_stage: { s: { rest_api_id: API, stage_name: 'prod', ...stageCfg } },
    ...(groupName ? { aws_cloudwatch_log_group: { exec: { name: groupName } } } : {}),
  },
});

describe('ApiStageExecutionLogGroupDeclared', () => {
  it('accepts a declared group named after the API id reference and the stage', () => {
    expect(outcomeOf(judge(rule, ADDR, stack({}, `API-Gateway-Execution-Logs_${API}/prod`)))).toBe(
      'compliant',
    );
  });
  it('rejects a stage without its execution log group, naming the group', () => {
    const [r] = judge(rule, ADDR, stack({}));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain(`API-Gateway-Execution-Logs_${API}/prod`);
  });
  it('rejects a group declared for another stage', () => {
    expect(outcomeOf(judge(rule, ADDR, stack({}, `API-Gateway-Execution-Logs_${API}/dev`)))).toBe(
      'non-compliant',
    );
  });
  it('rejects a group named with the API name instead of its id', () => {
    expect(outcomeOf(judge(rule, ADDR, stack({}, 'API-Gateway-Execution-Logs_payments-api/prod')))).toBe(
      'non-compliant',
    );
  });
  it('reports a stage name from a variable without a matching group as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, stack({ stage_name: '${var.stage}' })))).toBe('unresolved');
  });
});

describe('ApiStageExecutionLogGroupDeclared messages (one clear line per violation)', () => {
  const bare = (cfg: Record<string, unknown>) => ({ resource: { aws_api_gateway_stage: { s: cfg } } });
  const pending = (attribute: string, expression: string) => ({
    outcome: 'unresolved',
    attribute,
    message: `${attribute} is "${expression}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
  });
  it.each([
    [
      'a stage without rest_api_id',
      bare({ stage_name: 'prod' }),
      { outcome: 'non-compliant', message: 'rest_api_id is not set', attribute: 'rest_api_id' },
    ],
    [
      'a stage without stage_name',
      bare({ rest_api_id: API }),
      { outcome: 'non-compliant', message: 'stage_name is not set', attribute: 'stage_name' },
    ],
    [
      'a stage without its group',
      stack({}),
      {
        outcome: 'non-compliant',
        message: `no aws_cloudwatch_log_group named "API-Gateway-Execution-Logs_${API}/prod" is declared, so API Gateway creates it unencrypted and with unlimited retention`,
        attribute: 'rest_api_id',
      },
    ],
    [
      'a stage name from a variable',
      stack({ stage_name: '${var.stage}' }),
      pending('stage_name', '${var.stage}'),
    ],
    ['an API id from a variable', stack({ rest_api_id: '${var.api}' }), pending('rest_api_id', '${var.api}')],
    [
      'a literal API id with its group',
      stack({ rest_api_id: 'a1b2c3' }, 'API-Gateway-Execution-Logs_a1b2c3/prod'),
      { outcome: 'compliant' },
    ],
  ])('judges %s', (_, input, expected) => {
    expect(judge(rule, ADDR, input)).toEqual([expected]);
  });
});
