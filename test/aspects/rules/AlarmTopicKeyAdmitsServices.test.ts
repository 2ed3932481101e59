import rule from '../../../aspects/rules/AlarmTopicKeyAdmitsServices';
import { judge, outcomeOf } from '../../support/rule-harness';

const ROOT = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:root' },
  Action: 'kms:*',
  Resource: '*',
};
const grant = (...services: string[]) => ({
  Sid: 'Publishers',
  Effect: 'Allow',
  Principal: { Service: services },
  Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
  Resource: '*',
});
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const ALARM = { aws_cloudwatch_metric_alarm: { a: { alarm_actions: ['${aws_sns_topic.t.arn}'] } } };
const RULE_TARGET = { aws_cloudwatch_event_target: { e: { rule: 'r', arn: '${aws_sns_topic.t.arn}' } } };

const run = (
  keyPolicy: string | undefined,
  publishers: Record<string, Record<string, unknown>>,
  topic: Record<string, unknown> = { kms_master_key_id: '${aws_kms_key.k.arn}' },
) =>
  judge(rule, 'aws_sns_topic.t', {
    resource: {
      aws_kms_key: { k: keyPolicy === undefined ? {} : { policy: keyPolicy } },
      aws_sns_topic: { t: topic },
      ...publishers,
    },
  });

describe('AlarmTopicKeyAdmitsServices', () => {
  it('accepts a key that admits CloudWatch for a topic alarms publish to', () => {
    expect(outcomeOf(run(doc(ROOT, grant('cloudwatch.amazonaws.com')), ALARM))).toBe('compliant');
  });
  it('accepts a key that admits both services when alarms and EventBridge publish', () => {
    const policy = doc(ROOT, grant('cloudwatch.amazonaws.com', 'events.amazonaws.com'));
    expect(outcomeOf(run(policy, { ...ALARM, ...RULE_TARGET }))).toBe('compliant');
  });
  it('counts a composite alarm’s ok_actions as publishing', () => {
    const composite = {
      aws_cloudwatch_composite_alarm: { c: { alarm_rule: 'x', ok_actions: ['${aws_sns_topic.t.id}'] } },
    };
    expect(outcomeOf(run(doc(ROOT), composite))).toBe('non-compliant');
  });
  it('rejects a key that admits CloudWatch when EventBridge publishes too, naming events.amazonaws.com', () => {
    const results = run(doc(ROOT, grant('cloudwatch.amazonaws.com')), { ...ALARM, ...RULE_TARGET });
    expect(results.map((r) => r.outcome)).toEqual(['non-compliant']);
    expect(results[0].message).toContain('events.amazonaws.com');
  });
  it('reports each missing service', () => {
    const results = run(doc(ROOT), { ...ALARM, ...RULE_TARGET });
    expect(results.map((r) => r.outcome)).toEqual(['non-compliant', 'non-compliant']);
  });
  it('rejects a grant without kms:Decrypt', () => {
    const partial = { ...grant('cloudwatch.amazonaws.com'), Action: ['kms:GenerateDataKey*'] };
    expect(outcomeOf(run(doc(ROOT, partial), ALARM))).toBe('non-compliant');
  });
  it('rejects a key without a policy', () => {
    expect(outcomeOf(run(undefined, ALARM))).toBe('non-compliant');
  });
  it('rejects alias/aws/sns, saying notifications are silently dropped', () => {
    const [r] = run(doc(ROOT), ALARM, { kms_master_key_id: 'alias/aws/sns' });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('silently dropped');
  });
  it('does not apply to a topic nobody publishes to, or to an unencrypted topic', () => {
    expect(outcomeOf(run(doc(ROOT), {}))).toBe('not-applicable');
    expect(outcomeOf(run(doc(ROOT), ALARM, {}))).toBe('not-applicable');
  });
  it('reports a variable key and an unresolved key policy as unresolved', () => {
    expect(outcomeOf(run(doc(ROOT), ALARM, { kms_master_key_id: '${var.key}' }))).toBe('unresolved');
    expect(outcomeOf(run('${jsonencode(local.p)}', ALARM))).toBe('unresolved');
  });
});
