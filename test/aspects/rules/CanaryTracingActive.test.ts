import rule from '../../../aspects/rules/CanaryTracingActive';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_synthetics_canary.c';
const canary = (run?: Record<string, unknown>) => ({
  resource: { aws_synthetics_canary: { c: { name: 'pay-probe', ...(run ? { run_config: run } : {}) } } },
});

describe('CanaryTracingActive', () => {
  it('accepts active tracing', () => {
    expect(outcomeOf(judge(rule, ADDR, canary({ active_tracing: true })))).toBe('compliant');
  });
  it('rejects tracing off, and run_config without it', () => {
    expect(outcomeOf(judge(rule, ADDR, canary({ active_tracing: false })))).toBe('non-compliant');
    expect(outcomeOf(judge(rule, ADDR, canary({ timeout_in_seconds: 60 })))).toBe('non-compliant');
    expect(outcomeOf(judge(rule, ADDR, canary()))).toBe('non-compliant');
  });
  it('does not apply when the policy does not require tracing', () => {
    expect(outcomeOf(judge(rule, ADDR, { ...canary(), policy: paymentsPolicy({ tracing: false }) }))).toBe(
      'not-applicable',
    );
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, canary({ active_tracing: '${var.t}' })))).toBe('unresolved');
  });
});

describe('CanaryTracingActive messages', () => {
  it.each([
    [
      'tracing not required',
      { ...canary(), policy: paymentsPolicy({ tracing: false }) },
      { outcome: 'not-applicable', message: 'the policy does not require tracing' },
    ],
    [
      'tracing off',
      canary({ active_tracing: false }),
      {
        outcome: 'non-compliant',
        message: 'run_config.active_tracing is false; it must be true',
        attribute: 'run_config.active_tracing',
      },
    ],
  ])('judges %s', (_, input, expected) => {
    expect(judge(rule, ADDR, input)).toEqual([expected]);
  });
});
