import { defineRule, notApplicable } from '../core/rule';
import { firstBlock } from '../core/model';
import { requireBoolValue } from './requirements';

export default defineRule({
  id: 'CanaryTracingActive',
  description: 'Every Synthetics canary traces its runs with X-Ray (run_config.active_tracing true).',
  fix: 'set run_config { active_tracing = true }',
  severity: 'low',
  controls: { pciDss: ['10.2.1'] },
  appliesTo: ['aws_synthetics_canary'],
  injectedBy: 'tracing',
  injectedFix: 'leave run_config.active_tracing unset so the gate turns it on',
  evaluate: (r, { policy }) => {
    if (!policy.tracing) return notApplicable('the policy does not require tracing');
    const run = firstBlock(r.config['run_config']);
    return requireBoolValue(run?.['active_tracing'], 'run_config.active_tracing', true, false);
  },
});
