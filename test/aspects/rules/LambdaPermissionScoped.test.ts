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
