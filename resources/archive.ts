import { Construct } from 'constructs';
import { CloudwatchLogStream } from '@cdktf/provider-aws/lib/cloudwatch-log-stream';
import { CloudwatchLogSubscriptionFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KinesisFirehoseDeliveryStream } from '@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream';
import type { Arns } from './arns';
import { HardenedBucket } from './bucket';
import { ServiceRole } from './iam';
import { EncryptedLogGroup } from './logging';
import type { Naming } from './naming';

/**
 * The 12-month audit-log archive (PCI DSS v4.0 10.5.1: 12 months of history, the last 3 immediately
 * available): every stack log group keeps 90 days in CloudWatch and streams, through a subscription
 * filter, into Kinesis Data Firehose, which decompresses the CloudWatch Logs batches and writes them,
 * SSE-KMS encrypted, to an S3 bucket that moves them to Glacier after 90 days and expires them after 400
 * (never before 365).
 *
 * Where a line came from is audit evidence, so records are NOT reduced to their messages (the
 * CloudWatchLogProcessing "message extraction" drops `logGroup`, `logStream` and `owner`): each archived
 * record is the whole decompressed CloudWatch Logs envelope (`{"messageType","owner","logGroup",
 * "logStream","subscriptionFilters","logEvents":[{"id","timestamp","message"}]}`), one per line
 * (AppendDelimiterToRecord), and objects are partitioned by source group with dynamic partitioning: an
 * inline JQ 1.6 query reads `.logGroup` into the `logGroup` partition key used in the S3 prefix.
 * Firehose documents decompression followed by dynamic partitioning
 * (https://docs.aws.amazon.com/firehose/latest/dev/decomp-faq.html) and JQ inline parsing
 * (https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-partitioning-keys.html). Dynamic
 * partitioning needs a buffer of at least 64 MiB. Checked 2026-12-02.
 */
/**
 * JQ 1.6 query of the `logGroup` partition key: the record's source group without its leading `/` (the
 * S3 prefix already ends with one). CloudWatch Logs' CONTROL_MESSAGE records (sent when a subscription is
 * created) carry an empty group; they go to `_control` instead of failing partitioning.
 */
export const LOG_GROUP_PARTITION_QUERY =
  '{logGroup: (.logGroup | ltrimstr("/") | if . == "" then "_control" else . end)}';

/** S3 prefix: one folder tree per source group, then the arrival date. */
export const ARCHIVE_PREFIX =
  'cloudwatch-logs/!{partitionKeyFromQuery:logGroup}/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/';

export interface LogArchiveProps {
  readonly naming: Naming;
  readonly arns: Arns;
  /** The `logs` key: bucket default encryption, Firehose at rest, Firehose error log group. */
  readonly kmsKeyArn: string;
  /** @default 90 */
  readonly glacierAfterDays?: number;
  /** Must be at least 365 (12 months). @default 400 */
  readonly expireAfterDays?: number;
  /** Topic told when deliveries to S3 fail (an archive gap breaks the 12-month trail). */
  readonly alarmTopicArn: string;
}

export class LogArchive extends Construct {
  readonly bucket: HardenedBucket;
  readonly stream: KinesisFirehoseDeliveryStream;
  readonly errorLogGroup: EncryptedLogGroup;
  /** Role CloudWatch Logs assumes to put records into the stream. */
  readonly subscriptionRole: ServiceRole;
  /** Fires when Firehose fails to deliver to S3. */
  readonly deliveryAlarm: CloudwatchMetricAlarm;
  private readonly subscribed = new Set<EncryptedLogGroup>();

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    const { naming, arns } = props;
    const expireAfterDays = props.expireAfterDays ?? 400;
    if (expireAfterDays < 365) {
      throw new Error(
        `LogArchive: expireAfterDays=${expireAfterDays} keeps less than the 365 days PCI DSS 10.5.1 requires`,
      );
    }

    this.bucket = new HardenedBucket(this, 'bucket', {
      name: naming.globalName('log-archive'),
      kmsKeyArn: props.kmsKeyArn,
      lifecycle: {
        glacierAfterDays: props.glacierAfterDays ?? 90,
        expireAfterDays,
        noncurrentExpireAfterDays: 30,
      },
    });

    const streamName = naming.name('log-archive', 'firehose');
    this.errorLogGroup = new EncryptedLogGroup(this, 'errors', {
      name: `/aws/kinesisfirehose/${streamName}`,
      kmsKeyArn: props.kmsKeyArn,
      // Archiving Firehose's own errors through Firehose would loop failures back into it, so this
      // small group keeps its 12 months of history itself (PCI DSS v4.0 10.5.1): no exception needed.
      archive: false,
      retentionInDays: 365,
    });
    const errorStream = new CloudwatchLogStream(this, 'error-stream', {
      name: 'S3Delivery',
      logGroupName: this.errorLogGroup.name,
    });

