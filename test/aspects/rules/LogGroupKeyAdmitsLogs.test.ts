import rule from '../../../aspects/rules/LogGroupKeyAdmitsLogs';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { LOGS_KEY_POLICY, logsKeyPolicy } from '../../support/baseline';
import { judge, judgeStack, outcomeOf, outcomesOf } from '../../support/rule-harness';

const ROOT = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:root' },
  Action: 'kms:*',
  Resource: '*',
};
const LOGS = {
  Sid: 'Logs',
  Effect: 'Allow',
  Principal: { Service: 'logs.us-east-1.amazonaws.com' },
  Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
  Resource: '*',
  Condition: {
    ArnLike: {
      'kms:EncryptionContext:aws:logs:arn':
        'arn:${data.aws_partition.p.partition}:logs:us-east-1:${data.aws_caller_identity.c.account_id}:log-group:*',
    },
  },
};
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const stack = (policy: string | undefined, group: Record<string, unknown> = {}) => ({
  resource: {
    aws_kms_key: { k: { enable_key_rotation: true, ...(policy === undefined ? {} : { policy }) } },
    aws_cloudwatch_log_group: {
      g: { name: '/aws/lambda/pay', kms_key_id: '${aws_kms_key.k.arn}', ...group },
    },
  },
});
const run = (policy: string | undefined, group: Record<string, unknown> = {}) =>
  judge(rule, 'aws_cloudwatch_log_group.g', stack(policy, group));

describe('LogGroupKeyAdmitsLogs', () => {
  it('accepts a key policy that admits the regional logs principal for the region’s log groups', () => {
    expect(outcomeOf(run(doc(ROOT, LOGS)))).toBe('compliant');
  });
  it('accepts the statement in an aws_kms_key_policy and a key reached through an alias', () => {
    const results = judge(rule, 'aws_cloudwatch_log_group.g', {
      resource: {
        aws_kms_key: { k: {} },
        aws_kms_alias: { a: { name: 'alias/logs', target_key_id: '${aws_kms_key.k.key_id}' } },
        aws_kms_key_policy: { kp: { key_id: '${aws_kms_key.k.id}', policy: doc(ROOT, LOGS) } },
        aws_cloudwatch_log_group: { g: { name: '/x', kms_key_id: '${aws_kms_alias.a.arn}' } },
      },
    });
    expect(outcomeOf(results)).toBe('compliant');
  });
  it('accepts a condition naming exactly this log group (ArnEquals)', () => {
    const exact = {
      ...LOGS,
      Condition: {
        ArnEquals: {
          'kms:EncryptionContext:aws:logs:arn':
            'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/pay',
        },
      },
    };
    expect(outcomeOf(run(doc(ROOT, exact)))).toBe('compliant');
  });
  it('rejects a condition that names another log group', () => {
    const other = {
      ...LOGS,
      Condition: {
        ArnEquals: {
          'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:111122223333:log-group:/other',
        },
      },
    };
    const [r] = run(doc(ROOT, other));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('/aws/lambda/pay');
  });
  it('rejects a key whose policy does not mention the logs principal (the default policy included)', () => {
    const [r] = run(doc(ROOT));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('logs.us-east-1.amazonaws.com');
    expect(outcomeOf(run(undefined))).toBe('non-compliant');
  });
  it('rejects the global logs.amazonaws.com principal or another region', () => {
    expect(outcomeOf(run(doc(ROOT, { ...LOGS, Principal: { Service: 'logs.amazonaws.com' } })))).toBe(
      'non-compliant',
    );
    expect(
      outcomeOf(run(doc(ROOT, { ...LOGS, Principal: { Service: 'logs.eu-west-1.amazonaws.com' } }))),
    ).toBe('non-compliant');
  });
  it('follows the policy region', () => {
    const policy = paymentsPolicy({ region: 'eu-west-1' });
    expect(outcomeOf(judge(rule, 'aws_cloudwatch_log_group.g', { ...stack(doc(ROOT, LOGS)), policy }))).toBe(
      'non-compliant',
    );
  });
  it('rejects a statement missing an action, naming it', () => {
    const [r] = run(
      doc(ROOT, {
        ...LOGS,
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      }),
    );
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('kms:ReEncryptFrom');
  });
  it('rejects a statement without the encryption-context condition', () => {
    const { Condition: _c, ...bare } = LOGS;
    const [r] = run(doc(ROOT, bare));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('kms:EncryptionContext:aws:logs:arn');
  });
  it('does not apply when the group has no key of the stack', () => {
    expect(outcomeOf(run(doc(ROOT), { kms_key_id: 'alias/aws/logs' }))).toBe('not-applicable');
    expect(outcomeOf(run(doc(ROOT), { kms_key_id: undefined }))).toBe('not-applicable');
  });
  it('reports an unresolved key policy as unresolved and leaves an unresolved key to LogGroupKmsCmk', () => {
    expect(outcomeOf(run('${jsonencode(local.p)}'))).toBe('unresolved');
    expect(outcomeOf(run(doc(ROOT, LOGS), { kms_key_id: '${var.key}' }))).toBe('not-applicable');
  });
});

