import rule from '../../../aspects/rules/LambdaPermissionScoped';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_lambda_permission.p';
const perm = (cfg: Record<string, unknown>) => ({
  resource: {
    aws_lambda_permission: { p: { action: 'lambda:InvokeFunction', function_name: 'f', ...cfg } },
    aws_api_gateway_rest_api: { api: { name: 'ledger' } },
  },
  data: { aws_caller_identity: { me: {} } },
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

describe('LambdaPermissionScoped source_arn patterns', () => {
  const API = 'apigateway.amazonaws.com';
  const fail = (arn: string, gaps: string) => ({
    outcome: 'non-compliant',
    message: `source_arn "${arn}" ${gaps}, so resources of "${API}" that are not yours can invoke the function`,
    attribute: 'source_arn',
  });
  const ANY_ACCOUNT = (a: string) => `pins no account (the account field is "${a}")`;
  const ANY_API = (first: string) => `pins no resource (the resource part starts with "${first}")`;
  it.each<[string, Record<string, unknown>, unknown]>([
    // Regression (issue 13): limited only in name, wildcard account and API.
    [
      'a wildcard account and API',
      { source_arn: 'arn:aws:execute-api:us-east-1:*:*' },
      fail('arn:aws:execute-api:us-east-1:*:*', `${ANY_ACCOUNT('*')} and ${ANY_API('*')}`),
    ],
    [
      'a pinned account but any API',
      { source_arn: 'arn:aws:execute-api:us-east-1:111122223333:*/prod/GET/health' },
      fail('arn:aws:execute-api:us-east-1:111122223333:*/prod/GET/health', ANY_API('*')),
    ],
    [
      'an API id with a wildcard in it',
      { source_arn: 'arn:aws:execute-api:us-east-1:111122223333:a1b2*/*' },
      fail('arn:aws:execute-api:us-east-1:111122223333:a1b2*/*', ANY_API('a1b2*')),
    ],
    [
      'a pinned API in any account',
      { source_arn: 'arn:aws:execute-api:us-east-1:?????????????:a1b2c3/*' },
      fail('arn:aws:execute-api:us-east-1:?????????????:a1b2c3/*', ANY_ACCOUNT('?????????????')),
    ],
    [
      'an empty resource part',
      { source_arn: 'arn:aws:execute-api:us-east-1:111122223333:' },
      fail('arn:aws:execute-api:us-east-1:111122223333:', ANY_API('')),
    ],
    ['text that is not an ARN', { source_arn: 'my-api' }, fail('my-api', 'is not an ARN')],
    [
      'an ARN-shaped text that does not start with arn',
      { source_arn: 'urn:aws:execute-api:us-east-1:111122223333:a1b2c3/*' },
      fail('urn:aws:execute-api:us-east-1:111122223333:a1b2c3/*', 'is not an ARN'),
    ],
    [
      'an ARN with too few fields',
      { source_arn: 'arn:aws:execute-api:us-east-1:111122223333' },
      fail('arn:aws:execute-api:us-east-1:111122223333', 'is not an ARN'),
    ],
    [
      'a wildcard account made up for by source_account',
      { source_arn: 'arn:aws:execute-api:us-east-1:*:a1b2c3/*', source_account: '111122223333' },
      { outcome: 'compliant' },
    ],
    [
      'a literal API and account',
      { source_arn: 'arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*/POST/payments' },
      { outcome: 'compliant' },
    ],
    [
      'the account from the caller identity and a literal API id',
      { source_arn: 'arn:aws:execute-api:us-east-1:${data.aws_caller_identity.me.account_id}:a1b2c3/*' },
      { outcome: 'compliant' },
    ],
    [
      'the API execution ARN of the stack with a suffix',
      { source_arn: '${aws_api_gateway_rest_api.api.execution_arn}/v1/GET/health' },
      { outcome: 'compliant' },
    ],
    [
      'a stack reference that names only the API, in any account',
      { source_arn: 'arn:aws:execute-api:us-east-1:*:${aws_api_gateway_rest_api.api.id}/*' },
      fail('arn:aws:execute-api:us-east-1:*:${aws_api_gateway_rest_api.api.id}/*', ANY_ACCOUNT('*')),
    ],
    [
      // The reference stands in as a token when the fields are read; the message quotes it as written.
      'a stack API id followed by a wildcard',
      { source_arn: 'arn:aws:execute-api:us-east-1:111122223333:${aws_api_gateway_rest_api.api.id}*/*' },
      fail(
        'arn:aws:execute-api:us-east-1:111122223333:${aws_api_gateway_rest_api.api.id}*/*',
        ANY_API('${aws_api_gateway_rest_api.api.id}*'),
      ),
    ],
    [
      'two references in the account and the resource part, the second followed by a wildcard',
      {
        source_arn:
          'arn:aws:execute-api:us-east-1:${data.aws_caller_identity.me.account_id}:${aws_api_gateway_rest_api.api.id}*/*',
      },
      fail(
        'arn:aws:execute-api:us-east-1:${data.aws_caller_identity.me.account_id}:${aws_api_gateway_rest_api.api.id}*/*',
        ANY_API('${aws_api_gateway_rest_api.api.id}*'),
      ),
    ],
    [
      'a variable',
      { source_arn: '${var.api_arn}/*' },
      {
        outcome: 'unresolved',
        attribute: 'source_arn',
        message:
          'source_arn is "${var.api_arn}/*", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ],
    [
      'a reference to a resource the configuration does not declare',
      { source_arn: '${aws_api_gateway_rest_api.gone.execution_arn}/*' },
      {
        outcome: 'unresolved',
        attribute: 'source_arn',
        message:
          'source_arn is "${aws_api_gateway_rest_api.gone.execution_arn}/*", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ],
    [
      'a stack API execution ARN with a stage the configuration does not declare',
      {
        source_arn:
          '${aws_api_gateway_rest_api.api.execution_arn}/${aws_api_gateway_stage.gone.stage_name}/*',
      },
      {
        outcome: 'unresolved',
        attribute: 'source_arn',
        message:
          'source_arn is "${aws_api_gateway_rest_api.api.execution_arn}/${aws_api_gateway_stage.gone.stage_name}/*", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ],
  ])('judges %s', (_, cfg, expected) => {
    expect(judge(rule, ADDR, perm({ principal: API, ...cfg }))).toEqual([expected]);
  });

  it('reads the resource part only up to its first ":" or "/" (a resource type before ":*" pins the kind)', () => {
    const alarms = perm({
      principal: 'lambda.alarms.cloudwatch.amazonaws.com',
      source_arn: 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:*',
    });
    expect(judge(rule, ADDR, alarms)).toEqual([{ outcome: 'compliant' }]);
  });

  it('reads a reference whose for_each key holds "*", ":" or "/" as one reference, not as a wildcard or a field separator', () => {
    // A plan model names a for_each instance by its key, and the key may be any text.
    const input = (arn: string) => ({
      resource: {
        aws_lambda_permission: { p: { function_name: 'f', principal: API, source_arn: arn } },
        aws_api_gateway_rest_api: { 'api["*:/"]': { name: 'ledger' } },
      },
    });
    const ID = '${aws_api_gateway_rest_api.api["*:/"].id}';
    expect(judge(rule, ADDR, input(`arn:aws:execute-api:us-east-1:111122223333:${ID}/*`))).toEqual([
      { outcome: 'compliant' },
    ]);
    const anyAccount = `arn:aws:execute-api:us-east-1:*:${ID}/*`;
    expect(judge(rule, ADDR, input(anyAccount))).toEqual([fail(anyAccount, ANY_ACCOUNT('*'))]);
  });

  it('quotes a field with its eleventh reference (token 10) written back', () => {
    const region = '${data.aws_region.here.name}'.repeat(10);
    const arn = `arn:aws:execute-api:${region}:111122223333:\${aws_api_gateway_rest_api.api.id}*/*`;
    const input = perm({ principal: API, source_arn: arn });
    const withRegion = { ...input, data: { ...input.data, aws_region: { here: {} } } };
    expect(judge(rule, ADDR, withRegion)).toEqual([
      fail(arn, ANY_API('${aws_api_gateway_rest_api.api.id}*')),
    ]);
  });

  it('asks an S3 source ARN (no account field) for source_account', () => {
    const arn = 'arn:aws:s3:::ledger-uploads';
    const [r] = judge(rule, ADDR, perm({ principal: 's3.amazonaws.com', source_arn: arn }));
    expect(r).toEqual({
      outcome: 'non-compliant',
      message: `source_arn "${arn}" names no account (and source_account is not set), so resources of "s3.amazonaws.com" that are not yours can invoke the function`,
      attribute: 'source_arn',
    });
    const withAccount = perm({
      principal: 's3.amazonaws.com',
      source_arn: arn,
      source_account: '111122223333',
    });
    expect(judge(rule, ADDR, withAccount)).toEqual([{ outcome: 'compliant' }]);
  });
});
