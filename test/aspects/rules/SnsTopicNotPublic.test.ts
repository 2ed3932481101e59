import rule from '../../../aspects/rules/SnsTopicNotPublic';
import { judge } from '../../support/rule-harness';
import type { ResourcesJson } from '../../support/rule-harness';

const T = 'aws_sns_topic.t';
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const TLS_DENY = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 'sns:Publish',
  Resource: '${aws_sns_topic.t.arn}',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
const PUBLIC_PUBLISH = {
  Sid: 'Anyone',
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: 'sns:Publish',
  Resource: '*',
};
const run = (resources: ResourcesJson, topic: Record<string, unknown> = {}) =>
  judge(rule, T, { resource: { aws_sns_topic: { t: { name: 'ledger-alerts', ...topic } }, ...resources } });
const policyOf = (...statements: unknown[]) => ({
  aws_sns_topic_policy: { p: { arn: '${aws_sns_topic.t.arn}', policy: doc(...statements) } },
});
const PUBLIC = (at: string, sid = 'statement "Anyone"') => ({
  outcome: 'non-compliant',
  attribute: at,
  message: `${at} ${sid} allows everyone (principal "*") sns:Publish without a condition that limits the caller to fixed values of aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce or similar`,
});

describe('SnsTopicNotPublic', () => {
  // Regression (issue 13): the TLS deny was there, so SnsTopicTlsOnly passed, and nothing saw the public Allow.
  it('refuses sns:Publish to everyone with no condition, even beside a TLS deny', () => {
    expect(run(policyOf(TLS_DENY, PUBLIC_PUBLISH))).toEqual([PUBLIC('aws_sns_topic_policy.p.policy')]);
  });
  it("refuses a public grant in the topic's own policy attribute", () => {
    expect(run({}, { policy: doc(PUBLIC_PUBLISH) })).toEqual([PUBLIC('policy')]);
  });
  it('refuses a public grant whose only condition says how, not who (aws:SecureTransport)', () => {
    const how = { ...PUBLIC_PUBLISH, Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    expect(run(policyOf(how))).toEqual([PUBLIC('aws_sns_topic_policy.p.policy')]);
  });
  it('accepts "*" limited to the account, the alarms of the account or the organization', () => {
    for (const Condition of [
      { StringEquals: { 'aws:SourceAccount': '111122223333' } },
      { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:*' } },
      { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    ])
      expect(run(policyOf(TLS_DENY, { ...PUBLIC_PUBLISH, Condition }))).toEqual([{ outcome: 'compliant' }]);
  });
  it('accepts named principals and services, and a topic without a policy', () => {
    const named = {
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com', AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'sns:Publish',
    };
    expect(run(policyOf(TLS_DENY, named))).toEqual([{ outcome: 'compliant' }]);
    expect(run({})).toEqual([{ outcome: 'compliant' }]);
  });
  it("judges every aws_sns_topic_policy of the topic over the topic's own policy", () => {
    expect(run(policyOf(TLS_DENY), { policy: doc(PUBLIC_PUBLISH) })).toEqual([{ outcome: 'compliant' }]);
  });
  it("judges the topic's own policy beside a policy that names its topic by a variable", () => {
    const unknown = { aws_sns_topic_policy: { other: { arn: '${var.topic}', policy: doc(TLS_DENY) } } };
    expect(run(unknown, { policy: doc(PUBLIC_PUBLISH) })).toEqual([PUBLIC('policy')]);
  });
  it('cannot judge a topic whose only policy names its topic by a variable', () => {
    const r = run({ aws_sns_topic_policy: { p: { arn: '${var.topic}', policy: doc(PUBLIC_PUBLISH) } } });
    expect(r).toEqual([
      {
        outcome: 'unresolved',
        attribute: 'aws_sns_topic_policy.p.arn',
        message:
          'aws_sns_topic_policy.p.arn is "${var.topic}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ]);
  });
  it('cannot judge a policy or a condition from a variable', () => {
    expect(
      run({ aws_sns_topic_policy: { p: { arn: '${aws_sns_topic.t.arn}', policy: '${var.policy}' } } })[0]
        .outcome,
    ).toBe('unresolved');
    const cond = {
      ...PUBLIC_PUBLISH,
      Condition: { StringEquals: { 'aws:SourceAccount': '${var.account}' } },
    };
    expect(run(policyOf(cond))[0].outcome).toBe('unresolved');
  });
});
