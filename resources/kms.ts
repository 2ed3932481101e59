import { Construct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import type { Arns } from './arns';
import type { Statement } from './iam';
import { policyJson } from './iam';
import type { Naming } from './naming';

/**
 * One customer-managed, rotating, symmetric key per purpose, so a broad service grant on one purpose
 * never widens another:
 * - `logs`: CloudWatch Logs groups, the log-archive and canary-artifact buckets, Firehose.
 * - `alerting`: SNS topics that CloudWatch alarms and EventBridge publish to, and the EventBridge DLQ.
 * - `data`: Aurora storage, Performance Insights, the managed master secret, Lambda environment, X-Ray.
 *
 * Key policies are inline (`aws_kms_key.policy`), so everything that references a key's ARN is created
 * after its policy: log groups never race the `logs.<region>` grant.
 */
export interface EncryptionKeysProps {
  readonly naming: Naming;
  readonly arns: Arns;
  /** Days before a destroyed key is deleted (7-30). @default 30 */
  readonly deletionWindowInDays?: number;
}

export type KeyPurpose = 'logs' | 'alerting' | 'data';

export class EncryptionKeys extends Construct {
  readonly logs: KmsKey;
  readonly alerting: KmsKey;
  readonly data: KmsKey;

  constructor(scope: Construct, id: string, props: EncryptionKeysProps) {
    super(scope, id);
    const { arns } = props;
    const root: Statement = {
      Sid: 'AccountRootAdministersKey',
      Effect: 'Allow',
      Principal: { AWS: arns.accountRoot() },
      Action: 'kms:*',
      Resource: '*',
    };

    this.logs = this.key('logs', props, 'CloudWatch Logs, log archive (S3, Firehose), canary artifacts', [
      root,
      {
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
        Sid: 'CloudWatchLogsUseKey',
        Effect: 'Allow',
        Principal: { Service: arns.regionalPrincipal('logs') },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': arns.logGroup('*') } },
      },
    ]);

    this.alerting = this.key('alerting', props, 'SNS alert topics and the alarm-event DLQ', [
      root,
      {
        // Without this an alarm goes to ALARM but SNS silently drops the notification (KMS AccessDenied).
        // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
        Sid: 'AlarmsAndEventsPublishToEncryptedTopics',
        Effect: 'Allow',
        Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
      },
    ]);

    // Aurora, Performance Insights, Secrets Manager and Lambda take grants with the caller's permissions
    // (account root delegates to IAM); X-Ray writers need the key through their own IAM policies.
    this.data = this.key(
      'data',
      props,
      'Aurora storage, Performance Insights, DB secret, Lambda env, X-Ray',
      [root],
    );
  }

  private key(
    purpose: KeyPurpose,
    props: EncryptionKeysProps,
    usedFor: string,
    statements: Statement[],
  ): KmsKey {
    const key = new KmsKey(this, purpose, {
      description: `${props.naming.prefix} ${purpose} key: ${usedFor}`,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      isEnabled: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: policyJson(statements),
    });
    new KmsAlias(this, `${purpose}-alias`, {
      name: `alias/${props.naming.name(purpose, 'kmsAlias')}`,
      targetKeyId: key.keyId,
    });
    return key;
  }
}
