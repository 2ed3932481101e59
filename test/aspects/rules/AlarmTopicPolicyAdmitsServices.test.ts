import rule from '../../../aspects/rules/AlarmTopicPolicyAdmitsServices';
import { judge, outcomeOf } from '../../support/rule-harness';

const allow = (...services: string[]) => ({
  Sid: 'Publishers',
  Effect: 'Allow',
  Principal: { Service: services },
  Action: 'sns:Publish',
  Resource: '${aws_sns_topic.t.arn}',
});
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const ALARM = { aws_cloudwatch_metric_alarm: { a: { alarm_actions: ['${aws_sns_topic.t.arn}'] } } };
const RULE_TARGET = { aws_cloudwatch_event_target: { e: { rule: 'r', arn: '${aws_sns_topic.t.arn}' } } };

const run = (
  policy: string | undefined,
  publishers: Record<string, Record<string, unknown>>,
  arn = '${aws_sns_topic.t.arn}',
) =>
  judge(rule, 'aws_sns_topic.t', {
    resource: {
      aws_sns_topic: { t: {} },
      ...(policy === undefined ? {} : { aws_sns_topic_policy: { p: { arn, policy } } }),
      ...publishers,
    },
  });

describe('AlarmTopicPolicyAdmitsServices', () => {
  it('accepts a topic policy that lets CloudWatch publish when alarms notify the topic', () => {
    expect(outcomeOf(run(doc(allow('cloudwatch.amazonaws.com')), ALARM))).toBe('compliant');
  });
  it('accepts sns:* for both services when alarms and EventBridge publish', () => {
    const both = { ...allow('cloudwatch.amazonaws.com', 'events.amazonaws.com'), Action: 'sns:*' };
    expect(outcomeOf(run(doc(both), { ...ALARM, ...RULE_TARGET }))).toBe('compliant');
  });
  it('rejects a topic without a policy', () => {
    const [r] = run(undefined, ALARM);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('cloudwatch.amazonaws.com');
  });
  it('rejects a policy that admits only CloudWatch when EventBridge publishes too', () => {
    const results = run(doc(allow('cloudwatch.amazonaws.com')), { ...ALARM, ...RULE_TARGET });
    expect(results).toHaveLength(1);
    expect(results[0].message).toContain('events.amazonaws.com');
  });
  it('rejects a Deny or a grant of another action', () => {
    expect(outcomeOf(run(doc({ ...allow('cloudwatch.amazonaws.com'), Effect: 'Deny' }), ALARM))).toBe(
      'non-compliant',
    );
    expect(
      outcomeOf(run(doc({ ...allow('cloudwatch.amazonaws.com'), Action: 'sns:Subscribe' }), ALARM)),
    ).toBe('non-compliant');
  });
  it('does not apply to a topic nobody publishes to', () => {
    expect(outcomeOf(run(undefined, {}))).toBe('not-applicable');
  });
  it('reports an unresolved policy or topic link as unresolved', () => {
    expect(outcomeOf(run('${jsonencode(local.p)}', ALARM))).toBe('unresolved');
    expect(outcomeOf(run(doc(allow('cloudwatch.amazonaws.com')), ALARM, '${var.topic_arn}'))).toBe(
      'unresolved',
    );
  });
});
