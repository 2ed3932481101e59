/**
 * The checker's contract (aspects/cdk/checker.ts, applied through applyPolicy): what a failing synth
 * looks like, suppressions, reports, tokens, fail-closed; the scopes it can be applied to (the App, a
 * stack, a construct inside a stack, a single resource), suppressions above, beside and inside the
 * scope, resources with no construct of their own (raw escape hatches), problems declared on the stack
 * itself, repeated synths of one App, the one-shot hand-off of the judged configuration to the
 * synthesizer, the `checks` map and the report paths.
 *
 * Each test builds its App inside the test, synthesizes it into a temporary directory and reads what
 * was (not) written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AnnotationMetadataEntryType,
  Annotations,
  App,
  Aspects,
  TerraformStack,
  TerraformVariable,
  Token,
} from 'cdktf';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCloudwatchLogGroup } from '@cdktf/provider-aws/lib/data-aws-cloudwatch-log-group';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import {
  CATALOGUE,
  ComplianceChecker,
  applyPolicy,
  paymentsPolicy,
  suppress,
} from '@payments-compliance/gate';
import type { PolicyOverrides, Suppression } from '../../../aspects/core/policy';
import type { Rule } from '../../../aspects/core/rule';
import { compliant, compliantWithWarning, defineRule } from '../../../aspects/core/rule';
import * as tags from '../../../aspects/cdk/mutators/tags';
import { LOGS_KEY_POLICY } from '../../support/baseline';

const TODAY = '2026-11-28';
const REASON = 'Kept 30 days by design: the archive holds a copy for 400 days.';
const RETENTION: Suppression = { ruleId: 'LogGroupRetention', reason: REASON, expires: '2027-01-31' };

interface Fixture {
  app: App;
  stack: TerraformStack;
  key: KmsKey;
  outdir: string;
}

let dirs: string[] = [];
afterEach(() => {
  jest.restoreAllMocks();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tmpdir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'checker-'));
  dirs.push(d);
  return d;
}

/** A stack named `id` with a provider and a logs key that admits CloudWatch Logs. */
function stackIn(app: App, id: string): { stack: TerraformStack; key: KmsKey } {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const key = new KmsKey(stack, 'logs-key', { enableKeyRotation: true, policy: LOGS_KEY_POLICY });
  return { stack, key };
}

/** An App in a temporary directory with one stack, `app`. */
function fixture(): Fixture {
  const outdir = tmpdir();
  const app = new App({ outdir });
  return { app, outdir, ...stackIn(app, 'app') };
}

function policy(key: KmsKey | undefined, overrides: PolicyOverrides = {}) {
  return paymentsPolicy({
    ...(key ? { keys: { logs: key.arn } } : {}),
    today: TODAY,
    disabledRules: ['LogGroupRetentionOneYear'],
    ...overrides,
  });
}

/** Applies the payments policy (with the fixture's logs key) to the fixture's stack. */
function gate(f: Fixture, overrides: PolicyOverrides = {}) {
  return applyPolicy(f.stack, policy(f.key, overrides));
}

/** Synthesizes the fixture's App: its error (if any), where its stack file goes, and its two reports. */
function synth(f: Fixture): {
  error?: Error;
  stackFile: string;
  report: Record<string, unknown>;
  sarif: Record<string, unknown>;
} {
  let error: Error | undefined;
  try {
    f.app.synth();
  } catch (e) {
    error = e as Error;
  }
  const read = (p: string) =>
    fs.existsSync(p) ? (JSON.parse(fs.readFileSync(p, 'utf8')) as Record<string, unknown>) : {};
  return {
    error,
    stackFile: path.join(f.outdir, 'stacks', 'app', 'cdk.tf.json'),
    report: read(path.join(f.outdir, 'compliance', 'app.compliance.json')),
    sarif: read(path.join(f.outdir, 'compliance', 'app.sarif')),
  };
}

/** Runs `app.synth()` and returns the validation lines of its error (none when it passed). */
function synthLines(app: App): { error?: Error; lines: string[] } {
  try {
    app.synth();
    return { lines: [] };
  } catch (e) {
    const error = e as Error;
    const lines = error.message
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('['));
    return { error, lines };
  }
}

function stackFile(outdir: string, stack = 'app'): string {
  return path.join(outdir, 'stacks', stack, 'cdk.tf.json');
}

function writeStale(outdir: string, stack = 'app'): string {
  const file = stackFile(outdir, stack);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '{"stale":true}');
  return file;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/**
 * CDKTF 0.21 invokes aspects from each stack down (`invokeAspects(stack)`), never from the App; applyPolicy
 * on an App therefore adds its aspects to every stack when the App synthesizes (aspects/index.ts).
 */
function applyOnApp(app: App) {
  return applyPolicy(app, policy(undefined));
}

