/**
 * The archive path of a CloudWatch log group, read from the configuration: a subscription filter that sends
 * every event (empty filter pattern) to a Kinesis Data Firehose stream of this stack, which delivers to an
 * S3 bucket of this stack that is encrypted and whose lifecycle keeps objects at least the policy's archive
 * retention. PCI DSS v4.0 10.5.1 asks for 12 months of audit-log history with the last 3 immediately
 * available: 90 days in CloudWatch plus such an archive meets it. Each piece (the bucket's key, the
 * stream's encryption, the lifecycle's abort rule) is judged by its own rule; this only proves the path.
 */
import type { TfModel, TfResource } from '../core/model';
import { blocks, firstBlock } from '../core/model';
import { isExpression, literalNumber, literalString, referenceOf } from '../core/values';
import { bucketCompanions, linkedCompanions } from './links';
import { nested } from './blocks';
import { declaredByName, lastSegment } from './declared-names';

export type ArchivePath =
  | {
      readonly kind: 'archived';
      readonly filter: TfResource;
      readonly stream: TfResource;
      readonly bucket: TfResource;
      /** Days the bucket keeps current objects; undefined when no lifecycle rule expires them. */
      readonly keepsDays?: number;
    }
  | { readonly kind: 'unresolved'; readonly attribute: string; readonly text: string }
  | { readonly kind: 'none'; readonly reasons: readonly string[] };

type Step<T> =
  { readonly ok: T } | { readonly unresolved: { attribute: string; text: string } } | { readonly no: string };

/** The declared resource of `type` a value names: a reference, or a literal ARN ending with its name. */
function named(
  model: TfModel,
  value: unknown,
  type: string,
  nameAttribute: string,
  where: string,
): Step<TfResource> {
  const ref = referenceOf(value);
  if (ref) {
    const target = model.byAddress(ref.address);
    if (target?.type === type) return { ok: target };
    if (target) return { no: `${where} is ${target.address}, not an ${type}` };
    return { unresolved: { attribute: where, text: String(value) } };
  }
  if (isExpression(value)) return { unresolved: { attribute: where, text: value } };
  if (typeof value !== 'string' || value === '') return { no: `${where} is not set` };
  const target = declaredByName(model, type, nameAttribute, lastSegment(value));
  return target ? { ok: target } : { no: `${where} "${value}" names no ${type} of this stack` };
}

/** How many days the bucket keeps current objects (undefined: forever), or why it keeps them less. */
function keptDays(model: TfModel, bucket: TfResource, minDays: number): Step<number | undefined> {
  const c = bucketCompanions(model, 'aws_s3_bucket_lifecycle_configuration', bucket);
  if (c.found.length === 0 && c.unknown.length > 0)
    return { unresolved: { attribute: c.unknown[0].attribute, text: c.unknown[0].expression } };
  let kept: number | undefined;
  for (const config of c.found) {
    for (const [i, rule] of blocks(config.config['rule']).entries()) {
      const where = `${config.address} rule #${i + 1}`;
      const status = literalString(rule['status']);
      if (status.kind === 'unresolved')
        return { unresolved: { attribute: `${where} status`, text: status.expression } };
      if (status.kind !== 'value' || status.value !== 'Enabled') continue;
      const expiration = nested(rule, 'expiration');
      const date = expiration?.['date'];
      if (typeof date === 'string' && date !== '') return { no: `${where} expires every object on ${date}` };
      const days = literalNumber(expiration?.['days']);
      if (days.kind === 'unresolved')
        return { unresolved: { attribute: `${where} expiration.days`, text: days.expression } };
      if (days.kind === 'value') {
        // Like S3BucketLifecycle: any expiration shorter than the retention (0 and less are invalid) fails.
        if (days.value < minDays)
          return { no: `${where} expires objects after ${days.value} days, less than ${minDays}` };
        kept = Math.min(kept ?? days.value, days.value);
      }
    }
  }
  return { ok: kept };
}

/** Follows each subscription filter of the group; the first complete path wins. */
export function archivePathOf(model: TfModel, group: TfResource, minDays: number): ArchivePath {
  const filters = linkedCompanions(
    model,
    'aws_cloudwatch_log_subscription_filter',
    'log_group_name',
    group,
    'name',
  );
  const reasons: string[] = [];
  let pending: { attribute: string; text: string } | undefined;
  const fail = (s: { unresolved: { attribute: string; text: string } } | { no: string }) => {
    if ('no' in s) reasons.push(s.no);
    else pending ??= s.unresolved;
  };
  for (const filter of filters.found) {
    const pattern = filter.config['filter_pattern'];
    if (isExpression(pattern)) {
      fail({ unresolved: { attribute: `${filter.address}.filter_pattern`, text: pattern } });
      continue;
    }
    // An empty pattern matches every event; anything else archives only the events that match it.
    if (typeof pattern !== 'string' || pattern.trim() !== '') {
      fail({
        no: `${filter.address} archives only events matching ${JSON.stringify(pattern ?? null)}, not every event`,
      });
      continue;
    }
    const stream = named(
      model,
      filter.config['destination_arn'],
      'aws_kinesis_firehose_delivery_stream',
      'name',
      `${filter.address}.destination_arn`,
    );
    if (!('ok' in stream)) {
      fail(stream);
      continue;
    }
    const s3 = firstBlock(stream.ok.config['extended_s3_configuration']);
    if (!s3) {
      fail({ no: `${stream.ok.address} delivers to no S3 bucket (no extended_s3_configuration)` });
      continue;
    }
    const bucket = named(
      model,
      s3['bucket_arn'],
      'aws_s3_bucket',
      'bucket',
      `${stream.ok.address}.extended_s3_configuration.bucket_arn`,
    );
    if (!('ok' in bucket)) {
      fail(bucket);
      continue;
    }
    const sse = bucketCompanions(model, 'aws_s3_bucket_server_side_encryption_configuration', bucket.ok);
    if (sse.found.length === 0) {
      fail(
        sse.unknown.length > 0
          ? { unresolved: { attribute: sse.unknown[0].attribute, text: sse.unknown[0].expression } }
          : { no: `${bucket.ok.address} has no aws_s3_bucket_server_side_encryption_configuration` },
      );
      continue;
    }
    const kept = keptDays(model, bucket.ok, minDays);
    if (!('ok' in kept)) {
      fail(kept);
      continue;
    }
    return { kind: 'archived', filter, stream: stream.ok, bucket: bucket.ok, keepsDays: kept.ok };
  }
  if (filters.found.length === 0) {
    if (filters.unknown.length > 0)
      pending ??= { attribute: filters.unknown[0].attribute, text: filters.unknown[0].expression };
    else reasons.push('no aws_cloudwatch_log_subscription_filter sends the group to an archive');
  }
  // A path only apply can tell might be the archive: that is not a pass.
  if (pending) return { kind: 'unresolved', ...pending };
  return { kind: 'none', reasons };
}
