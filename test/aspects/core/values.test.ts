/**
 * aspects/core/values.ts, the value readers every rule leans on: literals (strings that spell numbers
 * and booleans, expressions, CDKTF tokens), Terraform references, key judgement (keys, replicas,
 * aliases, trusted ARNs, AWS-managed keys), policy documents (JSON, objects, data sources), IAM
 * wildcards and statement helpers, each with its edge cases and exact messages.
 *
 * Some tests load a fresh copy of the module inside the test (freshValues, jest.isolateModules): the
 * reference patterns, `strList` and the wildcard cache are module-level state, built when the module
 * is imported. Code that runs at import or at describe time is attributed to no test by the mutation
 * run (StrykerJS, perTest coverage; see mutation/stryker.config.mjs), so a mutant there could survive
 * a test that would fail on it; a copy loaded inside the test makes that code the test's own (and
 * gives the wildcard cache a known, empty start).
 */
import fc from 'fast-check';
import { TfModel } from '../../../aspects/core/model';
import type * as Model from '../../../aspects/core/model';
import type { Statement } from '../../../aspects/core/values';
import type * as Values from '../../../aspects/core/values';
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
  wildcardMatches,
  wildcardRegExp,
} from '../../../aspects/core/values';
import { fcParams } from '../../support/fc';

const model = (resource: Record<string, Record<string, Record<string, unknown>>>, data = {}) =>
  new TfModel({ resource, data }, { taggableTypes: [] });

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

