import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import type { RuleResult } from '../core/rule';
import { firstBlock } from '../core/model';
import { literalString } from '../core/values';
import { allOf, requireBoolValue } from './requirements';

function judgeLevel(v: unknown): RuleResult {
  const attr = 'settings.logging_level';
  const s = literalString(v);
  if (s.kind === 'unresolved') return unresolved(attr, s.expression);
  if (s.kind === 'value' && (s.value === 'ERROR' || s.value === 'INFO')) return compliant();
  const actual =
    s.kind === 'value' ? `"${s.value}"` : s.kind === 'absent' ? 'not set (OFF)' : JSON.stringify(s.raw);
  return nonCompliant(`${attr} is ${actual}; it must be "ERROR" or "INFO"`, attr);
}

export default defineRule({
  id: 'ApiMethodSettingsLogging',
  description:
    'Every API Gateway method setting logs executions at ERROR or INFO level and publishes CloudWatch metrics.',
  fix: 'set settings { logging_level = "INFO" (or "ERROR"), metrics_enabled = true }',
  severity: 'high',
  controls: {
    pciDss: ['10.2.1'],
    securityHub: ['APIGateway.1'],
    cdkNag: [
      'AwsSolutions-APIG6',
      'HIPAA.Security-APIGWExecutionLoggingEnabled',
      'NIST.800.53.R5-APIGWExecutionLoggingEnabled',
      'PCI.DSS.321-APIGWExecutionLoggingEnabled',
    ],
    checkov: ['CKV2_AWS_4'],
  },
  appliesTo: ['aws_api_gateway_method_settings'],
  evaluate: (r) => {
    const s = firstBlock(r.config['settings']);
    if (!s) return nonCompliant('settings is not set, so execution logging and metrics are off', 'settings');
    return allOf(
      judgeLevel(s['logging_level']),
      requireBoolValue(s['metrics_enabled'], 'settings.metrics_enabled', true, false),
    );
  },
});
