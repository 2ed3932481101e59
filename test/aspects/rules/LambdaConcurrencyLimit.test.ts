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
