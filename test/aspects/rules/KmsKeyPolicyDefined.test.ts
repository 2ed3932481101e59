import rule from '../../../aspects/rules/KmsKeyPolicyDefined';
import { judge, outcomeOf } from '../../support/rule-harness';

const ROOT = {
  Sid: 'Root',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:root' },
  Action: 'kms:*',
  Resource: '*',
};
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const run = (cfg: Record<string, unknown>, extra: Record<string, Record<string, unknown>> = {}) =>
  judge(rule, 'aws_kms_key.k', {
    resource: { aws_kms_key: { k: { enable_key_rotation: true, ...cfg } }, ...extra },
  });

describe('KmsKeyPolicyDefined', () => {
  it('accepts a policy that keeps the account root statement', () => {
    expect(outcomeOf(run({ policy: doc(ROOT) }))).toBe('compliant');
  });
  it('accepts a root principal built from the partition and caller identity, and a bare account id', () => {
    const root = {
      ...ROOT,
      Principal: {
        AWS: 'arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.c.account_id}:root',
      },
    };
    expect(outcomeOf(run({ policy: doc(root) }))).toBe('compliant');
    expect(outcomeOf(run({ policy: doc({ ...ROOT, Principal: { AWS: '111122223333' } }) }))).toBe(
      'compliant',
    );
  });
  it('accepts the policy of an aws_kms_key_policy that refers to the key', () => {
    const extra = { aws_kms_key_policy: { kp: { key_id: '${aws_kms_key.k.id}', policy: doc(ROOT) } } };
    expect(outcomeOf(run({}, extra))).toBe('compliant');
  });
  it('judges an aws_kms_key_policy over the key policy attribute it replaces', () => {
    const extra = {
      aws_kms_key_policy: {
        kp: {
          key_id: '${aws_kms_key.k.arn}',
          policy: doc({ ...ROOT, Principal: { AWS: 'arn:aws:iam::1:role/x' } }),
        },
      },
    };
    const [r] = run({ policy: doc(ROOT) }, extra);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('aws_kms_key_policy.kp.policy');
  });
  it('accepts a policy written as an aws_iam_policy_document data source', () => {
    const results = judge(rule, 'aws_kms_key.k', {
      resource: { aws_kms_key: { k: { policy: '${data.aws_iam_policy_document.kp.json}' } } },
      data: {
        aws_iam_policy_document: {
          kp: {
            statement: [
              {
                effect: 'Allow',
                actions: ['kms:*'],
                resources: ['*'],
                principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }],
              },
            ],
          },
        },
      },
    });
    expect(outcomeOf(results)).toBe('compliant');
  });
  it('rejects a key without any policy (AWS default policy)', () => {
    const [r] = run({});
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('default key policy');
  });
  it('rejects a policy without the account root statement', () => {
    const other = { ...ROOT, Principal: { AWS: 'arn:aws:iam::111122223333:role/admin' } };
    const [r] = run({ policy: doc(other) });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('account root');
  });
  it('rejects a root statement narrower than kms:*', () => {
    const [r] = run({ policy: doc({ ...ROOT, Action: ['kms:Describe*'] }) });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('kms:Describe*');
  });
  it('rejects an Allow to principal * without a condition, and one whose condition does not limit callers', () => {
    const open = { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' };
    const [r] = run({ policy: doc(ROOT, open) });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('"Open"');
    const tlsOnly = {
      ...open,
      Principal: { AWS: '*' },
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    };
    expect(outcomeOf(run({ policy: doc(ROOT, tlsOnly) }))).toBe('non-compliant');
  });
  it('rejects an Allow with NotPrincipal (everyone else)', () => {
    const notPrincipal = {
      Effect: 'Allow',
      NotPrincipal: { AWS: 'arn:aws:iam::1:role/x' },
      Action: 'kms:*',
      Resource: '*',
    };
    expect(outcomeOf(run({ policy: doc(ROOT, notPrincipal) }))).toBe('non-compliant');
  });
  it('accepts a * principal limited by kms:CallerAccount and kms:ViaService', () => {
    const via = {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Decrypt'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:CallerAccount': '111122223333',
          'kms:ViaService': 'sns.us-east-1.amazonaws.com',
        },
      },
    };
    expect(outcomeOf(run({ policy: doc(ROOT, via) }))).toBe('compliant');
  });
  // Issue 13 review: a condition on the right key with a wildcard, a negation or a variable limits nothing.
  it('refuses a * principal whose caller condition is a wildcard or negated, and cannot judge a variable', () => {
    const star = (Condition: unknown) => ({
      Sid: 'Anyone',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition,
    });
    const open = {
      outcome: 'non-compliant',
      attribute: 'policy',
      message:
        'policy statement "Anyone" allows principal "*" (kms:Decrypt) without a condition that limits the callers (aws:PrincipalAccount, kms:CallerAccount, aws:SourceArn, ...)',
    };
    expect(run({ policy: doc(ROOT, star({ StringLike: { 'kms:CallerAccount': '*' } })) })).toEqual([open]);
    expect(
      run({ policy: doc(ROOT, star({ StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } })) }),
    ).toEqual([open]);
    expect(
      run({ policy: doc(ROOT, star({ StringEquals: { 'aws:PrincipalAccount': '${var.account}' } })) }),
    ).toEqual([
      {
        outcome: 'unresolved',
        attribute: 'policy statement "Anyone" condition',
        message:
          'policy statement "Anyone" condition is "${var.account}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ]);
  });
  it('reports each way a policy fails', () => {
    const open = { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' };
    const results = run({ policy: doc(open) });
    expect(results.map((r) => r.outcome)).toEqual(['non-compliant', 'non-compliant']);
  });
  it('rejects a policy that is not valid JSON', () => {
    expect(outcomeOf(run({ policy: '{not json' }))).toBe('non-compliant');
  });
  it('reports a policy built by a function, or a key policy resource with a variable key_id, as unresolved', () => {
    expect(outcomeOf(run({ policy: '${jsonencode(local.p)}' }))).toBe('unresolved');
    const extra = { aws_kms_key_policy: { kp: { key_id: '${var.key}', policy: doc(ROOT) } } };
    expect(outcomeOf(run({}, extra))).toBe('unresolved');
  });
});

describe('KmsKeyPolicyDefined messages and principals', () => {
  const fail = (message: string, attribute = 'policy') => ({ outcome: 'non-compliant', message, attribute });
  const NO_ROOT = fail(
    'policy has no Allow statement for the account root (arn:<partition>:iam::<account>:root), so IAM policies cannot grant use of the key and it can become unmanageable',
  );
  const rootOnly = (actions: string) =>
    fail(
      `policy allows the account root only ${actions}; it must allow kms:* so the account keeps control of the key`,
    );
  const open = (label: string, who: string, actions: string) =>
    fail(
      `policy ${label} allows ${who} (${actions}) without a condition that limits the callers (aws:PrincipalAccount, kms:CallerAccount, aws:SourceArn, ...)`,
    );
  const rootAs = (AWS: unknown) => ({ ...ROOT, Principal: { AWS } });

  it.each([
    ['a bare account id of 13 digits', doc(rootAs('1111222233334')), [NO_ROOT]],
    [
      'a principal that only starts like a root ARN',
      doc(rootAs('arn:aws:iam::111122223333:root-admin')),
      [NO_ROOT],
    ],
    ['a Deny for the account root', doc({ ...ROOT, Effect: 'Deny' }), [NO_ROOT]],
    [
      'a root statement with two narrower actions',
      doc({ ...ROOT, Action: ['kms:Describe*', 'kms:List*'] }),
      [rootOnly('kms:Describe*, kms:List*')],
    ],
    [
      'a root statement with NotAction',
      doc({ ...ROOT, Action: undefined, NotAction: 'kms:ScheduleKeyDeletion' }),
      [rootOnly('nothing')],
    ],
    [
      'a narrow root statement next to a kms:* one',
      doc({ ...ROOT, Sid: 'Read', Action: 'kms:Describe*' }, ROOT),
      [{ outcome: 'compliant' }],
    ],
    [
      'a Deny to principal * without a condition',
      doc(ROOT, { Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }),
      [{ outcome: 'compliant' }],
    ],
    [
      'an Allow to principal * with two actions',
      doc(ROOT, { Effect: 'Allow', Principal: '*', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*' }),
      [open('statement #2', 'principal "*"', 'kms:Decrypt, kms:Encrypt')],
    ],
    [
      'an Allow to principal * with NotAction',
      doc(ROOT, {
        Sid: 'Most',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        NotAction: 'kms:Delete*',
        Resource: '*',
      }),
      [open('statement "Most"', 'principal "*"', 'NotAction')],
    ],
    [
      'an Allow with NotPrincipal',
      doc(ROOT, {
        Effect: 'Allow',
        NotPrincipal: { AWS: 'arn:aws:iam::1:role/x' },
        Action: 'kms:*',
        Resource: '*',
      }),
      [open('statement #2', 'every principal outside NotPrincipal', 'kms:*')],
    ],
  ])('judges %s', (_, policy, expected) => {
    expect(run({ policy })).toEqual(expected);
  });

  it.each([
    [
      'a key without a policy',
      {},
      fail(
        'policy is not set and no aws_kms_key_policy refers to the key, so AWS applies its default key policy instead of a reviewed one',
      ),
    ],
    ['a policy that is not JSON', { policy: '{not json' }, fail('policy is not valid JSON')],
    [
      'a policy built by a function',
      { policy: '${jsonencode(local.p)}' },
      {
        outcome: 'unresolved',
        attribute: 'policy',
        message:
          'policy is "${jsonencode(local.p)}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ],
  ])('judges %s in one line', (_, cfg, expected) => {
    expect(run(cfg)).toEqual([expected]);
  });
});
