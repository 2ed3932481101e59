import rule from '../../../aspects/rules/LambdaPermissionScoped';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_lambda_permission.p';
const perm = (cfg: Record<string, unknown>) => ({
  resource: { aws_lambda_permission: { p: { action: 'lambda:InvokeFunction', function_name: 'f', ...cfg } } },
});

describe('LambdaPermissionScoped', () => {
  it('accepts API Gateway limited to the API execution ARN', () => {
    const input = perm({
      principal: 'apigateway.amazonaws.com',
      source_arn: '${aws_api_gateway_rest_api.api.execution_arn}/*/*',
    });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('compliant');
  });
  it('accepts a service principal limited by source_account', () => {
    expect(
      outcomeOf(
        judge(rule, ADDR, perm({ principal: 'events.amazonaws.com', source_account: '111122223333' })),
      ),
    ).toBe('compliant');
  });
  it('accepts a specific account principal', () => {
    expect(outcomeOf(judge(rule, ADDR, perm({ principal: '111122223333' })))).toBe('compliant');
  });
  it('rejects the * principal', () => {
    const [r] = judge(rule, ADDR, perm({ principal: '*' }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('"*"');
  });
  it('rejects a service principal without source_arn or source_account', () => {
    const [r] = judge(rule, ADDR, perm({ principal: 'sns.amazonaws.com' }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('sns.amazonaws.com');
  });
  it('reports a principal from a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, perm({ principal: '${var.principal}' })))).toBe('unresolved');
  });
});

describe('LambdaPermissionScoped messages', () => {
  const fail = (message: string, attribute: string) => ({ outcome: 'non-compliant', message, attribute });
  it.each([
    ['no principal', {}, fail('principal is not set', 'principal')],
    [
      'a * principal padded with blanks',
      { principal: ' * ' },
      fail('principal is "*", so anyone can invoke the function', 'principal'),
    ],
    [
      'a China-region service principal without a source',
      { principal: 'sns.amazonaws.com.cn' },
      fail(
        'principal is the service "sns.amazonaws.com.cn" without source_arn or source_account, so any account\'s resource of that service can invoke the function',
        'source_arn',
      ),
    ],
    [
      'an empty source_arn',
      { principal: 's3.amazonaws.com', source_arn: '' },
      fail(
        'principal is the service "s3.amazonaws.com" without source_arn or source_account, so any account\'s resource of that service can invoke the function',
        'source_arn',
      ),
    ],
    [
      'a principal that only contains a service domain',
      { principal: 'arn:aws:iam::111122223333:role/sns.amazonaws.com.reader' },
      { outcome: 'compliant' },
    ],
    [
      'a principal from a variable',
      { principal: '${var.principal}' },
      {
        outcome: 'unresolved',
        attribute: 'principal',
        message:
          'principal is "${var.principal}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ],
  ])('judges %s', (_, cfg, expected) => {
    expect(judge(rule, ADDR, perm(cfg))).toEqual([expected]);
  });
});
