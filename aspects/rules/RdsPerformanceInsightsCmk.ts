import { defineRule, notApplicable, unresolved } from '../core/rule';
import { literalBool } from '../core/values';
import { requireCmk } from './requirements';

export default defineRule({
  id: 'RdsPerformanceInsightsCmk',
  description:
    'Every Aurora cluster or instance with Performance Insights on encrypts its data with a customer-managed KMS key.',
  fix: 'set performance_insights_kms_key_id to a customer-managed aws_kms_key',
  severity: 'medium',
  controls: { pciDss: ['3.5.1'], checkov: ['CKV_AWS_354'] },
  appliesTo: ['aws_rds_cluster', 'aws_rds_cluster_instance'],
  injectedBy: 'kms',
  injectedFix: "leave performance_insights_kms_key_id unset so the gate injects the policy's data key",
  keyPurpose: 'data',
  evaluate: (r, ctx) => {
    const pi = literalBool(r.config['performance_insights_enabled']);
    if (pi.kind === 'unresolved') return unresolved('performance_insights_enabled', pi.expression);
    if (pi.kind !== 'value' || !pi.value) return notApplicable('Performance Insights is off');
    return requireCmk(r, 'performance_insights_kms_key_id', ctx);
  },
});
