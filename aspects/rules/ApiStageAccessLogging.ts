import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import type { RuleResult } from '../core/rule';
import type { TfModel } from '../core/model';
import { firstBlock } from '../core/model';
import { literalString, referenceOf } from '../core/values';
import { allOf } from './requirements';
import { logGroupDeclared } from './log-groups';

const DESTINATION = 'access_log_settings.destination_arn';
const FORMAT = 'access_log_settings.format';
const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/;

function judgeDestination(model: TfModel, v: unknown): RuleResult {
  const ref = referenceOf(v);
  if (ref) {
    if (ref.type !== 'aws_cloudwatch_log_group') {
      return nonCompliant(
        `${DESTINATION} refers to ${ref.address}, not to a CloudWatch log group declared in this stack`,
        DESTINATION,
      );
    }
    if (!model.byAddress(ref.address))
      return nonCompliant(`${DESTINATION} refers to ${ref.address}, which is not declared`, DESTINATION);
    if (ref.attribute !== 'arn')
      return nonCompliant(`${DESTINATION} is "${String(v)}"; it must be the group's arn`, DESTINATION);
    return compliant();
  }
  const s = literalString(v);
  if (s.kind === 'unresolved') return unresolved(DESTINATION, s.expression);
  if (s.kind !== 'value' || s.value === '') return nonCompliant(`${DESTINATION} is not set`, DESTINATION);
  const name = LOG_GROUP_ARN.exec(s.value)?.[1];
  if (name !== undefined && logGroupDeclared(model, [name])) return compliant();
  return nonCompliant(
    `${DESTINATION} is "${s.value}", which is not a log group declared in this stack`,
    DESTINATION,
  );
}

/**
 * A JSON access log template: `$context.x` variables stand for values (quoted or not), so replacing each
 * by 0 must leave a JSON object. https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
function judgeFormat(v: unknown): RuleResult[] {
  const s = literalString(v);
  if (s.kind === 'unresolved') return [unresolved(FORMAT, s.expression)];
  if (s.kind !== 'value' || s.value.trim() === '') return [nonCompliant(`${FORMAT} is not set`, FORMAT)];
  const t = s.value.trim();
  const out: RuleResult[] = [];
  let json = false;
  try {
    const parsed: unknown = JSON.parse(t.replace(/\$context(\.[A-Za-z0-9_]+)+/g, '0'));
    json = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    json = false;
  }
  // Parsing to an object implies the text starts with `{` and ends with `}` (it is trimmed, and the
  // $context replacement touches neither end), so that is the whole test.
  if (!json) {
    out.push(
      nonCompliant(`${FORMAT} is not a JSON object template, so the logs cannot be queried by field`, FORMAT),
    );
  }
  if (!t.includes('$context.requestId')) {
    out.push(
      nonCompliant(
        `${FORMAT} does not include $context.requestId, so entries cannot be traced to a request`,
        FORMAT,
      ),
    );
  }
  return out;
}

export default defineRule({
  id: 'ApiStageAccessLogging',
  description:
    'Every API Gateway REST stage writes JSON access logs (including $context.requestId) to a CloudWatch log group declared in the stack.',
  fix: 'set access_log_settings { destination_arn = aws_cloudwatch_log_group.<group>.arn, format = a JSON object template such as {"requestId":"$context.requestId","status":$context.status,...} }',
  severity: 'high',
  controls: {
    pciDss: ['10.2.1', '10.2.2'],
    cdkNag: ['AwsSolutions-APIG1', 'Serverless-APIGWAccessLogging', 'Serverless-APIGWStructuredLogging'],
    checkov: ['CKV_AWS_76'],
  },
  appliesTo: ['aws_api_gateway_stage'],
  evaluate: (r, { model }) => {
    const settings = firstBlock(r.config['access_log_settings']);
    if (!settings)
      return nonCompliant(
        'access_log_settings is not set, so the stage writes no access logs',
        'access_log_settings',
      );
    return allOf(judgeDestination(model, settings['destination_arn']), ...judgeFormat(settings['format']));
  },
});
