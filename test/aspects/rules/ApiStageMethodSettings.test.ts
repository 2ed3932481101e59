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

describe('ApiStageMethodSettings messages and matching', () => {
  const NONE = {
    outcome: 'non-compliant',
    message:
      'no aws_api_gateway_method_settings is declared for this stage, so execution logging and metrics are off',
    attribute: 'stage_name',
  };
  const only = (listed: string) => ({
    outcome: 'non-compliant',
    message: `the stage's method settings cover only method_path ${listed}; one with method_path "*/*" is required`,
    attribute: 'method_path',
  });
  const withStage = (
    stageCfg: Record<string, unknown>,
    settings: Record<string, Record<string, unknown>>,
  ) => ({
    resource: { aws_api_gateway_stage: { s: stageCfg }, aws_api_gateway_method_settings: settings },
  });
  const ms = (stage_name: unknown, method_path?: unknown, rest_api_id: unknown = API) => ({
    rest_api_id,
    stage_name,
    ...(method_path === undefined ? {} : { method_path }),
    settings: SETTINGS,
  });

  it.each([
    ['no method settings', stack({}), NONE],
    ['settings of another stage only', stack({ dev: ms('dev', '*/*') }), NONE],
    ['one method only', stack({ one: ms('prod', 'pay/POST') }), only('"pay/POST"')],
    [
      'two methods, listed in order',
      stack({ a: ms('prod', 'pay/POST'), b: ms('prod', 'pay/GET') }),
      only('"pay/POST", "pay/GET"'),
    ],
    ['settings without method_path', stack({ a: ms('prod') }), only('unset')],
    [
      'one method and one path from a variable',
      stack({ a: ms('prod', 'pay/POST'), b: ms('prod', '${var.path}') }),
      {
        outcome: 'unresolved',
        attribute: 'method_path',
        message:
          'method_path is "${var.path}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ],
    [
      'one method and */*',
      stack({ a: ms('prod', 'pay/POST'), b: ms('prod', '*/*') }),
      { outcome: 'compliant' },
    ],
    [
      '*/* settings declared before settings of another stage of the same API',
      stack({ all: ms('prod', '*/*'), dev: ms('dev', '*/*') }),
      { outcome: 'compliant' },
    ],
    [
      'settings that refer to the stage for both its API and its name',
      stack({
        all: ms('${aws_api_gateway_stage.s.stage_name}', '*/*', '${aws_api_gateway_stage.s.rest_api_id}'),
      }),
      { outcome: 'compliant' },
    ],
    [
      'a stage and settings that both leave rest_api_id out (nothing links them)',
      withStage({ stage_name: 'prod' }, { all: { stage_name: 'prod', method_path: '*/*' } }),
      NONE,
    ],
    [
      'a stage and settings whose rest_api_id are both empty',
      withStage({ rest_api_id: '', stage_name: 'prod' }, { all: ms('prod', '*/*', '') }),
      NONE,
    ],
  ])('judges %s', (_, input, expected) => {
    expect(judge(rule, ADDR, input)).toEqual([expected]);
  });
});
