/**
 * The checker's contract: what a failing synth looks like, suppressions, reports, tokens, fail-closed.
 * Each test synthesizes a real App into a temporary directory and reads what was (not) written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { applyPolicy, paymentsPolicy, suppress } from '../../aspects';
import type { PolicyOverrides } from '../../aspects/core/policy';
import { LOGS_KEY_POLICY } from '../support/baseline';

interface Fixture {
  app: App;
  stack: TerraformStack;
  key: KmsKey;
  outdir: string;
}

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function fixture(): Fixture {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'checker-'));
  dirs.push(outdir);
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'app');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const key = new KmsKey(stack, 'logs-key', { enableKeyRotation: true, policy: LOGS_KEY_POLICY });
  return { app, stack, key, outdir };
}

function gate(f: Fixture, overrides: PolicyOverrides = {}) {
  return applyPolicy(
    f.stack,
    paymentsPolicy({
      keys: { logs: f.key.arn },
      today: '2026-11-28',
      disabledRules: ['LogGroupRetentionOneYear'],
      ...overrides,
    }),
  );
}

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