describe('ComplianceChecker', () => {
  it('passes a compliant stack, writes the stack and a passing report', () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'logs', { name: '/ok' });
    gate(f);
    const out = synth(f);
    expect(out.error).toBeUndefined();
    expect(fs.existsSync(out.stackFile)).toBe(true);
    expect(out.report['passed']).toBe(true);
  });

  it('fails with one line per violation (path, address, rule, what, fix) and writes no stack', () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 });
    new CloudwatchLogGroup(f.stack, 'aws-key', { name: '/aws-key', kmsKeyId: 'alias/aws/logs' });
    gate(f);
    const out = synth(f);
    expect(out.error).toBeDefined();
    const lines = out.error!.message.split('\n').filter((l) => /\[(LogGroup\w+)\]/.test(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\s*\[app\/short\] aws_cloudwatch_log_group\.short \[LogGroupRetention\] retention_in_days is 30; the policy requires at least 90\. Fix: .+/,
    );
    expect(lines[1]).toMatch(
      /^\s*\[app\/aws-key\] aws_cloudwatch_log_group\.aws-key \[LogGroupKmsCmk\] .*alias\/aws\/logs.*AWS-managed/,
    );
    expect(fs.existsSync(out.stackFile)).toBe(false);
    expect(out.report['passed']).toBe(false);
  });

  it('removes a stale stack file left by an earlier passing synth when the gate now fails', () => {
    const f = fixture();
    const stale = path.join(f.outdir, 'stacks', 'app');
    fs.mkdirSync(stale, { recursive: true });
    fs.writeFileSync(path.join(stale, 'cdk.tf.json'), '{}');
    new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 });
    gate(f);
    const out = synth(f);
    expect(out.error).toBeDefined();
    expect(fs.existsSync(out.stackFile)).toBe(false);
  });

  it('reports an unresolved token as a violation, never as a pass', () => {
    const f = fixture();
    const days = new TerraformVariable(f.stack, 'days', { type: 'number' });
    new CloudwatchLogGroup(f.stack, 'var', { name: '/var', retentionInDays: Token.asNumber(days.value) });
    gate(f);
    const out = synth(f);
    expect(out.error?.message).toMatch(
      /\[app\/var\] .*\[LogGroupRetention\] cannot be judged: retention_in_days is "\$\{var\.days\}"/,
    );
  });

  it('does not overwrite an explicit wrong value (the author sees it fail instead)', () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'g', {
      name: '/g',
      retentionInDays: 7,
      tags: { Environment: 'staging' },
    });
    gate(f);
    const out = synth(f);
    const rules = [...out.error!.message.matchAll(/\[app\/g\] \S+ \[(\w+)\]/g)].map((m) => m[1]).sort();
    expect(rules).toEqual(['LogGroupRetention', 'RequiredTags']);
  });

  describe('suppressions', () => {
    const reason = 'Kept 30 days by design: the archive holds a copy for 400 days.';

    it('silence one rule on one construct, recorded with reason and expiry in both reports', () => {
      const f = fixture();
      suppress(new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 }), {
        ruleId: 'LogGroupRetention',
        reason,
        expires: '2027-01-31',
      });
      gate(f);
      const out = synth(f);
      expect(out.error).toBeUndefined();
      const resources = out.report['resources'] as { path: string; results: Record<string, unknown> }[];
      expect(resources.find((r) => r.path === 'app/short')!.results['LogGroupRetention']).toEqual({
        outcome: 'suppressed',
        messages: [expect.stringContaining('retention_in_days is 30')],
        suppression: { reason, expires: '2027-01-31', declaredOn: 'app/short' },
      });
      const results = (out.sarif['runs'] as { results: { ruleId: string; suppressions?: unknown[] }[] }[])[0]
        .results;
      expect(results.filter((r) => r.ruleId === 'LogGroupRetention' && r.suppressions)).toHaveLength(1);
    });

    it('on a scope cover everything below it', () => {
      const f = fixture();
      new CloudwatchLogGroup(f.stack, 'a', { name: '/a', retentionInDays: 30 });
      new CloudwatchLogGroup(f.stack, 'b', { name: '/b', retentionInDays: 60 });
      suppress(f.stack, { ruleId: 'LogGroupRetention', reason, expires: '2027-01-31' });
      gate(f);
      expect(synth(f).error).toBeUndefined();
    });

    it('do not silence other rules', () => {
      const f = fixture();
      suppress(
        new CloudwatchLogGroup(f.stack, 'g', { name: '/g', retentionInDays: 30, kmsKeyId: 'alias/aws/logs' }),
        {
          ruleId: 'LogGroupRetention',
          reason,
          expires: '2027-01-31',
        },
      );
      gate(f);
      const msg = synth(f).error!.message;
      expect(msg).toContain('[LogGroupKmsCmk]');
      expect(msg).not.toContain('[LogGroupRetention]');
    });

    it.each([
      ['expired', { ruleId: 'LogGroupRetention', reason, expires: '2026-11-27' }, /expired on 2026-11-27/],
      [
        'without a reason',
        { ruleId: 'LogGroupRetention', reason: 'ok', expires: '2027-01-31' },
        /no written reason/,
      ],
      [
        'with a malformed date',
        { ruleId: 'LogGroupRetention', reason, expires: '31/01/2027' },
        /not an ISO date/,
      ],
      [
        'naming an unknown rule',
        { ruleId: 'NoSuchRule', reason, expires: '2027-01-31' },
        /not in the policy's catalogue/,
      ],
    ])('fail synthesis when %s', (_name, s, pattern) => {
      const f = fixture();
      suppress(new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 }), s);
      gate(f);
      const out = synth(f);
      expect(out.error?.message).toMatch(/^\s*\[app\/short\] \[SuppressionInvalid\]/m);
      expect(out.error?.message).toMatch(pattern);
      expect(fs.existsSync(out.stackFile)).toBe(false);
    });

    it('that match nothing are errors (a stale exception would hide future findings)', () => {
      const f = fixture();
      suppress(new CloudwatchLogGroup(f.stack, 'fine', { name: '/fine' }), {
        ruleId: 'LogGroupRetention',
        reason,
        expires: '2027-01-31',
      });
      gate(f);
      expect(synth(f).error?.message).toMatch(
        /^\s*\[app\/fine\] \[SuppressionInvalid\] suppression of LogGroupRetention matches no finding/m,
      );
    });

    it('expiring today still hold (the expiry date is the last valid day)', () => {
      const f = fixture();
      suppress(new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 }), {
        ruleId: 'LogGroupRetention',
        reason,
        expires: '2026-11-28',
      });
      gate(f);
      expect(synth(f).error).toBeUndefined();
    });
  });

  describe('reports', () => {
    it('hold every judged resource with every rule judging its type, and SARIF 2.1.0 whose results point at declared rules', () => {
      const f = fixture();
      new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 });
      const applied = gate(f);
      const out = synth(f);
      const resources = out.report['resources'] as { address: string; results: Record<string, unknown> }[];
      expect(resources.map((r) => r.address).sort()).toEqual([
        'aws_cloudwatch_log_group.short',
        'aws_kms_key.logs-key',
      ]);
      // A rule is listed under a resource exactly when it judges the resource's type (taggable rules judge
      // every taggable type); the others are not-applicable, counted in the summary.
      const judges = (rule: { appliesTo: readonly string[] | 'taggable' }, type: string) =>
        rule.appliesTo === 'taggable' ? true : rule.appliesTo.includes(type);
      const report = out.report as {
        summary: Record<string, number>;
        rules: { id: string; appliesTo: string[] | 'taggable' }[];
      };
      let listed = 0;
      for (const r of resources) {
        const type = r.address.split('.')[0];
        expect(Object.keys(r.results).sort()).toEqual(
          report.rules
            .filter((x) => judges(x, type))
            .map((x) => x.id)
            .sort(),
        );
        listed += Object.keys(r.results).length;
      }
      expect(report.rules.map((x) => x.id)).toEqual(applied.rules.map((x) => x.id));
      const s = report.summary;
      expect(
        s['compliant'] + s['non-compliant'] + s['unresolved'] + s['suppressed'] + s['not-applicable'],
      ).toBe(resources.length * applied.rules.length);
      expect(s['not-applicable']).toBe(resources.length * applied.rules.length - listed);
      const group = resources.find((r) => r.address === 'aws_cloudwatch_log_group.short')!;
      expect(group.results['LogGroupKmsCmk']).toBe('compliant');
      expect(group.results['LambdaTracingActive']).toBeUndefined();
      expect((group.results['LogGroupRetention'] as { outcome: string }).outcome).toBe('non-compliant');

      expect(out.sarif['version']).toBe('2.1.0');
      const run = (out.sarif['runs'] as Record<string, unknown>[])[0] as {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; ruleIndex: number; level: string; locations: unknown[] }[];
      };
      const ids = run.tool.driver.rules.map((r) => r.id);
      expect(run.results.length).toBeGreaterThan(0);
      for (const r of run.results) {
        expect(ids[r.ruleIndex]).toBe(r.ruleId);
        expect(['error', 'warning', 'note']).toContain(r.level);
        expect(r.locations.length).toBe(1);
      }
    });

    it('are byte-identical across two synths of the same app (no timestamps)', () => {
      const a = fixture();
      new CloudwatchLogGroup(a.stack, 'g', { name: '/g' });
      gate(a);
      synth(a);
      const first = fs.readFileSync(path.join(a.outdir, 'compliance', 'app.compliance.json'), 'utf8');
      synth(a);
      expect(fs.readFileSync(path.join(a.outdir, 'compliance', 'app.compliance.json'), 'utf8')).toBe(first);
    });

    it('are not written when the policy says so', () => {
      const f = fixture();
      gate(f, { writeReports: false });
      synth(f);
      expect(fs.existsSync(path.join(f.outdir, 'compliance'))).toBe(false);
    });
  });

  it('fails closed when the App skips validation (which would skip the check)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'checker-'));
    dirs.push(outdir);
    const app = new App({ outdir, skipValidation: true });
    const stack = new TerraformStack(app, 'app');
    new CloudwatchLogGroup(stack, 'g', { name: '/g', retentionInDays: 1 });
    applyPolicy(stack, paymentsPolicy());
    expect(() => app.synth()).toThrow(/\[compliance\/GateBypassed\] app: .*skipValidation/);
  });

  it('refuses to apply a policy twice on one scope, and unknown disabled rules', () => {
    const f = fixture();
    gate(f);
    expect(() => gate(f)).toThrow(/already has a compliance policy applied/);
    const g = fixture();
    expect(() => applyPolicy(g.stack, paymentsPolicy({ disabledRules: ['Nope'] }))).toThrow(
      /unknown rule\(s\) Nope/,
    );
  });

  it('judges only the scope it was applied to', () => {
    const f = fixture();
    const team = new Construct(f.stack, 'team');
    new CloudwatchLogGroup(team, 'bad', { name: '/team/bad', retentionInDays: 30 });
    new CloudwatchLogGroup(f.stack, 'outside', { name: '/outside', retentionInDays: 30 });
    applyPolicy(
      team,
      paymentsPolicy({ keys: { logs: f.key.arn }, disabledRules: ['LogGroupRetentionOneYear'] }),
    );
    const msg = synth(f).error!.message;
    expect(msg).toContain('[app/team/bad]');
    expect(msg).not.toContain('[app/outside]');
  });
});

