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

describe('LambdaLogGroupDeclared messages and candidates', () => {
  const LOG_GROUP = 'logging_config.log_group';
  const pending = (attribute: string, expression: string) => ({
    outcome: 'unresolved',
    attribute,
    message: `${attribute} is "${expression}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
  });
  const DEFAULT_GROUP = { g: { name: '/aws/lambda/pay-authorize' } };
  it.each([
    [
      'a reference to a log group missing from the stack',
      stack({ logging_config: { log_group: '${aws_cloudwatch_log_group.gone.name}' } }),
      {
        outcome: 'non-compliant',
        message: `${LOG_GROUP} refers to aws_cloudwatch_log_group.gone, which is not declared in this stack`,
        attribute: LOG_GROUP,
      },
    ],
    [
      'a literal group name that is not declared',
      stack({ logging_config: { log_group: '/payments/missing' } }, DEFAULT_GROUP),
      {
        outcome: 'non-compliant',
        message: `${LOG_GROUP} is "/payments/missing", but no aws_cloudwatch_log_group with that name is declared in this stack`,
        attribute: LOG_GROUP,
      },
    ],
    [
      'a log group from a variable',
      stack({ logging_config: { log_group: '${var.group}' } }),
      pending(LOG_GROUP, '${var.group}'),
    ],
    [
      'a log group read from another resource type',
      {
        resource: {
          ...stack({ logging_config: { log_group: '${aws_ssm_parameter.p.value}' } }).resource,
          aws_ssm_parameter: { p: { name: 'group', type: 'String', value: '/payments/fn' } },
        },
      },
      pending(LOG_GROUP, '${aws_ssm_parameter.p.value}'),
    ],
    [
      'an empty logging_config.log_group (the default group applies)',
      stack({ logging_config: { log_group: '' } }, DEFAULT_GROUP),
      { outcome: 'compliant' },
    ],
    [
      'a null logging_config.log_group (the default group applies)',
      stack({ logging_config: { log_group: null } }, DEFAULT_GROUP),
      { outcome: 'compliant' },
    ],
    [
      "a default group named after the function's id",
      stack({}, { g: { name: '/aws/lambda/${aws_lambda_function.fn.id}' } }),
      { outcome: 'compliant' },
    ],
    [
      'a function without its default group',
      stack({}),
      {
        outcome: 'non-compliant',
        message:
          'no aws_cloudwatch_log_group named "/aws/lambda/pay-authorize" is declared, so Lambda creates it unencrypted and with unlimited retention',
        attribute: LOG_GROUP,
      },
    ],
    [
      'a function without function_name',
      stack({ function_name: undefined }, { g: { name: '/aws/lambda/undefined' } }),
      {
        outcome: 'non-compliant',
        message: 'function_name is not set, so its log group cannot be matched to a declared group',
        attribute: 'function_name',
      },
    ],
    [
      'a function_name from a variable',
      stack({ function_name: '${var.fn_name}' }),
      pending('function_name', '${var.fn_name}'),
    ],
  ])('judges %s', (_, input, expected) => {
    expect(judge(rule, ADDR, input)).toEqual([expected]);
  });
});
