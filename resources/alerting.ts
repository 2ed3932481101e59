import { Construct } from 'constructs';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { Arns } from './arns';
import { denyInsecureTransport, policyJson } from './iam';
import type { Naming } from './naming';

export interface AlertTopicProps {
  readonly naming: Naming;
  readonly arns: Arns;
  /** Name suffix, e.g. `page`. */
  readonly purpose: string;
  readonly displayName: string;
  /** The `alerting` key (customer-managed; its policy admits cloudwatch and events). */
  readonly kmsKeyArn: string;
  /** At least 2. */
  readonly emails: readonly string[];
  /** E.164 numbers. @default none */
  readonly smsNumbers?: readonly string[];
}

/**
 * An SNS topic that alarms and EventBridge publish to: encrypted with the alerting CMK, a policy that
 * lets only this account's CloudWatch alarms and EventBridge rules publish and denies any non-TLS
 * publish, and its email (and SMS) subscriptions.
 */
export class AlertTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const { arns } = props;
    if (props.emails.length < 2)
      throw new Error(`AlertTopic ${props.purpose}: needs at least 2 email subscriptions`);

    this.topic = new SnsTopic(this, 'topic', {
      name: props.naming.name(`alerts-${props.purpose}`),
      displayName: props.displayName,
      kmsMasterKeyId: props.kmsKeyArn,
    });
    const topicArn = this.topic.arn;
    const sameAccount = { StringEquals: { 'aws:SourceAccount': arns.accountId } };

    new SnsTopicPolicy(this, 'policy', {
      arn: topicArn,
      policy: policyJson([
        {
          Sid: 'AccountAdministersTopic',
          Effect: 'Allow',
          Principal: { AWS: arns.accountRoot() },
          Action: [
            'sns:GetTopicAttributes',
            'sns:SetTopicAttributes',
            'sns:AddPermission',
            'sns:RemovePermission',
            'sns:DeleteTopic',
            'sns:Subscribe',
            'sns:ListSubscriptionsByTopic',
            'sns:Publish',
          ],
          Resource: topicArn,
        },
        {
          Sid: 'CloudWatchAlarmsPublish',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: topicArn,
          Condition: {
            ...sameAccount,
            ArnLike: {
              'aws:SourceArn': `arn:${arns.partition}:cloudwatch:${arns.region}:${arns.accountId}:alarm:*`,
            },
          },
        },
        {
          Sid: 'EventBridgeRulesPublish',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: topicArn,
          Condition: sameAccount,
        },
        denyInsecureTransport('sns:Publish', topicArn),
      ]),
    });

    props.emails.forEach((email, i) => {
      new SnsTopicSubscription(this, `email-${i + 1}`, { topicArn, protocol: 'email', endpoint: email });
    });
    (props.smsNumbers ?? []).forEach((phone, i) => {
      new SnsTopicSubscription(this, `sms-${i + 1}`, { topicArn, protocol: 'sms', endpoint: phone });
    });
  }

  get arn(): string {
    return this.topic.arn;
  }
}
