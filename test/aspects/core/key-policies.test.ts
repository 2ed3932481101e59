/**
 * The key-policy builders shipped for adopters (aspects/core/key-policies.ts), judged by the rules they
 * are written for: a policy the gate's own rules refuse would be a trap in the README.
 */
import { alertingKeyPolicy, dataKeyPolicy, logsKeyPolicy } from '../../../aspects/core/key-policies';
import { paymentsPolicy } from '../../../aspects/core/policy';
import alarmTopicKey from '../../../aspects/rules/AlarmTopicKeyAdmitsServices';
import keyPolicyDefined from '../../../aspects/rules/KmsKeyPolicyDefined';
import logGroupKey from '../../../aspects/rules/LogGroupKeyAdmitsLogs';
import { judge, outcomeOf } from '../../support/rule-harness';

const SCOPE = { region: 'eu-west-1', accountId: '111122223333' };
const policy = paymentsPolicy({ region: 'eu-west-1', today: '2026-12-02' });

const logGroupWith = (keyPolicy: string) =>
  judge(logGroupKey, 'aws_cloudwatch_log_group.g', {
    resource: {
      aws_kms_key: { k: { policy: keyPolicy } },
      aws_cloudwatch_log_group: { g: { name: '/app/g', kms_key_id: '${aws_kms_key.k.arn}' } },
    },
    policy,
  });

describe('logsKeyPolicy', () => {
  it('admits the regional Logs principal for log groups of the account: LogGroupKeyAdmitsLogs passes', () => {
    expect(outcomeOf(logGroupWith(logsKeyPolicy(SCOPE)))).toBe('compliant');
  });

  it('is region-bound: a policy built for another region fails the rule in this one', () => {
    expect(outcomeOf(logGroupWith(logsKeyPolicy({ ...SCOPE, region: 'us-east-1' })))).toBe('non-compliant');
  });

  it('limits the grant to log groups of the account and region, in the given partition', () => {
    const doc = JSON.parse(logsKeyPolicy({ ...SCOPE, partition: 'aws-us-gov', region: 'us-gov-west-1' }));
    expect(doc.Statement[1].Condition).toEqual({
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': 'arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:*',
      },
    });
    expect(doc.Statement[0].Principal).toEqual({ AWS: 'arn:aws-us-gov:iam::111122223333:root' });
  });
});

describe('alertingKeyPolicy', () => {
  it('admits CloudWatch and EventBridge for topics alarms and rules publish to', () => {
    const results = judge(alarmTopicKey, 'aws_sns_topic.t', {
      resource: {
        aws_kms_key: { k: { policy: alertingKeyPolicy(SCOPE) } },
        aws_sns_topic: { t: { kms_master_key_id: '${aws_kms_key.k.arn}' } },
        aws_cloudwatch_metric_alarm: { a: { alarm_actions: ['${aws_sns_topic.t.arn}'] } },
        aws_cloudwatch_event_target: { e: { rule: 'r', arn: '${aws_sns_topic.t.arn}' } },
      },
      policy,
    });
    expect(outcomeOf(results)).toBe('compliant');
  });
});

describe('every builder', () => {
  it.each([
    ['logs', logsKeyPolicy],
    ['alerting', alertingKeyPolicy],
    ['data', dataKeyPolicy],
  ])('%s: KmsKeyPolicyDefined accepts the key it builds', (_, build) => {
    const results = judge(keyPolicyDefined, 'aws_kms_key.k', {
      resource: { aws_kms_key: { k: { policy: build(SCOPE), enable_key_rotation: true } } },
      policy,
    });
    expect(outcomeOf(results)).toBe('compliant');
  });
});

describe('the documents, exactly (what adopters paste into aws_kms_key.policy)', () => {
  const rootStatement = {
    Sid: 'AccountRootAdministersKey',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111122223333:root' },
    Action: 'kms:*',
    Resource: '*',
  };

  it('logs: root administers, the regional Logs principal uses the key for log groups of the account', () => {
    expect(JSON.parse(logsKeyPolicy(SCOPE))).toEqual({
      Version: '2012-10-17',
      Statement: [
        rootStatement,
        {
          Sid: 'CloudWatchLogsUseKey',
          Effect: 'Allow',
          Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          Resource: '*',
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111122223333:log-group:*',
            },
          },
        },
      ],
    });
  });

  it('alerting: root administers, CloudWatch and EventBridge may publish to encrypted topics', () => {
    expect(JSON.parse(alertingKeyPolicy(SCOPE))).toEqual({
      Version: '2012-10-17',
      Statement: [
        rootStatement,
        {
          Sid: 'AlarmsAndEventsPublishToEncryptedTopics',
          Effect: 'Allow',
          Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Resource: '*',
        },
      ],
    });
  });

  it('data: root administers only; the partition defaults to aws', () => {
    expect(JSON.parse(dataKeyPolicy(SCOPE))).toEqual({ Version: '2012-10-17', Statement: [rootStatement] });
    expect(JSON.parse(dataKeyPolicy({ ...SCOPE, partition: 'aws-cn' })).Statement[0].Principal).toEqual({
      AWS: 'arn:aws-cn:iam::111122223333:root',
    });
  });
});
