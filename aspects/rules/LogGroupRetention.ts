import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { literalNumber } from '../core/values';

export default defineRule({
  id: 'LogGroupRetention',
  description:
    'Every CloudWatch log group states its retention: at least the policy retention (90 days for payments), or 0 (never expire).',
  fix: 'set retention_in_days to at least the policy retention, or 0 (never expire)',
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
    if (v.kind === 'absent') {
      return nonCompliant(
        `retention_in_days is not set, so nobody chose how long events are kept (they never expire); the policy requires at least ${min} days`,
        'retention_in_days',
      );
    }
    // 0 is CloudWatch Logs' "never expire" (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html):
    // an explicit choice that keeps more than any minimum.
    if (v.kind === 'value' && v.value === 0)
      return compliant(
        'retention_in_days is 0: events never expire, which keeps more than the policy minimum',
      );
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
