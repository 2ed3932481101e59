import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { literalString } from '../core/values';

export default defineRule({
  id: 'ApiDeploymentNoStageName',
  description:
    'No API Gateway deployment creates a stage itself (stage_name is not set), so every stage is an aws_api_gateway_stage that the stage rules judge.',
  fix: 'remove stage_name (and stage_description) from the aws_api_gateway_deployment and declare an aws_api_gateway_stage with deployment_id = the deployment id, access_log_settings and xray_tracing_enabled = true, plus an aws_api_gateway_method_settings for it (method_path = "*/*")',
  severity: 'high',
  // The stage a deployment creates has no access logs, tracing or method settings: these are the controls
  // it cannot meet (and that no stage rule sees, since no aws_api_gateway_stage describes it).
  controls: { pciDss: ['10.2.1'], securityHub: ['APIGateway.1', 'APIGateway.3'] },
  appliesTo: ['aws_api_gateway_deployment'],
  evaluate: (r) => {
    const v = literalString(r.config['stage_name']);
    if (v.kind === 'unresolved') return unresolved('stage_name', v.expression);
    // Absent or "": the provider creates no stage (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/api_gateway_deployment).
    if (v.kind === 'absent' || (v.kind === 'value' && v.value === '')) return compliant();
    const name = v.kind === 'value' ? v.value : JSON.stringify(v.raw);
    return nonCompliant(
      `stage_name is "${name}": the deployment creates that stage itself, without access logs, tracing or method settings, and no aws_api_gateway_stage describes it for the stage rules to judge`,
      'stage_name',
    );
  },
});
