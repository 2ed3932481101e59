import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../core/rule';
import { literalString } from '../core/values';

export default defineRule({
  id: 'LambdaRuntimeCurrent',
  description:
    'Every Lambda function deployed as a zip runs on a runtime the policy lists as current (allowedLambdaRuntimes).',
  fix: "set runtime to one of the policy's allowedLambdaRuntimes (for payments: nodejs20.x or nodejs22.x)",
  severity: 'medium',
  controls: {
    pciDss: ['6.3.3'],
    securityHub: ['Lambda.2'],
    cdkNag: ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'],
    checkov: ['CKV_AWS_363'],
  },
  appliesTo: ['aws_lambda_function'],
  evaluate: (r, { policy }) => {
    const pkg = literalString(r.config['package_type']);
    if (pkg.kind === 'unresolved') return unresolved('package_type', pkg.expression);
    if (pkg.kind === 'value' && pkg.value === 'Image')
      return notApplicable('a container image function has no managed runtime');
    const allowed = policy.allowedLambdaRuntimes.join(', ');
    const v = literalString(r.config['runtime']);
    if (v.kind === 'unresolved') return unresolved('runtime', v.expression);
    if (v.kind === 'absent')
      return nonCompliant(`runtime is not set; it must be one of ${allowed}`, 'runtime');
    if (v.kind === 'invalid')
      return nonCompliant(`runtime is ${JSON.stringify(v.raw)}, not a runtime name`, 'runtime');
    if (policy.allowedLambdaRuntimes.includes(v.value)) return compliant();
    return nonCompliant(
      `runtime is "${v.value}", which the policy does not list as current; use one of ${allowed}`,
      'runtime',
    );
  },
});
