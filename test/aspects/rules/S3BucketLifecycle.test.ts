import rule from '../../../aspects/rules/S3BucketLifecycle';
import { paymentsPolicy } from '../../../aspects/policy';
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
});
