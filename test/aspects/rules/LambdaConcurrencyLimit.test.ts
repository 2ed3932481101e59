import rule from '../../../aspects/rules/LambdaConcurrencyLimit';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_lambda_function.fn';
const fn = (cfg: Record<string, unknown>) => ({
  resource: { aws_lambda_function: { fn: { function_name: 'f', ...cfg } } },
});

describe('LambdaConcurrencyLimit', () => {
  it('accepts a positive reservation', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({ reserved_concurrent_executions: 50 })))).toBe('compliant');
  });
  it('rejects an unreserved function (absent or -1)', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({})))).toBe('non-compliant');
    const [r] = judge(rule, ADDR, fn({ reserved_concurrent_executions: -1 }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('unreserved');
  });
  it('rejects 0, saying it throttles every invocation', () => {
    const [r] = judge(rule, ADDR, fn({ reserved_concurrent_executions: 0 }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('throttles');
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({ reserved_concurrent_executions: '${var.c}' })))).toBe(
      'unresolved',
    );
  });
});

describe('LambdaConcurrencyLimit messages and boundaries', () => {
  const ATTR = 'reserved_concurrent_executions';
  const fail = (message: string) => ({ outcome: 'non-compliant', message, attribute: ATTR });
  it.each([
    [
      undefined,
      fail(`${ATTR} is not set (unreserved), so the function can take the account's whole concurrency`),
    ],
    [-1, fail(`${ATTR} is not set (unreserved), so the function can take the account's whole concurrency`)],
    [-2, fail(`${ATTR} is -2; it must be a positive number`)],
    [0, fail(`${ATTR} is 0, which throttles every invocation of the function`)],
    ['lots', fail(`${ATTR} is "lots", not a number`)],
    [1, { outcome: 'compliant' }],
    [
      '${var.c}',
      {
        outcome: 'unresolved',
        attribute: ATTR,
        message: `${ATTR} is "\${var.c}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
      },
    ],
  ])('judges reserved_concurrent_executions = %p', (value, expected) => {
    expect(judge(rule, ADDR, fn(value === undefined ? {} : { [ATTR]: value }))).toEqual([expected]);
  });
});
