import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { denyInsecureTransport, policyJson } from './iam';
import { EncryptedLogGroup } from './logging';
import type { Naming } from './naming';

export interface AlarmAuditTrailProps {
  readonly naming: Naming;
  /** ARNs of the alarms whose state changes are recorded. */
  readonly alarmArns: readonly string[];
  /** The `logs` key (audit log group). */
  readonly logsKeyArn: string;
  /** The `alerting` key (DLQ; its policy already admits events.amazonaws.com). */
  readonly alertingKeyArn: string;
  /** Topic notified when events land in the DLQ. */
  readonly ticketTopicArn: string;
}

/**
 * An audit trail of critical alarm state changes: an EventBridge rule on `CloudWatch Alarm State
 * Change` (source `aws.cloudwatch`) for the given alarms, delivering to a KMS-encrypted log group
 * (`/aws/events/...`, allowed by a CloudWatch Logs resource policy) with retries and an encrypted SQS
 * dead-letter queue, itself alarmed. The on-call topic is deliberately not a target: the composite alarm
 * already pages it, and a second delivery would page twice.
 */
export class AlarmAuditTrail extends Construct {
  readonly rule: CloudwatchEventRule;
  readonly logGroup: EncryptedLogGroup;
  readonly deadLetterQueue: SqsQueue;
  readonly deadLetterAlarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: AlarmAuditTrailProps) {
    super(scope, id);
    const { naming } = props;

    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: naming.name('alarm-state-changes', 'eventRule'),
      description: 'State changes of the critical payments alarms, kept as an audit trail',
      eventPattern: JSON.stringify({
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        resources: props.alarmArns,
      }),
      state: 'ENABLED',
    });

    // EventBridge only delivers to groups under /aws/events/.
    this.logGroup = new EncryptedLogGroup(this, 'audit-logs', {
      name: `/aws/events/${naming.name('alarm-audit')}`,
      kmsKeyArn: props.logsKeyArn,
    });
    // Two statements, not one: EventBridge's CreateLogStream call carries no aws:SourceArn, so a single
    // statement conditioning both actions on the rule ARN denies the stream creation and no event is
    // ever written. The rule condition belongs on PutLogEvents only, the call made for the rule.
    // EventBridge user guide, "Using resource-based policies for Amazon EventBridge", CloudWatch Logs
    // permissions (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-cloudwatchlogs-permissions:
    // events.amazonaws.com and delivery.logs.amazonaws.com, logs:CreateLogStream and logs:PutLogEvents on
    // the group's streams); the split is AWS's own sample fix (aws-samples/serverless-patterns PR #618,
    // 2022-04-13: "The conditional ARN for the Rule only applies to logs:PutLogEvents"). Checked 2026-12-02.
    const principal = { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] };
    const resourcePolicy = new CloudwatchLogResourcePolicy(this, 'delivery-policy', {
      policyName: naming.name('alarm-audit-delivery'),
      policyDocument: policyJson([
        {
          Sid: 'EventBridgeCreatesAuditStreams',
          Effect: 'Allow',
          Principal: principal,
          Action: 'logs:CreateLogStream',
          Resource: `${this.logGroup.arn}:*`,
        },
        {
          Sid: 'AlarmAuditRuleWritesEvents',
          Effect: 'Allow',
          Principal: principal,
          Action: 'logs:PutLogEvents',
          Resource: `${this.logGroup.arn}:*`,
          Condition: { ArnEquals: { 'aws:SourceArn': this.rule.arn } },
        },
      ]),
    });

    this.deadLetterQueue = new SqsQueue(this, 'dlq', {
      name: naming.name('alarm-audit-dlq', 'sqs'),
      kmsMasterKeyId: props.alertingKeyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: 14 * 24 * 3600,
    });
    new SqsQueuePolicy(this, 'dlq-policy', {
      queueUrl: this.deadLetterQueue.url,
      policy: policyJson([
        {
          Sid: 'AuditRuleDeadLetters',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: this.deadLetterQueue.arn,
          Condition: { ArnEquals: { 'aws:SourceArn': this.rule.arn } },
        },
        denyInsecureTransport('sqs:*', this.deadLetterQueue.arn),
      ]),
    });

    new CloudwatchEventTarget(this, 'to-audit-logs', {
      rule: this.rule.name,
      targetId: 'alarm-audit-log',
      arn: this.logGroup.arn,
      retryPolicy: { maximumEventAgeInSeconds: 24 * 3600, maximumRetryAttempts: 185 },
      deadLetterConfig: { arn: this.deadLetterQueue.arn },
      dependsOn: [resourcePolicy],
    });

    this.deadLetterAlarm = new CloudwatchMetricAlarm(this, 'dlq-alarm', {
      alarmName: naming.name('alarm-audit-dlq', 'generic'),
      alarmDescription:
        'Alarm state changes could not be written to the audit log group (messages in the DLQ). Ticket.',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: this.deadLetterQueue.name },
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0,
      treatMissingData: 'notBreaching',
      alarmActions: [props.ticketTopicArn],
      okActions: [props.ticketTopicArn],
    });
  }
}
