/**
 * aspects/core/model.ts: what the model indexes (managed resources by type, every resource by address),
 * construct paths, provider default_tags, scope, memos, and the block readers that read CDKTF objects
 * and plan arrays alike. Hand-written configurations only; no rule involved.
 */
import {
  ModelError,
  TfModel,
  type TfResource,
  asArray,
  blocks,
  firstBlock,
  isObject,
} from '../../../aspects/core/model';
import { meta } from '../../support/engine-fixtures';

describe('TfModel', () => {
  const json = {
    resource: {
      aws_sns_topic: {
        a: { name: 'a', ...meta('stack/a') },
        b: { name: 'b', '//': { metadata: {} } },
      },
      aws_s3_bucket: { c: { '//': 'not-an-object' } },
    },
    data: { aws_sns_topic: { d: { name: 'd' } } },
    provider: {
      aws: [
        { region: 'us-east-1', default_tags: [{ tags: { Team: 'ledger' } }] },
        { alias: 'eu', region: 'eu-west-1', default_tags: { tags: { Team: 'eu' } } },
        { alias: 'bare' },
        'junk',
      ],
    },
  };
  const m = new TfModel(json, { taggableTypes: ['aws_sns_topic'] });

  it('indexes managed resources by type and every resource by address, metadata removed', () => {
    expect(m.resources.map((r) => r.address)).toEqual([
      'aws_sns_topic.a',
      'aws_sns_topic.b',
      'aws_s3_bucket.c',
    ]);
    expect(m.dataSources.map((r) => r.address)).toEqual(['data.aws_sns_topic.d']);
    expect(m.ofType('aws_sns_topic').map((r) => r.name)).toEqual(['a', 'b']);
    expect(m.ofType('aws_missing')).toEqual([]);
    expect(m.byAddress('data.aws_sns_topic.d')).toMatchObject({
      mode: 'data',
      type: 'aws_sns_topic',
      name: 'd',
    });
    expect(m.byAddress('aws_sns_topic.a')?.config).toEqual({ name: 'a' });
    // The same, on a model built inside the test (the one above is built when the block is collected):
    // the body keeps every key but CDKTF's `//` metadata, nothing more or less.
    const fresh = new TfModel(
      { resource: { aws_sns_topic: { t: { name: 't', '': 'kept', ...meta('stack/t') } } } },
      { taggableTypes: [] },
    );
    expect(fresh.byAddress('aws_sns_topic.t')?.config).toStrictEqual({ name: 't', '': 'kept' });
    expect(m.taggableTypes.has('aws_sns_topic')).toBe(true);
    expect(new TfModel({}, { taggableTypes: [] }).resources).toEqual([]);
    expect(new TfModel({}, { taggableTypes: [] }).taggableTypes.size).toBe(0);
  });

  it('takes the construct path from the metadata, else uses the address', () => {
    expect(m.byAddress('aws_sns_topic.a')?.path).toBe('stack/a');
    expect(m.byAddress('aws_sns_topic.b')?.path).toBe('aws_sns_topic.b');
    expect(m.byAddress('aws_s3_bucket.c')?.path).toBe('aws_s3_bucket.c');
  });

  it('finds the default_tags of the provider a resource uses (default or alias)', () => {
    const r = (provider?: string) => ({
      type: 't',
      name: 'n',
      address: 't.n',
      path: 'p',
      mode: 'managed' as const,
      config: provider ? { provider } : {},
    });
    expect(m.defaultTagsFor(r())).toEqual({ Team: 'ledger' });
    expect(m.defaultTagsFor(r('aws.eu'))).toEqual({ Team: 'eu' });
    expect(m.defaultTagsFor(r('aws.bare'))).toEqual({});
    expect(m.defaultTagsFor(r('aws.missing'))).toEqual({});
    expect(m.defaultTagsFor({ ...r(), config: { provider: 42 } })).toEqual({ Team: 'ledger' });
  });

  it('judges only resources under the scope paths (the path itself or below it)', () => {
    const scoped = new TfModel(json, { taggableTypes: [], scopePaths: ['stack/a', 'other'] });
    const a = scoped.byAddress('aws_sns_topic.a')!;
    expect(scoped.inScope(a)).toBe(true);
    expect(scoped.inScope({ ...a, path: 'stack/a/child' })).toBe(true);
    expect(scoped.inScope({ ...a, path: 'stack/ab' })).toBe(false);
    expect(scoped.inScope({ ...a, path: 'other' })).toBe(true);
    expect(m.inScope({ ...a, path: 'anything' })).toBe(true);
  });

  it('computes a memo once per key', () => {
    let calls = 0;
    const f = () => ++calls;
    expect(m.memo('k1', f)).toBe(1);
    expect(m.memo('k1', f)).toBe(1);
    expect(m.memo('k2', f)).toBe(2);
    expect(m.memo('undef', () => undefined)).toBeUndefined();
    expect(m.memo('undef', () => 'second')).toBeUndefined();
  });

  it('computes a memoBy value once per kind and pair of keys, undefined results included', () => {
    const m = new TfModel({}, { taggableTypes: [] });
    let calls = 0;
    const f = () => ++calls;
    const r = {} as TfResource;
    expect(m.memoBy('kind', r, 'x', f)).toBe(1);
    expect(m.memoBy('kind', r, 'x', f)).toBe(1);
    expect(m.memoBy('kind', r, 'y', f)).toBe(2);
    expect(m.memoBy('kind', r, 'x', f)).toBe(1);
    expect(m.memoBy('kind', undefined, 'x', f)).toBe(3);
    expect(m.memoBy('kind', r, 'y', f)).toBe(2);
    expect(m.memoBy('other', r, 'x', f)).toBe(4);
    expect(m.memoBy('kind', r, 'x', f)).toBe(1);
    expect(m.memoBy('other', r, 'x', f)).toBe(4);
    expect(calls).toBe(4);
    let undefinedCalls = 0;
    const none = () => {
      undefinedCalls++;
      return undefined;
    };
    expect(m.memoBy('none', r, undefined, none)).toBeUndefined();
    expect(m.memoBy('none', r, undefined, none)).toBeUndefined();
    expect(m.memoBy('none', r, undefined, () => 'second')).toBeUndefined();
    expect(undefinedCalls).toBe(1);
  });

  it('fromParts: a model of resources already read, with data sources, aliases and AWS providers', () => {
    const res = (address: string, mode: 'managed' | 'data' = 'managed'): TfResource => ({
      type: 'aws_sns_topic',
      name: address.split('.').pop()!,
      address,
      path: address,
      config: mode === 'managed' && address.endsWith('eu') ? { provider: 'aws.eu' } : {},
      mode,
    });
    const a = res('aws_sns_topic.a');
    const eu = res('aws_sns_topic.eu');
    const d = res('data.aws_sns_topic.d', 'data');
    const m = TfModel.fromParts(
      {
        resources: [a, eu],
        dataSources: [d],
        aliases: new Map([['aws_sns_topic.a[0]', a]]),
        providers: [
          { alias: 'aws', region: 'us-east-1', defaultTags: { Team: 'ledger' } },
          { alias: 'aws.eu', region: undefined },
        ],
      },
      { taggableTypes: ['aws_sns_topic'], scopePaths: ['aws_sns_topic.a'] },
    );
    expect(m.resources).toEqual([a, eu]);
    expect(m.dataSources).toEqual([d]);
    expect(m.ofType('aws_sns_topic')).toEqual([a, eu]);
    expect(m.byAddress('aws_sns_topic.a[0]')).toBe(a);
    expect(m.byAddress('data.aws_sns_topic.d')).toBe(d);
    expect(m.byAddress('S')).toBeUndefined();
    expect(m.providerRegions()).toEqual([
      { alias: 'aws', region: 'us-east-1' },
      { alias: 'aws.eu', region: undefined },
    ]);
    expect(m.defaultTagsFor(a)).toEqual({ Team: 'ledger' });
    expect(m.defaultTagsFor(eu)).toEqual({});
    expect(m.inScope(a)).toBe(true);
    expect(m.inScope(eu)).toBe(false);
    expect(m.taggableTypes).toEqual(new Set(['aws_sns_topic']));

    const bare = TfModel.fromParts({ resources: [a] }, { taggableTypes: [] });
    expect(bare.dataSources).toStrictEqual([]);
    expect(bare.byAddress('S')).toBeUndefined();
    expect(bare.providerRegions()).toStrictEqual([]);
    expect(bare.defaultTagsFor(a)).toEqual({});
  });

  it('lists the literal region of each aws provider configuration, none when there is no provider', () => {
    expect(new TfModel({ resource: {} }, { taggableTypes: [] }).providerRegions()).toStrictEqual([]);
    expect(m.providerRegions()).toEqual([
      { alias: 'aws', region: 'us-east-1' },
      { alias: 'aws.eu', region: 'eu-west-1' },
      { alias: 'aws.bare', region: undefined },
    ]);
  });

  it('lists only managed resources by type: a data source of the same type is found by address only', () => {
    const m = new TfModel(
      {
        resource: { aws_sns_topic: { a: {} } },
        data: { aws_sns_topic: { existing: {} } },
      },
      { taggableTypes: [] },
    );
    expect(m.ofType('aws_sns_topic').map((r) => r.address)).toEqual(['aws_sns_topic.a']);
    expect(m.byAddress('data.aws_sns_topic.existing')?.mode).toBe('data');
  });

  it('keeps the default_tags of each provider configuration apart; entries that are not objects are skipped', () => {
    const m = new TfModel(
      {
        resource: {
          aws_sns_topic: { plain: {}, eu: { provider: 'aws.eu' }, bare: { provider: 'aws.bare' } },
        },
        provider: {
          aws: [
            { region: 'us-east-1', default_tags: { tags: { Team: 'ledger' } } },
            { alias: 'eu', region: 'eu-west-1', default_tags: [{ tags: { Team: 'eu' } }] },
            { alias: 'bare', region: 'eu-central-1' },
            'junk',
            null,
          ],
        },
      },
      { taggableTypes: [] },
    );
    const tagsOf = (name: string) => m.defaultTagsFor(m.byAddress(`aws_sns_topic.${name}`)!);
    expect(tagsOf('plain')).toEqual({ Team: 'ledger' });
    expect(tagsOf('eu')).toEqual({ Team: 'eu' });
    expect(tagsOf('bare')).toEqual({});
  });

  it('a provider alias is addressed as aws.<alias>, never as the alias alone', () => {
    const m = new TfModel(
      {
        resource: { aws_sns_topic: { eu: { provider: 'eu' } } },
        provider: { aws: { alias: 'eu', default_tags: { tags: { Team: 'eu' } } } },
      },
      { taggableTypes: [] },
    );
    expect(m.defaultTagsFor(m.byAddress('aws_sns_topic.eu')!)).toEqual({});
  });

  it('uses the address as the path when the metadata has no string path', () => {
    const m = new TfModel(
      {
        resource: {
          aws_sns_topic: {
            none: { '//': { metadata: {} } },
            numeric: { '//': { metadata: { path: 7 } } },
            named: meta('stack/named'),
          },
        },
      },
      { taggableTypes: [] },
    );
    expect(m.resources.map((r) => r.path)).toEqual([
      'aws_sns_topic.none',
      'aws_sns_topic.numeric',
      'stack/named',
    ]);
    // the path decides the scope: a resource without one is judged under its address
    const scoped = new TfModel(
      { resource: { aws_sns_topic: { none: { '//': { metadata: {} } } } } },
      { taggableTypes: [], scopePaths: ['aws_sns_topic.none'] },
    );
    expect(scoped.inScope(scoped.resources[0])).toBe(true);
  });
});

