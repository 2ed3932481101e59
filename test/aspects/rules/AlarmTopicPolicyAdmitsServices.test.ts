import rule from '../../../aspects/rules/AlarmTopicPolicyAdmitsServices';
import { judge, judgeStack, outcomeOf, outcomesOf } from '../../support/rule-harness';

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

describe('AlarmTopicPolicyAdmitsServices messages (one clear line per violation)', () => {
  const pending = (attribute: string, expression: string) => ({
    outcome: 'unresolved',
    attribute,
    message: `${attribute} is "${expression}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
  });
  const fail = (message: string, attribute = 'policy') => ({ outcome: 'non-compliant', message, attribute });
  const BOTH = { ...ALARM, ...RULE_TARGET };
  const T = '${aws_sns_topic.t.arn}';
  const withPolicies = (
    policies: Record<string, Record<string, unknown>>,
    topic: Record<string, unknown> = {},
  ) =>
    judge(rule, 'aws_sns_topic.t', {
      resource: { aws_sns_topic: { t: topic }, aws_sns_topic_policy: policies, ...ALARM },
    });

  it.each([
    [
      'a topic nobody publishes to',
      () => run(undefined, {}),
      [
        {
          outcome: 'not-applicable',
          message: 'no alarm or EventBridge target in the stack publishes to the topic',
        },
      ],
    ],
    [
      'a topic without a policy, naming each service',
      () => run(undefined, BOTH),
      [
        fail(
          'the topic has no access policy (no aws_sns_topic_policy refers to it), so alarms cannot publish: Service cloudwatch.amazonaws.com needs sns:Publish',
        ),
        fail(
          'the topic has no access policy (no aws_sns_topic_policy refers to it), so EventBridge rules cannot publish: Service events.amazonaws.com needs sns:Publish',
        ),
      ],
    ],
    [
      'a topic policy that admits neither service',
      () => run(doc(allow('s3.amazonaws.com')), BOTH),
      [
        fail(
          'aws_sns_topic_policy.p.policy does not allow sns:Publish to Service cloudwatch.amazonaws.com, so alarms cannot publish to the topic',
        ),
        fail(
          'aws_sns_topic_policy.p.policy does not allow sns:Publish to Service events.amazonaws.com, so EventBridge rules cannot publish to the topic',
        ),
      ],
    ],
    [
      'a topic policy that is not JSON',
      () => run('not json', ALARM),
      [fail('aws_sns_topic_policy.p.policy is not valid JSON', 'aws_sns_topic_policy.p.policy')],
    ],
    [
      'a topic policy computed by a function',
      () => run('${jsonencode(local.p)}', ALARM),
      [pending('aws_sns_topic_policy.p.policy', '${jsonencode(local.p)}')],
    ],
    [
      'a topic policy whose topic link cannot be resolved',
      () => run(doc(allow('cloudwatch.amazonaws.com')), ALARM, '${var.topic_arn}'),
      [pending('aws_sns_topic_policy.p.arn', '${var.topic_arn}')],
    ],
  ])('judges %s', (_, results, expected) => {
    expect(results()).toEqual(expected);
  });

  it('names every topic policy that fails to admit a service', () => {
    const results = withPolicies({
      p1: { arn: T, policy: doc(allow('s3.amazonaws.com')) },
      p2: { arn: T, policy: doc(allow('s3.amazonaws.com')) },
    });
    expect(results).toEqual([
      fail(
        'aws_sns_topic_policy.p1.policy, aws_sns_topic_policy.p2.policy does not allow sns:Publish to Service cloudwatch.amazonaws.com, so alarms cannot publish to the topic',
      ),
    ]);
  });

  it("judges the topic's own policy attribute when no topic policy resource refers to it", () => {
    expect(withPolicies({}, { policy: doc(allow('s3.amazonaws.com')) })).toEqual([
      fail(
        'policy does not allow sns:Publish to Service cloudwatch.amazonaws.com, so alarms cannot publish to the topic',
      ),
    ]);
  });

  it('reports the unresolved one of several topic policies when the others do not admit the service', () => {
    const results = withPolicies({
      p1: { arn: T, policy: doc(allow('s3.amazonaws.com')) },
      p2: { arn: T, policy: '${jsonencode(local.p)}' },
    });
    expect(results).toEqual([pending('aws_sns_topic_policy.p2.policy', '${jsonencode(local.p)}')]);
  });

  it('reports the invalid one of several topic policies when the others do not admit the service', () => {
    const results = withPolicies({
      p1: { arn: T, policy: doc(allow('s3.amazonaws.com')) },
      p2: { arn: T, policy: '{"Version": "2012-10-17"}' },
    });
    expect(results).toEqual([
      fail('aws_sns_topic_policy.p2.policy has no Statement', 'aws_sns_topic_policy.p2.policy'),
    ]);
  });
});

describe('AlarmTopicPolicyAdmitsServices: the publishers of each topic of a stack are its own', () => {
  it('a topic no alarm notifies is not applicable, next to one an alarm notifies (in either order)', () => {
    const alarm = { alarm_actions: ['${aws_sns_topic.alerts.arn}'] };
    for (const topics of [
      { alerts: {}, quiet: {} },
      { quiet: {}, alerts: {} },
    ]) {
      const results = judgeStack(rule, {
        aws_sns_topic: topics,
        aws_cloudwatch_metric_alarm: { a: alarm },
      });
      expect(outcomesOf(results.get('aws_sns_topic.alerts'))).toEqual(['non-compliant']);
      expect(results.get('aws_sns_topic.alerts')?.[0].message).toContain('cloudwatch.amazonaws.com');
      expect(outcomesOf(results.get('aws_sns_topic.quiet'))).toEqual(['not-applicable']);
    }
  });
});