describe('ComplianceChecker: where it is applied', () => {
  it('applied on the App, judges its stacks (CDKTF never invokes aspects added to the App itself)', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const { stack, key } = stackIn(app, 'app');
    new CloudwatchLogGroup(stack, 'short', { name: '/short', kmsKeyId: key.arn, retentionInDays: 30 });
    applyPolicy(app, policy(undefined));
    expect(synthLines(app).lines).toEqual([
      expect.stringMatching(/^\[app\/short\] aws_cloudwatch_log_group\.short \[LogGroupRetention\]/),
    ]);
    expect(fs.existsSync(stackFile(outdir, 'app'))).toBe(false);
  });

  it('applied on the App, also judges a stack created after applyPolicy', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const { checker } = applyPolicy(app, policy(undefined));
    const late = stackIn(app, 'late');
    new CloudwatchLogGroup(late.stack, 'short', {
      name: '/short',
      kmsKeyId: late.key.arn,
      retentionInDays: 30,
    });
    expect(synthLines(app).lines).toEqual([
      expect.stringMatching(/^\[late\/short\] .*\[LogGroupRetention\]/),
    ]);
    expect([...checker.checks.keys()]).toEqual(['late']);
  });

  it('refuses a suppression declared on the App, above the stacks, where it would cover nothing', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const { stack, key } = stackIn(app, 'app');
    new CloudwatchLogGroup(stack, 'short', { name: '/short', kmsKeyId: key.arn, retentionInDays: 30 });
    suppress(app, RETENTION);
    applyPolicy(stack, policy(undefined));
    const { lines } = synthLines(app);
    expect(lines).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/^\[app\/short\] .*\[LogGroupRetention\]/));
    expect(lines).toContainEqual(
      '[app] [<app>] [SuppressionInvalid] suppression of LogGroupRetention is declared above the stack app, where it covers nothing (each stack is judged on its own): declare it on the stack or on a construct inside it',
    );
  });

  it('refuses a suppression declared on a construct between the App and a nested stack, naming it', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const group = new Construct(app, 'group');
    const stack = new TerraformStack(group, 'pay');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const key = new KmsKey(stack, 'logs-key', { enableKeyRotation: true, policy: LOGS_KEY_POLICY });
    new CloudwatchLogGroup(stack, 'short', { name: '/short', kmsKeyId: key.arn, retentionInDays: 30 });
    suppress(group, RETENTION);
    applyPolicy(stack, policy(undefined));
    const { lines } = synthLines(app);
    expect(lines).toHaveLength(2);
    expect(lines).toContainEqual(
      '[group/pay] [group] [SuppressionInvalid] suppression of LogGroupRetention is declared above the stack group/pay, where it covers nothing (each stack is judged on its own): declare it on the stack or on a construct inside it',
    );
  });

  it('applied on the App, adds its aspects to each stack once, however often the App synthesizes', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const { stack, key } = stackIn(app, 'app');
    new CloudwatchLogGroup(stack, 'ok', { name: '/ok', kmsKeyId: key.arn });
    const { aspects } = applyPolicy(app, policy(undefined));
    expect(synthLines(app)).toEqual({ lines: [] });
    expect(synthLines(app)).toEqual({ lines: [] });
    expect(Aspects.of(stack).all).toEqual(aspects);
  });

  it('scoped to the App, judges every stack it visits, each against its whole configuration', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const a = stackIn(app, 'a');
    new CloudwatchLogGroup(a.stack, 'ok', { name: '/ok', kmsKeyId: a.key.arn });
    const b = stackIn(app, 'b');
    new CloudwatchLogGroup(b.stack, 'short', { name: '/short', kmsKeyId: b.key.arn, retentionInDays: 30 });
    const { checker } = applyOnApp(app);
    const out = synthLines(app);
    expect(out.lines).toEqual([
      expect.stringMatching(
        /^\[b\/short\] aws_cloudwatch_log_group\.short \[LogGroupRetention\] retention_in_days is 30;/,
      ),
    ]);
    expect([...checker.checks.keys()]).toEqual(['a', 'b']);
    expect(checker.checks.get('a')!.evaluation.violations).toEqual([]);
    expect(checker.checks.get('a')!.evaluation.resources.map((r) => r.address)).toEqual([
      'aws_kms_key.logs-key',
      'aws_cloudwatch_log_group.ok',
    ]);
    expect(fs.existsSync(stackFile(outdir, 'a'))).toBe(true);
    expect(fs.existsSync(stackFile(outdir, 'b'))).toBe(false);
  });

  it('scoped to the App, honours suppressions declared in its stacks', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const { stack, key } = stackIn(app, 'app');
    suppress(
      new CloudwatchLogGroup(stack, 'short', { name: '/short', kmsKeyId: key.arn, retentionInDays: 30 }),
      RETENTION,
    );
    const { checker } = applyOnApp(app);
    expect(synthLines(app)).toEqual({ lines: [] });
    const finding = checker.checks
      .get('app')!
      .evaluation.findings.find((f) => f.rule.id === 'LogGroupRetention' && f.resource.path === 'app/short')!;
    expect(finding.suppressedBy).toEqual({ suppression: RETENTION, ownerPath: 'app/short' });
  });

  it('applied on a single resource, judges that resource', () => {
    const f = fixture();
    const group = new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 });
    applyPolicy(group, policy(f.key));
    const out = synthLines(f.app);
    expect(out.lines).toEqual([
      expect.stringMatching(/^\[app\/short\] aws_cloudwatch_log_group\.short \[LogGroupRetention\]/),
    ]);
    expect(fs.existsSync(stackFile(f.outdir))).toBe(false);
  });

  it('ignores, when visited, the constructs of its scope that belong to no stack (the App, a plain construct under it)', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    stackIn(app, 'app');
    const loose: IConstruct = new Construct(app, 'loose');
    const { checker } = applyPolicy(app, policy(undefined));
    expect(() => checker.visit(app)).not.toThrow();
    expect(() => checker.visit(loose)).not.toThrow();
  });
});

