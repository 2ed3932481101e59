/** Item 3: 90 days hot + 12-month archive (PCI DSS v4.0 10.5.1), and every bucket's hardening. */
import { spawnSync } from 'node:child_process';
import type { SynthResult } from '../support/synth';
import { resourcesOf, synthPaymentsStack } from '../support/synth';
import { block, byPath, dependsOn, keyArn, list, pathOf, ref, statements } from './helpers';

let s: SynthResult;
beforeAll(() => {
  s = synthPaymentsStack();
});

/** Companion resources of a bucket (`bucket = ${aws_s3_bucket.<name>.id}`). */
function companions(type: string, bucketName: string): Array<Record<string, unknown>> {
  return resourcesOf(s.json, type)
    .map(([, r]) => r)
    .filter((r) => r['bucket'] === ref('aws_s3_bucket', bucketName, 'id'));
}

describe('subscription filters -> Firehose', () => {
  it("every log group except Firehose's own error group streams to the archive", () => {
    const [streamName] = byPath(s.json, 'aws_kinesis_firehose_delivery_stream', 'log-archive/stream');
    const filters = resourcesOf(s.json, 'aws_cloudwatch_log_subscription_filter').map(([, f]) => f);
    const subscribed = new Set(filters.map((f) => f['log_group_name']));
    for (const [name, g] of resourcesOf(s.json, 'aws_cloudwatch_log_group')) {
      const groupRef = ref('aws_cloudwatch_log_group', name, 'name');
      if (pathOf(g).endsWith('log-archive/errors/group')) expect(subscribed.has(groupRef)).toBe(false);
      else expect(subscribed.has(groupRef)).toBe(true);
    }
    const [roleName] = byPath(s.json, 'aws_iam_role', 'log-archive/subscription-role/role');
    for (const f of filters) {
      expect(f['destination_arn']).toBe(ref('aws_kinesis_firehose_delivery_stream', streamName, 'arn'));
      expect(f['role_arn']).toBe(ref('aws_iam_role', roleName, 'arn'));
      expect(f['filter_pattern']).toBe('');
    }
  });

  it('Firehose decompresses, keeps each whole CloudWatch Logs record, encrypts with the logs CMK, writes to the archive bucket', () => {
    const [, stream] = byPath(s.json, 'aws_kinesis_firehose_delivery_stream', 'log-archive/stream');
    const [bucketName] = byPath(s.json, 'aws_s3_bucket', 'log-archive/bucket/bucket');
    expect(stream['destination']).toBe('extended_s3');
    const sse = block(stream['server_side_encryption']);
    expect(sse).toEqual({ enabled: true, key_type: 'CUSTOMER_MANAGED_CMK', key_arn: keyArn(s.json, 'logs') });
    const s3 = block(stream['extended_s3_configuration']);
    expect(s3['bucket_arn']).toBe(ref('aws_s3_bucket', bucketName, 'arn'));
    expect(s3['kms_key_arn']).toBe(keyArn(s.json, 'logs'));
    const processors = archiveProcessors();
    // Regression (issue 12): no CloudWatchLogProcessing, whose message extraction drops logGroup/logStream.
    expect(processors.map((p) => p.type)).toEqual([
      'Decompression',
      'MetadataExtraction',
      'AppendDelimiterToRecord',
    ]);
    expect(processors[0].parameters).toEqual([
      { parameter_name: 'CompressionFormat', parameter_value: 'GZIP' },
    ]);
    expect(String(s3['error_output_prefix'])).toContain('!{firehose:error-output-type}');
  });

  it('partitions objects by source log group (dynamic partitioning, JQ 1.6, a >= 64 MiB buffer)', () => {
    const [, stream] = byPath(s.json, 'aws_kinesis_firehose_delivery_stream', 'log-archive/stream');
    const s3 = block(stream['extended_s3_configuration']);
    expect(block(s3['dynamic_partitioning_configuration'])['enabled']).toBe(true);
    expect(Number(s3['buffering_size'])).toBeGreaterThanOrEqual(64);
    const params = Object.fromEntries(
      list(archiveProcessors()[1].parameters).map((p) => [p.parameter_name, p.parameter_value]),
    );
    expect(params['JsonParsingEngine']).toBe('JQ-1.6');
    expect(String(s3['prefix'])).toMatch(
      /^cloudwatch-logs\/!\{partitionKeyFromQuery:logGroup\}\/!\{timestamp:/,
    );
  });

  const jq = spawnSync('jq', ['--version'], { encoding: 'utf8' });
  const itJq = jq.status === 0 ? it : it.skip;
  if (jq.status !== 0) console.warn('jq is not on PATH: the partition-query test is skipped');
  itJq(
    `the synthesized partition query gives each record its source group (real ${jq.stdout.trim() || 'jq'})`,
    () => {
      const query = Object.fromEntries(
        list(archiveProcessors()[1].parameters).map((p) => [p.parameter_name, p.parameter_value]),
      )['MetadataExtractionQuery'];
      // Records as CloudWatch Logs subscriptions deliver them (after Firehose's decompression).
      const data = (logGroup: string, logStream: string, messageType = 'DATA_MESSAGE') =>
        JSON.stringify({
          messageType,
          owner: '123456789012',
          logGroup,
          logStream,
          subscriptionFilters: ['archive-to-s3'],
          logEvents:
            messageType === 'DATA_MESSAGE'
              ? [{ id: '1', timestamp: 1764633600000, message: '{"level":"info","statusCode":200}' }]
              : [
                  {
                    id: '',
                    timestamp: 1764633600000,
                    message: 'CWL CONTROL MESSAGE: Checking health of destination Firehose.',
                  },
                ],
        });
      const cases: Array<[string, string]> = [
        [
          data('/aws/lambda/payments-payment-handler', '2026/12/02/[$LATEST]0123abcd'),
          'aws/lambda/payments-payment-handler',
        ],
        [data('RDSOSMetrics', 'db-ABCDEFGHIJ'), 'RDSOSMetrics'],
        [
          data('API-Gateway-Execution-Logs_abc123/v1', 'e4da3b7fbbce2345d7772b0674a318d5'),
          'API-Gateway-Execution-Logs_abc123/v1',
        ],
        [data('', '', 'CONTROL_MESSAGE'), '_control'],
      ];
      for (const [record, expected] of cases) {
        const r = spawnSync('jq', ['-c', query], { input: record, encoding: 'utf8' });
        expect(r.stderr).toBe('');
        expect(JSON.parse(r.stdout)).toEqual({ logGroup: expected });
      }
    },
  );
});

type Processor = { type: string; parameters?: Array<{ parameter_name: string; parameter_value: string }> };
function archiveProcessors(): Processor[] {
  const [, stream] = byPath(s.json, 'aws_kinesis_firehose_delivery_stream', 'log-archive/stream');
  const processing = block(block(stream['extended_s3_configuration'])['processing_configuration']);
  expect(processing['enabled']).toBe(true);
  return list(processing['processors'] as Processor[]);
}

describe('archive delivery is watched', () => {
  it('alarms (ticket) when Firehose fails to deliver to S3', () => {
    const [, alarm] = byPath(s.json, 'aws_cloudwatch_metric_alarm', 'log-archive/delivery-alarm');
    const [, stream] = byPath(s.json, 'aws_kinesis_firehose_delivery_stream', 'log-archive/stream');
    const [ticket] = byPath(s.json, 'aws_sns_topic', 'ticket/topic');
    expect(alarm).toMatchObject({
      namespace: 'AWS/Firehose',
      metric_name: 'DeliveryToS3.Success',
      dimensions: { DeliveryStreamName: stream['name'] },
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      alarm_actions: [ref('aws_sns_topic', ticket, 'arn')],
    });
  });
});

describe('IAM for the archive path, least privilege', () => {
  it('CloudWatch Logs (regional principal, this account) may only put records into the one stream', () => {
    const [, role] = byPath(s.json, 'aws_iam_role', 'log-archive/subscription-role/role');
    const trust = statements(role['assume_role_policy'])[0];
    expect(trust.Principal).toEqual({ Service: 'logs.us-east-1.amazonaws.com' });
    expect(trust.Condition).toEqual({
      StringLike: { 'aws:SourceArn': 'arn:aws:logs:us-east-1:123456789012:*' },
    });
    const [, policy] = byPath(s.json, 'aws_iam_role_policy', 'log-archive/subscription-role/policy');
    const [streamName] = byPath(s.json, 'aws_kinesis_firehose_delivery_stream', 'log-archive/stream');
    expect(statements(policy['policy'])).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
        Resource: ref('aws_kinesis_firehose_delivery_stream', streamName, 'arn'),
      }),
    ]);
  });

  it('Firehose (external id = account) may write only the archive bucket, the logs key via S3, its error stream', () => {
    const [, role] = byPath(s.json, 'aws_iam_role', 'log-archive/delivery-role/role');
    const trust = statements(role['assume_role_policy'])[0];
    expect(trust.Principal).toEqual({ Service: 'firehose.amazonaws.com' });
    expect(trust.Condition).toEqual({ StringEquals: { 'sts:ExternalId': '123456789012' } });
    const [, policy] = byPath(s.json, 'aws_iam_role_policy', 'log-archive/delivery-role/policy');
    const [bucketName] = byPath(s.json, 'aws_s3_bucket', 'log-archive/bucket/bucket');
    const bucketArn = ref('aws_s3_bucket', bucketName, 'arn');
    const st = statements(policy['policy']);
    const s3 = st.find((x) => x.Sid === 'WriteArchiveObjects');
    expect(list(s3?.Resource).sort()).toEqual([bucketArn, `${bucketArn}/*`].sort());
    for (const a of list(s3?.Action)) expect(a).not.toMatch(/\*|Delete/);
    const kms = st.find((x) => x.Sid === 'EncryptArchiveObjects');
    expect(kms?.Resource).toBe(keyArn(s.json, 'logs'));
    expect(kms?.Condition?.StringEquals).toEqual({ 'kms:ViaService': 's3.us-east-1.amazonaws.com' });
  });
});

