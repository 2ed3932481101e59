/**
 * aspects/core/taggable-types.ts: the taggable resource types read from `terraform providers schema -json`
 * output (hand-written, small schemas here; the real hashicorp/aws schema is read by
 * plan-taggable-types.test.ts), and the refusal of JSON that is not such output.
 */
import { taggableTypesFromSchema } from '../../../aspects/core/taggable-types';

describe('taggableTypesFromSchema', () => {
  const tags = { type: ['map', 'string'], optional: true };

  it('lists the resource types whose schema has a tags attribute, of every provider, sorted', () => {
    const schema = {
      format_version: '1.0',
      provider_schemas: {
        'registry.terraform.io/hashicorp/aws': {
          provider: { block: { attributes: { region: { type: 'string' } } } },
          resource_schemas: {
            aws_sns_topic: { version: 0, block: { attributes: { name: {}, tags, tags_all: {} } } },
            aws_iam_role_policy: { version: 0, block: { attributes: { name: {}, policy: {} } } },
            aws_kms_key: { version: 0, block: { attributes: { tags } } },
          },
        },
        'registry.terraform.io/hashicorp/random': {
          resource_schemas: { random_id: { block: { attributes: { keepers: {} } } } },
        },
        'registry.terraform.io/example/other': {
          resource_schemas: { other_thing: { block: { attributes: { tags: null } } } },
        },
      },
    };
    expect(taggableTypesFromSchema(schema)).toEqual(['aws_kms_key', 'aws_sns_topic', 'other_thing']);
  });

  it('skips providers without resource schemas and resources without a block or attributes', () => {
    const schema = {
      provider_schemas: {
        a: {},
        b: { resource_schemas: [] },
        c: 'junk',
        d: {
          resource_schemas: {
            no_block: {},
            block_not_object: { block: 'x' },
            no_attributes: { block: {} },
            attributes_not_object: { block: { attributes: ['tags'] } },
            tags_as_block: { block: { attributes: {}, block_types: { tags: {} } } },
            ok: { block: { attributes: { tags } } },
            junk: 'x',
          },
        },
      },
    };
    expect(taggableTypesFromSchema(schema)).toEqual(['ok']);
  });

  it('returns no types for a provider that has none taggable (an empty list, not a refusal)', () => {
    expect(taggableTypesFromSchema({ provider_schemas: { p: { resource_schemas: {} } } })).toEqual([]);
  });

  it('refuses JSON that is not `terraform providers schema -json` output', () => {
    const message =
      '[compliance/InputInvalid] not the output of `terraform providers schema -json` (no provider_schemas); run it in the initialized configuration directory and pass that file';
    for (const bad of [
      {},
      { provider_schemas: {} },
      { provider_schemas: [] },
      { provider_schemas: 'x' },
      { format_version: '1.0', resource_schemas: { aws_sns_topic: {} } },
      [],
      null,
      'x',
    ]) {
      expect(() => taggableTypesFromSchema(bad)).toThrow(message);
    }
  });
});
