import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { literalNumber } from '../core/values';
import { archivePathOf } from './log-archive';

export default defineRule({
  id: 'LogGroupRetentionOneYear',
  description:
    'Every CloudWatch log group keeps its events for at least 365 days: in CloudWatch (retention_in_days 365 or more, or 0 for never), or through a declared archive path (subscription filter of every event -> Firehose -> encrypted S3 bucket whose lifecycle keeps objects at least the policy archive retention).',
  fix: 'set retention_in_days to 365 or more, or archive the group: an aws_cloudwatch_log_subscription_filter with filter_pattern "" and destination_arn = an aws_kinesis_firehose_delivery_stream of the stack whose extended_s3_configuration.bucket_arn is an encrypted aws_s3_bucket of the stack with no lifecycle expiration shorter than the policy archive retention (365 days for payments)',
  severity: 'low',
  controls: { pciDss: ['10.5.1'], securityHub: ['CloudWatch.16'], checkov: ['CKV_AWS_338'] },
  appliesTo: ['aws_cloudwatch_log_group'],
  evaluate: (r, { model, policy }) => {
    const v = literalNumber(r.config['retention_in_days']);
    if (v.kind === 'unresolved') return unresolved('retention_in_days', v.expression);
    // 0 / absent means "never expire", which keeps more than a year.
    if (v.kind === 'absent' || (v.kind === 'value' && (v.value === 0 || v.value >= 365))) return compliant();
    if (v.kind === 'invalid')
      return nonCompliant(`retention_in_days is ${JSON.stringify(v.raw)}, not a number`, 'retention_in_days');
    const days = policy.archiveRetentionDays;
    const path = archivePathOf(model, r, days);
    if (path.kind === 'archived') {
      const keeps = path.keepsDays === undefined ? 'never expires them' : `keeps them ${path.keepsDays} days`;
      return compliant(
        `retention_in_days is ${v.value}, and every event is archived: ${path.filter.address} -> ${path.stream.address} -> ${path.bucket.address}, whose lifecycle ${keeps} (at least ${days})`,
      );
    }
    if (path.kind === 'unresolved') return unresolved(path.attribute, path.text);
    return nonCompliant(
      `retention_in_days is ${v.value}, less than 365, and no archive keeps the events ${days} days: ${path.reasons.join('; ')}`,
      'retention_in_days',
    );
  },
});
