/**
 * Direct tests of aspects/engine/values.ts, the value readers every rule leans on. Mutation testing
 * (npm run mutation) showed them exercised only through rules, which check outcomes and rarely the
 * edge cases: strings that spell numbers and booleans, references with indexes, aliases and replicas of
 * keys, data-source policy documents, and the exact sentences a key problem is reported with.
 */
import { TfModel } from '../../aspects/core/model';
import type { Statement } from '../../aspects/core/values';
import {
  actionMatches,
  conditionValues,
  describeKeyProblem,
  isExpression,
  isTlsDenyStatement,
  judgeKey,
  literalBool,
  literalNumber,
  literalString,
  literalStringList,
  policyDocument,
  principalIncludes,
  referenceOf,
  referencesIn,
  refersTo,
  statementCoversActions,
  wildcardRegExp,
} from '../../aspects/core/values';

const model = (resource: Record<string, Record<string, Record<string, unknown>>>, data = {}) =>
  new TfModel({ resource, data });

/** A statement with defaults, for the statement helpers. */
function st(over: Partial<Statement>): Statement {
  return {
    effect: 'Allow',
    principals: {},
    hasNotPrincipal: false,
    actions: [],
    notActions: [],
    resources: [],
    notResources: [],
    conditions: {},
    ...over,
  };
}

describe('literal readers', () => {
  it('read numbers written as numbers or as decimal strings, and nothing else', () => {
    expect(literalNumber(undefined)).toEqual({ kind: 'absent' });
    expect(literalNumber(null)).toEqual({ kind: 'absent' });
    expect(literalNumber(90)).toEqual({ kind: 'value', value: 90 });
    expect(literalNumber(Infinity)).toEqual({ kind: 'invalid', raw: Infinity });
    expect(literalNumber('42')).toEqual({ kind: 'value', value: 42 });
    expect(literalNumber('5')).toEqual({ kind: 'value', value: 5 });
    expect(literalNumber('-3')).toEqual({ kind: 'value', value: -3 });
    expect(literalNumber('1.25')).toEqual({ kind: 'value', value: 1.25 });
    expect(literalNumber(' 7 ')).toEqual({ kind: 'value', value: 7 });
    expect(literalNumber('12abc')).toEqual({ kind: 'invalid', raw: '12abc' });
    expect(literalNumber('abc12')).toEqual({ kind: 'invalid', raw: 'abc12' });
    expect(literalNumber('1.')).toEqual({ kind: 'invalid', raw: '1.' });
    expect(literalNumber('1e3')).toEqual({ kind: 'invalid', raw: '1e3' });
    expect(literalNumber(true)).toEqual({ kind: 'invalid', raw: true });
    expect(literalNumber('${var.days}')).toEqual({ kind: 'unresolved', expression: '${var.days}' });
  });

  it('read booleans written as booleans or as "true"/"false", and nothing else', () => {
    expect(literalBool(undefined)).toEqual({ kind: 'absent' });
    expect(literalBool(null)).toEqual({ kind: 'absent' });
    expect(literalBool(false)).toEqual({ kind: 'value', value: false });
    expect(literalBool('true')).toEqual({ kind: 'value', value: true });
    expect(literalBool('false')).toEqual({ kind: 'value', value: false });
    expect(literalBool('yes')).toEqual({ kind: 'invalid', raw: 'yes' });
    expect(literalBool(1)).toEqual({ kind: 'invalid', raw: 1 });
    expect(literalBool('${var.on}')).toEqual({ kind: 'unresolved', expression: '${var.on}' });
  });

  it('read strings, telling expressions and CDKTF tokens apart from text', () => {
    expect(literalString(undefined)).toEqual({ kind: 'absent' });
    expect(literalString(null)).toEqual({ kind: 'absent' });
    expect(literalString('x')).toEqual({ kind: 'value', value: 'x' });
    expect(literalString(3)).toEqual({ kind: 'invalid', raw: 3 });
    expect(literalString('${aws_kms_key.k.arn}').kind).toBe('unresolved');
    expect(isExpression('${TfToken[TOKEN.1]}')).toBe(true);
    expect(isExpression('TfToken[TOKEN.1]')).toBe(true);
    expect(isExpression('$ {not}')).toBe(false);
    expect(isExpression(42)).toBe(false);
  });

  it('read string lists: an expression anywhere leaves the list unresolved, a non-string makes it invalid', () => {
    expect(literalStringList(undefined)).toEqual({ kind: 'absent' });
    expect(literalStringList(null)).toEqual({ kind: 'absent' });
    expect(literalStringList('${var.list}')).toEqual({ kind: 'unresolved', expression: '${var.list}' });
    expect(literalStringList('a')).toEqual({ kind: 'invalid', raw: 'a' });
    expect(literalStringList(['a', 1])).toEqual({ kind: 'invalid', raw: ['a', 1] });
    expect(literalStringList(['a', '${var.b}', '${var.c}'])).toEqual({
      kind: 'unresolved',
      expression: '${var.b}',
    });
    expect(literalStringList(['a', 'b'])).toEqual({ kind: 'value', value: ['a', 'b'] });
    expect(literalStringList([])).toEqual({ kind: 'value', value: [] });
  });
});

