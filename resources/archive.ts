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
 * filter, into Kinesis Data Firehose, which decompresses the CloudWatch Logs batches, extracts the log
 * messages and writes them, SSE-KMS encrypted, to an S3 bucket that moves them to Glacier after 90 days
 * and expires them after 400 (never before 365).
 */
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
      // Archiving Firehose's own errors through Firehose would loop failures back into it.
      archive: false,
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
        bufferingSize: 5,
        compressionFormat: 'GZIP',
        prefix: 'cloudwatch-logs/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/',
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
              type: 'CloudWatchLogProcessing',
              parameters: [{ parameterName: 'DataMessageExtraction', parameterValue: 'true' }],
            },
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
