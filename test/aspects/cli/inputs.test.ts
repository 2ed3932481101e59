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
