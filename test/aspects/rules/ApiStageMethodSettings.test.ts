import rule from '../../../aspects/rules/ApiStageMethodSettings';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_api_gateway_stage.s';
const API = '${aws_api_gateway_rest_api.api.id}';
const stack = (settings: Record<string, Record<string, unknown>>) => ({
  resource: {
    aws_api_gateway_stage: { s: { rest_api_id: API, stage_name: 'prod' } },
    ...(Object.keys(settings).length > 0 ? { aws_api_gateway_method_settings: settings } : {}),
  },
});
const SETTINGS = { logging_level: 'INFO', metrics_enabled: true };

describe('ApiStageMethodSettings', () => {
  it('accepts */* settings that refer to the stage name', () => {
    const input = stack({
      all: {
        rest_api_id: API,
        stage_name: '${aws_api_gateway_stage.s.stage_name}',
        method_path: '*/*',
        settings: SETTINGS,
      },
    });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('compliant');
  });
  it('accepts */* settings with the same literal stage name', () => {
    const input = stack({
      all: { rest_api_id: API, stage_name: 'prod', method_path: '*/*', settings: SETTINGS },
    });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('compliant');
  });
  it('rejects a stage without method settings', () => {
    expect(outcomeOf(judge(rule, ADDR, stack({})))).toBe('non-compliant');
  });
  it('rejects settings of another stage or another API', () => {
    const input = stack({
      dev: { rest_api_id: API, stage_name: 'dev', method_path: '*/*', settings: SETTINGS },
      other: {
        rest_api_id: '${aws_api_gateway_rest_api.other.id}',
        stage_name: 'prod',
        method_path: '*/*',
        settings: SETTINGS,
      },
    });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('non-compliant');
  });
  it('rejects settings for one method only, naming its path', () => {
    const input = stack({
      one: { rest_api_id: API, stage_name: 'prod', method_path: 'pay/POST', settings: SETTINGS },
    });
    const [r] = judge(rule, ADDR, input);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('pay/POST');
  });
  it('reports a method path from a variable as unresolved', () => {
    const input = stack({
      v: { rest_api_id: API, stage_name: 'prod', method_path: '${var.path}', settings: SETTINGS },
    });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('unresolved');
  });
});
