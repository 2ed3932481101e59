/**
 * The plan adapter on plans written here in the shape `terraform show -json` gives (format 1.2), for the
 * cases an offline plan of the fixtures cannot produce: resources being destroyed or replaced, data
 * sources read during the plan, module outputs, `each.key` references, list elements known after apply,
 * JSON-syntax expressions inside a module, provider aliases. The real plans are judged in
 * test/aspects/cli/check.test.ts and plan-flagship.test.ts.
 */
import { evaluate } from '../../../aspects/core/evaluate';
import { KNOWN_AFTER_APPLY, planModel, readPlan } from '../../../aspects/core/plan';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { judgeKey, policyDocument, referenceOf } from '../../../aspects/core/values';
import { CATALOGUE } from '../../../aspects/rules';

interface Res {
  address: string;
  type: string;
  name: string;
  mode?: 'managed' | 'data';
  index?: number | string;
  values?: Record<string, unknown>;
  unknown?: Record<string, unknown>;
  actions?: string[];
  provider_name?: string;
}

const AWS = 'registry.terraform.io/hashicorp/aws';

function planned(r: Res) {
  return {
    address: r.address,
    mode: r.mode ?? 'managed',
    type: r.type,
    name: r.name,
    ...(r.index !== undefined ? { index: r.index } : {}),
    provider_name: r.provider_name ?? AWS,
    schema_version: 0,
    values: r.values ?? {},
  };
}

/** A plan: `modules` maps a module address to its planned resources; `configuration` as Terraform writes it. */
function plan(opts: {
  root: Res[];
  modules?: Record<string, Res[]>;
  configuration: Record<string, unknown>;
  prior?: Res[];
}): Record<string, unknown> {
  const all = [...opts.root, ...Object.values(opts.modules ?? {}).flat()];
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: {
      root_module: {
        resources: opts.root
          .filter((r) => !(r.actions ?? ['create']).every((a) => a === 'delete'))
          .map(planned),
        child_modules: Object.entries(opts.modules ?? {}).map(([address, rs]) => ({
          address,
          resources: rs.map(planned),
        })),
      },
    },
    resource_changes: all.map((r) => ({
      address: r.address,
      mode: r.mode ?? 'managed',
      type: r.type,
      name: r.name,
      change: { actions: r.actions ?? ['create'], after: r.values ?? {}, after_unknown: r.unknown ?? {} },
    })),
    ...(opts.prior
      ? {
          prior_state: {
            format_version: '1.0',
            values: { root_module: { resources: opts.prior.map(planned) } },
          },
        }
      : {}),
    configuration: opts.configuration,
  };
}

const ref = (...references: string[]) => ({ references });
const TAGGABLE = { taggableTypes: ['aws_cloudwatch_log_group', 'aws_kms_key', 'aws_sns_topic'] };