describe('ComplianceChecker: what it judges', () => {
  it('judges resources added by a raw escape hatch (no construct of their own) and reports them on the stack', () => {
    const f = fixture();
    f.stack.addOverride('resource.aws_cloudwatch_log_group.raw', {
      name: '/raw',
      retention_in_days: 30,
      kms_key_id: '${aws_kms_key.logs-key.arn}',
    });
    const { checker } = applyPolicy(f.stack, policy(f.key));
    const out = synthLines(f.app);
    expect(out.error).toBeDefined();
    const retention = out.lines.filter((l) => l.includes('[LogGroupRetention]'));
    expect(retention).toEqual([
      expect.stringMatching(
        /^\[app\] \[aws_cloudwatch_log_group\.raw\] aws_cloudwatch_log_group\.raw \[LogGroupRetention\] retention_in_days is 30; the policy requires at least 90\. Fix: /,
      ),
    ]);
    expect(checker.checks.get('app')!.evaluation.violations.map((v) => v.resource.path)).toContain(
      'aws_cloudwatch_log_group.raw',
    );
    expect(fs.existsSync(stackFile(f.outdir))).toBe(false);
  });

  it('reports on the stack a violation whose recorded construct is not a resource (here: the stack itself)', () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 });
    // An escape hatch that rewrites the construct path CDKTF records for the resource.
    f.stack.addOverride('resource.aws_cloudwatch_log_group.short.//.metadata.path', 'app');
    applyPolicy(f.stack, policy(f.key));
    const out = synthLines(f.app);
    expect(out.lines).toEqual([
      expect.stringMatching(
        /^\[app\] \[app\] aws_cloudwatch_log_group\.short \[LogGroupRetention\] retention_in_days is 30;/,
      ),
    ]);
    expect(fs.existsSync(stackFile(f.outdir))).toBe(false);
  });

  it('applies the tag rules to every resource type that accepts tags, even after a data source of that type', () => {
    const f = fixture();
    new DataAwsCloudwatchLogGroup(f.stack, 'existing', { name: '/existing' });
    new CloudwatchLogGroup(f.stack, 'g', { name: '/g', tags: { Environment: 'staging' } });
    applyPolicy(f.stack, policy(f.key));
    const out = synthLines(f.app);
    expect(out.lines).toEqual([
      expect.stringMatching(
        /^\[app\/g\] aws_cloudwatch_log_group\.g \[RequiredTags\] tag Environment is "staging"/,
      ),
    ]);
  });

  it('does not apply the tag rules to resource types that do not accept tags', () => {
    const f = fixture();
    new KmsAlias(f.stack, 'alias', { name: 'alias/logs', targetKeyId: f.key.keyId });
    const { checker } = applyPolicy(f.stack, policy(f.key));
    expect(synthLines(f.app)).toEqual({ lines: [] });
    const ev = checker.checks.get('app')!.evaluation;
    expect(ev.resources.map((r) => r.address)).toContain('aws_kms_alias.alias');
    expect(ev.findings.filter((x) => x.resource.type === 'aws_kms_alias')).toEqual([]);
    expect(ev.findings.some((x) => x.resource.type === 'aws_kms_key' && x.rule.id === 'RequiredTags')).toBe(
      true,
    );
  });

  it('asks whether a resource type accepts tags once per type, not once per resource', () => {
    const spy = jest.spyOn(tags, 'acceptsTags');
    const f = fixture();
    for (const id of ['a', 'b', 'c']) new CloudwatchLogGroup(f.stack, id, { name: `/${id}` });
    applyPolicy(f.stack, policy(f.key));
    expect(synthLines(f.app)).toEqual({ lines: [] });
    const asked = spy.mock.calls.map(
      ([node]) => (node as unknown as { terraformResourceType: string }).terraformResourceType,
    );
    expect(asked.sort()).toEqual(['aws_cloudwatch_log_group', 'aws_kms_key']);
  });
});