describe('references', () => {
  it('name the resource a whole-value reference points at, with the attribute path after it', () => {
    expect(referenceOf('${aws_kms_key.logs.arn}')).toEqual({
      address: 'aws_kms_key.logs',
      type: 'aws_kms_key',
      mode: 'managed',
      attribute: 'arn',
    });
    expect(referenceOf('${data.aws_iam_policy_document.p.json}')).toEqual({
      address: 'data.aws_iam_policy_document.p',
      type: 'aws_iam_policy_document',
      mode: 'data',
      attribute: 'json',
    });
    expect(referenceOf('${aws_kms_key.k}')?.attribute).toBe('');
    expect(referenceOf('${aws_subnet.a[0].id}')?.attribute).toBe('[0].id');
    expect(referenceOf('${aws_x.y.a.b}')?.attribute).toBe('a.b');
    expect(referenceOf('prefix-${aws_kms_key.k.arn}')).toBeUndefined();
    expect(referenceOf(42)).toBeUndefined();
  });

  it('are not variables, locals, modules or other Terraform namespaces', () => {
    for (const ns of ['var', 'local', 'module', 'path', 'terraform', 'each', 'count', 'self']) {
      expect(referenceOf(`\${${ns}.x.y}`)).toBeUndefined();
      expect(referencesIn(`\${${ns}.x.y}`)).toEqual([]);
    }
    expect(referenceOf('${data.var.x}')?.address).toBe('data.var.x');
  });

  it('are found anywhere inside a string, and a value refers to a resource only through its address', () => {
    const refs = referencesIn('arn:${aws_s3_bucket.b.arn}/*,${var.x},${data.aws_partition.p.partition}');
    expect(refs.map((r) => r.address)).toEqual(['aws_s3_bucket.b', 'data.aws_partition.p']);
    expect(referencesIn(42)).toEqual([]);
    expect(referencesIn(undefined)).toEqual([]);
    const m = model({ aws_kms_key: { k: {}, other: {} } });
    const k = m.byAddress('aws_kms_key.k')!;
    expect(refersTo('x-${aws_kms_key.k.arn}', k)).toBe(true);
    expect(refersTo('${aws_kms_key.other.arn}', k)).toBe(false);
    expect(refersTo(['${aws_kms_key.k.arn}'], k)).toBe(false);
  });
});

