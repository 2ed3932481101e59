import rule from '../../../aspects/rules/LambdaEnvironmentNoSecrets';
import { judge } from '../../support/rule-harness';
import type { ResourcesJson } from '../../support/rule-harness';

const F = 'aws_lambda_function.f';
const run = (environment: unknown, extra: ResourcesJson = {}) =>
  judge(rule, F, {
    resource: {
      aws_lambda_function: {
        f: { function_name: 'ledger', ...(environment === undefined ? {} : { environment }) },
      },
      ...extra,
    },
    data: { aws_secretsmanager_secret_version: { db: {} } },
  });
const env = (variables: unknown) => ({ variables });
const secret = (name: string, why: string) => ({
  outcome: 'non-compliant',
  attribute: `environment.variables.${name}`,
  message: `environment.variables.${name} ${why}`,
});

describe('LambdaEnvironmentNoSecrets', () => {
  // Regression (issue 13): an AWS secret access key in plain text passed the gate.
  it('refuses AWS keys in plain text, one finding per variable', () => {
    expect(
      run(
        env({
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          LOG_LEVEL: 'info',
        }),
      ),
    ).toEqual([
      secret('AWS_ACCESS_KEY_ID', 'holds an AWS access key id'),
      secret(
        'AWS_SECRET_ACCESS_KEY',
        'holds what looks like an AWS secret access key (40 base64 characters)',
      ),
    ]);
  });
  it('refuses a private key and a high-entropy token under a secret-like name', () => {
    expect(run(env({ SIGNING_KEY: '-----BEGIN EC PRIVATE KEY-----\nMHcC' }))).toEqual([
      secret('SIGNING_KEY', 'holds a private key'),
    ]);
    expect(run(env({ stripeApiKey: 'sk9f86d081884c7d659a2feaa0c55ad015' }))).toEqual([
      secret('stripeApiKey', 'holds a high-entropy value under a secret-like name'),
    ]);
  });
  it('refuses a reference to a secret value, which Terraform writes in plain text', () => {
    const extra = { random_password: { db: {} } };
    expect(run(env({ DB: '${random_password.db.result}' }), extra)).toEqual([
      secret(
        'DB',
        'is the secret value random_password.db.result, written in plain text into the function configuration',
      ),
    ]);
    expect(run(env({ DB: '${data.aws_secretsmanager_secret_version.db.secret_string}' }))).toEqual([
      secret(
        'DB',
        'is the secret value data.aws_secretsmanager_secret_version.db.secret_string, written in plain text into the function configuration',
      ),
    ]);
  });
  it('accepts pointers to secrets and ordinary settings', () => {
    const extra = { aws_secretsmanager_secret: { db: {} } };
    expect(
      run(
        env({
          DB_SECRET_ARN: '${aws_secretsmanager_secret.db.arn}',
          DB_SECRET: '${aws_secretsmanager_secret.db.name}',
          TOKEN_TTL: '3600',
          LOG_LEVEL: 'info',
          TABLE: 'ledger-entries',
          RETRIES: 3,
        }),
        extra,
      ),
    ).toEqual([{ outcome: 'compliant' }]);
  });
  it('judges only text values: a number or a boolean under a secret-like name is not read as a secret', () => {
    // 1e21 is written "1e+21": two character classes, yet no token; a number is never taken for text.
    expect(run(env({ DB_PASSWORD: 1e21, API_TOKEN: true, RETRIES: 3 }))).toEqual([{ outcome: 'compliant' }]);
  });
  it('cannot judge a variable under a secret-like name, nor variables from an expression', () => {
    expect(run(env({ DB_PASSWORD: '${var.db_password}', REGION: '${var.region}' }))).toEqual([
      {
        outcome: 'unresolved',
        attribute: 'environment.variables.DB_PASSWORD',
        message:
          'environment.variables.DB_PASSWORD is "${var.db_password}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ]);
    expect(run(env('${var.env}'))).toEqual([
      {
        outcome: 'unresolved',
        attribute: 'environment.variables',
        message:
          'environment.variables is "${var.env}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ]);
  });
  it('does not apply to a function without environment variables', () => {
    const none = { outcome: 'not-applicable', message: 'the function has no environment variables' };
    expect(run(undefined)).toEqual([none]);
    expect(run(env({}))).toEqual([none]);
    expect(run([{ variables: { A: 'b' } }])).toEqual([{ outcome: 'compliant' }]);
  });
});
