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
import type { PlanResource } from '../../support/plan-json';
import { AWS, planOf, TAGGABLE } from '../../support/plan-json';

const ref = (...references: string[]) => ({ references });

describe('readPlan', () => {
  it('leaves out resources being destroyed, keeps replaced ones, and never judges data sources', () => {
    const r = readPlan(
      planOf({
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
      planOf({
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
      planOf({
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
      planOf({
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
    const bucket = (k: string): PlanResource => ({
      address: `aws_s3_bucket.b["${k}"]`,
      type: 'aws_s3_bucket',
      name: 'b',
      index: k,
      values: { bucket: `bucket-${k}` },
      unknown: { id: true, arn: true },
    });
    const r = readPlan(
      planOf({
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
      planOf({
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
      planOf({
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
      planOf({
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

/** A resource block of `configuration` as Terraform writes it. */
const block = (
  address: string,
  expressions: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => {
  const [type, name] = address.split('.');
  return { address, mode: 'managed', type, name, expressions, ...extra };
};
/** A planned root resource whose listed attributes are all known after apply. */
const unknownOf = (address: string, keys: string[], rest: Partial<PlanResource> = {}): PlanResource => {
  const [type, name] = address
    .replace(/\[[^\]]*\]$/, '')
    .split('.')
    .slice(-2);
  return {
    address,
    type,
    name,
    values: {},
    unknown: Object.fromEntries(keys.map((k) => [k, true])),
    ...rest,
  };
};

describe('readPlan: references through modules', () => {
  it('follows module variables through count and for_each instances of nested modules', () => {
    const r = readPlan(
      planOf({
        root: [],
        modules: {
          'module.a[10].module.b["blue"]': [
            unknownOf('module.a[10].module.b["blue"].aws_cloudwatch_log_group.g', [
              'kms_key_id',
              'name',
              'log_group_class',
            ]),
          ],
        },
        configuration: {
          root_module: {
            module_calls: {
              a: {
                source: './a',
                expressions: { key: ref('aws_kms_key.k.arn', 'aws_kms_key.k') },
                module: {
                  module_calls: {
                    b: {
                      source: './b',
                      expressions: { inner: ref('var.key'), fixed: { constant_value: 'STANDARD' } },
                      module: {
                        resources: [
                          block('aws_cloudwatch_log_group.g', {
                            // Terraform may list an indexed variable only with its index
                            kms_key_id: ref('var.inner[0]'),
                            // a variable the call does not set (its default) names nothing
                            name: ref('var.unset'),
                            // a variable set to a constant names nothing either
                            log_group_class: ref('var.fixed'),
                          }),
                        ],
                      },
                    },
                  },
                },
              },
            },
          },
        },
      }),
      TAGGABLE,
    );
    expect(
      r.model.byAddress('module.a[10].module.b["blue"].aws_cloudwatch_log_group.g')!.config,
    ).toStrictEqual({
      kms_key_id: '${aws_kms_key.k.arn}',
      name: KNOWN_AFTER_APPLY,
      log_group_class: KNOWN_AFTER_APPLY,
    });
  });

  it('follows module outputs through keyed and nested module instances, and reads outputs it cannot follow as known after apply', () => {
    const refs: Record<string, string[]> = {
      chain: ['module.a["x"].arn', 'module.a["x"]', 'module.a'],
      gone: ['module.gone.arn'],
      bare: ['module.bare.arn'],
      nothing: ['module.a["x"].nothing'],
      constant: ['module.c.name'],
      computedKey: ['module.a[local.k].arn'],
      keyNamingAModule: ['module.x["module.a.arn"]'],
    };
    const r = readPlan(
      planOf({
        root: Object.keys(refs).map((n) => unknownOf(`aws_cloudwatch_log_group.${n}`, ['kms_key_id'])),
        configuration: {
          root_module: {
            resources: Object.entries(refs).map(([n, rs]) =>
              block(`aws_cloudwatch_log_group.${n}`, { kms_key_id: ref(...rs) }),
            ),
            module_calls: {
              a: {
                source: './a',
                module: {
                  outputs: { arn: { expression: ref('module.b[3].arn', 'module.b[3]', 'module.b') } },
                  module_calls: {
                    b: {
                      source: './b',
                      module: { outputs: { arn: { expression: ref('aws_kms_key.k.arn', 'aws_kms_key.k') } } },
                    },
                  },
                },
              },
              bare: { source: './bare', module: {} },
              c: {
                source: './c',
                module: { outputs: { name: { expression: { constant_value: 'fixed' } } } },
              },
            },
          },
        },
      }),
      TAGGABLE,
    );
    const value = (n: string) => r.model.byAddress(`aws_cloudwatch_log_group.${n}`)!.config['kms_key_id'];
    expect(value('chain')).toBe('${module.a["x"].module.b[3].aws_kms_key.k.arn}');
    for (const n of ['gone', 'bare', 'nothing', 'constant', 'computedKey', 'keyNamingAModule'])
      expect([n, value(n)]).toEqual([n, KNOWN_AFTER_APPLY]);
  });

  it('reads a module whose configuration the plan lacks from its planned values alone', () => {
    const model = planModel(
      planOf({
        root: [],
        modules: {
          'module.a.module.b': [
            {
              address: 'module.a.module.b.aws_kms_key.k',
              type: 'aws_kms_key',
              name: 'k',
              values: { description: 'kept', enable_key_rotation: true },
            },
          ],
        },
        configuration: { root_module: {} },
      }),
      TAGGABLE,
    );
    expect(model.byAddress('module.a.module.b.aws_kms_key.k')!.config).toStrictEqual({
      description: 'kept',
      enable_key_rotation: true,
    });
  });

  it('follows a chain of 32 module outputs, not 33, and stops at a cycle between a module output and its variable', () => {
    const chain = (levels: number) => {
      let mod: Record<string, unknown> = {
        outputs: { o: { expression: ref('aws_kms_key.k.arn', 'aws_kms_key.k') } },
      };
      for (let i = 1; i < levels; i++)
        mod = { outputs: { o: { expression: ref('module.m.o') } }, module_calls: { m: { module: mod } } };
      return planModel(
        planOf({
          root: [unknownOf('aws_cloudwatch_log_group.g', ['kms_key_id'])],
          configuration: {
            root_module: {
              resources: [block('aws_cloudwatch_log_group.g', { kms_key_id: ref('module.m.o') })],
              module_calls: { m: { module: mod } },
            },
          },
        }),
        TAGGABLE,
      ).byAddress('aws_cloudwatch_log_group.g')!.config['kms_key_id'];
    };
    expect(chain(32)).toBe(`\${${'module.m.'.repeat(32)}aws_kms_key.k.arn}`);
    expect(chain(33)).toBe(KNOWN_AFTER_APPLY);
    const cyclic = planModel(
      planOf({
        root: [unknownOf('aws_cloudwatch_log_group.g', ['kms_key_id'])],
        configuration: {
          root_module: {
            resources: [block('aws_cloudwatch_log_group.g', { kms_key_id: ref('module.m.o') })],
            module_calls: {
              m: {
                source: './m',
                expressions: { x: ref('module.m.o') },
                module: { outputs: { o: { expression: ref('var.x') } } },
              },
            },
          },
        },
      }),
      TAGGABLE,
    );
    expect(cyclic.byAddress('aws_cloudwatch_log_group.g')!.config['kms_key_id']).toBe(KNOWN_AFTER_APPLY);
  });
});

describe('readPlan: values known after apply', () => {
  it('reads JSON-syntax templates, constants, several references and list elements by what they name', () => {
    const r = readPlan(
      planOf({
        root: [
          unknownOf(
            'aws_cloudwatch_metric_alarm.a',
            ['alarm_description', 'namespace', 'threshold', 'ok_actions', 'insufficient_data_actions'],
            {
              values: { alarm_actions: [null, null] },
              unknown: {
                alarm_description: true,
                namespace: true,
                threshold: true,
                alarm_actions: [true, true],
                ok_actions: true,
                insufficient_data_actions: true,
                dimensions: true,
                alarm_name: true,
              },
            },
          ),
          {
            address: 'aws_instance.i',
            type: 'aws_instance',
            name: 'i',
            values: { vpc_security_group_ids: [null, null], security_groups: [null, null] },
            unknown: {
              vpc_security_group_ids: [true, true],
              security_groups: [true, true],
              root_block_device: true,
              availability_zone: true,
            },
          },
        ],
        configuration: {
          root_module: {
            resources: [
              block('aws_cloudwatch_metric_alarm.a', {
                // JSON syntax: the text is the value, references or not
                alarm_description: { constant_value: '${aws_sns_topic.a.name}' },
                // a constant without a template is no value known after apply: its references are
                namespace: { constant_value: 'AWS/SNS', references: ['aws_sns_topic.a.name'] },
                threshold: { constant_value: 7 },
                alarm_actions: { constant_value: ['${aws_sns_topic.a.arn}', '${aws_sns_topic.b.arn}'] },
                ok_actions: { constant_value: ['${aws_sns_topic.a.arn}'] },
                insufficient_data_actions: {
                  constant_value: [null, 'arn:aws:sns:us-east-1:1:fixed', '${aws_sns_topic.b.arn}'],
                },
                dimensions: { constant_value: { TopicName: '${aws_sns_topic.a.name}', Region: 'us-east-1' } },
                alarm_name: {
                  references: [
                    null,
                    'aws_sns_topic.a.name',
                    'aws_sns_topic.a',
                    'random_id.s.hex',
                    'random_id.s',
                  ],
                },
              }),
              block('aws_instance.i', {
                // one reference for two elements: each element is it
                vpc_security_group_ids: ref('aws_security_group.s.id', 'aws_security_group.s'),
                // three references for two elements: which is which cannot be told
                security_groups: ref(
                  'aws_security_group.x.id',
                  'aws_security_group.y.id',
                  'aws_security_group.z.id',
                ),
                root_block_device: [{ volume_size: { constant_value: 8 } }],
                availability_zone: ref('var.zone', 'var'),
              }),
            ],
          },
        },
      }),
      TAGGABLE,
    );
    expect(r.model.byAddress('aws_cloudwatch_metric_alarm.a')!.config).toStrictEqual({
      alarm_description: '${aws_sns_topic.a.name}',
      namespace: '${aws_sns_topic.a.name}',
      threshold: KNOWN_AFTER_APPLY,
      alarm_actions: ['${aws_sns_topic.a.arn}', '${aws_sns_topic.b.arn}'],
      ok_actions: ['${aws_sns_topic.a.arn}'],
      insufficient_data_actions: [null, 'arn:aws:sns:us-east-1:1:fixed', '${aws_sns_topic.b.arn}'],
      dimensions: { TopicName: '${aws_sns_topic.a.name}', Region: 'us-east-1' },
      alarm_name: '${aws_sns_topic.a.name}${random_id.s.hex}',
    });
    // a whole block known after apply is not rebuilt; a root module variable names nothing
    expect(r.model.byAddress('aws_instance.i')!.config).toStrictEqual({
      vpc_security_group_ids: ['${aws_security_group.s.id}', '${aws_security_group.s.id}'],
      security_groups: [KNOWN_AFTER_APPLY, KNOWN_AFTER_APPLY],
      availability_zone: KNOWN_AFTER_APPLY,
    });
  });

  it('gives JSON-syntax lists and maps inside a module its path, leaving variables and adjacent templates right', () => {
    const model = planModel(
      planOf({
        root: [],
        modules: {
          'module.m': [unknownOf('module.m.aws_cloudwatch_metric_alarm.a', ['alarm_actions', 'dimensions'])],
        },
        configuration: {
          root_module: {
            module_calls: {
              m: {
                source: './m',
                module: {
                  resources: [
                    block('aws_cloudwatch_metric_alarm.a', {
                      alarm_actions: { constant_value: ['${aws_sns_topic.a.arn}', '${var.topic}', null, 5] },
                      dimensions: {
                        constant_value: {
                          Pair: '${aws_sns_topic.a}${aws_sns_topic.b.name}',
                          Path: '${aws_ec2_network_insights_path.p.id}',
                          Fixed: 'x',
                        },
                      },
                    }),
                  ],
                },
              },
            },
          },
        },
      }),
      TAGGABLE,
    );
    expect(model.byAddress('module.m.aws_cloudwatch_metric_alarm.a')!.config).toStrictEqual({
      alarm_actions: ['${module.m.aws_sns_topic.a.arn}', '${var.topic}', null, 5],
      dimensions: {
        Pair: '${module.m.aws_sns_topic.a}${module.m.aws_sns_topic.b.name}',
        Path: '${module.m.aws_ec2_network_insights_path.p.id}',
        Fixed: 'x',
      },
    });
  });

  it('names the instance a count.index, each.key or each.value reference means, and only then', () => {
    const r = readPlan(
      planOf({
        root: [
          unknownOf('aws_cloudwatch_log_group.c[1]', ['kms_key_id', 'name', 'name_prefix'], { index: 1 }),
          unknownOf(
            'aws_sns_topic.t["b"]',
            ['kms_master_key_id', 'name', 'display_name', 'policy', 'delivery_policy'],
            { index: 'b' },
          ),
          unknownOf('aws_sns_topic.plain', ['kms_master_key_id', 'name']),
        ],
        configuration: {
          root_module: {
            resources: [
              block('aws_cloudwatch_log_group.c', {
                kms_key_id: ref('aws_kms_key.k.arn', 'aws_kms_key.k', 'count.index'),
                name: ref('aws_kms_key.k', 'count.index'),
                name_prefix: ref('aws_kms_key.k.tags.Name', 'count.index'),
              }),
              block('aws_sns_topic.t', {
                kms_master_key_id: ref('aws_kms_key.shared.arn', 'aws_kms_key.shared'),
                name: ref('aws_kms_key.k', 'each.value'),
                display_name: ref('aws_kms_key.k["a"].arn', 'each.key'),
                policy: ref(
                  'data.aws_iam_policy_document.d.json',
                  'data.aws_iam_policy_document.d',
                  'each.key',
                ),
                delivery_policy: ref(
                  'aws_sns_topic.x.name',
                  'path.module',
                  'terraform.workspace',
                  'self.arn',
                ),
              }),
              block('aws_sns_topic.plain', {
                kms_master_key_id: ref('aws_kms_key.k[0].arn', 'aws_kms_key.k[0]', 'aws_kms_key.k'),
                name: ref('aws_kms_key.k', 'each.key'),
              }),
            ],
          },
        },
      }),
      TAGGABLE,
    );
    expect(r.model.byAddress('aws_cloudwatch_log_group.c[1]')!.config).toStrictEqual({
      kms_key_id: '${aws_kms_key.k[1].arn}',
      name: '${aws_kms_key.k[1]}',
      name_prefix: '${aws_kms_key.k[1].tags.Name}',
    });
    expect(r.model.byAddress('aws_sns_topic.t["b"]')!.config).toStrictEqual({
      kms_master_key_id: '${aws_kms_key.shared.arn}',
      name: '${aws_kms_key.k["b"]}',
      display_name: '${aws_kms_key.k["a"].arn}',
      policy: '${data.aws_iam_policy_document.d["b"].json}',
      delivery_policy: '${aws_sns_topic.x.name}',
    });
    expect(r.model.byAddress('aws_sns_topic.plain')!.config).toStrictEqual({
      kms_master_key_id: '${aws_kms_key.k[0].arn}',
      name: '${aws_kms_key.k}',
    });
  });

  it('rebuilds map entries known after apply from the expression of the whole map', () => {
    const r = readPlan(
      planOf({
        root: [
          {
            address: 'aws_batch_job_definition.refs',
            type: 'aws_batch_job_definition',
            name: 'refs',
            values: { parameters: { Owner: null, references: null, Team: 'x' } },
            unknown: { parameters: { Owner: true, references: true } },
          },
          {
            address: 'aws_batch_job_definition.json',
            type: 'aws_batch_job_definition',
            name: 'json',
            values: { parameters: { Owner: null, Team: 'x' } },
            unknown: { parameters: { Owner: true } },
          },
        ],
        configuration: {
          root_module: {
            resources: [
              // a key named like a field of Terraform's expression JSON is still a map key
              block('aws_batch_job_definition.refs', {
                parameters: ref('aws_iam_role.r.arn', 'aws_iam_role.r'),
              }),
              block('aws_batch_job_definition.json', {
                parameters: { constant_value: { Owner: '${aws_iam_role.r.arn}', Team: 'x' } },
              }),
            ],
          },
        },
      }),
      TAGGABLE,
    );
    expect(r.model.byAddress('aws_batch_job_definition.refs')!.config).toStrictEqual({
      parameters: { Owner: '${aws_iam_role.r.arn}', references: '${aws_iam_role.r.arn}', Team: 'x' },
    });
    expect(r.model.byAddress('aws_batch_job_definition.json')!.config).toStrictEqual({
      parameters: { Owner: '${aws_iam_role.r.arn}', Team: 'x' },
    });
  });
});

describe('readPlan: planned values left out', () => {
  it('drops nulls and unconfigured empty lists and maps of a resource the configuration does not describe, keeping zero values', () => {
    const model = planModel(
      planOf({
        root: [
          {
            address: 'aws_kms_key.undescribed',
            type: 'aws_kms_key',
            name: 'undescribed',
            values: {
              gone: null,
              zero: 0,
              empty_string: '',
              empty_list: [],
              empty_map: {},
              odd: null,
              list: [1],
              map: { k: 1 },
              blk: [{ x: 1, y: null, z: [] }],
            },
            unknown: { odd: [] },
          },
        ],
        configuration: { root_module: {} },
      }),
      TAGGABLE,
    );
    expect(model.byAddress('aws_kms_key.undescribed')!.config).toStrictEqual({
      zero: 0,
      empty_string: '',
      list: [1],
      map: { k: 1 },
      blk: [{ x: 1, z: [] }],
    });
  });

  it('drops the zero values the provider fills in for arguments the configuration does not set, keeping what it sets', () => {
    const model = planModel(
      planOf({
        root: [
          {
            address: 'aws_instance.c',
            type: 'aws_instance',
            name: 'c',
            values: {
              ami: 'ami-1',
              vpc_security_group_ids: [],
              ebs_block_device: [{ volume_size: 8, tags: {} }],
              unset_null: null,
              unset_zero: 0,
              unset_false: false,
              unset_string: '',
              unset_list: [],
              unset_map: {},
              filled_list: ['x'],
              filled_map: { k: 'v' },
              filled_number: 1,
              filled_true: true,
              filled_string: 'x',
              filled_length: { length: 0 },
            },
          },
        ],
        configuration: {
          root_module: {
            resources: [
              block('aws_instance.c', {
                ami: { constant_value: 'ami-1' },
                vpc_security_group_ids: { constant_value: [] },
                ebs_block_device: [{ volume_size: { constant_value: 8 } }],
              }),
            ],
          },
        },
      }),
      TAGGABLE,
    );
    expect(model.byAddress('aws_instance.c')!.config).toStrictEqual({
      ami: 'ami-1',
      vpc_security_group_ids: [],
      ebs_block_device: [{ volume_size: 8 }],
      filled_list: ['x'],
      filled_map: { k: 'v' },
      filled_number: 1,
      filled_true: true,
      filled_string: 'x',
      filled_length: { length: 0 },
    });
  });
});