describe('ComplianceChecker: suppressions and the scope of the gate', () => {
  function payments() {
    const f = fixture();
    const scope = new Construct(f.stack, 'payments');
    return { ...f, scope };
  }

  it('applied on a construct inside a stack, honours a suppression declared above it (on the stack)', () => {
    const f = payments();
    new CloudwatchLogGroup(f.scope, 'short', { name: '/short', retentionInDays: 30 });
    suppress(f.stack, RETENTION);
    const { checker } = applyPolicy(f.scope, policy(f.key));
    expect(synthLines(f.app)).toEqual({ lines: [] });
    const finding = checker.checks
      .get('app')!
      .evaluation.findings.find(
        (x) => x.rule.id === 'LogGroupRetention' && x.resource.path === 'app/payments/short',
      )!;
    expect(finding.suppressedBy).toEqual({ suppression: RETENTION, ownerPath: 'app' });
  });

  it('applied on a construct inside a stack, ignores suppressions declared outside its scope (neither applied nor reported)', () => {
    const f = payments();
    new CloudwatchLogGroup(f.scope, 'ok', { name: '/ok' });
    // A sibling subtree, and two constructs whose paths merely start like the scope's.
    for (const id of ['other', 'pay', 'paymentsArchive']) {
      const sibling = new Construct(f.stack, id);
      suppress(new CloudwatchLogGroup(sibling, 'short', { name: `/${id}`, retentionInDays: 30 }), RETENTION);
      suppress(sibling, { ...RETENTION, ruleId: 'LogGroupKmsCmk' });
    }
    const { checker } = applyPolicy(f.scope, policy(f.key));
    expect(synthLines(f.app)).toEqual({ lines: [] });
    const ev = checker.checks.get('app')!.evaluation;
    expect(ev.resources.map((r) => r.path)).toEqual(['app/payments/ok']);
    expect(ev.suppressionProblems).toEqual([]);
  });

  it('fails a stack whose only problem is a suppression matching nothing, and removes its stale cdk.tf.json', () => {
    const f = fixture();
    const stale = writeStale(f.outdir);
    suppress(new CloudwatchLogGroup(f.stack, 'fine', { name: '/fine' }), RETENTION);
    applyPolicy(f.stack, policy(f.key));
    const out = synthLines(f.app);
    expect(out.lines).toEqual([
      expect.stringMatching(
        /^\[app\/fine\] \[SuppressionInvalid\] suppression of LogGroupRetention matches no finding/,
      ),
    ]);
    expect(fs.existsSync(stale)).toBe(false);
  });

  it('reports an invalid suppression declared on the stack itself on the stack, once per synth', () => {
    const f = fixture();
    const stale = writeStale(f.outdir);
    new CloudwatchLogGroup(f.stack, 'fine', { name: '/fine' });
    suppress(f.stack, RETENTION);
    applyPolicy(f.stack, policy(f.key));
    const expected = [
      expect.stringMatching(
        /^\[app\] \[SuppressionInvalid\] suppression of LogGroupRetention matches no finding/,
      ),
    ];
    expect(synthLines(f.app).lines).toEqual(expected);
    expect(fs.existsSync(stale)).toBe(false);
    // A second synth of the same App: still exactly one line (the stack's check is not registered twice).
    expect(synthLines(f.app).lines).toEqual(expected);
  });
});

