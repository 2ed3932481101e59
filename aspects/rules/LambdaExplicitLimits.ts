import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import type { RuleResult } from '../core/rule';
import type { TfResource } from '../core/model';
import { literalNumber } from '../core/values';
import { allOf } from './requirements';

/** An attribute set explicitly to a number Lambda accepts (the bounds are Lambda's own limits). */
function explicit(
  r: TfResource,
  attr: string,
  unit: string,
  min: number,
  max: number,
  dflt: string,
): RuleResult {
  const v = literalNumber(r.config[attr]);
  if (v.kind === 'unresolved') return unresolved(attr, v.expression);
  if (v.kind === 'absent')
    return nonCompliant(`${attr} is not set, so the function gets Lambda's default (${dflt})`, attr);
  if (v.kind === 'invalid') return nonCompliant(`${attr} is ${JSON.stringify(v.raw)}, not a number`, attr);
  if (v.value < min || v.value > max)
    return nonCompliant(`${attr} is ${v.value}; Lambda accepts ${min} to ${max} ${unit}`, attr);
  return compliant();
}

export default defineRule({
  id: 'LambdaExplicitLimits',
  description:
    'Every Lambda function sets its timeout and memory size explicitly instead of relying on Lambda defaults.',
  fix: 'set timeout (seconds, 1-900) and memory_size (MB, 128-10240) to values sized for the function',
  severity: 'low',
  controls: { cdkNag: ['Serverless-LambdaDefaultTimeout', 'Serverless-LambdaDefaultMemorySize'] },
  appliesTo: ['aws_lambda_function'],
  evaluate: (r) =>
    allOf(
      explicit(r, 'timeout', 'seconds', 1, 900, '3 seconds'),
      explicit(r, 'memory_size', 'MB', 128, 10240, '128 MB'),
    ),
});
