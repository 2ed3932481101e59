/**
 * The plan adapter, case by case on small plans written here in the shape `terraform show -json` gives:
 * what is a plan and what is refused (with the exact message), which resources and data sources are read,
 * their instance and module addresses, provider counts and configurations, tags, versions and the local
 * source directories of module calls. The larger cases (references, modules, for_each) are in
 * plan.test.ts.
 */
import { ModelError } from '../../../aspects/core/model';
import { assertPlan, isPlanJson, planModel, readPlan } from '../../../aspects/core/plan';
import { AWS, changeEntry, planDocument, plannedEntry, planOf, TAGGABLE } from '../../support/plan-json';

/** The message of what `f` throws ('' when it returns). */
function thrown(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

const INVALID = '[compliance/InputInvalid] ';
const MAKE = 'terraform plan -out=plan.tfplan && terraform show -json plan.tfplan > plan.json';

describe('isPlanJson: which documents are plans', () => {
  it('is true for an object with planned_values or resource_changes, false for a configuration, a state, an array or null', () => {
    expect(isPlanJson({ planned_values: {} })).toBe(true);
    expect(isPlanJson({ resource_changes: [] })).toBe(true);
    expect(isPlanJson({ resource: { aws_kms_key: {} } })).toBe(false);
    expect(isPlanJson({ format_version: '1.0', values: { root_module: {} } })).toBe(false);
    expect(isPlanJson([{ planned_values: {} }])).toBe(false);
    expect(isPlanJson(null)).toBe(false);
    expect(isPlanJson('planned_values')).toBe(false);
  });
});

describe('assertPlan: refusals of what is not a usable plan, with the exact message', () => {
  it('names what it got instead of an object', () => {
    const got = (what: string) =>
      `${INVALID}expected the JSON of a Terraform plan (an object), got ${what}; make it with: ${MAKE}`;
    expect(thrown(() => assertPlan([]))).toBe(got('an array'));
    expect(thrown(() => assertPlan(null))).toBe(got('null'));
    expect(thrown(() => assertPlan(42))).toBe(got('number'));
    expect(thrown(() => assertPlan('plan.json'))).toBe(got('string'));
  });

  it('refuses a state as a state, and reads a plan that also has top-level values as a plan', () => {
    expect(thrown(() => assertPlan({ format_version: '1.0', values: { root_module: {} } }))).toBe(
      `${INVALID}this is Terraform state (terraform show -json of a state), not a plan: it says what exists, not what will be applied; make a plan with: ${MAKE}`,
    );
    expect(thrown(() => assertPlan({ ...planDocument({}), values: { root_module: {} } }))).toBe('');
  });

  it('refuses a document with neither planned_values nor values as incomplete, not as a state', () => {
    expect(thrown(() => assertPlan({ format_version: '1.2', configuration: {} }))).toBe(
      `${INVALID}the plan has no planned_values.root_module: it is not complete \`terraform show -json <planfile>\` output (was the file cut short, or made from a saved plan of another command?)`,
    );
  });

  it('accepts format_version 1.x only, as a string, naming the version it refuses', () => {
    const refused = (v: string) =>
      `${INVALID}the plan's format_version is ${v}; this reader understands the plan JSON format 1.x (Terraform >= 0.15 and OpenTofu); make the plan with: terraform show -json plan.tfplan`;
    for (const ok of ['1.0', '1.2', '1.10']) {
      expect(thrown(() => assertPlan({ ...planDocument({}), format_version: ok }))).toBe('');
    }
    for (const bad of ['2.0', '0.1', '11.2', '1.2x', '1.2.3', '1.']) {
      expect(thrown(() => assertPlan({ ...planDocument({}), format_version: bad }))).toBe(
        refused(JSON.stringify(bad)),
      );
    }
    expect(thrown(() => assertPlan({ ...planDocument({}), format_version: 1.2 }))).toBe(refused('1.2'));
    const { format_version: _omitted, ...noFormat } = planDocument({});
    expect(thrown(() => assertPlan(noFormat))).toBe(refused('undefined'));
  });

  it('refuses a plan marked errored, and only one marked errored: true', () => {
    expect(thrown(() => assertPlan({ ...planDocument({}), errored: true }))).toBe(
      `${INVALID}the plan is marked errored: terraform plan failed part way, so it does not say what would be applied; fix the errors terraform printed and plan again`,
    );
    expect(thrown(() => assertPlan({ ...planDocument({}), errored: false }))).toBe('');
  });

  it('refuses a plan without planned_values or without its root_module', () => {
    const cut = `${INVALID}the plan has no planned_values.root_module: it is not complete \`terraform show -json <planfile>\` output (was the file cut short, or made from a saved plan of another command?)`;
    const { planned_values: _omitted, ...noValues } = planDocument({});
    expect(thrown(() => assertPlan(noValues))).toBe(cut);
    expect(thrown(() => assertPlan({ ...planDocument({}), planned_values: {} }))).toBe(cut);
    expect(thrown(() => assertPlan({ ...planDocument({}), planned_values: { root_module: [] } }))).toBe(cut);
  });

  it('refuses a plan without a configuration block', () => {
    const { configuration: _omitted, ...noConfiguration } = planDocument({});
    expect(thrown(() => assertPlan(noConfiguration))).toBe(
      `${INVALID}the plan has no configuration block, so references between resources cannot be followed; make it with \`terraform show -json plan.tfplan\` (not a hand-made extract)`,
    );
  });

  it('makes readPlan refuse the same way', () => {
    expect(() => readPlan({ ...planDocument({}), errored: true }, TAGGABLE)).toThrow(ModelError);
    expect(thrown(() => readPlan([], TAGGABLE))).toMatch(/got an array;/);
  });
});

describe('readPlan: the taggable types are required', () => {
  it('refuses missing options, and taggableTypes undefined or null', () => {
    const message = `${INVALID}taggableTypes is required (from \`terraform providers schema -json\` or the shipped list)`;
    expect(thrown(() => readPlan(planDocument({}), undefined as never))).toBe(message);
    expect(thrown(() => readPlan(planDocument({}), {} as never))).toBe(message);
    expect(thrown(() => readPlan(planDocument({}), { taggableTypes: null } as never))).toBe(message);
    expect(thrown(() => readPlan(planDocument({}), { taggableTypes: [] }))).toBe('');
  });
});

describe('readPlan: which planned resources are read', () => {
  it('skips change entries that are not objects or have no address', () => {
    const r = readPlan(
      planDocument({
        root: [plannedEntry('aws_kms_key.k', 'aws_kms_key', 'k')],
        changes: [null, 7, { change: { actions: ['delete'] } }],
      }),
      TAGGABLE,
    );
    expect(r.destroyed).toStrictEqual([]);
    expect(r.model.resources.map((x) => x.address)).toEqual(['aws_kms_key.k']);
  });

  it('reads a change entry without a change or without actions as no action', () => {
    const r = readPlan(
      planDocument({
        root: [
          plannedEntry('aws_kms_key.k', 'aws_kms_key', 'k', { description: 'k' }),
          plannedEntry('aws_kms_key.j', 'aws_kms_key', 'j', { description: 'j' }),
        ],
        changes: [
          { address: 'aws_kms_key.k', mode: 'managed' },
          { address: 'aws_kms_key.j', mode: 'managed', change: {} },
        ],
      }),
      TAGGABLE,
    );
    expect(r.destroyed).toEqual([]);
    expect(r.model.resources.map((x) => [x.address, x.config])).toEqual([
      ['aws_kms_key.k', { description: 'k' }],
      ['aws_kms_key.j', { description: 'j' }],
    ]);
  });

  it('leaves out managed resources being deleted or forgotten even when planned_values lists them; keeps no-op and update, and data sources whatever their actions', () => {
    const r = readPlan(
      planDocument({
        root: [
          plannedEntry('aws_kms_key.gone', 'aws_kms_key', 'gone'),
          plannedEntry('aws_kms_key.forgot', 'aws_kms_key', 'forgot'),
          plannedEntry('aws_kms_key.same', 'aws_kms_key', 'same'),
          plannedEntry('aws_kms_key.upd', 'aws_kms_key', 'upd'),
          plannedEntry('data.aws_region.r', 'aws_region', 'r', { name: 'us-east-1' }, { mode: 'data' }),
        ],
        changes: [
          changeEntry('aws_kms_key.gone', ['delete']),
          changeEntry('aws_kms_key.forgot', ['forget']),
          changeEntry('aws_kms_key.same', ['no-op']),
          changeEntry('aws_kms_key.upd', ['update']),
          changeEntry('data.aws_region.r', ['delete'], { mode: 'data' }),
        ],
      }),
      TAGGABLE,
    );
    expect(r.destroyed).toEqual(['aws_kms_key.gone', 'aws_kms_key.forgot']);
    expect(r.model.resources.map((x) => x.address)).toEqual(['aws_kms_key.same', 'aws_kms_key.upd']);
    expect(r.model.dataSources.map((x) => x.address)).toEqual(['data.aws_region.r']);
  });

  it('reads only data sources from prior_state, once each, the planned one first', () => {
    const r = readPlan(
      planDocument({
        root: [plannedEntry('data.aws_region.r', 'aws_region', 'r', { name: 'planned' }, { mode: 'data' })],
        prior: [
          plannedEntry('aws_kms_key.old', 'aws_kms_key', 'old'),
          plannedEntry('data.aws_region.r', 'aws_region', 'r', { name: 'prior' }, { mode: 'data' }),
          plannedEntry(
            'data.aws_caller_identity.me',
            'aws_caller_identity',
            'me',
            { account_id: '1' },
            { mode: 'data' },
          ),
        ],
      }),
      TAGGABLE,
    );
    expect(r.model.resources).toEqual([]);
    expect(r.model.dataSources.map((x) => [x.address, x.config])).toEqual([
      ['data.aws_region.r', { name: 'planned' }],
      ['data.aws_caller_identity.me', { account_id: '1' }],
    ]);
  });

  it('reads a data source from prior_state as it was read, whatever a change entry says is unknown', () => {
    const json = '{"Version":"2012-10-17","Statement":[]}';
    const r = readPlan(
      planDocument({
        prior: [
          plannedEntry(
            'data.aws_iam_policy_document.d',
            'aws_iam_policy_document',
            'd',
            { json },
            { mode: 'data' },
          ),
        ],
        changes: [changeEntry('data.aws_iam_policy_document.d', ['read'], { mode: 'data' }, { json: true })],
      }),
      TAGGABLE,
    );
    expect(r.model.byAddress('data.aws_iam_policy_document.d')?.config).toEqual({ json });
  });

  it('refuses a planned resource without an address or a type as damaged', () => {
    const damaged = `${INVALID}a planned resource has no address or type: the plan JSON is damaged; run terraform show -json again`;
    for (const bad of [
      null,
      { mode: 'managed', type: 'aws_kms_key', name: 'k', values: {} },
      { address: 'aws_kms_key.k', mode: 'managed', name: 'k', values: {} },
    ]) {
      expect(thrown(() => readPlan(planDocument({ root: [bad] }), TAGGABLE))).toBe(damaged);
    }
  });

  it('reads a module that holds only child modules, and skips child module entries that are not objects', () => {
    const r = readPlan(
      planDocument({
        children: [
          null,
          {
            address: 'module.outer',
            child_modules: [
              {
                address: 'module.outer.module.inner',
                resources: [plannedEntry('module.outer.module.inner.aws_kms_key.k', 'aws_kms_key', 'k')],
              },
            ],
          },
        ],
      }),
      TAGGABLE,
    );
    expect(r.model.resources.map((x) => x.address)).toEqual(['module.outer.module.inner.aws_kms_key.k']);
  });
});

describe('readPlan: provider counts', () => {
  it('counts managed resources per provider source, "?" for those without one, and never data sources', () => {
    const random = 'registry.terraform.io/hashicorp/random';
    const noProvider = (address: string, name: string) => {
      const { provider_name: _omitted, ...r } = plannedEntry(address, 'aws_thing', name);
      return r;
    };
    const r = readPlan(
      planDocument({
        root: [
          plannedEntry('aws_kms_key.a', 'aws_kms_key', 'a'),
          plannedEntry('random_id.r', 'random_id', 'r', {}, { provider_name: random }),
          plannedEntry('aws_kms_key.b', 'aws_kms_key', 'b'),
          noProvider('aws_thing.x', 'x'),
          noProvider('aws_thing.y', 'y'),
          plannedEntry('data.aws_region.r', 'aws_region', 'r', {}, { mode: 'data' }),
        ],
      }),
      TAGGABLE,
    );
    expect([...r.providers]).toEqual([
      [AWS, 2],
      [random, 1],
      ['?', 2],
    ]);
  });
});

describe('readPlan: arguments the provider filled in', () => {
  const group = (values: Record<string, unknown>) =>
    plannedEntry('aws_cloudwatch_log_group.g', 'aws_cloudwatch_log_group', 'g', values);
  const configured = (resource: Record<string, unknown>) => ({
    root_module: { resources: [null, resource] },
  });

  it('keeps known values the configuration does not set unless they are zero values (a computed arn stays)', () => {
    const model = planModel(
      planDocument({
        root: [group({ name: 'g', arn: 'arn:aws:logs:us-east-1:1:log-group:g', retention_in_days: 0 })],
        configuration: configured({
          address: 'aws_cloudwatch_log_group.g',
          mode: 'managed',
          type: 'aws_cloudwatch_log_group',
          name: 'g',
          expressions: { name: { constant_value: 'g' } },
        }),
      }),
      TAGGABLE,
    );
    expect(model.byAddress('aws_cloudwatch_log_group.g')?.config).toEqual({
      name: 'g',
      arn: 'arn:aws:logs:us-east-1:1:log-group:g',
    });
  });

  it('keeps zero values of a resource without a configuration block, and of data sources', () => {
    const model = planModel(
      planDocument({
        root: [
          group({ name: 'g', retention_in_days: 0 }),
          plannedEntry(
            'data.aws_ami.a',
            'aws_ami',
            'a',
            { most_recent: false, owners: ['amazon'] },
            { mode: 'data' },
          ),
        ],
        configuration: configured({
          address: 'data.aws_ami.a',
          mode: 'data',
          type: 'aws_ami',
          name: 'a',
          expressions: { owners: { constant_value: ['amazon'] } },
        }),
      }),
      TAGGABLE,
    );
    expect(model.byAddress('aws_cloudwatch_log_group.g')?.config).toEqual({
      name: 'g',
      retention_in_days: 0,
    });
    expect(model.byAddress('data.aws_ami.a')?.config).toEqual({ most_recent: false, owners: ['amazon'] });
  });
});

describe('readPlan: tags and taggable types', () => {
  it('reads tags from tags_all only when it is known and not empty, and never keeps tags_all', () => {
    const topic = (name: string, values: Record<string, unknown>) =>
      plannedEntry(`aws_sns_topic.${name}`, 'aws_sns_topic', name, values);
    const own = { Team: 'x' };
    const model = planModel(
      planDocument({
        root: [
          topic('merged', { tags: own, tags_all: { Team: 'x', Environment: 'production' } }),
          topic('empty', { tags: own, tags_all: {} }),
          topic('none', { tags: own }),
          topic('unknown', { tags: own, tags_all: { Team: 'x', Environment: 'stale' } }),
        ],
        changes: [changeEntry('aws_sns_topic.unknown', ['create'], {}, { tags_all: true })],
      }),
      TAGGABLE,
    );
    const config = (name: string) => model.byAddress(`aws_sns_topic.${name}`)?.config;
    expect(config('merged')).toStrictEqual({ tags: { Team: 'x', Environment: 'production' } });
    expect(config('empty')).toStrictEqual({ tags: own });
    expect(config('none')).toStrictEqual({ tags: own });
    expect(config('unknown')).toStrictEqual({ tags: own });
  });

  it('learns, sorted, the managed types whose values hold tags beyond the list given; never from data sources', () => {
    const r = readPlan(
      planDocument({
        root: [
          plannedEntry('aws_zz_thing.a', 'aws_zz_thing', 'a', { tags: { Team: 'x' } }),
          plannedEntry('aws_aa_thing.a', 'aws_aa_thing', 'a', { tags: null }),
          plannedEntry('aws_mm_thing.a', 'aws_mm_thing', 'a', { name: 'no tags' }),
          plannedEntry('aws_sns_topic.t', 'aws_sns_topic', 't', { tags: { Team: 'x' } }),
          plannedEntry('data.aws_dd_thing.d', 'aws_dd_thing', 'd', { tags: { Team: 'x' } }, { mode: 'data' }),
        ],
      }),
      TAGGABLE,
    );
    expect(r.taggableFromValues).toEqual(['aws_aa_thing', 'aws_zz_thing']);
    expect(r.model.taggableTypes.has('aws_dd_thing')).toBe(false);
  });
});

describe('readPlan: versions', () => {
  it('reports the terraform_version and format_version of the plan, and an empty Terraform version when it has none', () => {
    const r = readPlan({ ...planDocument({}), format_version: '1.10' }, TAGGABLE);
    expect([r.terraformVersion, r.formatVersion]).toEqual(['1.11.4', '1.10']);
    const { terraform_version: _omitted, ...noVersion } = planDocument({});
    expect(readPlan(noVersion, TAGGABLE).terraformVersion).toBe('');
  });
});

describe('readPlan: instance and module addresses', () => {
  it('resolves a block address, with or without the instance keys of its module, to its instance', () => {
    const model = planModel(
      planDocument({
        children: [
          {
            address: 'module.a["xy"]',
            resources: [
              plannedEntry('module.a["xy"].aws_kms_key.k[10]', 'aws_kms_key', 'k', {}, { index: 10 }),
              plannedEntry('module.a["xy"].aws_kms_key.j["ab"]', 'aws_kms_key', 'j', {}, { index: 'ab' }),
            ],
          },
          {
            address: 'module.c[10]',
            resources: [plannedEntry('module.c[10].aws_sns_topic.t', 'aws_sns_topic', 't')],
          },
        ],
      }),
      TAGGABLE,
    );
    const at = (a: string) => model.byAddress(a)?.address;
    expect(at('module.a["xy"].aws_kms_key.k')).toBe('module.a["xy"].aws_kms_key.k[10]');
    expect(at('module.a.aws_kms_key.k')).toBe('module.a["xy"].aws_kms_key.k[10]');
    expect(at('module.a["xy"].aws_kms_key.j')).toBe('module.a["xy"].aws_kms_key.j["ab"]');
    expect(at('module.a.aws_kms_key.j')).toBe('module.a["xy"].aws_kms_key.j["ab"]');
    expect(at('module.c.aws_sns_topic.t')).toBe('module.c[10].aws_sns_topic.t');
  });

  it('finds the configuration of a data source inside a module', () => {
    const model = planModel(
      planDocument({
        children: [
          {
            address: 'module.m',
            resources: [
              plannedEntry('module.m.data.aws_s3_bucket.b', 'aws_s3_bucket', 'b', {}, { mode: 'data' }),
            ],
          },
        ],
        changes: [changeEntry('module.m.data.aws_s3_bucket.b', ['read'], { mode: 'data' }, { bucket: true })],
        configuration: {
          root_module: {
            module_calls: {
              m: {
                source: './m',
                module: {
                  resources: [
                    {
                      address: 'data.aws_s3_bucket.b',
                      mode: 'data',
                      type: 'aws_s3_bucket',
                      name: 'b',
                      expressions: {
                        bucket: { references: ['aws_s3_bucket.logs.bucket', 'aws_s3_bucket.logs'] },
                      },
                    },
                  ],
                },
              },
            },
          },
        },
      }),
      TAGGABLE,
    );
    expect(model.byAddress('module.m.data.aws_s3_bucket.b')?.config).toEqual({
      bucket: '${module.m.aws_s3_bucket.logs.bucket}',
    });
  });
});

describe('readPlan: provider configurations', () => {
  it('reads the aws configurations (by source or by local name), their aliases and literal regions, and maps a resource to its alias', () => {
    const model = planModel(
      planDocument({
        root: [
          plannedEntry('aws_sns_topic.w', 'aws_sns_topic', 'w'),
          plannedEntry('aws_sns_topic.e', 'aws_sns_topic', 'e'),
        ],
        configuration: {
          provider_config: {
            broken: null,
            aws: { name: 'aws', full_name: AWS, expressions: { region: { constant_value: 'us-east-1' } } },
            'aws.old': { name: 'aws', alias: 'old', expressions: {} },
            google: {
              name: 'google',
              full_name: 'registry.terraform.io/hashicorp/google',
              expressions: { region: { constant_value: 'europe-west1' } },
            },
            'myaws.west': {
              name: 'myaws',
              full_name: AWS,
              alias: 'west',
              expressions: {
                region: { constant_value: 'us-west-2' },
                default_tags: [{ tags: { constant_value: { Environment: 'production' } } }],
              },
            },
            'aws.mirror': {
              name: 'aws',
              full_name: 'example.com/acme/aws',
              alias: 'mirror',
              expressions: { region: { constant_value: '${var.region}' } },
            },
          },
          root_module: {
            resources: [
              {
                address: 'aws_sns_topic.w',
                mode: 'managed',
                type: 'aws_sns_topic',
                name: 'w',
                provider_config_key: 'myaws.west',
                expressions: {},
              },
              {
                address: 'aws_sns_topic.e',
                mode: 'managed',
                type: 'aws_sns_topic',
                name: 'e',
                provider_config_key: 'aws',
                expressions: {},
              },
            ],
          },
        },
      }),
      TAGGABLE,
    );
    expect(model.providerRegions()).toEqual([
      { alias: 'aws', region: 'us-east-1' },
      { alias: 'aws.old', region: undefined },
      { alias: 'aws.west', region: 'us-west-2' },
      { alias: 'aws.mirror', region: undefined },
    ]);
    const west = model.byAddress('aws_sns_topic.w')!;
    expect(west.config).toEqual({ provider: 'aws.west' });
    expect(model.defaultTagsFor(west)).toEqual({ Environment: 'production' });
    expect(model.byAddress('aws_sns_topic.e')!.config).toEqual({});
  });
});

describe('readPlan: module sources', () => {
  it('records the directory of local module calls, nested ones joined to their parent, and no other source', () => {
    const r = readPlan(
      planDocument({
        configuration: {
          root_module: {
            module_calls: {
              a: { source: './a', module: { module_calls: { b: { source: '../b', module: {} } } } },
              registry: { source: 'terraform-aws-modules/kms/aws', module: {} },
              git: { source: 'git::https://example.com/infra.git//modules/../kms', module: {} },
              odd: { source: ['./odd'], module: {} },
              bare: { source: './bare' },
            },
          },
        },
      }),
      TAGGABLE,
    );
    expect([...r.moduleSources]).toEqual([
      ['module.a', 'a'],
      ['module.a.module.b', 'b'],
      ['module.bare', 'bare'],
    ]);
  });

  it('records each local module source relative to the root, resolving `..`, `.` and empty segments', () => {
    const r = readPlan(
      planOf({
        root: [],
        configuration: {
          root_module: {
            module_calls: {
              keys: {
                source: './keys',
                module: {
                  module_calls: {
                    sub: { source: '../shared/sub' },
                    deep: { source: './deep/' },
                  },
                },
              },
              up: { source: '../../lib//up/' },
              vpc: { source: 'terraform-aws-modules/vpc/aws' },
            },
          },
        },
      }),
      TAGGABLE,
    );
    expect([...r.moduleSources]).toEqual([
      ['module.keys', 'keys'],
      ['module.keys.module.sub', 'shared/sub'],
      ['module.keys.module.deep', 'keys/deep'],
      ['module.up', '../../lib/up'],
    ]);
  });

  // Regression: a local call inside a registry module was recorded relative to the calling module's
  // directory, so SARIF pointed into the wrong folder.
  it('records no source for a local call inside a registry or git module (its files are a download)', () => {
    const r = readPlan(
      planOf({
        root: [],
        configuration: {
          root_module: {
            module_calls: {
              vpc: {
                source: 'terraform-aws-modules/vpc/aws',
                module: {
                  module_calls: {
                    flow: {
                      source: './modules/flow-log',
                      module: { module_calls: { inner: { source: './x' } } },
                    },
                  },
                },
              },
              git: {
                source: 'git::https://example.com/m.git',
                module: { module_calls: { a: { source: '../a' } } },
              },
              own: { source: './own', module: { module_calls: { b: { source: './b' } } } },
            },
          },
        },
      }),
      TAGGABLE,
    );
    expect([...r.moduleSources]).toEqual([
      ['module.own', 'own'],
      ['module.own.module.b', 'own/b'],
    ]);
  });
});