describe('LogGroupKeyAdmitsLogs messages, actions and conditions', () => {
  const CONTEXT = 'kms:EncryptionContext:aws:logs:arn';
  const WHERE = 'the key policy of aws_kms_key.k';
  const SERVICE = 'logs.us-east-1.amazonaws.com';
  const fail = (message: string) => ({ outcome: 'non-compliant', message, attribute: 'kms_key_id' });
  const pending = (attribute: string, expression: string) => ({
    outcome: 'unresolved',
    attribute,
    message: `${attribute} is "${expression}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
  });
  const NO_MATCH = (group: string) =>
    fail(
      `${WHERE} admits ${SERVICE} only for ${CONTEXT} values that do not match this group (arn:aws:logs:us-east-1:<account>:log-group:${group}), so creating it fails`,
    );
  const UNCONDITIONED = fail(
    `${WHERE} allows ${SERVICE} without a condition on ${CONTEXT}, so any log group in the region may use the key`,
  );
  const notActions = (missing: string) =>
    fail(
      `${WHERE} allows ${SERVICE} but not ${missing} in one statement (needs kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*)`,
    );
  const when = (Condition: unknown) => ({ ...LOGS, Condition });
  const { Condition: _unused, ...UNCONDITIONED_LOGS } = LOGS;
  const COMPLIANT = [{ outcome: 'compliant' }];

  it.each([
    [
      'a key without a policy',
      undefined,
      {},
      [
        fail(
          `${WHERE} is not set; the default key policy does not admit ${SERVICE}, so creating the log group fails`,
        ),
      ],
    ],
    ['a key policy that is not JSON', 'not json', {}, [fail(`${WHERE} is not valid JSON`)]],
    [
      'a key policy built by a function',
      '${jsonencode(local.p)}',
      {},
      [pending('aws_kms_key.k.policy', '${jsonencode(local.p)}')],
    ],
    [
      'a key policy without the logs principal',
      doc(ROOT),
      {},
      [
        fail(
          `${WHERE} has no Allow statement for Service ${SERVICE}, so CloudWatch Logs cannot use the key and creating the log group fails`,
        ),
      ],
    ],
    [
      'a statement missing one action',
      doc(ROOT, {
        ...LOGS,
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      }),
      {},
      [notActions('kms:ReEncryptFrom')],
    ],
    [
      'a statement missing two actions',
      doc(ROOT, { ...LOGS, Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'] }),
      {},
      [notActions('kms:ReEncryptFrom, kms:DescribeKey')],
    ],
    [
      'the actions split over two statements',
      doc(
        ROOT,
        { ...LOGS, Sid: 'A', Action: ['kms:Encrypt*', 'kms:Decrypt*'] },
        { ...LOGS, Sid: 'B', Action: ['kms:GenerateDataKey*', 'kms:Describe*'] },
      ),
      {},
      [notActions('kms:ReEncryptFrom')],
    ],
    ['a statement without any condition', doc(ROOT, UNCONDITIONED_LOGS), {}, [UNCONDITIONED]],
    [
      'a statement conditioned on another key only',
      doc(ROOT, when({ StringEquals: { 'aws:SourceAccount': '111122223333' } })),
      {},
      [UNCONDITIONED],
    ],
    [
      'an encryption-context condition next to a condition under another operator',
      doc(ROOT, when({ ...LOGS.Condition, StringEquals: { 'aws:SourceAccount': '111122223333' } })),
      {},
      COMPLIANT,
    ],
    [
      'an encryption-context condition next to another key of the same operator',
      doc(
        ROOT,
        when({ ArnLike: { ...LOGS.Condition.ArnLike, 'aws:SourceArn': 'arn:aws:logs:us-east-1:*:*' } }),
      ),
      {},
      COMPLIANT,
    ],
    [
      'another key whose value would match, while the encryption context names another group',
      doc(
        ROOT,
        when({
          ArnLike: {
            [CONTEXT]: 'arn:aws:logs:us-east-1:*:log-group:/other',
            'aws:SourceArn': 'arn:aws:logs:us-east-1:*:log-group:*',
          },
        }),
      ),
      {},
      [NO_MATCH('/aws/lambda/pay')],
    ],
    [
      'a condition that stops at the region',
      doc(ROOT, when({ ArnLike: { [CONTEXT]: 'arn:aws:logs:us-east-1' } })),
      {},
      [NO_MATCH('/aws/lambda/pay')],
    ],
    [
      'a ? wildcard under ArnLike',
      doc(ROOT, when({ ArnLike: { [CONTEXT]: 'arn:aws:logs:us-east-1:*:log-group:/aws/lambda/pa?' } })),
      {},
      COMPLIANT,
    ],
    [
      'a reference inside the log group part, after literal text, matches any text there',
      doc(
        ROOT,
        when({
          ArnEquals: { [CONTEXT]: 'arn:aws:logs:us-east-1:*:log-group:/aws/lambda/${var.function_name}' },
        }),
      ),
      {},
      COMPLIANT,
    ],
    [
      'a ? wildcard under ArnLike stands for one character, the others for themselves (same length)',
      doc(ROOT, when({ ArnLike: { [CONTEXT]: 'arn:aws:logs:us-east-1:*:log-group:/aws/lambda/ba?' } })),
      {},
      [NO_MATCH('/aws/lambda/pay')],
    ],
    [
      'a ? under StringEquals (a literal, not a wildcard)',
      doc(ROOT, when({ StringEquals: { [CONTEXT]: 'arn:aws:logs:us-east-1:*:log-group:/aws/lambda/pa?' } })),
      {},
      [NO_MATCH('/aws/lambda/pay')],
    ],
    [
      'another log group of the same length under StringEquals',
      doc(ROOT, when({ StringEquals: { [CONTEXT]: 'arn:aws:logs:us-east-1:*:log-group:/aws/lambda/bay' } })),
      {},
      [NO_MATCH('/aws/lambda/pay')],
    ],
    [
      'a wildcard under ForAnyValue:ArnLike',
      doc(ROOT, when({ 'ForAnyValue:ArnLike': { [CONTEXT]: 'arn:aws:logs:us-east-1:*:log-group:*' } })),
      {},
      COMPLIANT,
    ],
    [
      'a * under StringEquals (a literal, not a wildcard)',
      doc(ROOT, when({ StringEquals: { [CONTEXT]: 'arn:aws:logs:us-east-1:111122223333:log-group:*' } })),
      {},
      [NO_MATCH('/aws/lambda/pay')],
    ],
    [
      'an exact condition on a group name with a dot',
      doc(ROOT, when({ ArnEquals: { [CONTEXT]: 'arn:aws:logs:us-east-1:111122223333:log-group:/pay.api' } })),
      { name: '/pay.api' },
      COMPLIANT,
    ],
    [
      'an exact condition whose dot must not match any character',
      doc(ROOT, when({ ArnEquals: { [CONTEXT]: 'arn:aws:logs:us-east-1:111122223333:log-group:/pay.api' } })),
      { name: '/payXapi' },
      [NO_MATCH('/payXapi')],
    ],
    [
      'two conditioned statements of which one names this group',
      doc(
        ROOT,
        { ...when({ ArnEquals: { [CONTEXT]: 'arn:aws:logs:us-east-1:1:log-group:/other' } }), Sid: 'Other' },
        {
          ...when({ ArnEquals: { [CONTEXT]: 'arn:aws:logs:us-east-1:1:log-group:/aws/lambda/pay' } }),
          Sid: 'Pay',
        },
      ),
      {},
      COMPLIANT,
    ],
    [
      'a group without a literal name (name_prefix), whose ARN is known only after apply',
      doc(ROOT, when({ ArnEquals: { [CONTEXT]: 'arn:aws:logs:us-east-1:1:log-group:/other' } })),
      { name: undefined, name_prefix: '/aws/lambda/pay-' },
      COMPLIANT,
    ],
  ])('judges %s', (_, policy, group, expected) => {
    expect(run(policy, group)).toEqual(expected);
  });

  it.each([
    ['an AWS-managed key', { kms_key_id: 'alias/aws/logs' }, undefined],
    ['no key', { kms_key_id: undefined }, undefined],
    [
      'a trusted key ARN of another stack',
      { kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/trusted' },
      paymentsPolicy({ trustedKeyArns: ['arn:aws:kms:us-east-1:111122223333:key/trusted'] }),
    ],
  ])('does not apply to %s', (_, group, policy) => {
    const input = { ...stack(doc(ROOT, LOGS), group), ...(policy ? { policy } : {}) };
    expect(judge(rule, 'aws_cloudwatch_log_group.g', input)).toEqual([
      {
        outcome: 'not-applicable',
        message: 'kms_key_id is not a key declared in this stack (LogGroupKmsCmk judges the key itself)',
      },
    ]);
  });

  it('reports a key policy resource whose key_id cannot be resolved, rather than the default policy', () => {
    const input = stack(undefined);
    const results = judge(rule, 'aws_cloudwatch_log_group.g', {
      resource: {
        ...input.resource,
        aws_kms_key_policy: { kp: { key_id: '${var.key_id}', policy: doc(ROOT, LOGS) } },
      },
    });
    expect(results).toEqual([pending('aws_kms_key_policy.kp.key_id', '${var.key_id}')]);
  });
});

describe('LogGroupKeyAdmitsLogs: each key of a stack is judged on its own key policy', () => {
  it('a group on a key that admits CloudWatch Logs passes, a group on a key without a policy fails', () => {
    const admitting = LOGS_KEY_POLICY;
    for (const groups of [
      { good: '${aws_kms_key.admits.arn}', bad: '${aws_kms_key.default_policy.arn}' },
      { bad: '${aws_kms_key.default_policy.arn}', good: '${aws_kms_key.admits.arn}' },
    ]) {
      const results = judgeStack(rule, {
        aws_kms_key: { admits: { policy: admitting }, default_policy: {} },
        aws_cloudwatch_log_group: Object.fromEntries(
          Object.entries(groups).map(([name, key]) => [name, { name: `/pay/${name}`, kms_key_id: key }]),
        ),
      });
      expect(outcomesOf(results.get('aws_cloudwatch_log_group.good'))).toEqual(['compliant']);
      expect(outcomesOf(results.get('aws_cloudwatch_log_group.bad'))).toEqual(['non-compliant']);
      expect(results.get('aws_cloudwatch_log_group.bad')?.[0].message).toContain(
        'the key policy of aws_kms_key.default_policy is not set',
      );
    }
  });
});

describe('LogGroupKeyAdmitsLogs: IAM set operators are ForAnyValue: and ForAllValues: (plural)', () => {
  const outcome = (operator: string) =>
    judge(rule, 'aws_cloudwatch_log_group.g', {
      resource: {
        aws_kms_key: { k: { enable_key_rotation: true, policy: logsKeyPolicy(operator) } },
        aws_cloudwatch_log_group: { g: { name: '/aws/lambda/pay', kms_key_id: '${aws_kms_key.k.arn}' } },
      },
    }).map((r) => r.outcome);
  it.each(['ArnLike', 'ForAnyValue:ArnLike', 'ForAllValues:ArnLike', 'forallvalues:StringLike'])(
    'a wildcard under %s admits the group',
    (operator) => {
      expect(outcome(operator)).toEqual(['compliant']);
    },
  );
  it('the singular ForAllValue: is not an IAM operator: its wildcard is not read as one', () => {
    expect(outcome('ForAllValue:ArnLike')).toEqual(['non-compliant']);
  });
});
