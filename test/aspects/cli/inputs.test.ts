/**
 * The CLI's contract on unusable input: exit 2 with one line saying what is wrong and how to fix it,
 * never a pass. The plans and the state are made by the real Terraform, offline (Terraform's built-in
 * `terraform_data` applies without any provider or network).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../aspects/cli/check';
import { covers } from '../../../aspects/cli/inputs';
import type { PlanResource } from '../../support/plan-json';
import { planOf } from '../../support/plan-json';
import { terraformAvailable } from '../../support/terraform';
import { applyFixture, planFixture } from './terraform-fixtures';

const describeTf = terraformAvailable() ? describe : describe.skip;

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** Exit 2, nothing on stdout, exactly one line on stderr matching `pattern`. */
function expectRefused(r: { code: number; out: string; err: string }, pattern: RegExp): void {
  expect({ code: r.code, out: r.out }).toEqual({ code: 2, out: '' });
  expect(r.err.endsWith('\n')).toBe(true);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/^compliance-gate: /);
  expect(r.err).toMatch(pattern);
}

describe('suppression addresses', () => {
  it.each<[string, string, string, boolean]>([
    ['aws_s3_bucket.b', 'aws_s3_bucket.b', 'aws_s3_bucket.b', true],
    ['aws_s3_bucket.b', 'aws_s3_bucket.b["x"]', 'aws_s3_bucket.b["x"]', true],
    ['aws_s3_bucket.b', 'aws_s3_bucket.b[0]', 'aws_s3_bucket.b[0]', true],
    ['aws_s3_bucket.b', 'aws_s3_bucket.bb', 'aws_s3_bucket.bb', false],
    ['aws_s3_bucket', 'aws_s3_bucket.b', 'aws_s3_bucket.b', true],
    ['aws_s3_bucket', 'aws_s3_bucket_policy.p', 'aws_s3_bucket_policy.p', false],
    ['module.audit', 'module.audit.aws_kms_key.k[0]', 'module.audit.aws_kms_key.k[0]', true],
    ['module.audit', 'module.auditor.aws_kms_key.k', 'module.auditor.aws_kms_key.k', false],
    ['module.m["a"]', 'module.m["a"].aws_kms_key.k', 'module.m["a"].aws_kms_key.k', true],
    ['stack/api', 'aws_api_gateway_stage.s', 'stack/api/stage', true],
    ['stack/api', 'aws_api_gateway_stage.s', 'stack/apiv2/stage', false],
    // a plan resource's path is its address: a "/" inside a for_each key is no boundary
    ['aws_s3_bucket.b["logs', 'aws_s3_bucket.b["logs/app"]', 'aws_s3_bucket.b["logs/app"]', false],
  ])('%j covers %j (construct path %j): %j', (address, resource, p, want) => {
    expect(covers(address, resource, p)).toBe(want);
  });
});

describe('compliance-gate check: arguments and files', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-inputs-'));
  });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const file = (name: string, content: string) => {
    const p = path.join(scratch, name);
    fs.writeFileSync(p, content);
    return p;
  };

  it.each<[string[], RegExp]>([
    [[], /no command given; usage: compliance-gate check/],
    [['judge', 'x'], /unknown command "judge"/],
    [['check'], /check needs one input/],
    [['check', 'a', 'b'], /check takes one input, got 2/],
    [['check', 'x', '--format', 'xml'], /--format xml is not one of text, json, sarif/],
    [['check', 'x', '--policy'], /option --policy needs a value/],
    [['check', 'x', '--source', '/nonexistent-dir'], /--source \/nonexistent-dir is not a directory/],
  ])('refuses %j', (argv, pattern) => {
    expectRefused(run(...argv), pattern);
  });

  it('refuses a missing file, an empty file and JSON that is not a plan or configuration', () => {
    expectRefused(run('check', path.join(scratch, 'missing.json')), /missing\.json does not exist/);
    expectRefused(
      run('check', file('empty.json', '')),
      /input .*empty\.json is empty: make it with: terraform plan/,
    );
    expectRefused(
      run('check', file('array.json', '[1,2]')),
      /expected a Terraform JSON configuration \(an object\)/,
    );
    expectRefused(
      run('check', file('other.json', '{"name": "package", "version": "1.0.0"}')),
      /not a Terraform JSON configuration: unknown top-level key\(s\) "name", "version"/,
    );
  });

  it('refuses a directory with no stacks, and a configuration with no resources', () => {
    expectRefused(run('check', scratch), /holds no cdk\.tf\.json .*pass the synth output directory/);
    expectRefused(
      run('check', file('cdk.tf.json', '{"terraform": {}}')),
      /declares no resources, so there is nothing to judge/,
    );
  });

  it('refuses a plan of a future format and a plan Terraform marked errored', () => {
    const plan = (extra: object) =>
      JSON.stringify({
        format_version: '1.2',
        planned_values: { root_module: {} },
        configuration: { root_module: {} },
        ...extra,
      });
    expectRefused(run('check', file('v2.json', plan({ format_version: '2.0' }))), /format_version is "2\.0"/);
    expectRefused(run('check', file('errored.json', plan({ errored: true }))), /the plan is marked errored/);
    expectRefused(
      run('check', file('noconf.json', plan({ configuration: undefined }))),
      /has no configuration block, so references between resources cannot be followed/,
    );
  });
});

