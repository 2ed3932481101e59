import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { isExpression, referenceOf } from '../core/values';
import { logGroupDeclared } from './log-groups';
import { textOf } from './requirements';

export default defineRule({
  id: 'ApiStageExecutionLogGroupDeclared',
  description:
    'Every API Gateway REST stage has its execution log group (API-Gateway-Execution-Logs_<rest_api_id>/<stage_name>) declared in the stack.',
  fix: 'declare an aws_cloudwatch_log_group named "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.<api>.id}/<stage_name>" with a customer-managed kms_key_id and the policy retention, and make the stage depend on it',
  severity: 'high',
  controls: { pciDss: ['10.3.2', '10.5.1'] },
  appliesTo: ['aws_api_gateway_stage'],
  evaluate: (r, { model }) => {
    const api = textOf(r.config['rest_api_id']);
    const stage = textOf(r.config['stage_name']);
    if (api === undefined) return nonCompliant('rest_api_id is not set', 'rest_api_id');
    if (stage === undefined) return nonCompliant('stage_name is not set', 'stage_name');
    const expected = `API-Gateway-Execution-Logs_${api}/${stage}`;
    if (logGroupDeclared(model, [expected])) return compliant();
    if (isExpression(stage)) return unresolved('stage_name', stage);
    // A reference to an API of this stack names an id only known after apply: only the same reference can match it.
    if (isExpression(api) && !referenceOf(api)) return unresolved('rest_api_id', api);
    return nonCompliant(
      `no aws_cloudwatch_log_group named "${expected}" is declared, so API Gateway creates it unencrypted and with unlimited retention`,
      'rest_api_id',
    );
  },
});
