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
