import { defineRule, notApplicable } from '../core/rule';
import { requireBool } from './requirements';

export default defineRule({
  id: 'ApiStageTracing',
  description: 'Every API Gateway REST stage traces requests with X-Ray (xray_tracing_enabled true).',
  fix: 'set xray_tracing_enabled = true',
  severity: 'medium',
  controls: {
    pciDss: ['10.2.1'],
    securityHub: ['APIGateway.3'],
    cdkNag: [
      'HIPAA.Security-APIGWXrayEnabled',
      'NIST.800.53.R5-APIGWXrayEnabled',
      'Serverless-APIGWXrayEnabled',
    ],
    checkov: ['CKV_AWS_73'],
  },
  appliesTo: ['aws_api_gateway_stage'],
  injectedBy: 'tracing',
  injectedFix: 'leave xray_tracing_enabled unset so the gate turns it on',
  evaluate: (r, { policy }) => {
    if (!policy.tracing) return notApplicable('the policy does not require tracing');
    return requireBool(r, 'xray_tracing_enabled', true, false);
  },
});
