import { compliant, defineRule } from '../core/rule';
import { firstBlock } from '../core/model';
import { requireBoolValue } from './requirements';

export default defineRule({
  id: 'ApiMethodSettingsNoDataTrace',
  description:
    'No API Gateway method setting logs full request and response bodies (data_trace_enabled is not true).',
  fix: 'remove settings.data_trace_enabled or set it to false: full bodies would write card data to the logs',
  severity: 'critical',
  controls: { pciDss: ['3.3.1', '3.5.1'], checkov: ['CKV_AWS_276'] },
  appliesTo: ['aws_api_gateway_method_settings'],
  evaluate: (r) => {
    const s = firstBlock(r.config['settings']);
    if (!s) return compliant();
    return requireBoolValue(s['data_trace_enabled'], 'settings.data_trace_enabled', false, false);
  },
});
