import rule from '../../../aspects/rules/LambdaLogGroupDeclared';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_lambda_function.fn';
const stack = (fn: Record<string, unknown>, groups: Record<string, Record<string, unknown>> = {}) => ({
  resource: {
    aws_lambda_function: { fn: { function_name: 'pay-authorize', ...fn } },
    ...(Object.keys(groups).length > 0 ? { aws_cloudwatch_log_group: groups } : {}),
  },
});

describe('LambdaLogGroupDeclared', () => {
  it('accepts a function whose default group /aws/lambda/<literal name> is declared', () => {
    const input = stack({}, { g: { name: '/aws/lambda/pay-authorize' } });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('compliant');
  });
  it('accepts a group whose name embeds the function_name reference', () => {
    const input = stack({}, { g: { name: '/aws/lambda/${aws_lambda_function.fn.function_name}' } });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('compliant');
  });
  it('accepts logging_config.log_group referring to a declared group', () => {
    const input = stack(
      { logging_config: { log_group: '${aws_cloudwatch_log_group.g.name}' } },
      { g: { name: '/payments/fn' } },
    );
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('compliant');
  });
  it('accepts logging_config.log_group naming a declared group literally (plan JSON array form)', () => {
    const input = stack({ logging_config: [{ log_group: '/payments/fn' }] }, { g: { name: '/payments/fn' } });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('compliant');
  });
  it('rejects a function with no declared group, naming the group Lambda would create', () => {
    const [r] = judge(rule, ADDR, stack({}, { other: { name: '/aws/lambda/another-fn' } }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('/aws/lambda/pay-authorize');
  });
  it('rejects logging_config.log_group naming a group that is not declared', () => {
    const [r] = judge(
      rule,
      ADDR,
      stack(
        { logging_config: { log_group: '/payments/missing' } },
        { g: { name: '/aws/lambda/pay-authorize' } },
      ),
    );
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('/payments/missing');
  });
  it('rejects logging_config.log_group referring to a group missing from the stack', () => {
    const input = stack({ logging_config: { log_group: '${aws_cloudwatch_log_group.gone.name}' } });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('non-compliant');
  });
  it('reports a variable function_name without a matching group as unresolved', () => {
    const [r] = judge(rule, ADDR, stack({ function_name: '${var.fn_name}' }));
    expect(r.outcome).toBe('unresolved');
    expect(r.message).toContain('${var.fn_name}');
  });
  it('accepts a variable function_name when the group name uses the same expression', () => {
    const input = stack({ function_name: '${var.fn_name}' }, { g: { name: '/aws/lambda/${var.fn_name}' } });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('compliant');
  });
  it('reports a variable logging_config.log_group without a matching group as unresolved', () => {
    const input = stack({ logging_config: { log_group: '${var.group}' } });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('unresolved');
  });
});
