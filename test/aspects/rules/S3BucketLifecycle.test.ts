import rule from '../../../aspects/rules/S3BucketLifecycle';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { unresolved } from '../../../aspects/core/rule';
import { judge, outcomeOf } from '../../support/rule-harness';

const ABORT = {
  id: 'abort',
  status: 'Enabled',
  filter: {},
  abort_incomplete_multipart_upload: { days_after_initiation: 7 },
};
const KEEP = {
  id: 'keep',
  status: 'Enabled',
  filter: {},
  expiration: { days: 400 },
  transition: [{ days: 90, storage_class: 'GLACIER' }],
};
const input = (rules: unknown[] | undefined) => ({
  resource: {
    aws_s3_bucket: { b: { bucket: 'pay-archive' } },
    ...(rules
      ? { aws_s3_bucket_lifecycle_configuration: { l: { bucket: '${aws_s3_bucket.b.id}', rule: rules } } }
      : {}),
  },
});
const run = (rules: unknown[] | undefined) => judge(rule, 'aws_s3_bucket.b', input(rules));

describe('S3BucketLifecycle', () => {
  it('accepts aborting incomplete uploads and expiring after more than a year', () => {
    expect(outcomeOf(run([ABORT, KEEP]))).toBe('compliant');
    expect(
      outcomeOf(run([{ ...KEEP, abort_incomplete_multipart_upload: { days_after_initiation: 1 } }])),
    ).toBe('compliant');
  });
  it('rejects a bucket without a lifecycle configuration', () => {
    expect(outcomeOf(run(undefined))).toBe('non-compliant');
  });
  it('rejects a configuration without an abort rule', () => {
    const [r] = run([KEEP]);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('abort_incomplete_multipart_upload');
  });
  it('rejects an abort rule that is disabled', () => {
    expect(outcomeOf(run([{ ...ABORT, status: 'Disabled' }, KEEP]))).toBe('non-compliant');
  });
  it('rejects an enabled rule that expires objects after 30 days, and a date expiration', () => {
    const [r] = run([ABORT, { ...KEEP, expiration: { days: 30 } }]);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('30 days');
    expect(r.message).toContain('365');
    expect(outcomeOf(run([ABORT, { ...KEEP, expiration: { date: '2027-01-01T00:00:00Z' } }]))).toBe(
      'non-compliant',
    );
  });
  it('ignores a short expiration in a disabled rule', () => {
    expect(outcomeOf(run([ABORT, { ...KEEP, status: 'Disabled', expiration: { days: 1 } }]))).toBe(
      'compliant',
    );
  });
  it('follows policy.archiveRetentionDays', () => {
    const policy = paymentsPolicy({ archiveRetentionDays: 730 });
    expect(outcomeOf(judge(rule, 'aws_s3_bucket.b', { ...input([ABORT, KEEP]), policy }))).toBe(
      'non-compliant',
    );
  });
  it('reports each way it fails', () => {
    const results = run([{ ...KEEP, expiration: { days: 7 } }]);
    expect(results.map((r) => r.outcome)).toEqual(['non-compliant', 'non-compliant']);
  });
  it('reports a variable expiration, status or abort window as unresolved', () => {
    expect(outcomeOf(run([ABORT, { ...KEEP, expiration: { days: '${var.days}' } }]))).toBe('unresolved');
    expect(outcomeOf(run([ABORT, { ...KEEP, status: '${var.status}' }]))).toBe('unresolved');
    expect(
      outcomeOf(
        run([{ ...ABORT, abort_incomplete_multipart_upload: { days_after_initiation: '${var.d}' } }, KEEP]),
      ),
    ).toBe('unresolved');
  });

  const L = 'aws_s3_bucket_lifecycle_configuration.l';
  const NO_ABORT = {
    outcome: 'non-compliant',
    message:
      'no enabled lifecycle rule sets abort_incomplete_multipart_upload.days_after_initiation, so parts of failed uploads are kept (and billed) forever',
    attribute: 'rule',
  };
  const abortAfter = (days: unknown) => ({
    ...ABORT,
    abort_incomplete_multipart_upload: { days_after_initiation: days },
  });

  it('says why a bucket without a lifecycle configuration fails', () => {
    expect(run(undefined)).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'no aws_s3_bucket_lifecycle_configuration refers to the bucket, so incomplete multipart uploads are never cleaned up and retention is not stated',
      },
    ]);
  });

  it('cannot judge a bucket whose only lifecycle configuration names its bucket with a variable', () => {
    const results = judge(rule, 'aws_s3_bucket.b', {
      resource: {
        aws_s3_bucket: { b: { bucket: 'pay-archive' } },
        aws_s3_bucket_lifecycle_configuration: { l: { bucket: '${var.bucket}', rule: [ABORT] } },
      },
    });
    expect(results).toEqual([unresolved(`${L}.bucket`, '${var.bucket}')]);
  });

  it.each([1, 7])('accepts aborting incomplete uploads after %p day(s)', (days) => {
    expect(run([abortAfter(days)])).toEqual([{ outcome: 'compliant', message: undefined }]);
  });

  it.each<[string, unknown]>([
    ['0 days', 0],
    ['a negative number of days', -1],
    ['no days', undefined],
  ])('does not count an abort rule with %s', (_case, days) => {
    expect(run([abortAfter(days)])).toEqual([NO_ABORT]);
  });

  it('does not count an abort rule whose status is not set', () => {
    const { status: _s, ...unset } = ABORT;
    expect(run([unset])).toEqual([NO_ABORT]);
  });

  it.each([365, 366])('accepts expiring current objects after %p days (the policy keeps 365)', (days) => {
    expect(run([ABORT, { ...KEEP, expiration: { days } }])).toEqual([
      { outcome: 'compliant', message: undefined },
    ]);
  });

  it('names each failing rule by its id, or by its position when it has none', () => {
    const { id: _id, ...anonymous } = { ...KEEP, expiration: { days: 364 } };
    expect(run([ABORT, { ...KEEP, expiration: { days: 30 } }, anonymous])).toEqual([
      {
        outcome: 'non-compliant',
        message: `${L} rule "keep" expires current objects after 30 days; the policy keeps them at least 365 days`,
        attribute: 'rule',
      },
      {
        outcome: 'non-compliant',
        message: `${L} rule #3 expires current objects after 364 days; the policy keeps them at least 365 days`,
        attribute: 'rule',
      },
    ]);
  });

  it('rejects an expiration on a date, and ignores an empty date', () => {
    expect(run([ABORT, { ...KEEP, expiration: { date: '2027-01-01T00:00:00Z' } }])).toEqual([
      {
        outcome: 'non-compliant',
        message: `${L} rule "keep" expires every current object on 2027-01-01T00:00:00Z whatever its age; the policy keeps objects at least 365 days (use expiration.days)`,
        attribute: 'rule',
      },
    ]);
    expect(run([ABORT, { ...KEEP, expiration: { date: '' } }])).toEqual([
      { outcome: 'compliant', message: undefined },
    ]);
  });

  it('names the rule whose status, expiration or abort window it cannot judge', () => {
    expect(run([ABORT, { ...KEEP, status: '${var.status}' }])).toEqual([
      unresolved(`${L} rule "keep" status`, '${var.status}'),
    ]);
    expect(run([ABORT, { ...KEEP, expiration: { days: '${var.days}' } }])).toEqual([
      unresolved(`${L} rule "keep" expiration.days`, '${var.days}'),
    ]);
    expect(run([abortAfter('${var.d}'), abortAfter('${var.e}')])).toEqual([
      unresolved(`${L} rule "abort" abort_incomplete_multipart_upload.days_after_initiation`, '${var.d}'),
    ]);
  });

  it('a literal abort window in one rule settles a variable one in another', () => {
    expect(run([abortAfter('${var.d}'), abortAfter(3)])).toEqual([
      { outcome: 'compliant', message: undefined },
    ]);
  });
});
