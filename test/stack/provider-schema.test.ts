/**
 * Which resource types take tags is a fact of the provider schema. This holds the gate's capability
 * check (a generated class with `tagsInput`) and the property-test oracle's hand-written lists to the
 * real hashicorp/aws 5.100.0 schema (`terraform providers schema -json`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthPaymentsStack } from '../support/synth';
import { terraformAvailable, terraformOk } from '../support/terraform';
import { NOT_TAGGABLE, TAGGABLE } from '../support/oracle';

const describeTf = terraformAvailable() ? describe : describe.skip;

describeTf('tag capability against the provider schema', () => {
  let taggable: (type: string) => boolean | undefined;
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
    fs.writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({
        terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
      }),
    );
    terraformOk(dir, ['init', '-input=false', '-no-color', '-lock=false']);
    const schema = JSON.parse(terraformOk(dir, ['providers', 'schema', '-json']).stdout) as {
      provider_schemas: Record<
        string,
        { resource_schemas: Record<string, { block: { attributes?: Record<string, unknown> } }> }
      >;
    };
    const resources = Object.values(schema.provider_schemas)[0].resource_schemas;
    taggable = (type) => (resources[type] ? 'tags' in (resources[type].block.attributes ?? {}) : undefined);
  }, 600_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("agrees with the oracle's lists of taggable and untaggable types", () => {
    for (const t of TAGGABLE) expect({ t, taggable: taggable(t) }).toEqual({ t, taggable: true });
    for (const t of NOT_TAGGABLE) expect({ t, taggable: taggable(t) }).toEqual({ t, taggable: false });
  });

  it('the gate tagged exactly the flagship resources whose type takes tags', () => {
    const { json } = synthPaymentsStack();
    const types = Object.keys(json.resource);
    expect(types.length).toBeGreaterThan(40);
    for (const type of types) {
      for (const [name, body] of Object.entries(json.resource[type])) {
        expect({ resource: `${type}.${name}`, hasTags: body['tags'] !== undefined }).toEqual({
          resource: `${type}.${name}`,
          hasTags: taggable(type),
        });
      }
    }
  });
});
