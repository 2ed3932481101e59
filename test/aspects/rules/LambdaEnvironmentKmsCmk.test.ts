import rule from '../../../aspects/rules/LambdaEnvironmentKmsCmk';
import { CMK, CMK_ARN, judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_lambda_function.fn';
const fn = (cfg: Record<string, unknown>) => ({
  resource: { ...CMK, aws_lambda_function: { fn: { function_name: 'f', ...cfg } } },
});
const ENV = { environment: { variables: { TABLE: 'payments' } } };

describe('LambdaEnvironmentKmsCmk', () => {
  it('accepts variables encrypted with a key declared in the stack', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({ ...ENV, kms_key_arn: CMK_ARN })))).toBe('compliant');
  });
  it('rejects variables without kms_key_arn (AWS-managed lambda key)', () => {
    const [r] = judge(rule, ADDR, fn(ENV));
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('kms_key_arn');
  });
  it('rejects variables encrypted with alias/aws/lambda', () => {
    const [r] = judge(
      rule,
      ADDR,
      fn({ ...ENV, kms_key_arn: 'arn:aws:kms:us-east-1:111122223333:alias/aws/lambda' }),
    );
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('AWS-managed');
  });
  it('does not apply to a function without variables (none, or an empty map)', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({})))).toBe('not-applicable');
    expect(outcomeOf(judge(rule, ADDR, fn({ environment: { variables: {} } })))).toBe('not-applicable');
  });
  it('judges the key when the variables come from an expression', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({ environment: { variables: '${var.env}' } })))).toBe(
      'non-compliant',
    );
  });
  it('reports a key from a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, fn({ ...ENV, kms_key_arn: '${var.key}' })))).toBe('unresolved');
  });
});

describe('LambdaEnvironmentKmsCmk messages', () => {
  it('says why a function without variables is not judged', () => {
    expect(judge(rule, ADDR, fn({}))).toEqual([
      { outcome: 'not-applicable', message: 'the function has no environment variables' },
    ]);
  });
});
