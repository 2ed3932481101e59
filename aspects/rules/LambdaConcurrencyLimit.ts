import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { literalNumber } from '../core/values';

export default defineRule({
  id: 'LambdaConcurrencyLimit',
  description: 'Every Lambda function reserves a positive number of concurrent executions.',
  fix: "set reserved_concurrent_executions to the function's expected peak concurrency (a positive number)",
  severity: 'low',
  controls: {
    cdkNag: ['HIPAA.Security-LambdaConcurrency', 'NIST.800.53.R5-LambdaConcurrency'],
    checkov: ['CKV_AWS_115'],
  },
  appliesTo: ['aws_lambda_function'],
  evaluate: (r) => {
    const attr = 'reserved_concurrent_executions';
    const v = literalNumber(r.config[attr]);
    if (v.kind === 'unresolved') return unresolved(attr, v.expression);
    if (v.kind === 'invalid') return nonCompliant(`${attr} is ${JSON.stringify(v.raw)}, not a number`, attr);
    if (v.kind === 'absent' || v.value === -1) {
      return nonCompliant(
        `${attr} is not set (unreserved), so the function can take the account's whole concurrency`,
        attr,
      );
    }
    if (v.value === 0)
      return nonCompliant(`${attr} is 0, which throttles every invocation of the function`, attr);
    if (v.value < 0) return nonCompliant(`${attr} is ${v.value}; it must be a positive number`, attr);
    return compliant();
  },
});
