import rule from '../../../aspects/rules/LambdaRuntimeCurrent';
import { paymentsPolicy } from '../../../aspects/policy';
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
