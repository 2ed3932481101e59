/**
 * Key policies the rules accept, for teams adopting the gate: one customer-managed key per purpose, with
 * exactly the service grants the KMS rules demand (LogGroupKeyAdmitsLogs, AlarmTopicKeyAdmitsServices)
 * and administration left to the account (root delegates to IAM). Each returns the policy as JSON text
 * for `aws_kms_key.policy`.
 */

export interface KeyPolicyScope {
  /** The region the key and its users live in, e.g. `eu-west-1`. */
  readonly region: string;
  /** The 12-digit account id, or a Terraform expression such as `${data.aws_caller_identity.me.account_id}`. */
  readonly accountId: string;
  /** @default 'aws' */
  readonly partition?: string;
}

function root(s: KeyPolicyScope): Record<string, unknown> {
  return {
    Sid: 'AccountRootAdministersKey',
    Effect: 'Allow',
    Principal: { AWS: `arn:${s.partition ?? 'aws'}:iam::${s.accountId}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
}

function document(statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * For CloudWatch Logs groups, log-archive buckets, Firehose and canary artifacts: the regional Logs
 * principal may use the key for log groups of this account and region only.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function logsKeyPolicy(s: KeyPolicyScope): string {
  const partition = s.partition ?? 'aws';
  return document([
    root(s),
    {
      Sid: 'CloudWatchLogsUseKey',
      Effect: 'Allow',
      Principal: { Service: `logs.${s.region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${s.region}:${s.accountId}:log-group:*`,
        },
      },
    },
  ]);
}

/**
 * For SNS topics that CloudWatch alarms and EventBridge publish to: without this grant an alarm fires
 * but SNS drops the notification (KMS AccessDenied).
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 */
export function alertingKeyPolicy(s: KeyPolicyScope): string {
  return document([
    root(s),
    {
      Sid: 'AlarmsAndEventsPublishToEncryptedTopics',
      Effect: 'Allow',
      Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
    },
  ]);
}

/** For data at rest (databases, secrets, function environments): services use grants under IAM. */
export function dataKeyPolicy(s: KeyPolicyScope): string {
  return document([root(s)]);
}