describe('readPlan', () => {
  it('leaves out resources being destroyed, keeps replaced ones, and never judges data sources', () => {
    const r = readPlan(
      plan({
        root: [
          { address: 'aws_kms_key.old', type: 'aws_kms_key', name: 'old', actions: ['delete'] },
          { address: 'aws_kms_key.new', type: 'aws_kms_key', name: 'new', actions: ['delete', 'create'] },
          { address: 'data.aws_region.r', type: 'aws_region', name: 'r', mode: 'data', actions: ['read'] },
        ],
        configuration: { root_module: {} },
      }),
      TAGGABLE,
    );
    expect(r.model.resources.map((x) => x.address)).toEqual(['aws_kms_key.new']);
    expect(r.destroyed).toEqual(['aws_kms_key.old']);
    expect(r.model.dataSources.map((x) => x.address)).toEqual(['data.aws_region.r']);
    const ev = evaluate(r.model, paymentsPolicy({ today: '2026-12-02' }), CATALOGUE);
    expect(ev.resources.map((x) => x.address)).toEqual(['aws_kms_key.new']);
  });

  it('follows a policy known after apply to an aws_iam_policy_document read during the plan', () => {
    const statement = [
      {
        effect: 'Deny',
        actions: ['sns:Publish'],
        resources: ['*'],
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
    ];
    const r = readPlan(
      plan({
        root: [
          {
            address: 'aws_sns_topic_policy.p',
            type: 'aws_sns_topic_policy',
            name: 'p',
            values: { arn: 'arn:aws:sns:us-east-1:1:t' },
            unknown: { policy: true },
          },
        ],
        prior: [
          {
            address: 'data.aws_iam_policy_document.d',
            type: 'aws_iam_policy_document',
            name: 'd',
            mode: 'data',
            values: { statement, json: '{}' },
          },
        ],
        configuration: {
          root_module: {
            resources: [
              {
                address: 'aws_sns_topic_policy.p',
                mode: 'managed',
                type: 'aws_sns_topic_policy',
                name: 'p',
                expressions: {
                  policy: ref('data.aws_iam_policy_document.d.json', 'data.aws_iam_policy_document.d'),
                },
              },
            ],
          },
        },
      }),
      TAGGABLE,
    );
    const p = r.model.byAddress('aws_sns_topic_policy.p')!;
    expect(p.config['policy']).toBe('${data.aws_iam_policy_document.d.json}');
    const doc = policyDocument(r.model, p.config['policy']);
    expect(doc.kind).toBe('document');
  });

  it('follows a module output and a module variable to the resource they name, with its module path', () => {
    const r = readPlan(
      plan({
        root: [
          {
            address: 'aws_cloudwatch_log_group.g',
            type: 'aws_cloudwatch_log_group',
            name: 'g',
            values: { name: 'g' },
            unknown: { kms_key_id: true },
          },
        ],
        modules: {
          'module.keys': [
            {
              address: 'module.keys.aws_kms_key.k',
              type: 'aws_kms_key',
              name: 'k',
              values: {},
              unknown: { arn: true },
            },
          ],
          'module.logs': [
            {
              address: 'module.logs.aws_cloudwatch_log_group.m',
              type: 'aws_cloudwatch_log_group',
              name: 'm',
              values: {},
              unknown: { kms_key_id: true },
            },
          ],
        },
        configuration: {
          root_module: {
            resources: [
              {
                address: 'aws_cloudwatch_log_group.g',
                mode: 'managed',
                type: 'aws_cloudwatch_log_group',
                name: 'g',
                expressions: { kms_key_id: ref('module.keys.key_arn', 'module.keys') },
              },
            ],
            module_calls: {
              keys: {
                source: './keys',
                module: {
                  resources: [],
                  outputs: { key_arn: { expression: ref('aws_kms_key.k.arn', 'aws_kms_key.k') } },
                },
              },
              logs: {
                source: './logs',
                expressions: { key: ref('module.keys.key_arn', 'module.keys') },
                module: {
                  resources: [
                    {
                      address: 'aws_cloudwatch_log_group.m',
                      mode: 'managed',
                      type: 'aws_cloudwatch_log_group',
                      name: 'm',
                      expressions: { kms_key_id: ref('var.key') },
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
    for (const a of ['aws_cloudwatch_log_group.g', 'module.logs.aws_cloudwatch_log_group.m']) {
      const v = r.model.byAddress(a)!.config['kms_key_id'];
      expect(v).toBe('${module.keys.aws_kms_key.k.arn}');
      expect(judgeKey(r.model, v)).toMatchObject({
        kind: 'cmk',
        key: { address: 'module.keys.aws_kms_key.k' },
      });
    }
    expect([...r.moduleSources]).toEqual([
      ['module.keys', 'keys'],
      ['module.logs', 'logs'],
    ]);
  });

  it('resolves `x[each.key]` to the instance with the same key, and a block to its first instance', () => {
    const r = readPlan(
      plan({
        root: [
          { address: 'aws_kms_key.k["a"]', type: 'aws_kms_key', name: 'k', index: 'a' },
          { address: 'aws_kms_key.k["b"]', type: 'aws_kms_key', name: 'k', index: 'b' },
          {
            address: 'aws_cloudwatch_log_group.g["b"]',
            type: 'aws_cloudwatch_log_group',
            name: 'g',
            index: 'b',
            unknown: { kms_key_id: true },
          },
        ],
        configuration: {
          root_module: {
            resources: [
              {
                address: 'aws_cloudwatch_log_group.g',
                mode: 'managed',
                type: 'aws_cloudwatch_log_group',
                name: 'g',
                expressions: { kms_key_id: ref('aws_kms_key.k', 'each.key') },
              },
            ],
          },
        },
      }),
      TAGGABLE,
    );
    const v = r.model.byAddress('aws_cloudwatch_log_group.g["b"]')!.config['kms_key_id'];
    expect(v).toBe('${aws_kms_key.k["b"]}');
    expect(referenceOf(v)).toMatchObject({ address: 'aws_kms_key.k["b"]', attribute: '' });
    expect(judgeKey(r.model, v)).toMatchObject({ kind: 'cmk', key: { address: 'aws_kms_key.k["b"]' } });
    expect(r.model.byAddress('aws_kms_key.k')?.address).toBe('aws_kms_key.k["a"]');
    expect(judgeKey(r.model, v).kind).toBe('cmk');
  });

  it('matches companions per for_each instance: the versioning of b["a"] is not b["b"]\'s', () => {
    const bucket = (k: string): Res => ({
      address: `aws_s3_bucket.b["${k}"]`,
      type: 'aws_s3_bucket',
      name: 'b',
      index: k,
      values: { bucket: `bucket-${k}` },
      unknown: { id: true, arn: true },
    });
    const r = readPlan(
      plan({
        root: [
          bucket('a'),
          bucket('b'),
          {
            address: 'aws_s3_bucket_versioning.v["a"]',
            type: 'aws_s3_bucket_versioning',
            name: 'v',
            index: 'a',
            values: { versioning_configuration: [{ status: 'Enabled' }] },
            unknown: { bucket: true },
          },
        ],
        configuration: {
          root_module: {
            resources: [
              {
                address: 'aws_s3_bucket_versioning.v',
                mode: 'managed',
                type: 'aws_s3_bucket_versioning',
                name: 'v',
                expressions: {
                  bucket: ref('aws_s3_bucket.b', 'each.key'),
                  versioning_configuration: [{ status: { constant_value: 'Enabled' } }],
                },
              },
            ],
          },
        },
      }),
      TAGGABLE,
    );
    const ev = evaluate(
      r.model,
      paymentsPolicy({ today: '2026-12-02' }),
      CATALOGUE.filter((x) => x.id === 'S3BucketVersioning'),
    );
    expect(ev.findings.map((f) => [f.resource.address, f.outcome])).toEqual([
      ['aws_s3_bucket.b["a"]', 'compliant'],
      ['aws_s3_bucket.b["b"]', 'non-compliant'],
    ]);
  });

  it('maps list elements known after apply to their references in order, and an unknown without one to an unresolved expression', () => {
    const r = readPlan(
      plan({
        root: [
          {
            address: 'aws_cloudwatch_metric_alarm.a',
            type: 'aws_cloudwatch_metric_alarm',
            name: 'a',
            values: { alarm_actions: [null, null], ok_actions: [null] },
            unknown: { alarm_actions: [true, true], ok_actions: [true], alarm_description: true },
          },
        ],
        configuration: {
          root_module: {
            resources: [
              {
                address: 'aws_cloudwatch_metric_alarm.a',
                mode: 'managed',
                type: 'aws_cloudwatch_metric_alarm',
                name: 'a',
                expressions: {
                  alarm_actions: ref(
                    'aws_sns_topic.one.arn',
                    'aws_sns_topic.one',
                    'aws_sns_topic.two.arn',
                    'aws_sns_topic.two',
                  ),
                  ok_actions: ref('local.topics'),
                  alarm_description: {},
                },
              },
            ],
          },
        },
      }),
      TAGGABLE,
    );
    const c = r.model.byAddress('aws_cloudwatch_metric_alarm.a')!.config;
    expect(c['alarm_actions']).toEqual(['${aws_sns_topic.one.arn}', '${aws_sns_topic.two.arn}']);
    // locals are not in the plan JSON: what they name cannot be followed
    expect(c['ok_actions']).toEqual([KNOWN_AFTER_APPLY]);
    expect(c['alarm_description']).toBe(KNOWN_AFTER_APPLY);
    // computed-only attributes the configuration does not set stay absent, as in a synth
    expect('arn' in c).toBe(false);
  });

  it('uses JSON-syntax expression text (a cdk.tf.json planned), giving it the module path inside a module', () => {
    const r = readPlan(
      plan({
        root: [],
        modules: {
          'module.m': [
            {
              address: 'module.m.aws_cloudwatch_log_group.g',
              type: 'aws_cloudwatch_log_group',
              name: 'g',
              values: {},
              unknown: { kms_key_id: true },
            },
          ],
        },
        configuration: {
          root_module: {
            module_calls: {
              m: {
                source: './m',
                module: {
                  resources: [
                    {
                      address: 'aws_cloudwatch_log_group.g',
                      mode: 'managed',
                      type: 'aws_cloudwatch_log_group',
                      name: 'g',
                      expressions: {
                        kms_key_id: {
                          constant_value: '${aws_kms_key.k.arn}',
                          references: ['aws_kms_key.k.arn', 'aws_kms_key.k'],
                        },
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
    expect(r.model.byAddress('module.m.aws_cloudwatch_log_group.g')!.config['kms_key_id']).toBe(
      '${module.m.aws_kms_key.k.arn}',
    );
  });

  it('takes tags from a known tags_all, else merges the provider default_tags (per alias), and learns taggable types from the values', () => {
    const r = readPlan(
      plan({
        root: [
          {
            address: 'aws_sns_topic.t',
            type: 'aws_sns_topic',
            name: 't',
            values: {
              tags: { Team: 'x' },
              tags_all: { Team: 'x', Environment: 'production', CostCenter: 'payments' },
            },
          },
          {
            address: 'aws_kms_key.west',
            type: 'aws_kms_key',
            name: 'west',
            values: { tags: null },
            unknown: { tags_all: true },
          },
          {
            address: 'aws_s3_directory_bucket.b',
            type: 'aws_s3_directory_bucket',
            name: 'b',
            values: { tags: null, bucket: 'b--use1-az4--x-s3' },
            unknown: { tags_all: true },
          },
        ],
        configuration: {
          provider_config: {
            aws: { name: 'aws', full_name: AWS, expressions: { region: { constant_value: 'us-east-1' } } },
            'aws.west': {
              name: 'aws',
              full_name: AWS,
              alias: 'west',
              expressions: {
                region: { constant_value: 'us-west-2' },
                default_tags: [
                  { tags: { constant_value: { Environment: 'production', CostCenter: 'payments' } } },
                ],
              },
            },
          },
          root_module: {
            resources: [
              {
                address: 'aws_kms_key.west',
                mode: 'managed',
                type: 'aws_kms_key',
                name: 'west',
                provider_config_key: 'aws.west',
                expressions: {},
              },
              {
                address: 'aws_s3_directory_bucket.b',
                mode: 'managed',
                type: 'aws_s3_directory_bucket',
                name: 'b',
                provider_config_key: 'aws',
                expressions: {},
              },
            ],
          },
        },
      }),
      TAGGABLE,
    );
    expect(r.taggableFromValues).toEqual(['aws_s3_directory_bucket']);
    expect(r.model.taggableTypes.has('aws_s3_directory_bucket')).toBe(true);
    expect(r.model.providerRegions()).toEqual([
      { alias: 'aws', region: 'us-east-1' },
      { alias: 'aws.west', region: 'us-west-2' },
    ]);
    const ev = evaluate(
      r.model,
      paymentsPolicy({ today: '2026-12-02' }),
      CATALOGUE.filter((x) => x.id === 'RequiredTags'),
    );
    const verdict = Object.fromEntries(
      ev.resources.map((res) => [
        res.address,
        ev.findings.filter((f) => f.resource === res).map((f) => f.outcome),
      ]),
    );
    expect(verdict).toEqual({
      'aws_sns_topic.t': ['compliant'],
      'aws_kms_key.west': ['compliant'],
      'aws_s3_directory_bucket.b': ['non-compliant', 'non-compliant'],
    });
  });
});

describe('planModel: arguments nobody configured', () => {
  it('reads a provider-filled zero value (retention_in_days = 0) as absent, as in a synthesized configuration', () => {
    // Found by plan.prop.test.ts: an unset retention was "never expire" (0) in the plan, "not set" in cdk.tf.json.
    const plan = {
      format_version: '1.2',
      terraform_version: '1.11.0',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_cloudwatch_log_group.unset',
              mode: 'managed',
              type: 'aws_cloudwatch_log_group',
              name: 'unset',
              provider_name: 'registry.terraform.io/hashicorp/aws',
              values: { name: '/unset', retention_in_days: 0, skip_destroy: false, kms_key_id: null },
            },
            {
              address: 'aws_cloudwatch_log_group.forever',
              mode: 'managed',
              type: 'aws_cloudwatch_log_group',
              name: 'forever',
              provider_name: 'registry.terraform.io/hashicorp/aws',
              values: { name: '/forever', retention_in_days: 0 },
            },
          ],
        },
      },
      resource_changes: [],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_cloudwatch_log_group.unset',
              mode: 'managed',
              type: 'aws_cloudwatch_log_group',
              name: 'unset',
              expressions: { name: { constant_value: '/unset' } },
            },
            {
              address: 'aws_cloudwatch_log_group.forever',
              mode: 'managed',
              type: 'aws_cloudwatch_log_group',
              name: 'forever',
              expressions: { name: { constant_value: '/forever' }, retention_in_days: { constant_value: 0 } },
            },
          ],
        },
      },
    };
    const model = planModel(plan, { taggableTypes: [] });
    expect(model.byAddress('aws_cloudwatch_log_group.unset')?.config).toEqual({ name: '/unset' });
    expect(model.byAddress('aws_cloudwatch_log_group.forever')?.config).toEqual({
      name: '/forever',
      retention_in_days: 0,
    });
  });
});