    const bucketArn = this.bucket.arn;
    const deliveryRole = new ServiceRole(this, 'delivery-role', {
      name: naming.name('log-archive-delivery', 'iamRole'),
      service: 'firehose.amazonaws.com',
      description: 'Firehose writes archived logs to the log-archive bucket',
      trustCondition: { StringEquals: { 'sts:ExternalId': arns.accountId } },
      statements: [
        {
          Sid: 'WriteArchiveObjects',
          Effect: 'Allow',
          Action: [
            's3:AbortMultipartUpload',
            's3:GetBucketLocation',
            's3:GetObject',
            's3:ListBucket',
            's3:ListBucketMultipartUploads',
            's3:PutObject',
          ],
          Resource: [bucketArn, `${bucketArn}/*`],
        },
        {
          Sid: 'EncryptArchiveObjects',
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: props.kmsKeyArn,
          Condition: {
            StringEquals: { 'kms:ViaService': `s3.${arns.region}.${arns.dnsSuffix}` },
            // With an S3 Bucket Key the context is the bucket ARN, without it the object ARN.
            StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn, `${bucketArn}/*`] },
          },
        },
        {
          Sid: 'ReportDeliveryErrors',
          Effect: 'Allow',
          Action: 'logs:PutLogEvents',
          Resource: `${this.errorLogGroup.arn}:log-stream:*`,
        },
      ],
    });

    this.stream = new KinesisFirehoseDeliveryStream(this, 'stream', {
      name: streamName,
      destination: 'extended_s3',
      serverSideEncryption: { enabled: true, keyType: 'CUSTOMER_MANAGED_CMK', keyArn: props.kmsKeyArn },
      extendedS3Configuration: {
        bucketArn,
        roleArn: deliveryRole.arn,
        kmsKeyArn: props.kmsKeyArn,
        bufferingInterval: 300,
        // The minimum Firehose accepts with dynamic partitioning.
        bufferingSize: 64,
        compressionFormat: 'GZIP',
        dynamicPartitioningConfiguration: { enabled: true, retryDuration: 300 },
        prefix: ARCHIVE_PREFIX,
        errorOutputPrefix:
          'delivery-errors/!{firehose:error-output-type}/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/',
        processingConfiguration: {
          enabled: true,
          processors: [
            {
              type: 'Decompression',
              parameters: [{ parameterName: 'CompressionFormat', parameterValue: 'GZIP' }],
            },
            {
              type: 'MetadataExtraction',
              parameters: [
                { parameterName: 'JsonParsingEngine', parameterValue: 'JQ-1.6' },
                { parameterName: 'MetadataExtractionQuery', parameterValue: LOG_GROUP_PARTITION_QUERY },
              ],
            },
            { type: 'AppendDelimiterToRecord' },
          ],
        },
        cloudwatchLoggingOptions: {
          enabled: true,
          logGroupName: this.errorLogGroup.name,
          logStreamName: errorStream.name,
        },
      },
      dependsOn: [deliveryRole.policy, this.bucket.encryption, this.bucket.policy],
    });

    this.deliveryAlarm = new CloudwatchMetricAlarm(this, 'delivery-alarm', {
      alarmName: naming.name('log-archive-delivery', 'generic'),
      alarmDescription:
        'Firehose failed to deliver archived logs to S3 (DeliveryToS3.Success below 1 for 15 minutes); records are retried for 24 h, then go to the delivery-errors/ prefix. Ticket.',
      namespace: 'AWS/Firehose',
      metricName: 'DeliveryToS3.Success',
      dimensions: { DeliveryStreamName: streamName },
      statistic: 'Minimum',
      period: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      comparisonOperator: 'LessThanThreshold',
      threshold: 1,
      treatMissingData: 'notBreaching',
      alarmActions: [props.alarmTopicArn],
      okActions: [props.alarmTopicArn],
      dependsOn: [this.stream],
    });

    this.subscriptionRole = new ServiceRole(this, 'subscription-role', {
      name: naming.name('log-archive-subscription', 'iamRole'),
      service: arns.regionalPrincipal('logs'),
      description: 'CloudWatch Logs puts subscribed log events into the archive stream',
      trustCondition: { StringLike: { 'aws:SourceArn': arns.logsAll() } },
      statements: [
        {
          Sid: 'PutIntoArchiveStream',
          Effect: 'Allow',
          Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
          Resource: this.stream.arn,
        },
      ],
    });
  }

  /** Stream `group` into the archive (every event: empty filter pattern). Idempotent per group. */
  subscribe(group: EncryptedLogGroup): void {
    if (this.subscribed.has(group)) return;
    this.subscribed.add(group);
    new CloudwatchLogSubscriptionFilter(group, 'archive', {
      name: 'archive-to-s3',
      logGroupName: group.name,
      filterPattern: '',
      destinationArn: this.stream.arn,
      roleArn: this.subscriptionRole.arn,
      dependsOn: [this.subscriptionRole.policy, this.stream],
    });
  }

  /** Subscribe every archived log group under `scope` (call once, after all groups are declared). */
  subscribeAll(scope: Construct): void {
    for (const group of EncryptedLogGroup.archivedIn(scope)) this.subscribe(group);
  }
}
