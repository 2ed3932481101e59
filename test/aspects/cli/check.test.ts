/**
 * `compliance-gate check` on a real plan: the HCL fixture test/fixtures/hcl/payments (compliant and
 * violating resources, a module, a count, a for_each, references known only after apply, provider
 * default_tags), planned once with the real Terraform and hashicorp/aws 5.100.0, offline. Then the
 * command line itself and what is printed beside the violations (notes, warnings, policy problems,
 * resources being destroyed), on small hand-written configurations and a plan that only destroys.
 *
 * The expectations are the fixture's intent, read from its HCL (comments there say which resource
 * violates what), not from running the CLI.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { USAGE, main } from '../../../aspects/cli/check';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { RUNTIME_FACTS } from '../../../aspects/core/runtime-facts';
import { addMonths, lambdaFact } from '../../../aspects/core/runtime-verdict';
import { terraformAvailable, terraformOk } from '../../support/terraform';
import type { AppliedFixture, PlannedFixture } from './terraform-fixtures';
import { applyFixture, planFixture } from './terraform-fixtures';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const describeTf = terraformAvailable() ? describe : describe.skip;

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

function run(...argv: string[]): Run {
  let out = '';
  let err = '';
  const code = main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** `address [Rule]` of each violation line. */
function violations(text: string): string[] {
  return text
    .split('\n')
    .map((l) => /^(\S+) \[([A-Za-z0-9]+)\] .+\. Fix: .+$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${m[2]}`)
    .sort();
}

/** What the fixture's HCL declares as violating (see the comments in test/fixtures/hcl/payments). */
const EXPECTED = [
  'aws_cloudwatch_log_group.each["debug"] LogGroupRetention',
  'aws_cloudwatch_log_group.each["debug"] LogGroupRetentionOneYear',
  'aws_cloudwatch_log_group.short LogGroupKmsCmk',
  'aws_cloudwatch_log_group.short LogGroupRetention',
  'aws_cloudwatch_log_group.short LogGroupRetentionOneYear',
  'aws_cloudwatch_log_group.short RequiredTags',
  'aws_cloudwatch_log_group.stamped LogGroupKmsCmk',
  'aws_sns_topic.alerts SnsTopicKmsCmk',
  'aws_sns_topic.alerts SnsTopicTlsOnly',
  'module.audit.aws_cloudwatch_log_group.plain LogGroupKmsCmk',
].sort();

const COMPLIANT = [
  'aws_cloudwatch_log_group.app',
  'aws_cloudwatch_log_group.counted[0]',
  'aws_cloudwatch_log_group.counted[1]',
  'aws_cloudwatch_log_group.each["archive"]',
  'aws_kms_key.logs',
  'aws_sns_topic.events',
  'module.audit.aws_cloudwatch_log_group.access',
  'module.audit.aws_cloudwatch_log_group.trail',
  'module.audit.aws_kms_key.audit[0]',
];

describeTf('compliance-gate check on a real Terraform plan', () => {
  let fx: PlannedFixture;
  let scratch: string;

  beforeAll(() => {
    fx = planFixture('payments');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-cli-'));
  }, 300_000);
  afterAll(() => {
    fx?.cleanup();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  const file = (name: string, content: unknown): string => {
    const p = path.join(scratch, name);
    fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
    return p;
  };

  it('names exactly the violating resources and rules, one line each, and exits 1', () => {
    const r = run('check', fx.planFile, '--schema', 'shipped');
    expect(r.code).toBe(1);
    expect(violations(r.out)).toEqual(EXPECTED);
    expect(r.err).toBe('');
  });

  it('gives plan-mode fixes: set the value in the configuration, never "the gate injects"', () => {
    const r = run('check', fx.planFile, '--schema', 'shipped');
    const lines = r.out.split('\n').filter((l) => / \[[A-Za-z0-9]+\] /.test(l));
    expect(lines.length).toBe(EXPECTED.length);
    for (const l of lines) {
      expect(l).not.toMatch(/inject|leave .* unset/i);
      expect(l).toMatch(/\. Fix: (set|declare) /);
    }
  });

  it('judges a value known only after apply through its reference, and an unknown with none as unresolved', () => {
    const r = run('check', fx.planFile, '--schema', 'shipped', '--format', 'json');
    const report = JSON.parse(r.out) as {
      resources: {
        address: string;
        results: Record<string, string | { outcome: string; messages?: string[] }>;
      }[];
    };
    const outcome = (address: string, rule: string) => {
      const e = report.resources.find((x) => x.address === address)?.results[rule];
      return typeof e === 'string' ? e : e?.outcome;
    };
    // kms_key_id = aws_kms_key.logs.arn (unknown in the plan): a customer-managed key whose policy admits Logs
    for (const a of ['aws_cloudwatch_log_group.app', 'aws_cloudwatch_log_group.counted[1]']) {
      expect(outcome(a, 'LogGroupKmsCmk')).toBe('compliant');
      expect(outcome(a, 'LogGroupKeyAdmitsLogs')).toBe('compliant');
    }
    // through a module variable, and to the module's own counted key
    expect(outcome('module.audit.aws_cloudwatch_log_group.trail', 'LogGroupKmsCmk')).toBe('compliant');
    expect(outcome('module.audit.aws_cloudwatch_log_group.access', 'LogGroupKmsCmk')).toBe('compliant');
    expect(outcome('module.audit.aws_cloudwatch_log_group.access', 'LogGroupKeyAdmitsLogs')).toBe(
      'compliant',
    );
    // "...key/${formatdate(timestamp())}": unknown, no reference
    const stamped = report.resources.find((x) => x.address === 'aws_cloudwatch_log_group.stamped')!;
    expect(stamped.results['LogGroupKmsCmk']).toEqual({
      outcome: 'unresolved',
      messages: [expect.stringContaining('kms_key_id is "${(known after apply)}"')],
    });
    expect(r.out).not.toContain('"passed": true');
  });

  it('follows a topic policy known after apply to the aws_iam_policy_document data source Terraform reads at apply', () => {
    const r = run('check', fx.planFile, '--schema', 'shipped', '--format', 'json');
    const report = JSON.parse(r.out) as {
      resources: { address: string; results: Record<string, unknown> }[];
    };
    const events = report.resources.find((x) => x.address === 'aws_sns_topic.events')!;
    expect(events.results['SnsTopicTlsOnly']).toBe('compliant');
    expect(events.results['SnsTopicKmsCmk']).toBe('compliant');
    // data sources are read, never judged
    expect(report.resources.some((x) => x.address.startsWith('data.'))).toBe(false);
  });

  it('reads provider default_tags: resources without their own tags carry the required tags', () => {
    const r = run('check', fx.planFile, '--schema', 'shipped', '--format', 'json');
    const report = JSON.parse(r.out) as {
      resources: { address: string; results: Record<string, unknown> }[];
    };
    for (const a of COMPLIANT) {
      const entry = report.resources.find((x) => x.address === a);
      expect({ a, tags: entry?.results['RequiredTags'] }).toEqual({ a, tags: 'compliant' });
      // every other rule that judges it passes too (or finds nothing to judge, e.g. no alarm uses the topic)
      for (const [rule, e] of Object.entries(entry!.results))
        expect([a, rule, typeof e === 'string' ? e : (e as { outcome: string }).outcome]).toEqual([
          a,
          rule,
          expect.stringMatching(/^(compliant|not-applicable)$/),
        ]);
    }
    // the override of a default tag with a wrong value is caught
    expect(r.err).toMatch(/aws_cloudwatch_log_group\.short \[RequiredTags\] tag Environment is "staging"/);
  });

  it('ends with one summary line: the plan file, its problem count and where the tag rules came from', () => {
    const r = run('check', fx.planFile, '--schema', 'shipped');
    const lines = r.out.trimEnd().split('\n');
    // one problem per violation line (no suppressions, no policy problems here); nothing after it
    expect(lines[lines.length - 1]).toBe(
      `plan ${fx.planFile}: ${EXPECTED.length} problem(s) (tag rules use the shipped list of hashicorp/aws 5.100.0)`,
    );
    expect(r.out.endsWith('\n')).toBe(true);
    // every resource of the plan is created: nothing is left unjudged as being destroyed
    expect(r.out).not.toMatch(/not judged/);
  });

  it('prints the coverage line: resources judged and the types no rule judges', () => {
    const r = run('check', fx.planFile, '--schema', 'shipped');
    expect(r.out).toMatch(
      /^coverage: 14 of 15 resources judged by \d+ rules; types no rule judges \(.*\): aws_sns_topic_policy \(1\)$/m,
    );
  });

  it('--out writes <name>.compliance.json (schema version 2: rules with controls, resources with addresses) and <name>.sarif', () => {
    const out = path.join(scratch, 'reports');
    const r = run('check', fx.planFile, '--schema', 'shipped', '--out', out);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(out).sort()).toEqual(['plan.compliance.json', 'plan.sarif']);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'plan.compliance.json'), 'utf8'));
    expect(report.schemaVersion).toBe(2);
    expect(report.passed).toBe(false);
    expect(report.rules.find((x: { id: string }) => x.id === 'LogGroupRetention').controls.pciDss).toEqual([
      '10.5.1',
    ]);
    expect(report.resources.map((x: { address: string }) => x.address)).toEqual(
      expect.arrayContaining([...COMPLIANT, 'module.audit.aws_cloudwatch_log_group.plain']),
    );
    const sarif = JSON.parse(fs.readFileSync(path.join(out, 'plan.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(EXPECTED.length);
  });

  it('--source locates each SARIF result at its resource block (file and line), modules included', () => {
    const r = run('check', fx.planFile, '--schema', 'shipped', '--source', fx.dir, '--format', 'sarif');
    const sarif = JSON.parse(r.out);
    const results = sarif.runs[0].results as {
      ruleId: string;
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
        logicalLocations: { name: string }[];
      }[];
    }[];
    expect(results).toHaveLength(EXPECTED.length);
    for (const res of results) {
      const loc = res.locations[0];
      const address = loc.logicalLocations[0].name.replace(/\[[^\]]*\]/g, '');
      const [type, name] = address.split('.').slice(-2);
      const text = fs
        .readFileSync(path.resolve(loc.physicalLocation.artifactLocation.uri), 'utf8')
        .split('\n');
      expect(text[loc.physicalLocation.region.startLine - 1]).toBe(`resource "${type}" "${name}" {`);
      expect(
        loc.physicalLocation.artifactLocation.uri.endsWith(
          address.startsWith('module.audit.') ? 'modules/audit/main.tf' : 'main.tf',
        ),
      ).toBe(true);
    }
  });

  it('reads the taggable types from `terraform providers schema -json` in an initialized --source (the default, auto)', () => {
    const r = run('check', fx.planFile, '--source', fx.dir);
    expect(r.out).toContain(`(tag rules use terraform providers schema -json in ${fx.dir})`);
    expect(violations(r.out)).toEqual(EXPECTED);
    // without an initialized directory: the shipped list, said so
    expect(run('check', fx.planFile).out).toContain(
      '(tag rules use the shipped list of hashicorp/aws 5.100.0)',
    );
  }, 120_000);

  describe('suppressions file', () => {
    const reason = 'The debug stream holds no card data and is rotated by the team every month.';

    it('silences the findings it covers, by address and by address prefix (a block, a module)', () => {
      const s = file('ok.json', {
        suppressions: [
          {
            address: 'aws_cloudwatch_log_group.each',
            ruleId: 'LogGroupRetention',
            reason,
            expires: '2099-01-01',
          },
          {
            address: 'aws_cloudwatch_log_group.each["debug"]',
            ruleId: 'LogGroupRetentionOneYear',
            reason,
            expires: '2099-01-01',
          },
          { address: 'module.audit', ruleId: 'LogGroupKmsCmk', reason, expires: '2099-01-01' },
        ],
      });
      const r = run('check', fx.planFile, '--schema', 'shipped', '--suppressions', s);
      expect(r.code).toBe(1);
      expect(violations(r.out)).toEqual(
        EXPECTED.filter(
          (v) => !v.startsWith('aws_cloudwatch_log_group.each') && !v.startsWith('module.audit'),
        ),
      );
      expect(r.out).not.toContain('SuppressionInvalid');
    });

    it('reports an unused, expired, unknown-rule or unreasoned suppression as an error (exit 1)', () => {
      const s = file('bad.json', [
        {
          address: 'aws_cloudwatch_log_group.app',
          ruleId: 'LogGroupRetention',
          reason,
          expires: '2099-01-01',
        },
        {
          address: 'aws_cloudwatch_log_group.short',
          ruleId: 'LogGroupRetention',
          reason,
          expires: '2020-01-01',
        },
        { address: 'aws_cloudwatch_log_group.short', ruleId: 'NoSuchRule', reason, expires: '2099-01-01' },
        {
          address: 'aws_cloudwatch_log_group.short',
          ruleId: 'RequiredTags',
          reason: 'ok',
          expires: '2099-01-01',
        },
      ]);
      const r = run('check', fx.planFile, '--schema', 'shipped', '--suppressions', s);
      expect(r.code).toBe(1);
      const problems = r.out.split('\n').filter((l) => l.includes('[SuppressionInvalid]'));
      expect(problems).toEqual([
        expect.stringMatching(/^\[aws_cloudwatch_log_group\.app\] .*LogGroupRetention matches no finding/),
        expect.stringMatching(
          /^\[aws_cloudwatch_log_group\.short\] .*LogGroupRetention expired on 2020-01-01/,
        ),
        expect.stringMatching(
          /^\[aws_cloudwatch_log_group\.short\] .*NoSuchRule.*not in the policy's catalogue/,
        ),
        expect.stringMatching(/^\[aws_cloudwatch_log_group\.short\] .*RequiredTags has no written reason/),
      ]);
      // an invalid suppression suppresses nothing
      expect(violations(r.out)).toEqual(EXPECTED);
    });

    it('refuses a file of the wrong shape with one line (exit 2)', () => {
      for (const [content, pattern] of [
        ['{"suppressions": {}}', /must be \{"suppressions": \[\.\.\.\]\}/],
        ['[{"ruleId": "LogGroupRetention"}]', /entry 1 has no address/],
        ['[{"address": "x", "ruleId": "A", "reson": "typo"}]', /entry 1 has unknown field\(s\) reson/],
        ['[{"address": "x"', /not valid JSON/],
      ] as const) {
        const r = run('check', fx.planFile, '--suppressions', file('shape.json', content));
        expect({ content, code: r.code }).toEqual({ content, code: 2 });
        expect(r.err).toMatch(pattern);
        expect(r.err.trim().split('\n')).toHaveLength(1);
      }
    });
  });

  describe('policy file', () => {
    it('applies the overrides (a 30-day retention policy passes the 30-day group on LogGroupRetention)', () => {
      const p = file('policy.json', { logRetentionDays: 30, disabledRules: ['LogGroupRetentionOneYear'] });
      const r = run('check', fx.planFile, '--schema', 'shipped', '--policy', p);
      expect(violations(r.out)).toEqual(
        EXPECTED.filter(
          (v) =>
            !v.endsWith('LogGroupRetentionOneYear') &&
            v !== 'aws_cloudwatch_log_group.each["debug"] LogGroupRetention',
        ),
      );
    });

    it('refuses an invalid policy with the same message as paymentsPolicy (exit 2, one line)', () => {
      let expected = '';
      try {
        paymentsPolicy({ logRetentionDays: 45 });
      } catch (e) {
        expected = (e as Error).message;
      }
      expect(expected).toMatch(/^\[compliance\/PolicyInvalid\] logRetentionDays=45/);
      const p = file('bad-policy.json', { logRetentionDays: 45 });
      const r = run('check', fx.planFile, '--policy', p);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`compliance-gate: policy ${p}: ${expected}\n`);
    });

    it('refuses unknown fields, rules that do not exist (each named, the known ones not), and a policy that is not an object', () => {
      const cases: [unknown, RegExp][] = [
        [{ logRetentionDay: 90 }, /unknown field\(s\) logRetentionDay/],
        [
          { disabledRules: ['NoSuchRule', 'LogGroupRetention', 'NorThisOne'] },
          /disabledRules names unknown rule\(s\) NoSuchRule, NorThisOne$/m,
        ],
        [[1], /must be a JSON object of policy overrides/],
      ];
      for (const [content, pattern] of cases) {
        const r = run('check', fx.planFile, '--policy', file('p.json', content));
        expect(r.code).toBe(2);
        expect(r.err).toMatch(pattern);
      }
    });
  });

  it('runs as a process: `npm run gate` (tsx aspects/cli/main.ts) exits 1 on the plan, 2 on a bad option', () => {
    // tsx's CLI found as node finds the package (node_modules may be further up, e.g. in a mutation sandbox)
    const pkg = require.resolve('tsx/package.json');
    const cli = path.join(
      path.dirname(pkg),
      (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { bin: string }).bin,
    );
    const tsx = (...args: string[]) =>
      spawnSync(process.execPath, [cli, 'aspects/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
    const bad = tsx('check', fx.planFile, '--fromat', 'json');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^compliance-gate: unknown option --fromat; usage: compliance-gate check/);
    const ok = tsx('check', fx.planFile, '--schema', 'shipped');
    expect(ok.status).toBe(1);
    expect(violations(ok.stdout)).toEqual(EXPECTED);
  });
});

/** A log group with a 7-day retention and nothing else: it violates several rules, none of them dated. */
const SHORT_LOG_GROUP = {
  resource: { aws_cloudwatch_log_group: { short: { name: '/payments/short', retention_in_days: 7 } } },
};

/** The problem count of the summary line (`... N problem(s) (tag rules use ...)`), 0 for "complies". */
function problemCount(out: string): number {
  const m = /: (?:complies|(\d+) problem\(s\)) \(tag rules use [^)]+\)\n$/.exec(out);
  if (!m) throw new Error(`no summary line at the end of:\n${out}`);
  return m[1] === undefined ? 0 : Number(m[1]);
}

describe('compliance-gate check: the command line', () => {
  let scratch: string;
  let input: string;
  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-cli-args-'));
    fs.mkdirSync(path.join(scratch, 'app'));
    input = path.join(scratch, 'app', 'cdk.tf.json');
    fs.writeFileSync(input, JSON.stringify(SHORT_LOG_GROUP, null, 2));
  });
  afterAll(() => scratch && fs.rmSync(scratch, { recursive: true, force: true }));

  it.each(['--help', '-h'])('%s prints the usage on stdout and exits 0, judging nothing', (flag) => {
    for (const argv of [[flag], ['check', input, flag]])
      expect({ argv, ...run(...argv) }).toEqual({ argv, code: 0, out: `${USAGE}\n`, err: '' });
    expect(USAGE).toMatch(/^usage: compliance-gate check </);
  });

  it('--version prints the package name and version on stdout and exits 0', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'aspects', 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    for (const argv of [['--version'], ['check', input, '--version']])
      expect({ argv, ...run(...argv) }).toEqual({
        argv,
        code: 0,
        out: `${pkg.name} ${pkg.version}\n`,
        err: '',
      });
  });

  it('takes an option value after "=" (everything after the first "=") as well as from the next argument', () => {
    fs.mkdirSync(path.join(scratch, 'policies=1'));
    const policy = path.join(scratch, 'policies=1', 'p.json');
    fs.writeFileSync(policy, JSON.stringify({ disabledRules: ['LogGroupRetentionOneYear'] }));
    const inline = run('check', input, '--format=json', `--policy=${policy}`);
    expect(inline).toEqual(run('check', input, '--format', 'json', '--policy', policy));
    expect(inline.code).toBe(1);
    const report = JSON.parse(inline.out) as { passed: boolean; policy: { disabledRules: string[] } };
    expect(report.passed).toBe(false);
    expect(report.policy.disabledRules).toEqual(['LogGroupRetentionOneYear']);
  });

  it('refuses an unknown option (a typo) with its name and the usage, exit 2', () => {
    for (const typo of [['--fromat', 'json'], ['--fromat=json']])
      expect(run('check', input, ...typo)).toEqual({
        code: 2,
        out: '',
        err: `compliance-gate: unknown option ${typo[0]}; ${USAGE}\n`,
      });
  });

  it('refuses an option given an empty value, after "=" or as the next argument', () => {
    for (const opt of [['--policy='], ['--policy', '']])
      expect({ opt, ...run('check', input, ...opt) }).toEqual({
        opt,
        code: 2,
        out: '',
        err: `compliance-gate: option --policy needs a value; ${USAGE}\n`,
      });
  });

  it('refuses an option given twice instead of picking one of the values', () => {
    expect(run('check', input, '--format', 'json', '--format=sarif')).toEqual({
      code: 2,
      out: '',
      err: 'compliance-gate: option --format given twice\n',
    });
  });

  it('refuses two inputs, naming both, and says how to judge several stacks', () => {
    expect(run('check', 'a.json', 'b.json').err).toBe(
      'compliance-gate: check takes one input, got 2 (a.json, b.json); pass a directory to judge several stacks\n',
    );
  });

  it('lets an error that is not about the input propagate, instead of reporting it as unusable input', () => {
    const closed = new Error('stdout is closed');
    let err = '';
    const io = {
      out: () => {
        throw closed;
      },
      err: (t: string) => (err += t),
    };
    expect(() => main(['check', input], io)).toThrow(closed);
    expect(err).toBe('');
  });

  describe('--out', () => {
    it('creates the directory with its parents, and writes again into one that exists', () => {
      const out = path.join(scratch, 'reports', 'ci', 'run-1');
      for (const attempt of [1, 2]) {
        const r = run('check', input, '--out', out);
        expect({ attempt, code: r.code, err: r.err }).toEqual({ attempt, code: 1, err: '' });
      }
      expect(fs.readdirSync(out).sort()).toEqual(['app.compliance.json', 'app.sarif']);
      expect(JSON.parse(fs.readFileSync(path.join(out, 'app.compliance.json'), 'utf8')).stack).toBe('app');
    });

    it('refuses a directory that cannot be created, with the reason code (exit 2, nothing judged)', () => {
      const out = path.join(input, 'reports'); // below a file
      expect(run('check', input, '--out', out)).toEqual({
        code: 2,
        out: '',
        err: `compliance-gate: --out ${out} cannot be created (ENOTDIR)\n`,
      });
    });

    it('refuses a report that cannot be written, naming the file and the reason code (exit 2)', () => {
      const out = path.join(scratch, 'blocked');
      const report = path.join(out, 'app.compliance.json');
      fs.mkdirSync(report, { recursive: true }); // a directory where the report goes
      expect(run('check', input, '--out', out)).toEqual({
        code: 2,
        out: '',
        err: `compliance-gate: cannot write ${report} (EISDIR)\n`,
      });
    });
  });
});

describe('compliance-gate check on a hand-written configuration', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-cli-config-'));
  });
  afterAll(() => scratch && fs.rmSync(scratch, { recursive: true, force: true }));
  const file = (name: string, content: unknown): string => {
    const p = path.join(scratch, name);
    fs.writeFileSync(p, JSON.stringify(content, null, 2));
    return p;
  };

  it("reports a provider region other than the policy's as a policy problem: one more problem, exit 1", () => {
    const plain = run('check', file('plain.tf.json', SHORT_LOG_GROUP), '--schema', 'shipped');
    const elsewhere = run(
      'check',
      file('elsewhere.tf.json', { provider: { aws: [{ region: 'eu-west-1' }] }, ...SHORT_LOG_GROUP }),
      '--schema',
      'shipped',
    );
    const policyProblems = (out: string) => out.split('\n').filter((l) => l.includes('PolicyInvalid'));
    expect(policyProblems(plain.out)).toEqual([]);
    // the payments policy's region is us-east-1
    expect(policyProblems(elsewhere.out)).toEqual([
      expect.stringMatching(
        /^\[compliance\/PolicyInvalid\] the policy's region is us-east-1 but provider aws is configured for eu-west-1: pass region: 'eu-west-1' in the policy/,
      ),
    ]);
    expect(elsewhere.code).toBe(1);
    expect(problemCount(elsewhere.out)).toBe(problemCount(plain.out) + 1);
  });

  it("prints the rules' notes (stale runtime facts) without counting them as problems", () => {
    const input = file('short.tf.json', SHORT_LOG_GROUP);
    const policy = (today: string) =>
      file(`policy-${today}.json`, { today, allowedLambdaRuntimes: ['nodejs22.x'] });
    const { lastChecked } = RUNTIME_FACTS;
    const fresh = run('check', input, '--schema', 'shipped', '--policy', policy(lastChecked));
    const stale = run('check', input, '--schema', 'shipped', '--policy', policy(addMonths(lastChecked, 7)));
    const isNote = (l: string) => l.startsWith('note: ');
    expect(fresh.out.split('\n').filter(isNote)).toEqual([]);
    expect(stale.out.split('\n').filter(isNote)).toEqual([
      expect.stringMatching(
        new RegExp(`^note: \\[RuntimeFactsStale\\] the runtime facts .* last checked on ${lastChecked}`),
      ),
    ]);
    // everything else, the problem count and the exit code included, is the same
    expect(stale.out.split('\n').filter((l) => !isNote(l))).toEqual(fresh.out.split('\n'));
    expect(stale.code).toBe(fresh.code);
  });

  it('prints the warning of a compliant finding (a runtime Lambda stops accepting in 30 days), not as a problem', () => {
    const blockCreate = lambdaFact('nodejs22.x')!.blockCreate!;
    const today = new Date(Date.parse(`${blockCreate}T00:00:00Z`) - 30 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const input = file('fn.tf.json', {
      resource: {
        aws_lambda_function: {
          fn: { function_name: 'fn', runtime: 'nodejs22.x', role: 'arn:aws:iam::123456789012:role/fn' },
        },
      },
    });
    const r = run('check', input, '--schema', 'shipped', '--policy', file('today.json', { today }));
    const lines = r.out.split('\n');
    expect(lines.filter((l) => l.startsWith('warning: '))).toEqual([
      `warning: aws_lambda_function.fn [LambdaRuntimeCurrent] runtime "nodejs22.x" can be used for new functions for 30 more day(s): Lambda blocks creating functions on it from ${blockCreate} (${lambdaFact('nodejs22.x')!.source}); plan the move to a newer runtime`,
    ]);
    // the function fails other rules (no tracing, no VPC, ...): those are the problems, the runtime is not
    const problems = lines.filter((l) => l.startsWith('aws_lambda_function.fn ['));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((l) => l.includes('[LambdaRuntimeCurrent]'))).toEqual([]);
    expect(problemCount(r.out)).toBe(problems.length);
  });
});

describeTf('compliance-gate check on a plan that only destroys', () => {
  let applied: AppliedFixture;
  let planFile: string;

  beforeAll(() => {
    // a terraform_data applied offline, then planned for destruction
    applied = applyFixture('no-aws');
    terraformOk(applied.dir, [
      'plan',
      '-destroy',
      '-input=false',
      '-lock=false',
      '-no-color',
      '-out=destroy.tfplan',
    ]);
    planFile = path.join(applied.dir, 'destroy.json');
    fs.writeFileSync(planFile, terraformOk(applied.dir, ['show', '-json', 'destroy.tfplan']).stdout);
  }, 300_000);
  afterAll(() => applied?.cleanup());

  it('judges nothing, says how many resources it left unjudged as being destroyed, and complies (exit 0)', () => {
    const r = run('check', planFile, '--schema', 'shipped');
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expect(r.out.split('\n').slice(-3)).toEqual([
      'not judged: 1 resource(s) being destroyed',
      `plan ${planFile}: complies (tag rules use the shipped list of hashicorp/aws 5.100.0)`,
      '',
    ]);
  });
});
