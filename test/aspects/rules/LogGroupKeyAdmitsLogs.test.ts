import rule from '../../../aspects/rules/LogGroupKeyAdmitsLogs';
import { paymentsPolicy } from '../../../aspects/policy';
import { judge, outcomeOf } from '../../support/rule-harness';

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
