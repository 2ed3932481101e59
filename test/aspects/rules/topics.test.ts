/** aspects/rules/topics.ts: the policies of an SNS topic and who publishes to it (alarms, EventBridge). */
import { TfModel } from '../../../aspects/core/model';
import { publishingServices, topicPoliciesOf, topicPublishers } from '../../../aspects/rules/topics';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
const model = (resource: Blocks) => new TfModel({ resource }, { taggableTypes: [] });
const addresses = (rs: readonly { address: string }[]) => rs.map((r) => r.address);
const DOC = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

describe('topicPoliciesOf', () => {
  it('topicPoliciesOf: every topic policy resource of the topic, else its own policy, else none', () => {
    const m = model({
      aws_sns_topic: { a: { policy: DOC }, b: { policy: DOC }, c: {} },
      aws_sns_topic_policy: {
        p1: { arn: '${aws_sns_topic.a.arn}', policy: DOC },
        p2: { arn: '${aws_sns_topic.a.arn}', policy: '{"Statement":[]}' },
      },
    });
    const t = (n: string) => m.byAddress(`aws_sns_topic.${n}`)!;
    expect(topicPoliciesOf(m, t('a')).documents.map((d) => d.attribute)).toEqual([
      'aws_sns_topic_policy.p1.policy',
      'aws_sns_topic_policy.p2.policy',
    ]);
    expect(topicPoliciesOf(m, t('b'))).toEqual({
      documents: [{ attribute: 'policy', document: expect.objectContaining({ kind: 'document' }) }],
    });
    expect(topicPoliciesOf(m, t('c'))).toEqual({ documents: [] });
    const unknown = model({ aws_sns_topic: { c: {} }, aws_sns_topic_policy: { p: { arn: '${var.topic}' } } });
    expect(topicPoliciesOf(unknown, unknown.byAddress('aws_sns_topic.c')!).unknownLink).toMatchObject({
      attribute: 'aws_sns_topic_policy.p.arn',
      expression: '${var.topic}',
    });
  });
});

describe('topicPoliciesOf, policies found by reference and by literal ARN', () => {
  it('lists them once each, in configuration order, whichever way each names the topic', () => {
    const m = model({
      aws_sns_topic: { a: { name: 'ledger-alerts' } },
      aws_sns_topic_policy: {
        byText: { arn: 'arn:aws:sns:us-east-1:111122223333:ledger-alerts', policy: DOC },
        byRef: { arn: '${aws_sns_topic.a.arn}', policy: DOC },
        both: { arn: 'arn:aws:sns:us-east-1:111122223333:ledger-alerts', policy: DOC },
        last: { arn: '${aws_sns_topic.a.arn}', policy: DOC },
      },
    });
    expect(topicPoliciesOf(m, m.byAddress('aws_sns_topic.a')!).documents.map((d) => d.attribute)).toEqual([
      'aws_sns_topic_policy.byText.policy',
      'aws_sns_topic_policy.byRef.policy',
      'aws_sns_topic_policy.both.policy',
      'aws_sns_topic_policy.last.policy',
    ]);
  });
});

describe('topicPublishers / publishingServices', () => {
  it('topicPublishers: alarms (any action list) and event targets that name the topic, in order, once each', () => {
    const ref = '${aws_sns_topic.t.arn}';
    const m = model({
      aws_sns_topic: { t: {}, other: {} },
      aws_cloudwatch_metric_alarm: {
        z: { ok_actions: [ref] },
        a: { alarm_actions: [ref], insufficient_data_actions: [ref] },
        n: { alarm_actions: ['${aws_sns_topic.other.arn}'] },
      },
      aws_cloudwatch_composite_alarm: { c: { insufficient_data_actions: [ref] } },
      aws_cloudwatch_event_target: { e: { arn: ref }, f: { arn: '${aws_sns_topic.other.arn}' } },
    });
    const t = m.byAddress('aws_sns_topic.t')!;
    const p = topicPublishers(m, t);
    expect(addresses(p.alarms)).toEqual([
      'aws_cloudwatch_metric_alarm.z',
      'aws_cloudwatch_metric_alarm.a',
      'aws_cloudwatch_composite_alarm.c',
    ]);
    expect(addresses(p.eventTargets)).toEqual(['aws_cloudwatch_event_target.e']);
    expect(publishingServices(m, t)).toEqual(['cloudwatch.amazonaws.com', 'events.amazonaws.com']);
    const quiet = model({ aws_sns_topic: { t: {} } });
    expect(publishingServices(quiet, quiet.byAddress('aws_sns_topic.t')!)).toEqual([]);
  });
});
