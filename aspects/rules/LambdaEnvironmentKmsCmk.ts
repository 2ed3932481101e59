import { defineRule, notApplicable } from '../core/rule';
import { firstBlock, isObject } from '../core/model';
import { isExpression } from '../core/values';
import { requireCmk } from './requirements';

export default defineRule({
  id: 'LambdaEnvironmentKmsCmk',
  description:
    'Every Lambda function with environment variables encrypts them with a customer-managed KMS key.',
  fix: 'set kms_key_arn to a customer-managed aws_kms_key',
  severity: 'medium',
  controls: { pciDss: ['3.5.1', '8.3.2'], checkov: ['CKV_AWS_173'] },
  appliesTo: ['aws_lambda_function'],
  injectedBy: 'kms',
  injectedFix: "leave kms_key_arn unset so the gate injects the policy's data key",
  keyPurpose: 'data',
  evaluate: (r, ctx) => {
    const vars = firstBlock(r.config['environment'])?.['variables'];
    // An expression may hold variables: judge the key as if it did (the mutator injects it then too).
    const hasVars = isExpression(vars) || (isObject(vars) && Object.keys(vars).length > 0);
    if (!hasVars) return notApplicable('the function has no environment variables');
    return requireCmk(r, 'kms_key_arn', ctx);
  },
});
