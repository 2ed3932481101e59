/**
 * The taggable-type list shipped with the gate is exactly the hashicorp/aws 5.100.0 resource types whose
 * schema has a `tags` attribute, read from the real `terraform providers schema -json` (provider from the
 * offline mirror). 6.x cannot be checked offline (no 6.x in the mirror): see aspects/core/taggable-types.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  SHIPPED_TAGGABLE_TYPES,
  SHIPPED_TAGGABLE_TYPES_VERSION,
  taggableTypesFromSchema,
} from '../../../aspects/core/taggable-types';
import { initOnce, terraformAvailable, terraformOk } from '../../support/terraform';

const describeTf = terraformAvailable() ? describe : describe.skip;

describeTf('the shipped taggable-type list', () => {
  let schema: {
    provider_schemas: Record<
      string,
      { resource_schemas: Record<string, { block: { attributes?: Record<string, unknown> } }> }
    >;
  };
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-schema-'));
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${SHIPPED_TAGGABLE_TYPES_VERSION}"\n    }\n  }\n}\n`,
    );
    initOnce(dir);
    schema = JSON.parse(terraformOk(dir, ['providers', 'schema', '-json']).stdout);
  }, 300_000);
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('is generated from hashicorp/aws 5.100.0', () => {
    expect(SHIPPED_TAGGABLE_TYPES_VERSION).toBe('5.100.0');
    const lock = fs.readFileSync(path.join(dir, '.terraform.lock.hcl'), 'utf8');
    expect(lock).toContain('version     = "5.100.0"');
  });

  it('equals the resource types whose 5.100.0 schema has a tags attribute', () => {
    const resources = schema.provider_schemas['registry.terraform.io/hashicorp/aws'].resource_schemas;
    const want = Object.keys(resources)
      .filter((t) => resources[t].block.attributes?.['tags'] !== undefined)
      .sort();
    expect(want.length).toBeGreaterThan(700);
    expect([...SHIPPED_TAGGABLE_TYPES]).toEqual(want);
    // the schema reader the CLI uses on a user's schema says the same
    expect(taggableTypesFromSchema(schema)).toEqual(want);
  });

  it('names the flagship types that take tags, and not their companions that do not', () => {
    for (const t of ['aws_cloudwatch_log_group', 'aws_kms_key', 'aws_lambda_function', 'aws_s3_bucket'])
      expect(SHIPPED_TAGGABLE_TYPES).toContain(t);
    for (const t of ['aws_kms_alias', 'aws_s3_bucket_policy', 'aws_sns_topic_subscription'])
      expect(SHIPPED_TAGGABLE_TYPES).not.toContain(t);
  });

  it('refuses JSON that is not provider schema output rather than reading it as "nothing is taggable"', () => {
    expect(() => taggableTypesFromSchema({ format_version: '1.0' })).toThrow(
      /not the output of `terraform providers schema -json`/,
    );
    expect(() => taggableTypesFromSchema({ provider_schemas: {} })).toThrow(/no provider_schemas/);
  });
});
