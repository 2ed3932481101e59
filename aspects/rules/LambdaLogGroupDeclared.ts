import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { firstBlock } from '../core/model';
import { isExpression, referenceOf } from '../core/values';
import { logGroupDeclared } from './log-groups';
import { referenceTexts } from './links';
import { textOf } from './requirements';

export default defineRule({
  id: 'LambdaLogGroupDeclared',
  description:
    'Every Lambda function writes to a log group declared in the stack: the group named by logging_config.log_group, or /aws/lambda/<function_name>.',
  fix: 'declare an aws_cloudwatch_log_group named "/aws/lambda/<function_name>" (or set logging_config.log_group to a declared group) with a customer-managed kms_key_id and the policy retention, and make the function depend on it',
  severity: 'high',
  controls: { pciDss: ['10.2.1', '10.5.1'] },
  appliesTo: ['aws_lambda_function'],
  evaluate: (r, { model }) => {
    const custom = firstBlock(r.config['logging_config'])?.['log_group'];
    if (custom !== undefined && custom !== null && custom !== '') {
      const ref = referenceOf(custom);
      if (ref && ref.type === 'aws_cloudwatch_log_group') {
        return model.byAddress(ref.address)
          ? compliant()
          : nonCompliant(
              `logging_config.log_group refers to ${ref.address}, which is not declared in this stack`,
              'logging_config.log_group',
            );
      }
      if (logGroupDeclared(model, [String(custom)])) return compliant();
      if (isExpression(custom)) return unresolved('logging_config.log_group', custom);
      return nonCompliant(
        `logging_config.log_group is ${JSON.stringify(custom)}, but no aws_cloudwatch_log_group with that name is declared in this stack`,
        'logging_config.log_group',
      );
    }
    // Lambda's default group; the function's `id` is its name too.
    const fn = textOf(r.config['function_name']);
    const candidates = referenceTexts(r, ['function_name', 'id']).map((t) => `/aws/lambda/${t}`);
    if (fn !== undefined) candidates.push(`/aws/lambda/${fn}`);
    if (logGroupDeclared(model, candidates)) return compliant();
    if (fn === undefined) {
      return nonCompliant(
        'function_name is not set, so its log group cannot be matched to a declared group',
        'function_name',
      );
    }
    if (isExpression(fn)) return unresolved('function_name', fn);
    return nonCompliant(
      `no aws_cloudwatch_log_group named "/aws/lambda/${fn}" is declared, so Lambda creates it unencrypted and with unlimited retention`,
      'logging_config.log_group',
    );
  },
});
