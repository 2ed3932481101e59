import rule from '../../../aspects/rules/ApiMethodAuthorization';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_api_gateway_method.m';
const method = (cfg: Record<string, unknown>) => ({
  resource: {
    aws_api_gateway_method: { m: { rest_api_id: 'abc', resource_id: 'r', http_method: 'POST', ...cfg } },
  },
});

describe('ApiMethodAuthorization', () => {
  it('accepts IAM and custom authorizers', () => {
    expect(outcomeOf(judge(rule, ADDR, method({ authorization: 'AWS_IAM' })))).toBe('compliant');
    expect(outcomeOf(judge(rule, ADDR, method({ authorization: 'CUSTOM', authorizer_id: 'x' })))).toBe(
      'compliant',
    );
  });
  it('accepts NONE with an API key required', () => {
    expect(outcomeOf(judge(rule, ADDR, method({ authorization: 'NONE', api_key_required: true })))).toBe(
      'compliant',
    );
  });
  it('rejects an open method (NONE, no API key)', () => {
    const [r] = judge(rule, ADDR, method({ authorization: 'NONE' }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('"NONE"');
  });
  it('does not apply to a CORS OPTIONS method', () => {
    expect(outcomeOf(judge(rule, ADDR, method({ http_method: 'OPTIONS', authorization: 'NONE' })))).toBe(
      'not-applicable',
    );
  });
  it('reports an authorization from a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, method({ authorization: '${var.auth}' })))).toBe('unresolved');
  });
});
