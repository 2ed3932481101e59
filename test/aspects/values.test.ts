/**
 * aspects/engine/values.ts beyond mutation-values.test.ts: the policy-document memo (keyed by text
 * only), the bound on the compiled-wildcard cache, references that look like policy documents but are
 * not, and the remaining boundaries of the literal readers and key judgement.
 */
import { TfModel } from '../../aspects/core/model';
import {
  judgeKey,
  literalBool,
  literalNumber,
  literalStringList,
  policyDocument,
  referenceOf,
  referencesIn,
} from '../../aspects/core/values';
import type * as Values from '../../aspects/core/values';

type ValuesModule = typeof Values;

const model = (resource: Record<string, Record<string, Record<string, unknown>>>, data = {}) =>
  new TfModel({ resource, data });

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

describe('wildcardRegExp cache', () => {
  /** A fresh copy of the module, so the cache starts empty. */
  function fresh(): ValuesModule {
    let mod: ValuesModule | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      mod = require('../../aspects/core/values') as ValuesModule;
    });
    return mod!;
  }

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

describe('literal readers, remaining boundaries', () => {
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

describe('references, remaining boundaries', () => {
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

describe('judgeKey, remaining branches', () => {
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
