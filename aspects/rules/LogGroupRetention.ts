import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { literalNumber } from '../core/values';

export default defineRule({
  id: 'LogGroupRetention',
  description:
    'Every CloudWatch log group expires its events after at least the policy retention (90 days for payments).',
  fix: 'set retention_in_days to at least the policy retention',
  severity: 'high',
  controls: {
    pciDss: ['10.5.1'],
    cdkNag: [
      'HIPAA.Security-CloudWatchLogGroupRetentionPeriod',
      'PCI.DSS.321-CloudWatchLogGroupRetentionPeriod',
      'Serverless-CloudWatchLogGroupRetentionPeriod',
    ],
    checkov: ['CKV_AWS_66'],
  },
  appliesTo: ['aws_cloudwatch_log_group'],
  injectedBy: 'retention',
  injectedFix: 'leave retention_in_days unset so the gate injects the policy retention',
  evaluate: (r, { policy }) => {
    const v = literalNumber(r.config['retention_in_days']);
    const min = policy.logRetentionDays;
    if (v.kind === 'unresolved') return unresolved('retention_in_days', v.expression);
    if (v.kind === 'absent' || (v.kind === 'value' && v.value === 0)) {
      return nonCompliant(
        `retention_in_days is not set, so events never expire; the policy requires ${min} days`,
        'retention_in_days',
      );
    }
    if (v.kind === 'invalid')
      return nonCompliant(`retention_in_days is ${JSON.stringify(v.raw)}, not a number`, 'retention_in_days');
    if (v.value < min) {
      return nonCompliant(
        `retention_in_days is ${v.value}; the policy requires at least ${min}`,
        'retention_in_days',
      );
    }
    return compliant();
  },
});
