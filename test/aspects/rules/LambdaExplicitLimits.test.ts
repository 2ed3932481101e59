import rule from '../../../aspects/rules/LambdaExplicitLimits';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_lambda_function.fn';
const fn = (cfg: Record<string, unknown>) => ({
  resource: { aws_lambda_function: { fn: { function_name: 'f', ...cfg } } },
});

describe('LambdaExplicitLimits', () => {
  it('accepts explicit timeout and memory_size', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({ timeout: 10, memory_size: 512 })))).toBe('compliant');
  });
  it('rejects a function relying on both defaults, one result per attribute', () => {
    const results = judge(rule, ADDR, fn({}));
    expect(results.map((r) => [r.outcome, r.attribute])).toEqual([
      ['non-compliant', 'timeout'],
      ['non-compliant', 'memory_size'],
    ]);
  });
  it('rejects a missing timeout alone', () => {
    const results = judge(rule, ADDR, fn({ memory_size: 256 }));
    expect(results.map((r) => r.attribute)).toEqual(['timeout']);
  });
  it('rejects values Lambda does not accept (timeout 1000)', () => {
    const [r] = judge(rule, ADDR, fn({ timeout: 1000, memory_size: 256 }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('1000');
  });
  it('reports a memory size from a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({ timeout: 10, memory_size: '${var.mem}' })))).toBe('unresolved');
  });
});
