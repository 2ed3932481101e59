import rule from '../../../aspects/rules/SqsQueueNotPublic';
import { judge } from '../../support/rule-harness';
import type { ResourcesJson } from '../../support/rule-harness';

const Q = 'aws_sqs_queue.q';
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const SEND = {
  Sid: 'Send',
  Effect: 'Allow',
  Principal: '*',
  Action: 'sqs:SendMessage',
  Resource: '${aws_sqs_queue.q.arn}',
};
const run = (resources: ResourcesJson, queue: Record<string, unknown> = {}) =>
  judge(rule, Q, { resource: { aws_sqs_queue: { q: { name: 'ledger-dlq', ...queue } }, ...resources } });
const policyAt = (queueUrl: string, ...statements: unknown[]) => ({
  aws_sqs_queue_policy: { p: { queue_url: queueUrl, policy: doc(...statements) } },
});
const PUBLIC = (at: string) => ({
  outcome: 'non-compliant',
  attribute: at,
  message: `${at} statement "Send" allows everyone (principal "*") sqs:SendMessage without a condition that limits the caller to fixed values of aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce or similar`,
});

describe('SqsQueueNotPublic', () => {
  it('refuses sqs:SendMessage to everyone without a condition', () => {
    expect(run(policyAt('${aws_sqs_queue.q.url}', SEND))).toEqual([PUBLIC('aws_sqs_queue_policy.p.policy')]);
    expect(run(policyAt('${aws_sqs_queue.q.id}', SEND))).toEqual([PUBLIC('aws_sqs_queue_policy.p.policy')]);
  });
  it("finds a queue policy whose queue_url is the queue's URL written as text", () => {
    const url = 'https://sqs.us-east-1.amazonaws.com/111122223333/ledger-dlq';
    expect(run(policyAt(url, SEND))).toEqual([PUBLIC('aws_sqs_queue_policy.p.policy')]);
    expect(run(policyAt('https://sqs.us-east-1.amazonaws.com/111122223333/other', SEND))).toEqual([
      { outcome: 'compliant' },
    ]);
  });
  it('reports the policies found by URL text and by reference in configuration order', () => {
    const url = 'https://sqs.us-east-1.amazonaws.com/111122223333/ledger-dlq';
    const policy = (queueUrl: string) => ({ queue_url: queueUrl, policy: doc(SEND) });
    expect(
      run({ aws_sqs_queue_policy: { byText: policy(url), byRef: policy('${aws_sqs_queue.q.url}') } }),
    ).toEqual([PUBLIC('aws_sqs_queue_policy.byText.policy'), PUBLIC('aws_sqs_queue_policy.byRef.policy')]);
  });
  it("refuses a public grant in the queue's own policy attribute", () => {
    expect(run({}, { policy: doc(SEND) })).toEqual([PUBLIC('policy')]);
  });
  it("judges an aws_sqs_queue_policy of the queue over the queue's own policy", () => {
    const service = { ...SEND, Principal: { Service: 'events.amazonaws.com' } };
    expect(run(policyAt('${aws_sqs_queue.q.url}', service), { policy: doc(SEND) })).toEqual([
      { outcome: 'compliant' },
    ]);
  });
  it('accepts "*" limited to the sending rule, and a service principal', () => {
    const limited = {
      ...SEND,
      Condition: { ArnEquals: { 'aws:SourceArn': '${aws_cloudwatch_event_rule.r.arn}' } },
    };
    const extra = { aws_cloudwatch_event_rule: { r: {} } };
    expect(run({ ...policyAt('${aws_sqs_queue.q.url}', limited), ...extra })).toEqual([
      { outcome: 'compliant' },
    ]);
    const service = { ...SEND, Principal: { Service: 'events.amazonaws.com' } };
    expect(run(policyAt('${aws_sqs_queue.q.url}', service))).toEqual([{ outcome: 'compliant' }]);
    expect(run({})).toEqual([{ outcome: 'compliant' }]);
  });
  it('judges the policies it finds beside a policy that names its queue by a variable', () => {
    const unknown = { queue_url: '${var.queue}', policy: doc() };
    const linked = policyAt('${aws_sqs_queue.q.url}', SEND);
    expect(run({ aws_sqs_queue_policy: { ...linked.aws_sqs_queue_policy, other: unknown } })).toEqual([
      PUBLIC('aws_sqs_queue_policy.p.policy'),
    ]);
    expect(run({ aws_sqs_queue_policy: { other: unknown } }, { policy: doc(SEND) })).toEqual([
      PUBLIC('policy'),
    ]);
  });
  it('cannot judge a queue whose only policy names its queue by a variable', () => {
    expect(run(policyAt('${var.queue}', SEND))).toEqual([
      {
        outcome: 'unresolved',
        attribute: 'aws_sqs_queue_policy.p.queue_url',
        message:
          'aws_sqs_queue_policy.p.queue_url is "${var.queue}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ]);
  });
});
