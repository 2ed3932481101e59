import rule from '../../../aspects/rules/AlarmTopicKeyAdmitsServices';
import { paymentsPolicy } from '../../../aspects/core/policy';
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

describe('AlarmTopicKeyAdmitsServices messages (one clear line per violation)', () => {
  const pending = (attribute: string, expression: string) => ({
    outcome: 'unresolved',
    attribute,
    message: `${attribute} is "${expression}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
  });
  const fail = (message: string) => ({ outcome: 'non-compliant', message, attribute: 'kms_master_key_id' });
  const BOTH = { ...ALARM, ...RULE_TARGET };
  const KEY = { kms_master_key_id: '${aws_kms_key.k.arn}' };

  it.each([
    [
      'an AWS-managed key, naming both services',
      () => run(doc(ROOT), BOTH, { kms_master_key_id: 'alias/aws/sns' }),
      [
        fail(
          'kms_master_key_id is "alias/aws/sns", an AWS-managed key whose policy cannot admit cloudwatch.amazonaws.com or events.amazonaws.com: notifications are silently dropped (only alarm history shows the KMS AccessDenied)',
        ),
      ],
    ],
    [
      'a key without a policy, naming both services',
      () => run(undefined, BOTH),
      [
        fail(
          'the key policy of aws_kms_key.k is not set; the default key policy does not admit cloudwatch.amazonaws.com or events.amazonaws.com, so notifications are silently dropped',
        ),
      ],
    ],
    [
      'a key policy that is not JSON',
      () => run('not json', ALARM),
      [fail('the key policy of aws_kms_key.k is not valid JSON')],
    ],
    [
      'a key policy that admits neither service',
      () => run(doc(ROOT), BOTH),
      [
        fail(
          'the key policy of aws_kms_key.k does not allow Service cloudwatch.amazonaws.com kms:GenerateDataKey* and kms:Decrypt, so notifications from alarms are silently dropped',
        ),
        fail(
          'the key policy of aws_kms_key.k does not allow Service events.amazonaws.com kms:GenerateDataKey* and kms:Decrypt, so notifications from EventBridge rules are silently dropped',
        ),
      ],
    ],
    [
      'a key from a variable',
      () => run(doc(ROOT), ALARM, { kms_master_key_id: '${var.key}' }),
      [pending('kms_master_key_id', '${var.key}')],
    ],
    [
      'a key policy computed by a function',
      () => run('${jsonencode(local.p)}', ALARM),
      [pending('aws_kms_key.k.policy', '${jsonencode(local.p)}')],
    ],
    [
      'a topic nobody publishes to',
      () => run(doc(ROOT), {}),
      [
        {
          outcome: 'not-applicable',
          message: 'no alarm or EventBridge target in the stack publishes to the topic',
        },
      ],
    ],
    [
      'an unencrypted topic',
      () => run(doc(ROOT), ALARM, {}),
      [{ outcome: 'not-applicable', message: 'the topic is not KMS-encrypted (SnsTopicKmsCmk judges that)' }],
    ],
    [
      'a literal key ARN not declared in the stack',
      () => run(doc(ROOT), ALARM, { kms_master_key_id: 'arn:aws:kms:us-east-1:111122223333:key/elsewhere' }),
      [
        {
          outcome: 'not-applicable',
          message:
            'the key is not declared in this stack, so its policy cannot be read (SnsTopicKmsCmk judges the key)',
        },
      ],
    ],
  ])('judges %s', (_, results, expected) => {
    expect(results()).toEqual(expected);
  });

  it('does not judge a trusted key ARN of another stack, whose policy it cannot read', () => {
    const trusted = 'arn:aws:kms:us-east-1:111122223333:key/trusted';
    const results = judge(rule, 'aws_sns_topic.t', {
      resource: { aws_sns_topic: { t: { kms_master_key_id: trusted } }, ...ALARM },
      policy: paymentsPolicy({ trustedKeyArns: [trusted] }),
    });
    expect(results).toEqual([
      {
        outcome: 'not-applicable',
        message:
          'the key is not declared in this stack, so its policy cannot be read (SnsTopicKmsCmk judges the key)',
      },
    ]);
  });

  it('reports a key policy resource whose key_id cannot be resolved, rather than the default policy', () => {
    const results = judge(rule, 'aws_sns_topic.t', {
      resource: {
        aws_kms_key: { k: {} },
        aws_kms_key_policy: { kp: { key_id: '${var.key_id}', policy: doc(ROOT) } },
        aws_sns_topic: { t: KEY },
        ...ALARM,
      },
    });
    expect(results).toEqual([pending('aws_kms_key_policy.kp.key_id', '${var.key_id}')]);
  });
});