/** A copy of values.ts (and the model.ts it imports) loaded now, inside the calling test. */
function freshValues(): { values: typeof Values; model: typeof Model } {
  let loaded: { values: typeof Values; model: typeof Model } | undefined;
  jest.isolateModules(() => {
    loaded = {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      values: require('../../../aspects/core/values') as typeof Values,
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      model: require('../../../aspects/core/model') as typeof Model,
    };
  });
  return loaded!;
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

describe('literal readers: boundaries', () => {
  it.each<[unknown, unknown]>([
    ['10', { kind: 'value', value: 10 }],
    ['-0.5', { kind: 'value', value: -0.5 }],
    ['--1', { kind: 'invalid', raw: '--1' }],
    ['1.2.3', { kind: 'invalid', raw: '1.2.3' }],
    ['x1', { kind: 'invalid', raw: 'x1' }],
    ['1x', { kind: 'invalid', raw: '1x' }],
    ['.5', { kind: 'invalid', raw: '.5' }],
    ['1.x', { kind: 'invalid', raw: '1.x' }],
    ['', { kind: 'invalid', raw: '' }],
    [NaN, { kind: 'invalid', raw: NaN }],
    [-Infinity, { kind: 'invalid', raw: -Infinity }],
    [0, { kind: 'value', value: 0 }],
    [{}, { kind: 'invalid', raw: {} }],
    ['TfToken[TOKEN.3]', { kind: 'unresolved', expression: 'TfToken[TOKEN.3]' }],
  ])('literalNumber(%j)', (v, expected) => {
    expect(literalNumber(v)).toEqual(expected);
  });

  it.each<[unknown, unknown]>([
    [true, { kind: 'value', value: true }],
    ['True', { kind: 'invalid', raw: 'True' }],
    ['', { kind: 'invalid', raw: '' }],
    [0, { kind: 'invalid', raw: 0 }],
  ])('literalBool(%j)', (v, expected) => {
    expect(literalBool(v)).toEqual(expected);
  });

  it.each<[unknown, unknown]>([
    [[1, 2], { kind: 'invalid', raw: [1, 2] }],
    [[null], { kind: 'invalid', raw: [null] }],
    [{ 0: 'a' }, { kind: 'invalid', raw: { 0: 'a' } }],
    [['TfToken[TOKEN.9]'], { kind: 'unresolved', expression: 'TfToken[TOKEN.9]' }],
  ])('literalStringList(%j)', (v, expected) => {
    expect(literalStringList(v)).toEqual(expected);
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
    // a fresh copy: the list of namespaces is built when the module loads
    const { referenceOf, referencesIn } = freshValues().values;
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

describe('references: boundaries', () => {
  it.each<[string, string | undefined]>([
    ['${aws_kms_key.k.arn}x', undefined],
    [' ${aws_kms_key.k.arn}', undefined],
    ['${Aws_kms_key.k.arn}', undefined],
    ['${aws_kms_key.k-1.arn}', 'aws_kms_key.k-1'],
    ['${aws_kms_key._k.arn}', 'aws_kms_key._k'],
    ['${aws_kms_key.1k.arn}', undefined],
    ['${data.aws_iam_policy_document.p}', 'data.aws_iam_policy_document.p'],
    ['${aws_subnet.a[12]}', 'aws_subnet.a'],
    ['${aws_subnet.a[x]}', undefined],
  ])('referenceOf(%j) names %j', (v, address) => {
    expect(referenceOf(v)?.address).toBe(address);
  });

  it('reads a reference only from a string, not from a value that merely prints as one', () => {
    const list = ['${aws_kms_key.k.arn}'];
    expect(String(list)).toBe('${aws_kms_key.k.arn}');
    expect(referenceOf(list)).toBeUndefined();
    expect(referenceOf({ toString: () => '${aws_kms_key.k.arn}' })).toBeUndefined();
  });

  it('keeps the attribute path after the address, without its leading dot', () => {
    expect(referenceOf('${aws_subnet.a[0]}')?.attribute).toBe('[0]');
    expect(referenceOf('${aws_s3_bucket.b.arn}')?.attribute).toBe('arn');
    expect(referencesIn('${aws_s3_bucket.b.arn}/*')[0].attribute).toBe('arn');
    expect(referencesIn('${data.aws_region.r.name}')[0]).toEqual({
      address: 'data.aws_region.r',
      type: 'aws_region',
      mode: 'data',
      attribute: 'name',
    });
  });

  it('finds every embedded reference, in order, including repeats', () => {
    expect(
      referencesIn('${aws_a.x.id}-${aws_b.y.id}-${aws_a.x.id}-${local.z}').map((r) => r.address),
    ).toEqual(['aws_a.x', 'aws_b.y', 'aws_a.x']);
    expect(referencesIn('no references')).toEqual([]);
  });
});

describe('references (patterns compiled inside the test)', () => {
  it('a whole value is a reference only from ${ to }, to a resource or data source, with its attribute path', () => {
    const { referenceOf } = freshValues().values;
    expect(referenceOf('${aws_kms_key.logs.arn}')).toEqual({
      address: 'aws_kms_key.logs',
      type: 'aws_kms_key',
      mode: 'managed',
      attribute: 'arn',
    });
    expect(referenceOf('${data.aws_iam_policy_document.tls_only.json}')).toEqual({
      address: 'data.aws_iam_policy_document.tls_only',
      type: 'aws_iam_policy_document',
      mode: 'data',
      attribute: 'json',
    });
    // names: letters, digits, underscores and dashes; types: lower case, digits, underscores
    expect(referenceOf('${aws_lambda_function.pay-api_2.arn}')?.address).toBe(
      'aws_lambda_function.pay-api_2',
    );
    expect(referenceOf('${aws_s3_bucket._archive.id}')?.address).toBe('aws_s3_bucket._archive');
    expect(referenceOf('${aws_kms_key.k}')?.attribute).toBe('');
    expect(referenceOf('${aws_s3_bucket.b.tags.Name}')?.attribute).toBe('tags.Name');
    expect(referenceOf('${aws_subnet.private[0].id}')?.attribute).toBe('[0].id');
    expect(referenceOf('${aws_subnet.private[10].id}')?.attribute).toBe('[10].id');
    // not a reference: text around it, a type not starting with a letter, an index that is not a number
    expect(referenceOf('prefix-${aws_kms_key.k.arn}')).toBeUndefined();
    expect(referenceOf('${aws_s3_bucket.b.arn}/*')).toBeUndefined();
    expect(referenceOf('${aws_kms_key.k.arn}suffix')).toBeUndefined();
    expect(referenceOf('${1aws.x.y}')).toBeUndefined();
    expect(referenceOf('${aws_kms_key.1k.arn}')).toBeUndefined();
    expect(referenceOf('${aws_subnet.private[a].id}')).toBeUndefined();
    expect(referenceOf('${var.key_arn}')).toBeUndefined();
  });

  it('references embedded in text are found with their attribute paths', () => {
    const { referencesIn } = freshValues().values;
    const found = referencesIn(
      'arn:${aws_s3_bucket.logs.arn}/*,${aws_kms_key.k},${aws_s3_bucket.b.tags.Name},' +
        '${aws_subnet.private[10].id}:${aws_subnet.private[0].id},${data.aws_partition.current.partition}',
    );
    expect(found.map((r) => [r.address, r.mode, r.attribute])).toEqual([
      ['aws_s3_bucket.logs', 'managed', 'arn'],
      ['aws_kms_key.k', 'managed', ''],
      ['aws_s3_bucket.b', 'managed', 'tags.Name'],
      ['aws_subnet.private', 'managed', '[10].id'],
      ['aws_subnet.private', 'managed', '[0].id'],
      ['data.aws_partition.current', 'data', 'partition'],
    ]);
    expect(referencesIn('${1aws.x.y} ${aws_kms_key.1k.arn} ${aws_subnet.a[b].id} ${var.x.y}')).toEqual([]);
    expect(referencesIn('${aws_lambda_function.pay-api_2.arn}').map((r) => r.address)).toEqual([
      'aws_lambda_function.pay-api_2',
    ]);
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

describe('judgeKey: aliases, literals and expressions', () => {
  const m = model({
    aws_kms_key: { k: {} },
    aws_kms_alias: {
      chain: { target_key_id: '${aws_kms_alias.good.target_key_id}' },
      good: { target_key_id: '${aws_kms_key.k.key_id}' },
      literal: { target_key_id: 'arn:aws:kms:us-east-1:1:key/trusted' },
      empty: {},
    },
  });

  it('follows an alias to a literal key (trusted or not), to nothing, and through another alias', () => {
    const trusted = 'arn:aws:kms:us-east-1:1:key/trusted';
    expect(judgeKey(m, '${aws_kms_alias.literal.arn}', [trusted])).toEqual({ kind: 'cmk', text: trusted });
    expect(judgeKey(m, '${aws_kms_alias.literal.arn}')).toEqual({ kind: 'unknown', text: trusted });
    expect(judgeKey(m, '${aws_kms_alias.empty.arn}')).toEqual({ kind: 'absent' });
    expect(judgeKey(m, '${aws_kms_alias.chain.arn}')).toHaveProperty('key.address', 'aws_kms_key.k');
  });

  it.each<[unknown, unknown]>([
    [42, { kind: 'unknown', text: '42' }],
    [false, { kind: 'unknown', text: 'false' }],
    [['k'], { kind: 'unknown', text: '["k"]' }],
    ['prefix-${aws_kms_key.k.arn}', { kind: 'unresolved', text: 'prefix-${aws_kms_key.k.arn}' }],
    ['TfToken[TOKEN.1]', { kind: 'unresolved', text: 'TfToken[TOKEN.1]' }],
    [
      'arn:aws:kms:us-east-1:1:alias/awsx/k',
      { kind: 'unknown', text: 'arn:aws:kms:us-east-1:1:alias/awsx/k' },
    ],
    ['myalias/aws/k', { kind: 'unknown', text: 'myalias/aws/k' }],
  ])('judges %j', (v, expected) => {
    expect(judgeKey(m, v)).toEqual(expected);
  });
});

describe('judgeKey: KMS aliases that point at each other', () => {
  it('are unresolved, not a stack overflow', () => {
    const model = new TfModel(
      {
        resource: {
          aws_kms_alias: {
            a: { name: 'alias/a', target_key_id: '${aws_kms_alias.b.target_key_id}' },
            b: { name: 'alias/b', target_key_id: '${aws_kms_alias.a.target_key_id}' },
          },
        },
      },
      { taggableTypes: [] },
    );
    expect(judgeKey(model, '${aws_kms_alias.a.arn}')).toEqual({
      kind: 'unresolved',
      text: '${aws_kms_alias.a.target_key_id}',
    });
  });
  it('an alias chain that ends at a key still finds the key', () => {
    const model = new TfModel(
      {
        resource: {
          aws_kms_key: { k: { enable_key_rotation: true } },
          aws_kms_alias: {
            a: { name: 'alias/a', target_key_id: '${aws_kms_alias.b.target_key_id}' },
            b: { name: 'alias/b', target_key_id: '${aws_kms_key.k.key_id}' },
          },
        },
      },
      { taggableTypes: [] },
    );
    const j = judgeKey(model, '${aws_kms_alias.a.arn}');
    expect(j.kind).toBe('cmk');
    expect(j.kind === 'cmk' && j.key?.address).toBe('aws_kms_key.k');
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

describe('policyDocument memo', () => {
  it('memoizes texts only: two document objects are each read for what they say', () => {
    const m = model({});
    const allow = policyDocument(m, { Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] });
    const deny = policyDocument(m, { Statement: [{ Effect: 'Deny', Action: 'sns:Publish' }] });
    expect(allow.kind === 'document' && allow.statements.map((s) => [s.effect, ...s.actions])).toEqual([
      ['Allow', 's3:GetObject'],
    ]);
    expect(deny.kind === 'document' && deny.statements.map((s) => [s.effect, ...s.actions])).toEqual([
      ['Deny', 'sns:Publish'],
    ]);
  });

  it('does not share a parse between two models', () => {
    const text = '{"Statement":[]}';
    expect(policyDocument(model({}), text)).not.toBe(policyDocument(model({}), text));
  });
});

describe('policyDocument references', () => {
  const m = model(
    { aws_iam_policy_document: { managed: { statement: [{ effect: 'Allow', actions: ['s3:*'] }] } } },
    {
      aws_iam_policy_document: { doc: { statement: [{ effect: 'Deny', actions: ['sns:*'] }] } },
      aws_caller_identity: { me: {} },
    },
  );

  it.each([
    ['a managed resource that happens to share the type name', '${aws_iam_policy_document.managed.json}'],
    ['a data source of another type', '${data.aws_caller_identity.me.json}'],
    ['a data source that is not declared', '${data.aws_iam_policy_document.other.json}'],
  ])('cannot read %s', (_, ref) => {
    expect(policyDocument(m, ref)).toEqual({ kind: 'unresolved', text: ref });
  });

  it('reads the declared aws_iam_policy_document data source', () => {
    const doc = policyDocument(m, '${data.aws_iam_policy_document.doc.json}');
    expect(doc.kind === 'document' && doc.statements.map((s) => [s.effect, ...s.actions])).toEqual([
      ['Deny', 'sns:*'],
    ]);
  });
});

describe('policyDocument (statement lists read inside the test)', () => {
  it('reads Action, Resource and principals given as a string or a list, from JSON or from a data source', () => {
    const { values, model } = freshValues();
    const m = new model.TfModel(
      {
        data: {
          aws_iam_policy_document: {
            p: {
              statement: {
                effect: 'Allow',
                actions: ['sns:Publish', 7],
                resources: ['${aws_sns_topic.t.arn}'],
                principals: { type: 'Service', identifiers: 'events.amazonaws.com' },
              },
            },
          },
        },
      },
      { taggableTypes: [] },
    );
    const json = values.policyDocument(
      m,
      JSON.stringify({
        Statement: {
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          NotAction: ['kms:Delete*'],
          Resource: '*',
          NotResource: 'arn:aws:kms:us-east-1:1:key/x',
          Principal: { AWS: 'arn:aws:iam::1:root' },
        },
      }),
    );
    expect(json.kind === 'document' && json.statements[0]).toMatchObject({
      actions: ['kms:Decrypt'],
      notActions: ['kms:Delete*'],
      resources: ['*'],
      notResources: ['arn:aws:kms:us-east-1:1:key/x'],
      principals: { AWS: ['arn:aws:iam::1:root'] },
    });
    const data = values.policyDocument(m, '${data.aws_iam_policy_document.p.json}');
    expect(data.kind === 'document' && data.statements[0]).toMatchObject({
      actions: ['sns:Publish'],
      resources: ['${aws_sns_topic.t.arn}'],
      principals: { Service: ['events.amazonaws.com'] },
      notActions: [],
    });
  });
});

describe('wildcard matching: actions', () => {
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

describe('wildcardMatches', () => {
  it.each([
    ['arn:aws:s3:::pay-archive/*', 'arn:aws:s3:::pay-archive/*', true],
    ['arn:aws:s3:::pay-archive/*', 'arn:aws:s3:::pay-archive/a/b', true],
    ['arn:aws:s3:::pay-archive/*', 'arn:aws:s3:::pay-archive', false],
    ['arn:aws:s3:::pay-archive', 'arn:aws:s3:::pay-archive/*', false],
    ['arn:aws:s3:::pay-*', 'arn:aws:s3:::pay-archive', true],
    ['arn:aws:s3:::pay-?rchive', 'arn:aws:s3:::pay-archive', true],
    ['arn:aws:s3:::pay-?rchive', 'arn:aws:s3:::pay-rchive', false],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYbZ', false],
    ['**a', 'ba', true],
    ['arn:aws:s3:::PAY', 'arn:aws:s3:::pay', false],
  ])('%j matches %j: %s', (pattern, value, expected) => {
    expect(wildcardMatches(pattern, value)).toBe(expected);
  });

  it('agrees with the anchored RegExp on random patterns and values', () => {
    const text = (chars: string[], max: number) =>
      fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(text(['a', 'b', '/', '*', '?'], 8), text(['a', 'b', '/', '*'], 10), (pattern, value) => {
        expect(wildcardMatches(pattern, value)).toBe(wildcardRegExp(pattern).test(value));
      }),
      fcParams({ numRuns: 2000 }),
    );
  });
});

describe('wildcardMatches: a * in the value', () => {
  it('a pattern * covers a value * followed by more text (b/* covers b/*.log)', () => {
    expect(wildcardMatches('arn:aws:s3:::b/*', 'arn:aws:s3:::b/*.log')).toBe(true);
    expect(wildcardMatches('arn:aws:s3:::b/*', 'arn:aws:s3:::b/*/*')).toBe(true);
    expect(wildcardMatches('*', '**')).toBe(true);
    expect(wildcardMatches('arn:aws:s3:::b/*.log', 'arn:aws:s3:::b/*')).toBe(false);
  });
});

describe('wildcardRegExp cache', () => {
  /** A fresh copy of the module, so the cache starts empty. */
  const fresh = (): typeof Values => freshValues().values;

  it('keeps a compiled pattern while other patterns are compiled', () => {
    const { wildcardRegExp } = fresh();
    const a = wildcardRegExp('arn:aws:s3:::a/*');
    wildcardRegExp('arn:aws:s3:::b/*');
    wildcardRegExp('arn:aws:s3:::a/*', 'i');
    expect(wildcardRegExp('arn:aws:s3:::a/*')).toBe(a);
    expect(wildcardRegExp('arn:aws:s3:::a/*', 'i')).not.toBe(a);
    expect(wildcardRegExp('arn:aws:s3:::a/*', 'i').flags).toBe('i');
  });

  it('holds up to 10,001 patterns and starts over when a new one would make it larger', () => {
    const { wildcardRegExp } = fresh();
    const first = wildcardRegExp('p0');
    for (let i = 1; i <= 10_000; i++) wildcardRegExp(`p${i}`);
    // 10,001 entries: nothing was dropped yet.
    expect(wildcardRegExp('p0')).toBe(first);
    wildcardRegExp('p10001');
    // The 10,002nd pattern cleared the cache: p0 is compiled afresh (and still matches the same).
    const again = wildcardRegExp('p0');
    expect(again).not.toBe(first);
    expect(again.source).toBe(first.source);
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
