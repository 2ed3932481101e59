import rule from '../../../aspects/rules/AlarmNotifiesTopic';
import { paymentsPolicy } from '../../../aspects/policy';
import { judge, outcomeOf } from '../../support/rule-harness';

const sub = (endpoint: string, protocol = 'email', topic = '${aws_sns_topic.t.arn}') => ({
  topic_arn: topic,
  protocol,
  endpoint,
});
const TWO_EMAILS = { s1: sub('oncall@example.com'), s2: sub('lead@example.com') };

const run = (
  alarm: Record<string, unknown>,
  subscriptions: Record<string, Record<string, unknown>> = TWO_EMAILS,
  type = 'aws_cloudwatch_metric_alarm',
) =>
  judge(rule, `${type}.a`, {
    resource: {
      aws_sns_topic: { t: {}, quiet: {} },
      aws_sns_topic_subscription: subscriptions,
      [type]: { a: alarm },
    },
  });

describe('AlarmNotifiesTopic', () => {
  it('accepts an alarm that notifies a topic with two email subscriptions', () => {
    expect(outcomeOf(run({ alarm_actions: ['${aws_sns_topic.t.arn}'] }))).toBe('compliant');
  });
  it('accepts a composite alarm the same way', () => {
    const composite = { alarm_rule: 'ALARM("x")', alarm_actions: ['${aws_sns_topic.t.arn}'] };
    expect(outcomeOf(run(composite, TWO_EMAILS, 'aws_cloudwatch_composite_alarm'))).toBe('compliant');
  });
  it('accepts when one of several notified topics has enough subscribers', () => {
    expect(outcomeOf(run({ alarm_actions: ['${aws_sns_topic.quiet.arn}', '${aws_sns_topic.t.arn}'] }))).toBe(
      'compliant',
    );
  });
  it('rejects an alarm whose actions are disabled', () => {
    const [r] = run({ actions_enabled: false, alarm_actions: ['${aws_sns_topic.t.arn}'] });
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('actions_enabled');
  });
  it('rejects an alarm without alarm actions (ok_actions alone do not page on ALARM)', () => {
    const [r] = run({ ok_actions: ['${aws_sns_topic.t.arn}'] });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('alarm_actions is empty');
  });
  it('rejects an alarm whose only action is a topic outside the stack', () => {
    const [r] = run({ alarm_actions: ['arn:aws:sns:us-east-1:111122223333:elsewhere'] });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('elsewhere');
  });
  it('rejects a topic with one email subscription (the policy wants two), counting an address once', () => {
    const one = {
      s1: sub('oncall@example.com'),
      dup: sub('oncall@example.com'),
      sms: sub('+15555550100', 'sms'),
    };
    const [r] = run({ alarm_actions: ['${aws_sns_topic.t.arn}'] }, one);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('at most 1 email subscription;');
  });
  it('follows policy.minAlarmEmailSubscriptions', () => {
    const policy = paymentsPolicy({ minAlarmEmailSubscriptions: 3 });
    const results = judge(rule, 'aws_cloudwatch_metric_alarm.a', {
      resource: {
        aws_sns_topic: { t: {} },
        aws_sns_topic_subscription: TWO_EMAILS,
        aws_cloudwatch_metric_alarm: { a: { alarm_actions: ['${aws_sns_topic.t.arn}'] } },
      },
      policy,
    });
    expect(outcomeOf(results)).toBe('non-compliant');
  });
  it('reports each way it fails', () => {
    const results = run({ actions_enabled: false, alarm_actions: [] });
    expect(results.map((r) => r.outcome)).toEqual(['non-compliant', 'non-compliant']);
  });
  it('reports a variable topic, actions flag or subscription protocol as unresolved', () => {
    expect(outcomeOf(run({ alarm_actions: ['${var.topic_arn}'] }))).toBe('unresolved');
    expect(outcomeOf(run({ alarm_actions: '${var.actions}' }))).toBe('unresolved');
    expect(outcomeOf(run({ actions_enabled: '${var.on}', alarm_actions: ['${aws_sns_topic.t.arn}'] }))).toBe(
      'unresolved',
    );
    const pending = { s1: sub('oncall@example.com'), s2: sub('lead@example.com', '${var.protocol}') };
    expect(outcomeOf(run({ alarm_actions: ['${aws_sns_topic.t.arn}'] }, pending))).toBe('unresolved');
  });
});
