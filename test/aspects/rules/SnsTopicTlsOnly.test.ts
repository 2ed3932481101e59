import rule from '../../../aspects/rules/SnsTopicTlsOnly';
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
});