describe('judgeKey', () => {
  const m = model({
    aws_kms_key: { k: {} },
    aws_kms_replica_key: { r: {} },
    aws_kms_alias: {
      good: { target_key_id: '${aws_kms_key.k.key_id}' },
      managed: { target_key_id: 'alias/aws/logs' },
    },
    aws_s3_bucket: { b: {} },
  });

  it('calls a key declared in the stack, its replica, or an alias of it customer-managed', () => {
    expect(judgeKey(m, '${aws_kms_key.k.arn}')).toMatchObject({ kind: 'cmk', text: '${aws_kms_key.k.arn}' });
    expect(judgeKey(m, '${aws_kms_key.k.arn}')).toHaveProperty('key.address', 'aws_kms_key.k');
    expect(judgeKey(m, '${aws_kms_replica_key.r.arn}')).toHaveProperty(
      'key.address',
      'aws_kms_replica_key.r',
    );
    expect(judgeKey(m, '${aws_kms_alias.good.arn}')).toHaveProperty('key.address', 'aws_kms_key.k');
    expect(judgeKey(m, '${aws_kms_alias.managed.arn}')).toEqual({
      kind: 'aws-managed',
      text: 'alias/aws/logs',
    });
  });

  it('cannot judge a reference to anything else, or an expression', () => {
    expect(judgeKey(m, '${aws_s3_bucket.b.arn}')).toEqual({
      kind: 'unresolved',
      text: '${aws_s3_bucket.b.arn}',
    });
    expect(judgeKey(m, '${aws_kms_key.missing.arn}')).toEqual({
      kind: 'unresolved',
      text: '${aws_kms_key.missing.arn}',
    });
    expect(judgeKey(m, '${var.key}')).toEqual({ kind: 'unresolved', text: '${var.key}' });
  });

  it('tells AWS-managed aliases, trusted ARNs, unknown literals and absence apart', () => {
    expect(judgeKey(m, 'alias/aws/s3')).toEqual({ kind: 'aws-managed', text: 'alias/aws/s3' });
    const managedArn = 'arn:aws:kms:us-east-1:123456789012:alias/aws/sns';
    expect(judgeKey(m, managedArn)).toEqual({ kind: 'aws-managed', text: managedArn });
    expect(judgeKey(m, 'alias/awsome')).toEqual({ kind: 'unknown', text: 'alias/awsome' });
    const arn = 'arn:aws:kms:us-east-1:123456789012:key/1234';
    expect(judgeKey(m, arn, [arn])).toEqual({ kind: 'cmk', text: arn });
    expect(judgeKey(m, arn)).toEqual({ kind: 'unknown', text: arn });
    expect(judgeKey(m, { arn })).toEqual({ kind: 'unknown', text: JSON.stringify({ arn }) });
    expect(judgeKey(m, undefined)).toEqual({ kind: 'absent' });
    expect(judgeKey(m, null)).toEqual({ kind: 'absent' });
    expect(judgeKey(m, '')).toEqual({ kind: 'absent' });
  });

  it('describes each problem in one sentence naming the attribute', () => {
    expect(describeKeyProblem('kms_key_id', { kind: 'absent' })).toBe(
      'kms_key_id is not set, so the data is encrypted (if at all) with a key AWS manages, not a customer-managed key',
    );
    expect(describeKeyProblem('kms_key_id', { kind: 'aws-managed', text: 'alias/aws/logs' })).toBe(
      'kms_key_id is "alias/aws/logs", an AWS-managed key, not a customer-managed key',
    );
    expect(describeKeyProblem('kms_key_id', { kind: 'unknown', text: 'k' })).toBe(
      'kms_key_id is "k", a key that is neither declared in this stack nor listed in policy.trustedKeyArns',
    );
    expect(describeKeyProblem('kms_key_id', { kind: 'unresolved', text: '${var.k}' })).toBe(
      'kms_key_id is "${var.k}", which cannot be judged before apply',
    );
    expect(describeKeyProblem('kms_key_id', { kind: 'cmk', text: 'x' })).toBe(
      'kms_key_id is a customer-managed key',
    );
  });
});

