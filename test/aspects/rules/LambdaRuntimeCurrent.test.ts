import rule from '../../../aspects/rules/LambdaRuntimeCurrent';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_lambda_function.fn';
const fn = (cfg: Record<string, unknown>) => ({
  resource: { aws_lambda_function: { fn: { function_name: 'f', ...cfg } } },
});

describe('LambdaRuntimeCurrent', () => {
  it('accepts nodejs22.x', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({ runtime: 'nodejs22.x' })))).toBe('compliant');
  });
  it('rejects a deprecated nodejs16.x, listing the allowed runtimes', () => {
    const [r] = judge(rule, ADDR, fn({ runtime: 'nodejs16.x' }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('nodejs16.x');
    expect(r.message).toContain('nodejs20.x');
  });
  it('rejects a zip function without runtime', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({})))).toBe('non-compliant');
  });
  it('follows the policy list (nodejs20.x rejected when only nodejs22.x is allowed)', () => {
    const policy = paymentsPolicy({ allowedLambdaRuntimes: ['nodejs22.x'] });
    expect(outcomeOf(judge(rule, ADDR, { ...fn({ runtime: 'nodejs20.x' }), policy }))).toBe('non-compliant');
  });
  it('does not apply to a container image function', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({ package_type: 'Image', image_uri: 'x' })))).toBe(
      'not-applicable',
    );
  });
  it('reports a runtime from a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({ runtime: '${var.runtime}' })))).toBe('unresolved');
  });
});

describe('LambdaRuntimeCurrent messages', () => {
  const policy = paymentsPolicy({ allowedLambdaRuntimes: ['nodejs22.x', 'python3.13'] });
  const pending = (attribute: string, expression: string) => ({
    outcome: 'unresolved',
    attribute,
    message: `${attribute} is "${expression}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
  });
  const fail = (message: string) => ({ outcome: 'non-compliant', message, attribute: 'runtime' });
  it.each([
    ['no runtime', {}, fail('runtime is not set; it must be one of nodejs22.x, python3.13')],
    [
      'a runtime the policy does not list',
      { runtime: 'nodejs16.x' },
      fail(
        'runtime is "nodejs16.x", which the policy does not list as current; use one of nodejs22.x, python3.13',
      ),
    ],
    [
      'an explicit Zip package with an old runtime',
      { package_type: 'Zip', runtime: 'nodejs16.x' },
      fail(
        'runtime is "nodejs16.x", which the policy does not list as current; use one of nodejs22.x, python3.13',
      ),
    ],
    ['a runtime that is not a string', { runtime: 22 }, fail('runtime is 22, not a runtime name')],
    ['a runtime from a variable', { runtime: '${var.runtime}' }, pending('runtime', '${var.runtime}')],
    ['a package type from a variable', { package_type: '${var.pkg}' }, pending('package_type', '${var.pkg}')],
    [
      'a container image',
      { package_type: 'Image' },
      { outcome: 'not-applicable', message: 'a container image function has no managed runtime' },
    ],
  ])('judges %s', (_, cfg, expected) => {
    expect(judge(rule, ADDR, { ...fn(cfg), policy })).toEqual([expected]);
  });
});
