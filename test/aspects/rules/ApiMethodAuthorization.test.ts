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

describe('ApiMethodAuthorization messages (one clear line per violation)', () => {
  const open = (actual: string) => ({
    outcome: 'non-compliant',
    message: `authorization is ${actual} and no API key is required, so anyone can call the method`,
    attribute: 'authorization',
  });
  const pending = (attribute: string, expression: string) => ({
    outcome: 'unresolved',
    attribute,
    message: `${attribute} is "${expression}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
  });
  const bare = (cfg: Record<string, unknown>) => ({ resource: { aws_api_gateway_method: { m: cfg } } });

  it.each([
    ['NONE without an API key', method({ authorization: 'NONE' }), open('"NONE"')],
    ['lower-case none', method({ authorization: 'none' }), open('"none"')],
    ['an empty authorization', method({ authorization: '' }), open('""')],
    ['no authorization', method({}), open('not set')],
    [
      'NONE with api_key_required false',
      method({ authorization: 'NONE', api_key_required: false }),
      open('"NONE"'),
    ],
    ['no http_method and no authorization', bare({ rest_api_id: 'abc' }), open('not set')],
    [
      'an authorization from a variable',
      method({ authorization: '${var.auth}' }),
      pending('authorization', '${var.auth}'),
    ],
    [
      'NONE with api_key_required from a variable',
      method({ authorization: 'NONE', api_key_required: '${var.key}' }),
      pending('api_key_required', '${var.key}'),
    ],
    [
      'NONE on a method from a variable (it might be OPTIONS)',
      method({ authorization: 'NONE', http_method: '${var.method}' }),
      pending('http_method', '${var.method}'),
    ],
    [
      'a lower-case options method',
      method({ http_method: 'options' }),
      { outcome: 'not-applicable', message: 'CORS preflight (OPTIONS) requests carry no credentials' },
    ],
    ['COGNITO_USER_POOLS', method({ authorization: 'COGNITO_USER_POOLS' }), { outcome: 'compliant' }],
    ['no authorization with an API key', method({ api_key_required: 'true' }), { outcome: 'compliant' }],
  ])('judges %s', (_, input, expected) => {
    expect(judge(rule, ADDR, input)).toEqual([expected]);
  });
});