/** A temporary directory for one describe block, removed after it. */
function scratchDir(prefix: string): { dir: () => string; file: (name: string, content: unknown) => string } {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    file: (name, content) => {
      const p = path.join(dir, name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
      return p;
    },
  };
}

/** What a refusal prints: exit 2, nothing on stdout, exactly `message` on stderr. */
function refusal(message: string): { code: number; out: string; err: string } {
  return { code: 2, out: '', err: `compliance-gate: ${message}\n` };
}

/** A configuration with one resource of a type no rule judges: it complies (exit 0). */
const UNJUDGED = { resource: { aws_route_table_association: { a: {} } } };
/** A configuration with one topic that has nothing set: SnsTopicKmsCmk, SnsTopicTlsOnly, RequiredTags. */
const BARE_TOPIC = { resource: { aws_sns_topic: { alerts: {} } } };

/** The `<stack>: ` prefixes of the summary lines of a run over several stacks, in output order. */
function summaryStacks(out: string): string[] {
  return out
    .split('\n')
    .map((l) => /^(\S+): configuration \S+: /.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => m[1]);
}

describe('compliance-gate check: reading the input', () => {
  const { dir, file } = scratchDir('gate-inputs-read-');

  it('refuses a file holding only white space as empty, not as broken JSON', () => {
    const p = file('blank.json', '  \n\t\n');
    expect(run('check', p)).toEqual(
      refusal(
        `input ${p} is empty: make it with: terraform plan -out=plan.tfplan && terraform show -json plan.tfplan > plan.json (or synthesize again for a cdk.tf.json)`,
      ),
    );
  });

  it('refuses a stack file it cannot read, naming the error code', () => {
    const d = path.join(dir(), 'unreadable');
    const stack = path.join(d, 'stacks', 'api', 'cdk.tf.json');
    fs.mkdirSync(stack, { recursive: true }); // a directory where the stack file should be
    expect(run('check', d)).toEqual(
      refusal(`input ${stack} cannot be read (EISDIR): check the path and its permissions`),
    );
  });

  it('refuses a configuration of other providers only, listing up to five of its types', () => {
    const two = file('two.json', { resource: { random_id: { a: {} }, null_resource: { b: {}, c: {} } } });
    expect(run('check', two)).toEqual(
      refusal(
        `${two}: the configuration has 3 resource(s), none of hashicorp/aws (types: random_id, null_resource): this gate's catalogue judges AWS resources only`,
      ),
    );
    const types = ['t1_a', 't2_a', 't3_a', 't4_a', 't5_a', 't6_a'];
    const six = file('six.json', { resource: Object.fromEntries(types.map((t) => [t, { x: {} }])) });
    expect(run('check', six)).toEqual(
      refusal(
        `${six}: the configuration has 6 resource(s), none of hashicorp/aws (types: t1_a, t2_a, t3_a, t4_a, t5_a): this gate's catalogue judges AWS resources only`,
      ),
    );
  });

  it('judges a configuration that mixes AWS resources with others', () => {
    const p = file('mixed.json', { resource: { ...UNJUDGED.resource, random_id: { a: {} } } });
    const r = run('check', p);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`configuration ${p}: complies`);
  });

  it('says "plan" or "configuration" in the summary line, after what the input is', () => {
    const conf = file('conf.json', UNJUDGED);
    expect(run('check', conf).out).toMatch(new RegExp(`^configuration ${conf}: complies `, 'm'));
    const plan = file(
      'plan-of-one.json',
      planOf({
        root: [{ address: 'aws_route_table_association.a', type: 'aws_route_table_association', name: 'a' }],
        configuration: { root_module: {} },
      }),
    );
    const r = run('check', plan);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^plan ${plan}: complies `, 'm'));
  });

  it('names the reports after the input file, dropping only a trailing .json and then .tfplan', () => {
    for (const [name, stack] of [
      ['staging.json', 'staging'],
      ['release.jsonc.json', 'release.jsonc'],
      ['app.tfplan.json', 'app'],
      ['app.tfplan.v2.json', 'app.tfplan.v2'],
      ['.json', 'plan'],
    ]) {
      const d = path.join(dir(), `named-${stack}`);
      const input = file(path.join(`named-${stack}`, name), UNJUDGED);
      const out = path.join(d, 'out');
      expect({ name, code: run('check', input, '--out', out).code }).toEqual({ name, code: 0 });
      expect({ name, reports: fs.readdirSync(out).sort() }).toEqual({
        name,
        reports: [`${stack}.compliance.json`, `${stack}.sarif`],
      });
    }
  });

  describe('a directory of stacks', () => {
    it('is one stack when it holds a cdk.tf.json itself, named after the directory', () => {
      const stack = file('single/cdk.tf.json', UNJUDGED);
      file('single/stacks/other/cdk.tf.json', BARE_TOPIC); // not read: the directory is the stack
      const out = path.join(dir(), 'single-out');
      const r = run('check', path.join(dir(), 'single'), '--out', out);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^configuration ${stack}: complies `, 'm'));
      expect(fs.readdirSync(out).sort()).toEqual(['single.compliance.json', 'single.sarif']);
    });

    it('judges every stack directory under stacks/, in name order, skipping directories without a cdk.tf.json', () => {
      for (const name of ['delta', 'alpha', 'echo', 'charlie', 'bravo'])
        file(`many/stacks/${name}/cdk.tf.json`, UNJUDGED);
      fs.mkdirSync(path.join(dir(), 'many', 'stacks', 'assets')); // no cdk.tf.json: not a stack
      file('many/stacks/manifest.json', '{}');
      const r = run('check', path.join(dir(), 'many'));
      expect(r.code).toBe(0);
      expect(summaryStacks(r.out)).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    });

    it('looks in the directory itself when stacks/ holds no stack', () => {
      fs.mkdirSync(path.join(dir(), 'flat', 'stacks', 'empty'), { recursive: true });
      file('flat/web/cdk.tf.json', UNJUDGED);
      file('flat/api/cdk.tf.json', BARE_TOPIC);
      const r = run('check', path.join(dir(), 'flat'));
      expect(r.code).toBe(1);
      expect(summaryStacks(r.out)).toEqual(['api', 'web']);
    });

    it('judges a stack directory reached through a symbolic link', () => {
      const elsewhere = file('elsewhere/linked/cdk.tf.json', BARE_TOPIC);
      file('linking/stacks/real/cdk.tf.json', UNJUDGED);
      fs.symlinkSync(path.dirname(elsewhere), path.join(dir(), 'linking', 'stacks', 'linked'));
      const r = run('check', path.join(dir(), 'linking'));
      expect(summaryStacks(r.out)).toEqual(['linked', 'real']);
      expect(r.code).toBe(1); // the linked stack's topic fails
    });
  });

  describe('a plan written by hand', () => {
    const planFile = (name: string, plan: Record<string, unknown>) => file(name, plan);
    const association = (address: string, extra: Partial<PlanResource> = {}): PlanResource => ({
      address,
      type: 'aws_route_table_association',
      name: address.split('.')[1],
      ...extra,
    });

    it('judges a plan that only destroys resources: nothing judged, what is destroyed said', () => {
      const p = planFile(
        'destroy.json',
        planOf({
          root: [association('aws_route_table_association.old', { actions: ['delete'] })],
          configuration: { root_module: {} },
        }),
      );
      const r = run('check', p);
      expect(r.code).toBe(0);
      expect(r.out).toContain('not judged: 1 resource(s) being destroyed\n');
      expect(r.out).toMatch(new RegExp(`^plan ${p}: complies `, 'm'));
    });

    it('judges a plan that keeps as many resources as it destroys', () => {
      const p = planFile(
        'keep-one-destroy-one.json',
        planOf({
          root: [
            association('aws_route_table_association.new'),
            association('aws_route_table_association.old', { actions: ['delete'] }),
          ],
          configuration: { root_module: {} },
        }),
      );
      const r = run('check', p);
      expect(r.code).toBe(0);
      expect(r.out).toContain('not judged: 1 resource(s) being destroyed\n');
      expect(r.out).toContain('coverage: 0 of 1 resources judged');
    });

    it('refuses a plan of hashicorp/awscc only (another provider than hashicorp/aws)', () => {
      const p = planFile(
        'awscc.json',
        planOf({
          root: [
            {
              address: 'awscc_s3_bucket.b',
              type: 'awscc_s3_bucket',
              name: 'b',
              provider_name: 'registry.terraform.io/hashicorp/awscc',
            },
          ],
          configuration: { root_module: {} },
        }),
      );
      expect(run('check', p)).toEqual(
        refusal(
          `${p}: the plan has 1 resource(s), none of hashicorp/aws (providers: registry.terraform.io/hashicorp/awscc): this gate's catalogue judges AWS resources only`,
        ),
      );
    });

    it('lists every provider of a plan with no AWS resource', () => {
      const p = planFile(
        'two-providers.json',
        planOf({
          root: [
            {
              address: 'random_id.r',
              type: 'random_id',
              name: 'r',
              provider_name: 'registry.terraform.io/hashicorp/random',
            },
            {
              address: 'terraform_data.d',
              type: 'terraform_data',
              name: 'd',
              provider_name: 'terraform.io/builtin/terraform',
            },
          ],
          configuration: { root_module: {} },
        }),
      );
      expect(run('check', p).err).toContain(
        '(providers: registry.terraform.io/hashicorp/random, terraform.io/builtin/terraform)',
      );
    });

    it('reads a provider source written without its registry host (hashicorp/aws) as AWS', () => {
      const p = planFile(
        'short-source.json',
        planOf({
          root: [association('aws_route_table_association.a', { provider_name: 'hashicorp/aws' })],
          configuration: { root_module: {} },
        }),
      );
      const r = run('check', p);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^plan ${p}: complies `, 'm'));
    });
  });
});

describe('compliance-gate check: the policy file', () => {
  const { dir, file } = scratchDir('gate-inputs-policy-');

  it('refuses a missing policy file, and an empty one with how to write it', () => {
    const input = file('input.json', UNJUDGED);
    const missing = path.join(dir(), 'missing-policy.json');
    expect(run('check', input, '--policy', missing)).toEqual(
      refusal(`policy ${missing} does not exist: check the path`),
    );
    const empty = file('empty-policy.json', '');
    expect(run('check', input, '--policy', empty)).toEqual(
      refusal(
        `policy ${empty} is empty: write it as a JSON object of policy overrides, e.g. {"logRetentionDays": 365}`,
      ),
    );
  });

  it('refuses a policy that is not an object, saying what it is', () => {
    const input = file('input.json', UNJUDGED);
    for (const [content, what] of [
      ['[1]', 'an array'],
      ['365', 'number'],
    ]) {
      const p = file('not-object.json', content);
      expect(run('check', input, '--policy', p)).toEqual(
        refusal(
          `policy ${p} must be a JSON object of policy overrides (e.g. {"logRetentionDays": 365}), not ${what}`,
        ),
      );
    }
  });

  it('refuses unknown fields, naming each and the fields a policy has', () => {
    const p = file('typos.json', { logRetentionDay: 90, trace: true });
    const r = run('check', file('input.json', UNJUDGED), '--policy', p);
    const m = new RegExp(
      `^compliance-gate: policy ${p}: \\[compliance/PolicyInvalid\\] unknown field\\(s\\) logRetentionDay, trace; a policy has (.+)\\n$`,
    ).exec(r.err);
    expect(m).not.toBeNull();
    // every field the README documents
    expect(m![1].split(', ')).toEqual(
      expect.arrayContaining([
        'requiredTags',
        'logRetentionDays',
        'keys',
        'trustedKeyArns',
        'tracing',
        'region',
        'disabledRules',
        'minAlarmEmailSubscriptions',
        'archiveRetentionDays',
        'allowedLambdaRuntimes',
        'allowedUnknownRuntimes',
        'today',
        'writeReports',
      ]),
    );
  });
});

describe('compliance-gate check: the suppressions file', () => {
  const { dir, file } = scratchDir('gate-inputs-suppressions-');
  const reason = 'Alerts carry no card data; the topic key is tracked in ticket PAY-1234.';
  const valid = { address: 'aws_sns_topic.alerts', ruleId: 'SnsTopicKmsCmk', reason, expires: '2099-01-01' };
  const check = (suppressions: unknown) =>
    run('check', file('input.json', BARE_TOPIC), '--suppressions', file('suppressions.json', suppressions));

  it('refuses a missing suppressions file, and an empty one with how to write it', () => {
    const input = file('input.json', BARE_TOPIC);
    const missing = path.join(dir(), 'missing-suppressions.json');
    expect(run('check', input, '--suppressions', missing)).toEqual(
      refusal(`suppressions ${missing} does not exist: check the path`),
    );
    const empty = file('empty-suppressions.json', ' ');
    expect(run('check', input, '--suppressions', empty)).toEqual(
      refusal(
        `suppressions ${empty} is empty: write {"suppressions": [{"address": "...", "ruleId": "...", "reason": "...", "expires": "YYYY-MM-DD"}]}`,
      ),
    );
  });

  it.each<[string, unknown, string]>([
    [
      'an entry that is not an object',
      [valid, 'aws_sns_topic.alerts'],
      'entry 2 is not an object: write {"address", "ruleId", "reason", "expires"}',
    ],
    [
      'unknown fields',
      [{ ...valid, reson: 'typo', expiry: 'typo' }],
      'entry 1 has unknown field(s) reson, expiry; an entry has address, ruleId, reason, expires (and optionally stack)',
    ],
    [
      'an empty address',
      [{ ...valid, address: '' }],
      'entry 1 has no address: give the Terraform address it covers (aws_x.y, aws_x.y["k"], or a prefix such as module.audit)',
    ],
    [
      'a blank address',
      [{ ...valid, address: '  ' }],
      'entry 1 has no address: give the Terraform address it covers (aws_x.y, aws_x.y["k"], or a prefix such as module.audit)',
    ],
    [
      'an empty ruleId',
      [{ ...valid, ruleId: '' }],
      'entry 1 has no ruleId: name the rule it silences (e.g. LogGroupRetentionOneYear)',
    ],
    [
      'a ruleId that is not a string',
      [{ ...valid, ruleId: 7 }],
      'entry 1 has no ruleId: name the rule it silences (e.g. LogGroupRetentionOneYear)',
    ],
    ['a reason that is not a string', [{ ...valid, reason: ['a', 'b'] }], 'entry 1: reason must be a string'],
    [
      'an expiry that is not a string',
      [{ ...valid, expires: 20990101 }],
      'entry 1: expires must be a string',
    ],
    [
      'a stack that is not a string',
      [{ ...valid, stack: 1 }],
      'entry 1: stack must be a stack name (a string)',
    ],
  ])('refuses %s (exit 2, one line naming the entry)', (_, suppressions, problem) => {
    const r = check(suppressions);
    expect(r).toEqual(refusal(`suppressions ${path.join(dir(), 'suppressions.json')} ${problem}`));
  });

  it('judges an entry without reason or expiry as a suppression problem (exit 1), not a refusal', () => {
    const r = check([{ address: 'aws_sns_topic.alerts', ruleId: 'SnsTopicKmsCmk' }]);
    expect(r.code).toBe(1);
    const problems = r.out.split('\n').filter((l) => l.includes('[SuppressionInvalid]'));
    expect(problems).toEqual([
      expect.stringMatching(/SnsTopicKmsCmk has no written reason/),
      expect.stringMatching(/SnsTopicKmsCmk has expiry "", which is not an ISO date/),
    ]);
    // an invalid suppression silences nothing
    expect(r.out).toMatch(/^aws_sns_topic\.alerts \[SnsTopicKmsCmk\] /m);
  });

  it('reads an address with white space around it as the address', () => {
    const r = check({ suppressions: [{ ...valid, address: ' aws_sns_topic.alerts \n' }] });
    expect(r.code).toBe(1); // the topic's other findings remain
    expect(r.out).not.toContain('[SnsTopicKmsCmk]');
    expect(r.out).not.toContain('SuppressionInvalid');
    expect(r.out).toMatch(/^aws_sns_topic\.alerts \[SnsTopicTlsOnly\] /m);
  });
});

describe('compliance-gate check: the taggable types (--schema)', () => {
  const { dir, file } = scratchDir('gate-inputs-schema-');
  const SHIPPED = '(tag rules use the shipped list of hashicorp/aws 5.100.0)';
  /** `terraform providers schema -json` output in which aws_sns_topic takes tags or not. */
  const schema = (topicTakesTags: boolean) => ({
    format_version: '1.0',
    provider_schemas: {
      'registry.terraform.io/hashicorp/aws': {
        resource_schemas: {
          aws_sns_topic: {
            block: {
              attributes: {
                name: { type: 'string', optional: true },
                ...(topicTakesTags ? { tags: { type: ['map', 'string'], optional: true } } : {}),
              },
            },
          },
        },
      },
    },
  });
  const requiredTags = (out: string) => out.split('\n').filter((l) => l.includes('[RequiredTags]')).length;

  it('refuses a missing schema file, and an empty one with how to make it', () => {
    const input = file('input.json', BARE_TOPIC);
    const missing = path.join(dir(), 'missing-schema.json');
    expect(run('check', input, '--schema', missing)).toEqual(
      refusal(`schema ${missing} does not exist: check the path`),
    );
    const empty = file('empty-schema.json', '');
    expect(run('check', input, '--schema', empty)).toEqual(
      refusal(`schema ${empty} is empty: write it with: terraform providers schema -json > schema.json`),
    );
  });

  it('refuses a file that is not provider schema output, without the error id', () => {
    const input = file('input.json', BARE_TOPIC);
    const p = file('not-schema.json', { format_version: '1.0' });
    expect(run('check', input, '--schema', p)).toEqual(
      refusal(
        `schema ${p}: not the output of \`terraform providers schema -json\` (no provider_schemas); run it in the initialized configuration directory and pass that file`,
      ),
    );
  });

  it('judges tags by the schema file given, and says so', () => {
    const input = file('input.json', BARE_TOPIC);
    const tagged = file('tagged.json', schema(true));
    const untagged = file('untagged.json', schema(false));
    const withTags = run('check', input, '--schema', tagged);
    expect(requiredTags(withTags.out)).toBe(2); // Environment and CostCenter
    expect(withTags.out).toContain(`(tag rules use the provider schema ${tagged})`);
    const without = run('check', input, '--schema', untagged);
    expect(requiredTags(without.out)).toBe(0);
    expect(without.out).toContain(`(tag rules use the provider schema ${untagged})`);
  });

  describe('auto (the default): Terraform in an initialized --source', () => {
    let bin: string;
    let log: string;
    let savedPath: string | undefined;
    /** A `terraform` first on PATH: records its arguments, directory and CHECKPOINT_DISABLE; answers with a schema in which topics take no tags. */
    const stub = (status: number) => {
      fs.writeFileSync(
        path.join(bin, 'terraform'),
        `#!/bin/sh\necho "$*|$(pwd -P)|$CHECKPOINT_DISABLE" >> '${log}'\ncat '${path.join(bin, 'schema.json')}'\nexit ${status}\n`,
        { mode: 0o755 },
      );
    };
    const calls = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : []);
    beforeEach(() => {
      bin = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-inputs-tf-stub-'));
      log = path.join(bin, 'calls.log');
      fs.writeFileSync(path.join(bin, 'schema.json'), JSON.stringify(schema(false)));
      savedPath = process.env.PATH;
      process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
    });
    afterEach(() => {
      process.env.PATH = savedPath;
      fs.rmSync(bin, { recursive: true, force: true });
    });

    it('runs terraform providers schema -json in the initialized --source, without the update check', () => {
      stub(0);
      const source = path.join(dir(), 'initialized');
      fs.mkdirSync(path.join(source, '.terraform'), { recursive: true });
      const r = run('check', file('input.json', BARE_TOPIC), '--source', source);
      expect(calls()).toEqual([`providers schema -json|${fs.realpathSync(source)}|1`]);
      expect(r.out).toContain(`(tag rules use terraform providers schema -json in ${source})`);
      expect(requiredTags(r.out)).toBe(0);
    });

    it('uses the shipped list without running Terraform when --source is absent or not initialized', () => {
      stub(0);
      const input = file('input.json', BARE_TOPIC);
      const bare = path.join(dir(), 'not-initialized');
      fs.mkdirSync(bare, { recursive: true });
      for (const argv of [
        [],
        ['--schema', 'auto'],
        ['--source', bare],
        ['--source', bare, '--schema', 'auto'],
      ]) {
        const r = run('check', input, ...argv);
        expect({ argv, source: r.out.includes(SHIPPED), tags: requiredTags(r.out) }).toEqual({
          argv,
          source: true,
          tags: 2,
        });
      }
      expect(calls()).toEqual([]);
    });

    it('uses the shipped list when Terraform fails, whatever it printed', () => {
      stub(1);
      const source = path.join(dir(), 'initialized-failing');
      fs.mkdirSync(path.join(source, '.terraform'), { recursive: true });
      const r = run('check', file('input.json', BARE_TOPIC), '--source', source);
      expect(calls()).toHaveLength(1);
      expect(r.out).toContain(SHIPPED);
      expect(requiredTags(r.out)).toBe(2);
    });
  });
});