describe('block readers', () => {
  it('reads blocks written as objects (CDKTF) or arrays (plans)', () => {
    expect(isObject({})).toBe(true);
    expect(isObject(null)).toBe(false);
    expect(isObject([])).toBe(false);
    expect(asArray(undefined)).toStrictEqual([]);
    expect(asArray(null)).toStrictEqual([]);
    expect(asArray(1)).toEqual([1]);
    expect(asArray([1, 2])).toEqual([1, 2]);
    expect(firstBlock({ a: 1 })).toEqual({ a: 1 });
    expect(firstBlock([{ a: 1 }, { a: 2 }])).toEqual({ a: 1 });
    expect(firstBlock(['x'])).toBeUndefined();
    expect(firstBlock(undefined)).toBeUndefined();
    expect(blocks([{ a: 1 }, 'x', null, { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(blocks({ a: 1 })).toEqual([{ a: 1 }]);
  });
});

describe('TfModel refuses input it cannot judge (it used to judge 0 resources and pass)', () => {
  const taggable = { taggableTypes: [] };

  it('a plan from terraform show -json', () => {
    expect(
      () => new TfModel({ format_version: '1.2', planned_values: { root_module: {} } } as never, taggable),
    ).toThrow(
      /^\[compliance\/InputInvalid\] this is a Terraform plan \(terraform show -json\), not a configuration/,
    );
    // either key alone marks a plan
    expect(() => new TfModel({ resource_changes: [] } as never, taggable)).toThrow(
      /this is a Terraform plan \(terraform show -json\), not a configuration: judge it with the plan adapter/,
    );
  });

  it('state or other show -json output', () => {
    expect(
      () => new TfModel({ format_version: '1.0', values: { root_module: {} } } as never, taggable),
    ).toThrow(/^\[compliance\/InputInvalid\] this looks like Terraform state/);
    // either key alone marks show -json output
    const state =
      '[compliance/InputInvalid] this looks like Terraform state or other `terraform show -json` output, not a configuration: judge the configuration (cdk.tf.json) or a plan';
    expect(() => new TfModel({ values: {} } as never, taggable)).toThrow(state);
    expect(() => new TfModel({ format_version: '1.0' } as never, taggable)).toThrow(state);
  });

  it('JSON with keys a configuration does not have, and what is not an object', () => {
    expect(() => new TfModel({ resources: [] } as never, taggable)).toThrow(
      /^\[compliance\/InputInvalid\] not a Terraform JSON configuration: unknown top-level key\(s\) "resources"/,
    );
    expect(() => new TfModel([] as never, taggable)).toThrow(/expected a Terraform JSON configuration/);
    expect(() => new TfModel(null as never, taggable)).toThrow(/got null/);
    expect(() => new TfModel([] as never, taggable)).toThrow(
      '[compliance/InputInvalid] expected a Terraform JSON configuration (an object), got object',
    );
    expect(() => new TfModel('x' as never, taggable)).toThrow(/, got string$/);
    expect(() => new TfModel({ resources: [], outputs: {} } as never, taggable)).toThrow(
      '[compliance/InputInvalid] not a Terraform JSON configuration: unknown top-level key(s) "resources", "outputs" (a configuration has terraform, provider, resource, data, module, variable, output, locals, moved, import, check, removed)',
    );
    // a block that is not an object, beside one that is, is refused too
    expect(() => new TfModel({ data: { aws_x: { a: {}, b: 'body' } } } as never, taggable)).toThrow(
      '[compliance/InputInvalid] "data" must map each type to an object of named blocks (type -> name -> body)',
    );
    expect(() => new TfModel({ resource: { aws_x: { a: 'body' } } } as never, taggable)).toThrow(
      /"resource" must map each type/,
    );
    expect(() => new TfModel({ resource: [] } as never, taggable)).toThrow(/"resource" must map each type/);
    expect(() => new TfModel({ resource: { aws_x: [] } } as never, taggable)).toThrow(
      /"resource" must map each type to an object of named blocks/,
    );
  });

  it('a missing taggableTypes list (an empty default would make the tag rules judge nothing)', () => {
    expect(() => new TfModel({ resource: {} }, undefined as never)).toThrow(/taggableTypes is required/);
    expect(() => new TfModel({ resource: {} }, {} as never)).toThrow(/taggableTypes is required/);
    expect(() => new TfModel({ resource: {} }, { taggableTypes: null } as never)).toThrow(
      /taggableTypes is required/,
    );
    expect(() => TfModel.fromParts({ resources: [] }, { taggableTypes: null } as never)).toThrow(
      /taggableTypes is required/,
    );
  });

  it('refusals are ModelErrors, named so', () => {
    let error: unknown;
    try {
      new TfModel({ resources: [] } as never, taggable);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).name).toBe('ModelError');
    expect(String(error)).toMatch(
      /^ModelError: \[compliance\/InputInvalid\] not a Terraform JSON configuration/,
    );
  });

  it('accepts every top-level block of a configuration', () => {
    const json = {
      '//': {},
      terraform: {},
      provider: {},
      resource: {},
      data: {},
      module: {},
      variable: {},
      output: {},
      locals: {},
      moved: [],
      import: [],
      check: {},
      removed: [],
    };
    expect(new TfModel(json, taggable).resources).toEqual([]);
    // a fresh copy of the module, loaded inside the test: the list of top-level keys is built when it loads
    let Fresh: typeof TfModel | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      Fresh = (require('../../../aspects/core/model') as { TfModel: typeof TfModel }).TfModel;
    });
    for (const key of Object.keys(json))
      expect(new Fresh!({ [key]: json[key as keyof typeof json] }, taggable).resources).toEqual([]);
  });
});
