/**
 * A compliant baseline for generated stacks: the provider, the three customer-managed keys the policy
 * injects (with key policies that let CloudWatch Logs, CloudWatch alarms and EventBridge use them), and
 * an alert topic with two email subscriptions. Declared before synthesis, as the gate requires.
 */
import { TerraformStack } from 'cdktf';
import type { App } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

const root = {
  Sid: 'AccountRoot',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'kms:*',
  Resource: '*',
};

export function keyPolicy(extra: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [root, ...extra] });
}

/** A key policy that admits CloudWatch Logs for the region's log groups, the condition under `operator`. */
export function logsKeyPolicy(operator = 'ArnLike'): string {
  return keyPolicy([
    {
      Sid: 'CloudWatchLogs',
      Effect: 'Allow',
      Principal: { Service: `logs.${REGION}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        [operator]: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*` },
      },
    },
  ]);
}

export const LOGS_KEY_POLICY = logsKeyPolicy();

export const ALERTING_KEY_POLICY = keyPolicy([
  {
    Sid: 'AlarmsAndEvents',
    Effect: 'Allow',
    Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
    Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
  },
]);

export const DATA_KEY_POLICY = keyPolicy([]);

export interface Baseline {
  readonly stack: TerraformStack;
  readonly keys: { readonly logs: KmsKey; readonly alerting: KmsKey; readonly data: KmsKey };
  readonly alertTopic: SnsTopic;
}

/** The statement that denies publishing to a topic without TLS. */
export function denyTopicWithoutTls(topicArn: string): Record<string, unknown> {
  return {
    Sid: 'DenyWithoutTls',
    Effect: 'Deny',
    Principal: '*',
    Action: 'sns:Publish',
    Resource: topicArn,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** A topic policy with only the TLS deny (no service may publish). */
export function tlsOnlyTopicPolicyJson(topicArn: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [denyTopicWithoutTls(topicArn)] });
}

/** A TLS-only topic policy that lets CloudWatch alarms and EventBridge publish. */
export function topicPolicyJson(topicArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AlarmsAndEventsPublish',
        Effect: 'Allow',
        Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
      denyTopicWithoutTls(topicArn),
    ],
  });
}

/** `makeStack` lets a caller use its own stack class (the benchmark times resolution in a subclass). */
export function buildBaseline(
  app: App,
  stackId = 'generated',
  makeStack: (app: App, id: string) => TerraformStack = (a, id) => new TerraformStack(a, id),
): Baseline {
  const stack = makeStack(app, stackId);
  new AwsProvider(stack, 'aws', { region: REGION });
  const keys = {
    logs: new KmsKey(stack, 'key-logs', {
      enableKeyRotation: true,
      policy: LOGS_KEY_POLICY,
      description: 'logs',
    }),
    alerting: new KmsKey(stack, 'key-alerting', {
      enableKeyRotation: true,
      policy: ALERTING_KEY_POLICY,
      description: 'alerting',
    }),
    data: new KmsKey(stack, 'key-data', {
      enableKeyRotation: true,
      policy: DATA_KEY_POLICY,
      description: 'data',
    }),
  };
  const alertTopic = new SnsTopic(stack, 'alerts', { name: 'alerts' });
  new SnsTopicPolicy(stack, 'alerts-policy', {
    arn: alertTopic.arn,
    policy: topicPolicyJson(alertTopic.arn),
  });
  for (const [i, email] of ['oncall-a@example.com', 'oncall-b@example.com'].entries()) {
    new SnsTopicSubscription(stack, `alerts-email-${i}`, {
      topicArn: alertTopic.arn,
      protocol: 'email',
      endpoint: email,
    });
  }
  return { stack, keys, alertTopic };
}
