import rule from '../../../aspects/rules/SnsTopicTlsOnly';
import { unresolved } from '../../../aspects/core/rule';
import { judge, outcomeOf } from '../../support/rule-harness';

const TLS = {
  Sid: 'TlsOnly',
  Effect: 'Deny',
  Principal: '*',
  Action: 'sns:Publish',
  Resource: '${aws_sns_topic.t.arn}',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const run = (topicPolicy: Record<string, unknown> | undefined, topic: Record<string, unknown> = {}) =>
  judge(rule, 'aws_sns_topic.t', {
    resource: {
      aws_sns_topic: { t: { name: 'alerts', ...topic } },
      ...(topicPolicy ? { aws_sns_topic_policy: { p: topicPolicy } } : {}),
    },
  });

describe('SnsTopicTlsOnly', () => {
  it('accepts a topic policy that denies publishing without TLS', () => {
    expect(outcomeOf(run({ arn: '${aws_sns_topic.t.arn}', policy: doc(TLS) }))).toBe('compliant');
  });
  it('accepts a deny of sns:* and the topic’s own policy attribute', () => {
    expect(outcomeOf(run({ arn: '${aws_sns_topic.t.id}', policy: doc({ ...TLS, Action: 'sns:*' }) }))).toBe(
      'compliant',
    );
    expect(outcomeOf(run(undefined, { policy: doc(TLS) }))).toBe('compliant');
  });
  it('rejects a topic without any policy', () => {
    const [r] = run(undefined);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('no access policy');
  });
  it('rejects a policy that only allows, or denies something other than publishing', () => {
    const allow = { ...TLS, Effect: 'Allow' };
    expect(outcomeOf(run({ arn: '${aws_sns_topic.t.arn}', policy: doc(allow) }))).toBe('non-compliant');
    const subscribe = { ...TLS, Action: 'sns:Subscribe' };
    expect(outcomeOf(run({ arn: '${aws_sns_topic.t.arn}', policy: doc(subscribe) }))).toBe('non-compliant');
  });
  it('rejects a deny limited to one principal or conditioned on the wrong value', () => {
    const one = { ...TLS, Principal: { AWS: 'arn:aws:iam::1:role/x' } };
    expect(outcomeOf(run({ arn: '${aws_sns_topic.t.arn}', policy: doc(one) }))).toBe('non-compliant');
    const wrong = { ...TLS, Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    expect(outcomeOf(run({ arn: '${aws_sns_topic.t.arn}', policy: doc(wrong) }))).toBe('non-compliant');
  });
  it('ignores the policy of another topic', () => {
    const results = judge(rule, 'aws_sns_topic.t', {
      resource: {
        aws_sns_topic: { t: {}, other: {} },
        aws_sns_topic_policy: { p: { arn: '${aws_sns_topic.other.arn}', policy: doc(TLS) } },
      },
    });
    expect(outcomeOf(results)).toBe('non-compliant');
  });
  it('reports an unresolved policy or a topic policy whose arn is a variable as unresolved', () => {
    expect(outcomeOf(run({ arn: '${aws_sns_topic.t.arn}', policy: '${jsonencode(local.p)}' }))).toBe(
      'unresolved',
    );
    expect(outcomeOf(run({ arn: '${var.topic_arn}', policy: doc(TLS) }))).toBe('unresolved');
  });

  const OK = [{ outcome: 'compliant', message: undefined }];
  const NO_DENY = 'has no Deny of sns:Publish to principal "*" when aws:SecureTransport is "false"';
  const ON_T = '${aws_sns_topic.t.arn}';
  const ALLOW = {
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: 'sns:Publish',
    Resource: ON_T,
  };
  /** Topic `t` with the given topic policy resources. */
  const policies = (ps: Record<string, Record<string, unknown>>) =>
    judge(rule, 'aws_sns_topic.t', { resource: { aws_sns_topic: { t: {} }, aws_sns_topic_policy: ps } });

  it('accepts the TLS deny among other statements', () => {
    expect(run({ arn: ON_T, policy: doc(ALLOW, TLS) })).toEqual(OK);
  });

  it('accepts when any one of several topic policies denies publishing without TLS', () => {
    expect(policies({ a: { arn: ON_T, policy: doc(ALLOW) }, b: { arn: ON_T, policy: doc(TLS) } })).toEqual(
      OK,
    );
  });

  it('names every policy that lacks the deny, and reports on the first', () => {
    expect(policies({ a: { arn: ON_T, policy: doc(ALLOW) }, b: { arn: ON_T, policy: doc(ALLOW) } })).toEqual([
      {
        outcome: 'non-compliant',
        message: `aws_sns_topic_policy.a.policy, aws_sns_topic_policy.b.policy ${NO_DENY}`,
        attribute: 'aws_sns_topic_policy.a.policy',
      },
    ]);
    expect(run(undefined, { policy: doc(ALLOW) })).toEqual([
      { outcome: 'non-compliant', message: `policy ${NO_DENY}`, attribute: 'policy' },
    ]);
  });

  it('says why a topic without a policy fails', () => {
    expect(run(undefined)).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'the topic has no access policy (no aws_sns_topic_policy refers to it), so nothing denies publishing without TLS',
        attribute: 'policy',
      },
    ]);
  });

  it('rejects a policy that is not valid JSON, naming it, even beside a valid one', () => {
    expect(run({ arn: ON_T, policy: 'nope' })).toEqual([
      {
        outcome: 'non-compliant',
        message: 'aws_sns_topic_policy.p.policy is not valid JSON',
        attribute: 'aws_sns_topic_policy.p.policy',
      },
    ]);
    expect(policies({ a: { arn: ON_T, policy: doc(ALLOW) }, b: { arn: ON_T, policy: '[]' } })).toEqual([
      {
        outcome: 'non-compliant',
        message: 'aws_sns_topic_policy.b.policy is not a JSON object',
        attribute: 'aws_sns_topic_policy.b.policy',
      },
    ]);
  });

  it('cannot judge when a policy of the topic is unresolved, naming that one', () => {
    const local = '${jsonencode(local.p)}';
    expect(policies({ a: { arn: ON_T, policy: doc(ALLOW) }, b: { arn: ON_T, policy: local } })).toEqual([
      unresolved('aws_sns_topic_policy.b.policy', local),
    ]);
  });

  it('names the topic policy link it cannot judge', () => {
    expect(run({ arn: '${var.topic_arn}', policy: doc(TLS) })).toEqual([
      unresolved('aws_sns_topic_policy.p.arn', '${var.topic_arn}'),
    ]);
  });
});

// Issue 13 review (literals that name a declared resource): a topic policy whose arn is the topic's ARN
// written as text governs the topic as much as one that refers to it.
describe('SnsTopicTlsOnly with a topic ARN written as text', () => {
  const ARN = 'arn:aws:sns:us-east-1:111122223333:alerts';
  it('finds the policy by the topic name at the end of the ARN', () => {
    expect(outcomeOf(run({ arn: ARN, policy: doc({ ...TLS, Resource: ARN }) }))).toBe('compliant');
  });
  it('does not take the policy of another topic for it', () => {
    const other = 'arn:aws:sns:us-east-1:111122223333:alerts-other';
    expect(outcomeOf(run({ arn: other, policy: doc({ ...TLS, Resource: other }) }))).toBe('non-compliant');
  });
  it('finds nothing by text for a topic whose name is not literal', () => {
    const r = judge(rule, 'aws_sns_topic.t', {
      resource: {
        aws_sns_topic: { t: { name_prefix: 'alerts' } },
        aws_sns_topic_policy: { p: { arn: ARN, policy: doc(TLS) } },
      },
    });
    expect(outcomeOf(r)).toBe('non-compliant');
  });
});
