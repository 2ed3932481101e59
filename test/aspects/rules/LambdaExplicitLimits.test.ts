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

describe('LambdaExplicitLimits messages and bounds', () => {
  const fail = (attribute: string, message: string) => ({ outcome: 'non-compliant', message, attribute });
  it.each([
    [
      'both defaults',
      {},
      [
        fail('timeout', "timeout is not set, so the function gets Lambda's default (3 seconds)"),
        fail('memory_size', "memory_size is not set, so the function gets Lambda's default (128 MB)"),
      ],
    ],
    ['the smallest timeout and memory', { timeout: 1, memory_size: 128 }, [{ outcome: 'compliant' }]],
    ['the largest timeout and memory', { timeout: 900, memory_size: 10240 }, [{ outcome: 'compliant' }]],
    [
      'values just out of range',
      { timeout: 0, memory_size: 10241 },
      [
        fail('timeout', 'timeout is 0; Lambda accepts 1 to 900 seconds'),
        fail('memory_size', 'memory_size is 10241; Lambda accepts 128 to 10240 MB'),
      ],
    ],
    [
      'values on the other side',
      { timeout: 901, memory_size: 127 },
      [
        fail('timeout', 'timeout is 901; Lambda accepts 1 to 900 seconds'),
        fail('memory_size', 'memory_size is 127; Lambda accepts 128 to 10240 MB'),
      ],
    ],
    [
      'a timeout that is not a number',
      { timeout: 'ten', memory_size: 256 },
      [fail('timeout', 'timeout is "ten", not a number')],
    ],
  ])('judges %s', (_, cfg, expected) => {
    expect(judge(rule, ADDR, fn(cfg))).toEqual(expected);
  });
});
