import rule from '../../../aspects/rules/LogGroupRetentionOneYear';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { TfModel } from '../../../aspects/core/model';
import { evaluate } from '../../../aspects/core/evaluate';
import { buildJsonReport } from '../../../aspects/core/report';
import { judge } from '../../support/rule-harness';
import type { ResourcesJson } from '../../support/rule-harness';

const ATTR = 'retention_in_days';
const G = 'aws_cloudwatch_log_group.g';
const group = (cfg: Record<string, unknown>) => ({
  resource: { aws_cloudwatch_log_group: { g: { name: '/x', ...cfg } } },
});
const NO_FILTER = 'no aws_cloudwatch_log_subscription_filter sends the group to an archive';
const short = (days: number, why: string, keep = 365) => ({
  outcome: 'non-compliant',
  message: `${ATTR} is ${days}, less than 365, and no archive keeps the events ${keep} days: ${why}`,
  attribute: ATTR,
});
const pending = (attribute: string, text: string) => ({
  outcome: 'unresolved',
  attribute,
  message: `${attribute} is "${text}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
});

describe('LogGroupRetentionOneYear', () => {
  it.each([
    ['left out (never expires)', undefined, { outcome: 'compliant' }],
    ['0 (never expires)', 0, { outcome: 'compliant' }],
    ['exactly a year', 365, { outcome: 'compliant' }],
    ['more than a year', 400, { outcome: 'compliant' }],
    ['of ten years (3653 days, the longest CloudWatch Logs offers)', 3653, { outcome: 'compliant' }],
    ['a day short of a year', 364, short(364, NO_FILTER)],
    ['90 days', 90, short(90, NO_FILTER)],
    [
      'not a number',
      'forever',
      { outcome: 'non-compliant', message: `${ATTR} is "forever", not a number`, attribute: ATTR },
    ],
    ['from a variable', '${var.days}', pending(ATTR, '${var.days}')],
  ])('judges a retention %s', (_, days, expected) => {
    const cfg = days === undefined ? {} : { retention_in_days: days };
    expect(judge(rule, G, group(cfg))).toEqual([expected]);
  });
});

/**
 * The archive path of the flagship (resources/archive.ts), written out: group -> subscription filter of
 * every event -> Firehose -> encrypted bucket whose lifecycle keeps objects 400 days.
 */
function archived(over: {
  filter?: Record<string, unknown>;
  stream?: Record<string, unknown>;
  s3?: Record<string, unknown>;
  rule?: Record<string, unknown>;
  extra?: ResourcesJson;
  noSse?: boolean;
  noLifecycle?: boolean;
}): { resource: ResourcesJson } {
  return {
    resource: {
      aws_cloudwatch_log_group: { g: { name: '/ledger/app', retention_in_days: 90 } },
      aws_cloudwatch_log_subscription_filter: {
        f: {
          name: 'archive',
          log_group_name: '${aws_cloudwatch_log_group.g.name}',
          filter_pattern: '',
          destination_arn: '${aws_kinesis_firehose_delivery_stream.s.arn}',
          ...over.filter,
        },
      },
      aws_kinesis_firehose_delivery_stream: {
        s: {
          name: 'ledger-archive',
          destination: 'extended_s3',
          extended_s3_configuration: { bucket_arn: '${aws_s3_bucket.b.arn}', role_arn: 'r', ...over.s3 },
          ...over.stream,
        },
      },
      aws_s3_bucket: { b: { bucket: 'ledger-archive-111122223333' } },
      ...(over.noSse
        ? {}
        : {
            aws_s3_bucket_server_side_encryption_configuration: {
              e: {
                bucket: '${aws_s3_bucket.b.id}',
                rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }],
              },
            },
          }),
      ...(over.noLifecycle
        ? {}
        : {
            aws_s3_bucket_lifecycle_configuration: {
              l: {
                bucket: '${aws_s3_bucket.b.id}',
                rule: [{ id: 'retention', status: 'Enabled', expiration: [{ days: 400 }], ...over.rule }],
              },
            },
          }),
      ...over.extra,
    },
  };
}

const PATH =
  'aws_cloudwatch_log_subscription_filter.f -> aws_kinesis_firehose_delivery_stream.s -> aws_s3_bucket.b';
const kept = (how: string, days = 90, min = 365) => ({
  outcome: 'compliant',
  message: `${ATTR} is ${days}, and every event is archived: ${PATH}, whose lifecycle ${how} (at least ${min})`,
});

describe('LogGroupRetentionOneYear with an archive path (PCI DSS v4.0 10.5.1)', () => {
  it('accepts 90 days in CloudWatch when every event is archived to a bucket that keeps it 400 days, saying so', () => {
    expect(judge(rule, G, archived({}))).toEqual([kept('keeps them 400 days')]);
  });
  it('accepts a lifecycle that keeps objects exactly the archive retention, and one that never expires them', () => {
    expect(judge(rule, G, archived({ rule: { expiration: [{ days: 365 }] } }))).toEqual([
      kept('keeps them 365 days'),
    ]);
    expect(judge(rule, G, archived({ rule: { expiration: undefined } }))).toEqual([
      kept('never expires them'),
    ]);
    expect(judge(rule, G, archived({ noLifecycle: true }))).toEqual([kept('never expires them')]);
  });
  it('counts the shortest expiration of the enabled rules and ignores disabled ones', () => {
    const rules = {
      l: {
        bucket: '${aws_s3_bucket.b.id}',
        rule: [
          { id: 'long', status: 'Enabled', expiration: [{ days: 800 }] },
          { id: 'short', status: 'Enabled', expiration: [{ days: 500 }] },
          { id: 'off', status: 'Disabled', expiration: [{ days: 1 }] },
        ],
      },
    };
    expect(judge(rule, G, archived({ extra: { aws_s3_bucket_lifecycle_configuration: rules } }))).toEqual([
      kept('keeps them 500 days'),
    ]);
  });
  it('follows the policy archive retention', () => {
    const policy = paymentsPolicy({ archiveRetentionDays: 731 });
    expect(judge(rule, G, { ...archived({}), policy })).toEqual([
      short(
        90,
        'aws_s3_bucket_lifecycle_configuration.l rule #1 expires objects after 400 days, less than 731',
        731,
      ),
    ]);
  });
  it('finds the path through literal names: group name, Firehose ARN and bucket ARN written as text', () => {
    const input = archived({
      filter: {
        log_group_name: '/ledger/app',
        destination_arn: 'arn:aws:firehose:us-east-1:111122223333:deliverystream/ledger-archive',
      },
      s3: { bucket_arn: 'arn:aws:s3:::ledger-archive-111122223333' },
    });
    expect(judge(rule, G, input)).toEqual([kept('keeps them 400 days')]);
  });

  it('takes a blank filter pattern (spaces only) as the empty pattern: every event', () => {
    expect(judge(rule, G, archived({ filter: { filter_pattern: '  ' } }))).toEqual([
      kept('keeps them 400 days'),
    ]);
  });
  it('ignores an empty expiration date and judges the expiration days', () => {
    expect(judge(rule, G, archived({ rule: { expiration: [{ date: '', days: 400 }] } }))).toEqual([
      kept('keeps them 400 days'),
    ]);
  });
  it("judges the bucket's own lifecycle configuration when another names its bucket by a variable (a bucket has one)", () => {
    const other = { bucket: '${var.b}', rule: [{ id: 'x', status: 'Enabled', expiration: [{ days: 1 }] }] };
    const input = archived({});
    input.resource['aws_s3_bucket_lifecycle_configuration']['other'] = other;
    expect(judge(rule, G, input)).toEqual([kept('keeps them 400 days')]);
  });

  it.each<[string, Parameters<typeof archived>[0], string]>([
    [
      'a filter pattern that archives only some events',
      { filter: { filter_pattern: 'ERROR' } },
      'aws_cloudwatch_log_subscription_filter.f archives only events matching "ERROR", not every event',
    ],
    [
      'a filter without a pattern',
      { filter: { filter_pattern: undefined } },
      'aws_cloudwatch_log_subscription_filter.f archives only events matching null, not every event',
    ],
    [
      'a filter to a Lambda function',
      {
        filter: { destination_arn: '${aws_lambda_function.fn.arn}' },
        extra: { aws_lambda_function: { fn: {} } },
      },
      'aws_cloudwatch_log_subscription_filter.f.destination_arn is aws_lambda_function.fn, not an aws_kinesis_firehose_delivery_stream',
    ],
    [
      'a filter to a Firehose ARN of another stack',
      { filter: { destination_arn: 'arn:aws:firehose:us-east-1:111122223333:deliverystream/elsewhere' } },
      'aws_cloudwatch_log_subscription_filter.f.destination_arn "arn:aws:firehose:us-east-1:111122223333:deliverystream/elsewhere" names no aws_kinesis_firehose_delivery_stream of this stack',
    ],
    [
      'a filter without a destination',
      { filter: { destination_arn: '' } },
      'aws_cloudwatch_log_subscription_filter.f.destination_arn is not set',
    ],
    [
      'a filter whose destination is left out',
      { filter: { destination_arn: undefined } },
      'aws_cloudwatch_log_subscription_filter.f.destination_arn is not set',
    ],
    [
      'a filter whose destination is not text',
      { filter: { destination_arn: 42 } },
      'aws_cloudwatch_log_subscription_filter.f.destination_arn is not set',
    ],
    [
      'a stream that delivers elsewhere than S3',
      { stream: { destination: 'http_endpoint', extended_s3_configuration: undefined } },
      'aws_kinesis_firehose_delivery_stream.s delivers to no S3 bucket (no extended_s3_configuration)',
    ],
    [
      'a bucket ARN of another stack',
      { s3: { bucket_arn: 'arn:aws:s3:::someone-elses-bucket' } },
      'aws_kinesis_firehose_delivery_stream.s.extended_s3_configuration.bucket_arn "arn:aws:s3:::someone-elses-bucket" names no aws_s3_bucket of this stack',
    ],
    [
      'an unencrypted bucket',
      { noSse: true },
      'aws_s3_bucket.b has no aws_s3_bucket_server_side_encryption_configuration',
    ],
    [
      'a lifecycle that expires objects a day too early',
      { rule: { expiration: [{ days: 364 }] } },
      'aws_s3_bucket_lifecycle_configuration.l rule #1 expires objects after 364 days, less than 365',
    ],
    [
      'a lifecycle expiration of 0 days (invalid in S3, never taken for "forever")',
      { rule: { expiration: [{ days: 0 }] } },
      'aws_s3_bucket_lifecycle_configuration.l rule #1 expires objects after 0 days, less than 365',
    ],
    [
      'a lifecycle that expires every object on a date',
      { rule: { expiration: [{ date: '2027-01-01T00:00:00Z' }] } },
      'aws_s3_bucket_lifecycle_configuration.l rule #1 expires every object on 2027-01-01T00:00:00Z',
    ],
  ])('refuses 90 days when the archive path has %s', (_, over, why) => {
    expect(judge(rule, G, archived(over))).toEqual([short(90, why)]);
  });

  it.each<[string, Parameters<typeof archived>[0], string, string]>([
    [
      'a filter pattern from a variable',
      { filter: { filter_pattern: '${var.p}' } },
      'aws_cloudwatch_log_subscription_filter.f.filter_pattern',
      '${var.p}',
    ],
    [
      'a destination from a variable',
      { filter: { destination_arn: '${var.d}' } },
      'aws_cloudwatch_log_subscription_filter.f.destination_arn',
      '${var.d}',
    ],
    [
      'a destination referring to nothing declared',
      { filter: { destination_arn: '${aws_kinesis_firehose_delivery_stream.gone.arn}' } },
      'aws_cloudwatch_log_subscription_filter.f.destination_arn',
      '${aws_kinesis_firehose_delivery_stream.gone.arn}',
    ],
    [
      'a lifecycle status from a variable',
      { rule: { status: '${var.s}' } },
      'aws_s3_bucket_lifecycle_configuration.l rule #1 status',
      '${var.s}',
    ],
    [
      'expiration days from a variable',
      { rule: { expiration: [{ days: '${var.d}' }] } },
      'aws_s3_bucket_lifecycle_configuration.l rule #1 expiration.days',
      '${var.d}',
    ],
  ])('cannot judge a path with %s before apply', (_, over, attribute, text) => {
    expect(judge(rule, G, archived(over))).toEqual([pending(attribute, text)]);
  });

  it('cannot judge a group whose only subscription filter names its group by a variable', () => {
    const input = archived({ filter: { log_group_name: '${var.group}' } });
    expect(judge(rule, G, input)).toEqual([
      pending('aws_cloudwatch_log_subscription_filter.f.log_group_name', '${var.group}'),
    ]);
  });
  it('cannot judge a bucket whose lifecycle or encryption configuration names it by a variable', () => {
    const lifecycle = archived({
      noLifecycle: true,
      extra: { aws_s3_bucket_lifecycle_configuration: { l: { bucket: '${var.b}', rule: [] } } },
    });
    expect(judge(rule, G, lifecycle)).toEqual([
      pending('aws_s3_bucket_lifecycle_configuration.l.bucket', '${var.b}'),
    ]);
    const sse = archived({
      noSse: true,
      extra: { aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: '${var.b}' } } },
    });
    expect(judge(rule, G, sse)).toEqual([
      pending('aws_s3_bucket_server_side_encryption_configuration.e.bucket', '${var.b}'),
    ]);
  });
  it('refuses a group none of whose filters completes a path, giving every reason', () => {
    const input = archived({
      extra: {
        aws_cloudwatch_log_subscription_filter: {
          a_errors: {
            log_group_name: '${aws_cloudwatch_log_group.g.name}',
            filter_pattern: 'ERROR',
            destination_arn: '${aws_kinesis_firehose_delivery_stream.s.arn}',
          },
          f: {
            log_group_name: '${aws_cloudwatch_log_group.g.name}',
            filter_pattern: '',
            destination_arn: '',
          },
        },
      },
    });
    expect(judge(rule, G, input)).toEqual([
      short(
        90,
        'aws_cloudwatch_log_subscription_filter.a_errors archives only events matching "ERROR", not every event; aws_cloudwatch_log_subscription_filter.f.destination_arn is not set',
      ),
    ]);
  });
  it('takes the first complete path when a group has several filters', () => {
    const input = archived({
      extra: {
        aws_cloudwatch_log_subscription_filter: {
          a_errors: {
            log_group_name: '${aws_cloudwatch_log_group.g.name}',
            filter_pattern: 'ERROR',
            destination_arn: 'x',
          },
          f: {
            log_group_name: '${aws_cloudwatch_log_group.g.name}',
            filter_pattern: '',
            destination_arn: '${aws_kinesis_firehose_delivery_stream.s.arn}',
          },
        },
      },
    });
    expect(judge(rule, G, input)).toEqual([kept('keeps them 400 days')]);
  });
});

describe('LogGroupRetentionOneYear in the JSON report', () => {
  it('says why a 90-day group complies (the archive path), and nothing for a plain compliant result', () => {
    const input = archived({});
    const model = new TfModel({ resource: input.resource }, { taggableTypes: [] });
    const policy = paymentsPolicy({ today: '2026-11-28' });
    const report = buildJsonReport('s', policy, evaluate(model, policy, [rule]));
    const byAddress = new Map(report.resources.map((r) => [r.address, r.results]));
    expect(byAddress.get(G)).toEqual({
      LogGroupRetentionOneYear: { outcome: 'compliant', messages: [kept('keeps them 400 days').message] },
    });
    const plain = new TfModel(group({ retention_in_days: 400 }), { taggableTypes: [] });
    const second = buildJsonReport('s', policy, evaluate(plain, policy, [rule]));
    expect(second.resources[0].results).toEqual({ LogGroupRetentionOneYear: 'compliant' });
  });
});
