import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../core/rule';
import { firstBlock } from '../core/model';
import { literalString } from '../core/values';

export default defineRule({
  id: 'LambdaTracingActive',
  description:
    'Every Lambda function samples and traces requests with X-Ray active tracing (mode Active, not PassThrough).',
  fix: 'set tracing_config { mode = "Active" }',
  severity: 'medium',
  controls: { pciDss: ['10.2.1'], cdkNag: ['Serverless-LambdaTracing'], checkov: ['CKV_AWS_50'] },
  appliesTo: ['aws_lambda_function'],
  injectedBy: 'tracing',
  injectedFix: 'leave tracing_config unset so the gate sets mode Active',
  evaluate: (r, { policy }) => {
    if (!policy.tracing) return notApplicable('the policy does not require tracing');
    const v = literalString(firstBlock(r.config['tracing_config'])?.['mode']);
    if (v.kind === 'unresolved') return unresolved('tracing_config.mode', v.expression);
    if (v.kind === 'value' && v.value === 'Active') return compliant();
    const actual = v.kind === 'value' ? `"${v.value}"` : 'not set (PassThrough)';
    return nonCompliant(`tracing_config.mode is ${actual}; it must be "Active"`, 'tracing_config.mode');
  },
});