describeTf('compliance-gate check: unusable plans made by Terraform', () => {
  const made: { cleanup: () => void }[] = [];
  let plan: string;
  let state: string;
  let emptyPlan: string;
  let awsPlanText: string;
  let scratch: string;

  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-inputs-tf-'));
    const other = planFixture('no-aws');
    const applied = applyFixture('no-aws');
    const empty = planFixture('empty');
    const aws = planFixture('payments');
    made.push(other, applied, empty, aws);
    plan = other.planFile;
    state = applied.stateFile;
    emptyPlan = empty.planFile;
    awsPlanText = aws.planText;
  }, 300_000);
  afterAll(() => {
    for (const m of made) m.cleanup();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('refuses a truncated plan (cut anywhere) as not valid JSON', () => {
    for (const at of [1, Math.floor(awsPlanText.length / 2), awsPlanText.length - 2]) {
      const p = path.join(scratch, `cut-${at}.json`);
      fs.writeFileSync(p, awsPlanText.slice(0, at));
      expectRefused(run('check', p), /is not valid JSON \(.+\): was it cut short/);
    }
  });

  it('refuses Terraform state (terraform show -json after apply) and says how to make a plan', () => {
    const text = JSON.parse(fs.readFileSync(state, 'utf8'));
    expect(text.values.root_module.resources[0].type).toBe('terraform_data'); // real state
    expectRefused(
      run('check', state),
      /this is Terraform state .*not a plan.*terraform plan -out=plan\.tfplan/,
    );
  });

  it('refuses an empty plan (nothing to judge is not a pass)', () => {
    expectRefused(run('check', emptyPlan), /the plan has no resources to judge/);
  });

  it('refuses a plan of another provider, naming it', () => {
    expectRefused(
      run('check', plan),
      /1 resource\(s\), none of hashicorp\/aws \(providers: terraform\.io\/builtin\/terraform\)/,
    );
  });

  it('refuses a schema file that is not provider schema output', () => {
    const p = path.join(scratch, 'schema.json');
    fs.writeFileSync(p, '{"format_version": "1.0"}');
    const planFile = path.join(scratch, 'aws-plan.json');
    fs.writeFileSync(planFile, awsPlanText);
    expectRefused(
      run('check', planFile, '--schema', p),
      /schema .*not the output of `terraform providers schema -json`/,
    );
  });
});
