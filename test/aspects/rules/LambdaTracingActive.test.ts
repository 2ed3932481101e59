import rule from '../../../aspects/rules/LambdaTracingActive';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { judge } from '../../support/rule-harness';

const ADDR = 'aws_lambda_function.fn';
const fn = (cfg: Record<string, unknown>) => ({
  resource: { aws_lambda_function: { fn: { function_name: 'f', ...cfg } } },
});
const fail = (actual: string) => ({
  outcome: 'non-compliant',
  message: `tracing_config.mode is ${actual}; it must be "Active"`,
  attribute: 'tracing_config.mode',
});

describe('LambdaTracingActive', () => {
  it.each([
    ['mode Active', { tracing_config: { mode: 'Active' } }, { outcome: 'compliant' }],
    [
      'mode Active (plan JSON array form)',
      { tracing_config: [{ mode: 'Active' }] },
      { outcome: 'compliant' },
    ],
    ['mode PassThrough', { tracing_config: { mode: 'PassThrough' } }, fail('"PassThrough"')],
    ['a lower-case mode', { tracing_config: { mode: 'active' } }, fail('"active"')],
    ['tracing_config without mode', { tracing_config: {} }, fail('not set (PassThrough)')],
    ['no tracing_config', {}, fail('not set (PassThrough)')],
    [
      'a mode from a variable',
      { tracing_config: { mode: '${var.mode}' } },
      {
        outcome: 'unresolved',
        attribute: 'tracing_config.mode',
        message:
          'tracing_config.mode is "${var.mode}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ],
  ])('judges %s', (_, cfg, expected) => {
    expect(judge(rule, ADDR, fn(cfg))).toEqual([expected]);
  });

  it('does not apply when the policy does not require tracing', () => {
    const policy = paymentsPolicy({ tracing: false });
    expect(judge(rule, ADDR, { ...fn({}), policy })).toEqual([
      { outcome: 'not-applicable', message: 'the policy does not require tracing' },
    ]);
  });
});