describe('every bucket is hardened (archive and canary artifacts)', () => {
  const buckets = () => resourcesOf(s.json, 'aws_s3_bucket');

  it('there are exactly the two buckets, named globally unique', () => {
    expect(
      buckets()
        .map(([, b]) => b['bucket'])
        .sort(),
    ).toEqual([
      'payments-canary-artifacts-123456789012-us-east-1',
      'payments-log-archive-123456789012-us-east-1',
    ]);
    for (const [, b] of buckets()) expect(b['force_destroy']).toBe(false);
  });

  it('SSE-KMS with the logs CMK and a bucket key', () => {
    for (const [name] of buckets()) {
      const [enc] = companions('aws_s3_bucket_server_side_encryption_configuration', name);
      const rule = block(enc['rule']);
      expect(block(rule['apply_server_side_encryption_by_default'])).toEqual({
        sse_algorithm: 'aws:kms',
        kms_master_key_id: keyArn(s.json, 'logs'),
      });
      expect(rule['bucket_key_enabled']).toBe(true);
    }
  });

  it('all four public-access blocks, BucketOwnerEnforced, versioning enabled', () => {
    for (const [name] of buckets()) {
      const [pab] = companions('aws_s3_bucket_public_access_block', name);
      for (const k of [
        'block_public_acls',
        'block_public_policy',
        'ignore_public_acls',
        'restrict_public_buckets',
      ]) {
        expect(pab[k]).toBe(true);
      }
      const [own] = companions('aws_s3_bucket_ownership_controls', name);
      expect(block(own['rule'])['object_ownership']).toBe('BucketOwnerEnforced');
      const [ver] = companions('aws_s3_bucket_versioning', name);
      expect(block(ver['versioning_configuration'])['status']).toBe('Enabled');
    }
  });

  it('a TLS-only bucket policy (Deny s3:* on the bucket and its objects without aws:SecureTransport)', () => {
    for (const [name] of buckets()) {
      const [policy] = companions('aws_s3_bucket_policy', name);
      const arn = ref('aws_s3_bucket', name, 'arn');
      expect(statements(policy['policy'])).toContainEqual({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
      const [pabName] = resourcesOf(s.json, 'aws_s3_bucket_public_access_block').find(
        ([, r]) => r['bucket'] === ref('aws_s3_bucket', name, 'id'),
      ) as [string, unknown];
      expect(dependsOn(policy)).toContain(`aws_s3_bucket_public_access_block.${pabName}`);
    }
  });

  it('a lifecycle that aborts multipart uploads, expires noncurrent versions and keeps objects >= 365 days', () => {
    for (const [name] of buckets()) {
      const [lc] = companions('aws_s3_bucket_lifecycle_configuration', name);
      const rules = list(lc['rule'] as Array<Record<string, unknown>>);
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(rule['status']).toBe('Enabled');
        expect(block(rule['abort_incomplete_multipart_upload'])['days_after_initiation']).toBe(7);
        expect(block(rule['noncurrent_version_expiration'])['noncurrent_days']).toBeGreaterThan(0);
        expect(block(rule['expiration'])['days']).toBeGreaterThanOrEqual(365);
      }
    }
  });

  it('the archive moves objects to Glacier after 90 days and expires them after 400', () => {
    const [name] = byPath(s.json, 'aws_s3_bucket', 'log-archive/bucket/bucket');
    const [lc] = companions('aws_s3_bucket_lifecycle_configuration', name);
    const rule = block(lc['rule']);
    expect(block(rule['transition'])).toEqual({ days: 90, storage_class: 'GLACIER' });
    expect(block(rule['expiration'])['days']).toBe(400);
  });
});
