import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../core/rule';
import { firstBlock, isObject } from '../core/model';
import { isExpression, referencesIn } from '../core/values';
import { isSecretName, secretShape } from './secrets';

/**
 * Attributes that hold a secret's value: referring to one writes the secret, in plain text, into the
 * function's configuration (readable by anyone with lambda:GetFunctionConfiguration).
 */
const SECRET_VALUES: ReadonlySet<string> = new Set([
  'aws_secretsmanager_secret_version.secret_string',
  'aws_secretsmanager_secret_version.secret_binary',
  'data.aws_secretsmanager_secret_version.secret_string',
  'data.aws_secretsmanager_secret_version.secret_binary',
  'random_password.result',
  'aws_iam_access_key.secret',
  'aws_iam_access_key.ses_smtp_password_v4',
  'tls_private_key.private_key_pem',
  'tls_private_key.private_key_openssh',
  'data.aws_ssm_parameter.value',
  'aws_ssm_parameter.value',
]);

export default defineRule({
  id: 'LambdaEnvironmentNoSecrets',
  description:
    'No Lambda environment variable holds a secret in plain text: no AWS access key id, secret access key or private key, no high-entropy value under a secret-like name, and no reference to a secret value.',
  fix: 'store the secret in AWS Secrets Manager (aws_secretsmanager_secret encrypted with the data key), pass only its ARN in the environment (e.g. DB_SECRET_ARN = "${aws_secretsmanager_secret.<name>.arn}") and read it at run time (grant secretsmanager:GetSecretValue on that ARN); use the function role, never access keys, for AWS calls',
  severity: 'critical',
  controls: { pciDss: ['8.3.2', '8.6.2'], checkov: ['CKV_AWS_45'] },
  appliesTo: ['aws_lambda_function'],
  evaluate: (r) => {
    const vars = firstBlock(r.config['environment'])?.['variables'];
    if (isExpression(vars)) return unresolved('environment.variables', vars);
    if (!isObject(vars) || Object.keys(vars).length === 0)
      return notApplicable('the function has no environment variables');
    const results: RuleResult[] = [];
    for (const [name, value] of Object.entries(vars)) {
      const attribute = `environment.variables.${name}`;
      if (typeof value !== 'string') continue;
      if (isExpression(value)) {
        const refs = referencesIn(value);
        const secret = refs.find((ref) =>
          SECRET_VALUES.has(
            `${ref.mode === 'data' ? 'data.' : ''}${ref.type}.${ref.attribute.split(/[.[]/)[0]}`,
          ),
        );
        if (secret) {
          results.push(
            nonCompliant(
              `${attribute} is the secret value ${secret.address}.${secret.attribute}, written in plain text into the function configuration`,
              attribute,
            ),
          );
        } else if (isSecretName(name) && refs.length === 0) {
          // A variable or function under a secret-like name may be the secret itself.
          results.push(unresolved(attribute, value));
        }
        continue;
      }
      const why = secretShape(name, value);
      if (why) results.push(nonCompliant(`${attribute} ${why}`, attribute));
    }
    return results.length > 0 ? results : [compliant()];
  },
});
