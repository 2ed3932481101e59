import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { blocks } from '../core/model';
import { literalNumber, literalString } from '../core/values';
import { bucketCompanions, noCompanion } from './links';
import { nested } from './blocks';

export default defineRule({
  id: 'S3BucketLifecycle',
  description:
    'Every S3 bucket has a lifecycle configuration with an enabled rule that aborts incomplete multipart uploads, and no enabled rule expires current objects before the policy archive retention (365 days for payments).',
  fix: 'declare an aws_s3_bucket_lifecycle_configuration for the bucket with an enabled rule { abort_incomplete_multipart_upload { days_after_initiation = 7 } } and, if objects expire, expiration { days >= the policy archive retention } (no expiration.date)',
  severity: 'medium',
  controls: { pciDss: ['10.5.1'], securityHub: ['S3.13'], checkov: ['CKV2_AWS_61', 'CKV_AWS_300'] },
  appliesTo: ['aws_s3_bucket'],
  evaluate: (r, { model, policy }) => {
    const c = bucketCompanions(model, 'aws_s3_bucket_lifecycle_configuration', r);
    if (c.found.length === 0) {
      return noCompanion(
        c,
        'no aws_s3_bucket_lifecycle_configuration refers to the bucket, so incomplete multipart uploads are never cleaned up and retention is not stated',
      );
    }
    const min = policy.archiveRetentionDays;
    const results: RuleResult[] = [];
    let aborts = false;
    let abortPending: RuleResult | undefined;
    for (const config of c.found) {
      for (const [i, rule] of blocks(config.config['rule']).entries()) {
        const label = `${config.address} rule ${typeof rule['id'] === 'string' ? `"${rule['id']}"` : `#${i + 1}`}`;
        const status = literalString(rule['status']);
        if (status.kind === 'unresolved') {
          results.push(unresolved(`${label} status`, status.expression));
          continue;
        }
        if (status.kind !== 'value' || status.value !== 'Enabled') continue;

        const abort = literalNumber(
          nested(rule, 'abort_incomplete_multipart_upload')?.['days_after_initiation'],
        );
        if (abort.kind === 'value' && abort.value > 0) aborts = true;
        else if (abort.kind === 'unresolved') {
          abortPending ??= unresolved(
            `${label} abort_incomplete_multipart_upload.days_after_initiation`,
            abort.expression,
          );
        }

        const expiration = nested(rule, 'expiration');
        const days = literalNumber(expiration?.['days']);
        if (days.kind === 'unresolved') results.push(unresolved(`${label} expiration.days`, days.expression));
        else if (days.kind === 'value' && days.value < min) {
          results.push(
            nonCompliant(
              `${label} expires current objects after ${days.value} days; the policy keeps them at least ${min} days`,
              'rule',
            ),
          );
        }
        const date = expiration?.['date'];
        if (typeof date === 'string' && date !== '') {
          results.push(
            nonCompliant(
              `${label} expires every current object on ${date} whatever its age; the policy keeps objects at least ${min} days (use expiration.days)`,
              'rule',
            ),
          );
        }
      }
    }
    if (!aborts) {
      results.push(
        abortPending ??
          nonCompliant(
            'no enabled lifecycle rule sets abort_incomplete_multipart_upload.days_after_initiation, so parts of failed uploads are kept (and billed) forever',
            'rule',
          ),
      );
    }
    return results.length > 0 ? results : compliant();
  },
});
