import rule from '../../../aspects/rules/ApiStageTracing';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_api_gateway_stage.s';
const stage = (cfg: Record<string, unknown>) => ({
  resource: {
    aws_api_gateway_stage: {
      s: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', stage_name: 'prod', ...cfg },
    },
  },
});

describe('ApiStageTracing', () => {
  it('accepts xray_tracing_enabled true', () => {
    expect(outcomeOf(judge(rule, ADDR, stage({ xray_tracing_enabled: true })))).toBe('compliant');
  });
  it('rejects tracing turned off and tracing left out', () => {
    expect(outcomeOf(judge(rule, ADDR, stage({ xray_tracing_enabled: false })))).toBe('non-compliant');
    expect(outcomeOf(judge(rule, ADDR, stage({})))).toBe('non-compliant');
  });
  it('does not apply when the policy does not require tracing', () => {
    const policy = paymentsPolicy({ tracing: false });
    expect(outcomeOf(judge(rule, ADDR, { ...stage({}), policy }))).toBe('not-applicable');
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, stage({ xray_tracing_enabled: '${var.trace}' })))).toBe('unresolved');
  });
});

describe('ApiStageTracing messages', () => {
  it.each([
    [
      'tracing not required',
      { ...stage({}), policy: paymentsPolicy({ tracing: false }) },
      { outcome: 'not-applicable', message: 'the policy does not require tracing' },
    ],
    [
      'tracing off',
      stage({ xray_tracing_enabled: false }),
      {
        outcome: 'non-compliant',
        message: 'xray_tracing_enabled is false; it must be true',
        attribute: 'xray_tracing_enabled',
      },
    ],
  ])('judges %s', (_, input, expected) => {
    expect(judge(rule, ADDR, input)).toEqual([expected]);
  });
});