describe('ComplianceChecker: repeated synths and the hand-off to the synthesizer', () => {
  it('passes the second synth of an App once the violation is fixed in between', () => {
    const f = fixture();
    const group = new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 });
    applyPolicy(f.stack, policy(f.key));
    expect(synthLines(f.app).lines).toEqual([
      expect.stringMatching(/^\[app\/short\] .*\[LogGroupRetention\]/),
    ]);
    group.retentionInDays = 400;
    expect(synthLines(f.app)).toEqual({ lines: [] });
    expect(fs.existsSync(stackFile(f.outdir))).toBe(true);
  });

  it('resolves a passing stack once per synth: the synthesizer writes the configuration the gate judged', () => {
    const spy = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'g', { name: '/g' });
    const { checker } = applyPolicy(f.stack, policy(f.key));

    expect(synthLines(f.app)).toEqual({ lines: [] });
    expect(spy).toHaveBeenCalledTimes(1);
    const first = checker.checks.get('app')!.json;
    expect(readJson(stackFile(f.outdir))).toEqual(JSON.parse(JSON.stringify(first)));

    new CloudwatchLogGroup(f.stack, 'later', { name: '/later' });
    expect(synthLines(f.app)).toEqual({ lines: [] });
    expect(spy).toHaveBeenCalledTimes(2);
    const second = checker.checks.get('app')!.json;
    expect(second).not.toBe(first);
    const written = readJson(stackFile(f.outdir));
    expect(written).toEqual(JSON.parse(JSON.stringify(second)));
    expect(Object.keys((written['resource'] as Record<string, object>)['aws_cloudwatch_log_group'])).toEqual([
      'g',
      'later',
    ]);

    // The hand-off is one-shot: afterwards the stack judges again on demand (and sees later changes).
    new CloudwatchLogGroup(f.stack, 'after', {
      name: '/after',
      kmsKeyId: f.key.arn,
      retentionInDays: 400,
      tags: { Environment: 'production', CostCenter: 'payments' },
    });
    const fresh = f.stack.toTerraform() as { resource: Record<string, object> };
    expect(Object.keys(fresh.resource['aws_cloudwatch_log_group']).sort()).toEqual(['after', 'g', 'later']);
    expect(spy).toHaveBeenCalledTimes(3);
    // A construct the mutators have not completed yet (no synth since it was added) is refused, not handed out.
    new CloudwatchLogGroup(f.stack, 'bare', { name: '/bare' });
    expect(() => f.stack.toTerraform()).toThrow(/^\[compliance\/GateRefused\] app: .*\n {2}\[app\/bare\] /);
  });

  it('keeps the hand-off to one synth even when a later validation refuses it', () => {
    {
      const f = fixture();
      const team = new Construct(f.stack, 'team');
      new CloudwatchLogGroup(team, 'short', { name: '/short', retentionInDays: 30 });
      // The stack's gate passes (retention not judged) and hands its JSON over; the team's gate then refuses.
      applyPolicy(
        f.stack,
        policy(f.key, { disabledRules: ['LogGroupRetentionOneYear', 'LogGroupRetention'] }),
      );
      applyPolicy(team, policy(f.key));
      expect(synthLines(f.app).lines).toEqual([
        expect.stringMatching(/^\[app\/team\/short\] .*\[LogGroupRetention\]/),
      ]);
      // No hand-off survives: asked again, the stack is judged by both gates, and the team's refuses.
      expect(() => f.stack.toTerraform()).toThrow(
        /^\[compliance\/GateRefused\] app: the compliance gate refused this configuration \(1 problem\(s\)\):\n {2}\[app\/team\/short\] .*\[LogGroupRetention\]/,
      );
    }
  });

  it('used without applyPolicy (a bare ComplianceChecker aspect), the hand-off still lasts one call', () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'ok', { name: '/ok', kmsKeyId: f.key.arn, retentionInDays: 90 });
    const rules = CATALOGUE.filter((r) => r.id === 'LogGroupRetention');
    const checker = new ComplianceChecker(f.stack, policy(f.key), rules);
    Aspects.of(f.stack).add(checker);
    expect(synthLines(f.app)).toEqual({ lines: [] });
    new CloudwatchLogGroup(f.stack, 'after', { name: '/after', retentionInDays: 90 });
    const fresh = f.stack.toTerraform() as { resource: Record<string, object> };
    expect(Object.keys(fresh.resource['aws_cloudwatch_log_group']).sort()).toEqual(['after', 'ok']);
  });

  it('hands nothing over when the stack fails: asked for its configuration, the stack refuses again', () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 });
    applyPolicy(f.stack, policy(f.key));
    expect(synthLines(f.app).error).toBeDefined();
    expect(() => f.stack.toTerraform()).toThrow(
      /\[app\/short\] aws_cloudwatch_log_group\.short \[LogGroupRetention\]/,
    );
  });
});