describe('policyDocument', () => {
  it('is absent when the attribute is unset or empty', () => {
    const m = model({});
    expect(policyDocument(m, undefined)).toEqual({ kind: 'absent' });
    expect(policyDocument(m, null)).toEqual({ kind: 'absent' });
    expect(policyDocument(m, '')).toEqual({ kind: 'absent' });
  });

  it('reads a JSON document: statements normalized, junk entries skipped', () => {
    const m = model({});
    const doc = policyDocument(
      m,
      JSON.stringify({
        Statement: [
          'junk',
          {
            Sid: 'Deny',
            Effect: 'Deny',
            Principal: '*',
            NotPrincipal: { AWS: 'x' },
            Action: ['s3:GetObject', 5],
            NotAction: 's3:Put*',
            Resource: 'arn:aws:s3:::b/*',
            NotResource: ['arn:aws:s3:::c'],
            Condition: { Bool: { 'aws:SecureTransport': false }, StringEquals: 'not-an-object' },
          },
          { Sid: 12, Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com', AWS: ['a', 'b'] } },
        ],
      }),
    );
    expect(doc).toEqual({
      kind: 'document',
      statements: [
        {
          sid: 'Deny',
          effect: 'Deny',
          principals: { '*': ['*'] },
          hasNotPrincipal: true,
          actions: ['s3:GetObject'],
          notActions: ['s3:Put*'],
          resources: ['arn:aws:s3:::b/*'],
          notResources: ['arn:aws:s3:::c'],
          conditions: { Bool: { 'aws:SecureTransport': ['false'] } },
        },
        {
          sid: undefined,
          effect: 'Allow',
          principals: { Service: ['logs.amazonaws.com'], AWS: ['a', 'b'] },
          hasNotPrincipal: false,
          actions: [],
          notActions: [],
          resources: [],
          notResources: [],
          conditions: {},
        },
      ],
    });
  });

  it('accepts a single Statement object and a document given as an object (plans)', () => {
    const m = model({});
    const one = policyDocument(m, '{"Statement":{"Effect":"Allow","Action":"s3:*"}}');
    expect(one.kind === 'document' && one.statements.map((s) => s.actions)).toEqual([['s3:*']]);
    const obj = policyDocument(m, { Statement: [{ Effect: 'Deny', Action: 'sns:Publish' }] });
    expect(obj.kind === 'document' && obj.statements[0].effect).toBe('Deny');
  });

  it('says why a text is not a policy', () => {
    const m = model({});
    expect(policyDocument(m, '{not json')).toEqual({ kind: 'invalid', reason: 'is not valid JSON' });
    expect(policyDocument(m, '[1, 2]')).toEqual({ kind: 'invalid', reason: 'is not a JSON object' });
    expect(policyDocument(m, '"text"')).toEqual({ kind: 'invalid', reason: 'is not a JSON object' });
    expect(policyDocument(m, '{"Version":"2012-10-17"}')).toEqual({
      kind: 'invalid',
      reason: 'has no Statement',
    });
    expect(policyDocument(m, 'jsonencode(${var.p})')).toEqual({
      kind: 'unresolved',
      text: 'jsonencode(${var.p})',
    });
  });

  it('follows a reference to an aws_iam_policy_document data source, and only to one', () => {
    const m = model(
      { aws_iam_policy: { managed: {} } },
      {
        aws_iam_policy_document: {
          p: {
            statement: [
              {
                sid: 'TlsOnly',
                effect: 'Deny',
                principals: [
                  { type: 'AWS', identifiers: ['*'] },
                  { type: 'AWS', identifiers: ['arn:aws:iam::1:root'] },
                ],
                not_principals: [{ type: 'Service', identifiers: ['x'] }],
                actions: ['s3:*', 3],
                not_actions: ['s3:Get*'],
                resources: ['arn:aws:s3:::b'],
                not_resources: ['arn:aws:s3:::c'],
                condition: [
                  { test: 'Bool', variable: 'aws:SecureTransport', values: [false] },
                  { test: 'Bool', variable: 'aws:ViaAWSService', values: ['true'] },
                ],
              },
              { effect: 'Allow', sid: 7 },
            ],
          },
        },
      },
    );
    expect(policyDocument(m, '${data.aws_iam_policy_document.p.json}')).toEqual({
      kind: 'document',
      statements: [
        {
          sid: 'TlsOnly',
          effect: 'Deny',
          principals: { AWS: ['*', 'arn:aws:iam::1:root'] },
          hasNotPrincipal: true,
          actions: ['s3:*'],
          notActions: ['s3:Get*'],
          resources: ['arn:aws:s3:::b'],
          notResources: ['arn:aws:s3:::c'],
          conditions: { Bool: { 'aws:SecureTransport': ['false'], 'aws:ViaAWSService': ['true'] } },
        },
        {
          sid: undefined,
          effect: 'Allow',
          principals: {},
          hasNotPrincipal: false,
          actions: [],
          notActions: [],
          resources: [],
          notResources: [],
          conditions: {},
        },
      ],
    });
    expect(policyDocument(m, '${aws_iam_policy.managed.policy}')).toEqual({
      kind: 'unresolved',
      text: '${aws_iam_policy.managed.policy}',
    });
    expect(policyDocument(m, '${data.aws_iam_policy_document.missing.json}').kind).toBe('unresolved');
  });

  it('parses each text once per model', () => {
    const m = model({});
    const text = '{"Statement":[]}';
    expect(policyDocument(m, text)).toBe(policyDocument(m, text));
  });
});

describe('wildcard matching', () => {
  it('matches IAM actions with * and ? case-insensitively, every other character literally', () => {
    expect(actionMatches('s3:*', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:Gebject')).toBe(false);
    expect(actionMatches('S3:getobject', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get', 's3:GetObject')).toBe(false);
    expect(actionMatches('kms:Encrypt*', 'kms:Decrypt')).toBe(false);
    expect(actionMatches('a.b', 'axb')).toBe(false);
    expect(actionMatches('a.b', 'a.b')).toBe(true);
    expect(actionMatches('a+b', 'a+b')).toBe(true);
    expect(actionMatches('a+b', 'aab')).toBe(false);
  });

  it('compiles a pattern once, anchored, with the flags asked for', () => {
    const re = wildcardRegExp('arn:aws:s3:::b/*');
    expect(wildcardRegExp('arn:aws:s3:::b/*')).toBe(re);
    expect(re.test('arn:aws:s3:::b/key')).toBe(true);
    expect(re.test('xarn:aws:s3:::b/key')).toBe(false);
    expect(re.test('ARN:aws:s3:::b/key')).toBe(false);
    expect(wildcardRegExp('a', 'i').test('A')).toBe(true);
  });

  it('says a statement covers actions only when it grants every one', () => {
    const s = st({ actions: ['kms:Encrypt*', 'kms:Decrypt'] });
    expect(statementCoversActions(s, ['kms:Encrypt', 'kms:Decrypt'])).toBe(true);
    expect(statementCoversActions(s, ['kms:Encrypt', 'kms:GenerateDataKey'])).toBe(false);
    expect(statementCoversActions(s, [])).toBe(true);
  });
});

describe('statement helpers', () => {
  it('principalIncludes: the named principal, or everyone', () => {
    expect(
      principalIncludes(
        st({ principals: { Service: ['logs.amazonaws.com'] } }),
        'Service',
        'logs.amazonaws.com',
      ),
    ).toBe(true);
    expect(
      principalIncludes(
        st({ principals: { Service: ['sns.amazonaws.com'] } }),
        'Service',
        'logs.amazonaws.com',
      ),
    ).toBe(false);
    expect(principalIncludes(st({ principals: { '*': ['*'] } }), 'Service', 'x')).toBe(true);
    expect(principalIncludes(st({ principals: { AWS: ['*'] } }), 'Service', 'x')).toBe(true);
    expect(principalIncludes(st({ principals: { AWS: ['arn:aws:iam::1:root'] } }), 'Service', 'x')).toBe(
      false,
    );
    expect(principalIncludes(st({}), 'Service', 'x')).toBe(false);
  });

  it('conditionValues: keys case-insensitive, optionally only under some operators', () => {
    const s = st({
      conditions: {
        StringEquals: { 'AWS:SourceAccount': ['1'], other: ['x'] },
        ArnLike: { 'aws:sourceaccount': ['2'] },
      },
    });
    expect(conditionValues(s, 'aws:SourceAccount')).toEqual(['1', '2']);
    expect(conditionValues(s, 'aws:SourceAccount', ['ArnLike'])).toEqual(['2']);
    expect(conditionValues(s, 'missing')).toEqual([]);
  });

  it('isTlsDenyStatement: a Deny to everyone when aws:SecureTransport is false (Bool or BoolIfExists)', () => {
    const cond = { Bool: { 'aws:SecureTransport': ['false'] } };
    expect(isTlsDenyStatement(st({ effect: 'Deny', principals: { '*': ['*'] }, conditions: cond }))).toBe(
      true,
    );
    expect(isTlsDenyStatement(st({ effect: 'Deny', principals: { AWS: ['*'] }, conditions: cond }))).toBe(
      true,
    );
    expect(
      isTlsDenyStatement(
        st({
          effect: 'Deny',
          principals: { AWS: ['*'] },
          conditions: { BoolIfExists: { 'aws:SecureTransport': ['false'] } },
        }),
      ),
    ).toBe(true);
    expect(isTlsDenyStatement(st({ effect: 'Allow', principals: { '*': ['*'] }, conditions: cond }))).toBe(
      false,
    );
    expect(
      isTlsDenyStatement(
        st({ effect: 'Deny', principals: { AWS: ['arn:aws:iam::1:root'] }, conditions: cond }),
      ),
    ).toBe(false);
    expect(
      isTlsDenyStatement(
        st({
          effect: 'Deny',
          principals: { '*': ['*'] },
          conditions: { StringEquals: { 'aws:SecureTransport': ['false'] } },
        }),
      ),
    ).toBe(false);
    expect(
      isTlsDenyStatement(
        st({
          effect: 'Deny',
          principals: { '*': ['*'] },
          conditions: { Bool: { 'aws:SecureTransport': ['true'] } },
        }),
      ),
    ).toBe(false);
  });
});
