import rule from '../../../aspects/rules/AlarmNotifiesTopic';
import { paymentsPolicy } from '../../../aspects/core/policy';
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

describe('AlarmNotifiesTopic messages (one clear line per violation)', () => {
  const pending = (attribute: string, expression: string) => ({
    outcome: 'unresolved',
    attribute,
    message: `${attribute} is "${expression}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
  });
  const fail = (message: string, attribute = 'alarm_actions') => ({
    outcome: 'non-compliant',
    message,
    attribute,
  });
  const ONE_EMAIL = { s1: sub('oncall@example.com') };
  const runWith = (
    alarm: Record<string, unknown>,
    extra: Record<string, Record<string, unknown>> = {},
    subscriptions: Record<string, Record<string, unknown>> = TWO_EMAILS,
    minAlarmEmailSubscriptions = 2,
  ) =>
    judge(rule, 'aws_cloudwatch_metric_alarm.a', {
      resource: {
        aws_sns_topic: { t: {}, quiet: {} },
        aws_sns_topic_subscription: subscriptions,
        aws_cloudwatch_metric_alarm: { a: alarm },
        ...extra,
      },
      policy: paymentsPolicy({ minAlarmEmailSubscriptions }),
    });
  const T = '${aws_sns_topic.t.arn}';
  const QUIET = '${aws_sns_topic.quiet.arn}';

  it.each([
    [
      'disabled actions',
      { actions_enabled: false, alarm_actions: [T] },
      [fail('actions_enabled is false, so the alarm notifies nobody when it fires', 'actions_enabled')],
    ],
    [
      'actions enabled from a variable',
      { actions_enabled: '${var.on}', alarm_actions: [T] },
      [pending('actions_enabled', '${var.on}')],
    ],
    [
      'an alarm_actions list computed by an expression',
      { alarm_actions: '${concat([aws_sns_topic.t.arn], var.more)}' },
      [pending('alarm_actions', '${concat([aws_sns_topic.t.arn], var.more)}')],
    ],
    [
      'an alarm_actions that is one expression instead of a list, even a reference to a topic of the stack',
      { alarm_actions: '${aws_sns_topic.t.arn}' },
      [pending('alarm_actions', '${aws_sns_topic.t.arn}')],
    ],
    [
      'an empty alarm_actions',
      { alarm_actions: [] },
      [fail('alarm_actions is empty, so the alarm notifies nobody when it goes to ALARM')],
    ],
    [
      'disabled actions and no alarm action, each reported',
      { actions_enabled: false },
      [
        fail('actions_enabled is false, so the alarm notifies nobody when it fires', 'actions_enabled'),
        fail('alarm_actions is empty, so the alarm notifies nobody when it goes to ALARM'),
      ],
    ],
    [
      'actions that name a literal ARN and a managed resource that is not a topic',
      { alarm_actions: ['arn:aws:sns:us-east-1:111122223333:elsewhere', '${aws_autoscaling_policy.p.arn}'] },
      [
        fail(
          'alarm_actions (arn:aws:sns:us-east-1:111122223333:elsewhere, ${aws_autoscaling_policy.p.arn}) names no SNS topic declared in this stack',
        ),
      ],
    ],
    [
      'an action referring to a topic that is not declared',
      { alarm_actions: ['${aws_sns_topic.missing.arn}'] },
      [pending('alarm_actions', '${aws_sns_topic.missing.arn}')],
    ],
  ])('judges %s', (_, alarm, expected) => {
    const extra = { aws_autoscaling_policy: { p: { name: 'scale' } } };
    expect(runWith(alarm, extra)).toEqual(expected);
  });

  it.each([
    [
      'one topic named twice counts once',
      [T, T],
      ONE_EMAIL,
      2,
      'the notified topic (aws_sns_topic.t) has at most 1 email subscription; the policy requires at least 2',
    ],
    [
      'several topics are listed in the order the alarm names them',
      [QUIET, T],
      ONE_EMAIL,
      2,
      'the notified topics (aws_sns_topic.quiet, aws_sns_topic.t) have at most 1 email subscription; the policy requires at least 2',
    ],
    [
      'a topic nobody subscribed to',
      [QUIET],
      ONE_EMAIL,
      2,
      'the notified topic (aws_sns_topic.quiet) has at most 0 email subscriptions; the policy requires at least 2',
    ],
    [
      'two subscriptions when the policy wants three',
      [T],
      TWO_EMAILS,
      3,
      'the notified topic (aws_sns_topic.t) has at most 2 email subscriptions; the policy requires at least 3',
    ],
  ])('rejects too few subscribers: %s', (_, actions, subscriptions, min, message) => {
    expect(runWith({ alarm_actions: actions }, {}, subscriptions, min)).toEqual([fail(message)]);
  });

  it('accepts two subscriptions when the policy wants exactly two (the minimum is inclusive)', () => {
    expect(runWith({ alarm_actions: [T] }, {}, TWO_EMAILS, 2)).toEqual([{ outcome: 'compliant' }]);
  });

  it('names the subscription whose protocol cannot be judged', () => {
    const subscriptions = { s1: sub('oncall@example.com'), s2: sub('lead@example.com', '${var.protocol}') };
    expect(runWith({ alarm_actions: [T] }, {}, subscriptions)).toEqual([
      pending('aws_sns_topic_subscription.s2.protocol', '${var.protocol}'),
    ]);
  });
});