describe('ComplianceChecker: checks and reports', () => {
  it("records each check (stack, evaluation, judged JSON, report paths) and points SARIF at the app's entry file", () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 });
    const { checker } = applyPolicy(f.stack, policy(f.key));
    synthLines(f.app);
    const check = checker.checks.get('app')!;
    expect(check.stack).toBe(f.stack);
    expect(check.evaluation.violations.map((v) => `${v.resource.address} ${v.rule.id}`)).toEqual([
      'aws_cloudwatch_log_group.short LogGroupRetention',
    ]);
    expect(Object.keys((check.json.resource ?? {})['aws_cloudwatch_log_group'])).toEqual(['short']);
    const reports = path.join(f.outdir, 'compliance');
    expect(check.reportPaths).toEqual({
      json: path.join(reports, 'app.compliance.json'),
      sarif: path.join(reports, 'app.sarif'),
    });
    expect(readJson(check.reportPaths!.json)['passed']).toBe(false);

    const sarif = readJson(check.reportPaths!.sarif) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    // The entry file of the process (here jest's worker): the source, never the generated cdk.tf.json;
    // relative to the working directory when below it, else absolute (a runner outside the checkout).
    const rel = path.relative(process.cwd(), process.argv[1]);
    const entry = (rel.startsWith('..') ? path.resolve(process.argv[1]) : rel).split(path.sep).join('/');
    expect(uris).toEqual([entry]);
    expect(uris[0]).not.toContain('\\');
  });

  it('writes its reports on every synth, also when the reports directory already exists', () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'g', { name: '/g' });
    const { checker } = applyPolicy(f.stack, policy(f.key));
    expect(synthLines(f.app)).toEqual({ lines: [] });
    const report = checker.checks.get('app')!.reportPaths!.json;
    fs.rmSync(report);
    expect(synthLines(f.app)).toEqual({ lines: [] });
    expect(readJson(report)['passed']).toBe(true);
  });

  it('records no report paths when reports are off', () => {
    const f = fixture();
    const { checker } = applyPolicy(f.stack, policy(f.key, { writeReports: false }));
    expect(synthLines(f.app)).toEqual({ lines: [] });
    expect(checker.checks.get('app')!.reportPaths).toBeUndefined();
  });
});

describe('ComplianceChecker: what a caller of toTerraform() gets', () => {
  /** The error `toTerraform()` throws (it must throw). */
  function refusal(stack: TerraformStack): string {
    try {
      stack.toTerraform();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('toTerraform() returned a configuration');
  }

  it('refuses with every problem a mutator reported, one line each (a policy key from another stack)', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const keys = stackIn(app, 'keys');
    const { stack } = stackIn(app, 'app');
    for (const id of ['a', 'b']) new CloudwatchLogGroup(stack, id, { name: `/${id}`, retentionInDays: 400 });
    applyPolicy(
      stack,
      paymentsPolicy({
        keys: { logs: keys.key.arn },
        today: TODAY,
        disabledRules: ['LogGroupRetentionOneYear', 'LogGroupKmsCmk'],
      }),
    );
    const problem = (id: string) =>
      `[app/${id}] [compliance/CrossStackKey] the policy's logs key is declared in stack keys, and each stack is deployed and judged on its own, so it is not injected here: declare a logs key in this stack and apply a policy per stack, or pass the key's literal ARN and list it in trustedKeyArns`;
    expect(synthLines(app).lines).toEqual([problem('a'), problem('b')]);
    expect(refusal(stack)).toBe(
      `[compliance/GateRefused] app: the compliance gate refused this configuration (2 problem(s)):\n  ${problem('a')}\n  ${problem('b')}`,
    );
  });

  it("refuses with the policy's disagreement with the configuration (a provider in another region), naming the stack", () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'app');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    applyPolicy(stack, policy(undefined));
    const problem =
      "[compliance/PolicyInvalid] the policy's region is us-east-1 but provider aws is configured for eu-west-1: pass region: 'eu-west-1' in the policy (it names region-scoped service principals such as logs.eu-west-1.amazonaws.com)";
    expect(synthLines(app).lines).toEqual([`[app] ${problem}`]);
    expect(refusal(stack)).toBe(
      `[compliance/GateRefused] app: the compliance gate refused this configuration (1 problem(s)):\n  [app] ${problem}`,
    );
  });

  it('hands nothing over from a failing stack whose validations run outside a synth (runAllValidations)', () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 });
    applyPolicy(f.stack, policy(f.key));
    expect(synthLines(f.app).error).toBeDefined();
    expect(() => f.stack.runAllValidations()).toThrow(/\[app\/short\] .*\[LogGroupRetention\]/);
    expect(refusal(f.stack)).toMatch(
      /^\[compliance\/GateRefused\] app: .*\n {2}\[app\/short\] .*\[LogGroupRetention\]/,
    );
  });

  it('hands over nothing while one gate of the stack has not passed, whichever gate was applied last', () => {
    const f = fixture();
    const team = new Construct(f.stack, 'team');
    new CloudwatchLogGroup(team, 'short', { name: '/short', retentionInDays: 30 });
    // The team's gate (applied first) refuses; the stack's gate (applied last) passes and hands its JSON over.
    applyPolicy(team, policy(f.key));
    applyPolicy(f.stack, policy(f.key, { disabledRules: ['LogGroupRetentionOneYear', 'LogGroupRetention'] }));
    expect(synthLines(f.app).lines).toEqual([
      expect.stringMatching(/^\[app\/team\/short\] .*\[LogGroupRetention\]/),
    ]);
    expect(() => f.stack.runAllValidations()).toThrow(/\[app\/team\/short\] .*\[LogGroupRetention\]/);
    expect(refusal(f.stack)).toMatch(
      /^\[compliance\/GateRefused\] app: .*\n {2}\[app\/team\/short\] .*\[LogGroupRetention\]/,
    );
  });

  it("drops the judged configuration when the synth fails for a reason of its own (another construct's validation)", () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'ok', { name: '/ok' });
    new Construct(f.stack, 'other').node.addValidation({ validate: () => ['not ready'] });
    applyPolicy(f.stack, policy(f.key));
    expect(synthLines(f.app).lines).toEqual(['[app/other] not ready']);
    // Nothing the gate judged in that synth is handed out afterwards: a later change is judged on the spot.
    new CloudwatchLogGroup(f.stack, 'bare', { name: '/bare' });
    expect(refusal(f.stack)).toMatch(/^\[compliance\/GateRefused\] app: .*\n {2}\[app\/bare\] /);
  });

  it('refuses with GateNotRun when one of the gates of a stack never had its aspects run, even if another did', () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'ok', { name: '/ok' });
    applyPolicy(f.stack, policy(f.key));
    // A second gate guards the stack, but its aspect is never added (as with another copy of the engine).
    new ComplianceChecker(f.stack, policy(f.key), CATALOGUE).guardStack(f.stack);
    expect(synthLines(f.app).error?.message).toMatch(/^\[compliance\/GateNotRun\] app: /);
    expect(fs.existsSync(stackFile(f.outdir))).toBe(false);
  });

  it('keeps the written stack file when a passing stack is judged again on demand', () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'ok', { name: '/ok' });
    applyPolicy(f.stack, policy(f.key));
    expect(synthLines(f.app)).toEqual({ lines: [] });
    expect(f.stack.toTerraform()).toHaveProperty('resource.aws_cloudwatch_log_group.ok');
    expect(fs.existsSync(stackFile(f.outdir))).toBe(true);
  });

  it('leaves the guarded toTerraform replaceable: a caller can wrap it (a spy) and the synth goes through the wrapper', () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'ok', { name: '/ok' });
    applyPolicy(f.stack, policy(f.key));
    const spy = jest.spyOn(f.stack, 'toTerraform');
    expect(synthLines(f.app)).toEqual({ lines: [] });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(readJson(stackFile(f.outdir))).toHaveProperty('resource.aws_cloudwatch_log_group.ok');
  });
});

