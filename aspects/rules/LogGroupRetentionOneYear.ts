import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { literalNumber } from '../core/values';

export default defineRule({
  id: 'LogGroupRetentionOneYear',
  description: 'Every CloudWatch log group keeps its events in CloudWatch for at least 365 days.',
  fix: 'set retention_in_days to 365 or more, or, when an archive keeps the logs for 12 months (subscription filter -> Firehose -> S3 with a lifecycle of at least 365 days), record a dated suppression that says so',
  severity: 'low',
  controls: { pciDss: ['10.5.1'], securityHub: ['CloudWatch.16'], checkov: ['CKV_AWS_338'] },
  appliesTo: ['aws_cloudwatch_log_group'],
  evaluate: (r) => {
    const v = literalNumber(r.config['retention_in_days']);
    if (v.kind === 'unresolved') return unresolved('retention_in_days', v.expression);
    // 0 / absent means "never expire", which keeps more than a year.
    if (v.kind === 'absent' || (v.kind === 'value' && (v.value === 0 || v.value >= 365))) return compliant();
    if (v.kind === 'invalid')
      return nonCompliant(`retention_in_days is ${JSON.stringify(v.raw)}, not a number`, 'retention_in_days');
    return nonCompliant(`retention_in_days is ${v.value}, less than 365`, 'retention_in_days');
  },
});