describe('ComplianceChecker: construct paths recorded in the configuration', () => {
  it.each([
    ['of another stack (same construct id)', 'web/short'],
    ['below a construct that does not exist', 'app/gone/short'],
  ])('reports on the stack a violation whose recorded path is %s', (_name, recorded) => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'short', { name: '/short', retentionInDays: 30 });
    f.stack.addOverride('resource.aws_cloudwatch_log_group.short.//.metadata.path', recorded);
    applyPolicy(f.stack, policy(f.key));
    expect(synthLines(f.app).lines).toEqual([
      `[app] [${recorded}] aws_cloudwatch_log_group.short [LogGroupRetention] retention_in_days is 30; the policy requires at least 90. Fix: leave retention_in_days unset so the gate injects the policy retention, or set retention_in_days to at least the policy retention, or 0 (never expire)`,
    ]);
  });

  it('refuses a resource whose body an escape hatch set to null as invalid input, naming what is wrong', () => {
    const f = fixture();
    f.stack.addOverride('resource.aws_cloudwatch_log_group.gone', null);
    applyPolicy(f.stack, policy(f.key));
    expect(() => f.app.synth()).toThrow(
      /^\[compliance\/InputInvalid\] "resource" must map each type to an object of named blocks/,
    );
  });

  it('asks whether a type accepts tags of the first resource of that type whose recorded construct is a resource', () => {
    const f = fixture();
    new CloudwatchLogGroup(f.stack, 'first', { name: '/first' });
    f.stack.addOverride('resource.aws_cloudwatch_log_group.first.//.metadata.path', 'app');
    new CloudwatchLogGroup(f.stack, 'g', { name: '/g', tags: { Environment: 'staging' } });
    applyPolicy(f.stack, policy(f.key));
    expect(synthLines(f.app).lines).toEqual([
      expect.stringMatching(
        /^\[app\/g\] aws_cloudwatch_log_group\.g \[RequiredTags\] tag Environment is "staging"/,
      ),
    ]);
  });
});

describe('ComplianceChecker: warnings and notes', () => {
  const rule = (id: string, evaluate: Rule['evaluate'], notes?: Rule['notes']): Rule =>
    defineRule({
      id,
      description: `${id} holds.`,
      fix: 'nothing to fix',
      severity: 'low',
      controls: {},
      appliesTo: ['aws_cloudwatch_log_group'],
      evaluate,
      ...(notes ? { notes } : {}),
    });
  const RULES = [
    rule(
      'WarnA',
      () => compliantWithWarning('ends soon'),
      () => ['facts are old'],
    ),
    rule('Plain', () => compliant()),
    rule('WarnB', () => compliantWithWarning('ends later')),
  ];

  function warnings(node: IConstruct): unknown[] {
    return node.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);
  }

  function gated(): Fixture & { group: CloudwatchLogGroup } {
    const f = fixture();
    const group = new CloudwatchLogGroup(f.stack, 'g', { name: '/g' });
    Aspects.of(f.stack).add(new ComplianceChecker(f.stack, policy(f.key), RULES));
    return { ...f, group };
  }

  it('writes each warning once as a WARN annotation on its construct (on the stack without one), notes on the stack', () => {
    const f = gated();
    f.stack.addOverride('resource.aws_cloudwatch_log_group.raw', { name: '/raw' });
    expect(synthLines(f.app)).toEqual({ lines: [] });
    expect(synthLines(f.app)).toEqual({ lines: [] });
    expect(warnings(f.group)).toEqual([
      'aws_cloudwatch_log_group.g [WarnA] ends soon',
      'aws_cloudwatch_log_group.g [WarnB] ends later',
    ]);
    expect(warnings(f.stack)).toEqual([
      'facts are old',
      'aws_cloudwatch_log_group.raw [WarnA] ends soon',
      'aws_cloudwatch_log_group.raw [WarnB] ends later',
    ]);
  });

  it('does not take another kind of annotation with the same text for the warning', () => {
    const f = gated();
    Annotations.of(f.group).addInfo('aws_cloudwatch_log_group.g [WarnA] ends soon');
    expect(synthLines(f.app)).toEqual({ lines: [] });
    expect(warnings(f.group)).toEqual([
      'aws_cloudwatch_log_group.g [WarnA] ends soon',
      'aws_cloudwatch_log_group.g [WarnB] ends later',
    ]);
  });
});
