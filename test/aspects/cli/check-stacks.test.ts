/**
 * `compliance-gate check` on synthesized configurations: a directory of stacks as cdktf/cdktn write it
 * (`<dir>/stacks/<name>/cdk.tf.json`), one stack synthesized with the gate (it complies), one without it
 * (values left out). Lines carry the construct path read from the JSON's metadata; reports are per stack.
 */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../aspects/cli/check';
import { logGroupArb } from '../../arbitraries/resources';
import { synthGenerated } from '../../support/gate-harness';

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('compliance-gate check on a directory of synthesized stacks', () => {
  let dir: string;
  let ungated: Record<string, unknown>;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-stacks-'));
    // a log group left entirely to the gate: no retention, no key, no tags
    const factory = fc
      .sample(logGroupArb, { numRuns: 500, seed: 7 })
      .find((f) => String(f) === 'logGroup({"useKey":false})');
    if (!factory) throw new Error('no log group without settings in the sample');
    const gated = synthGenerated({ factories: [factory] });
    const bare = synthGenerated({ factories: [factory] }, { gate: false });
    if (gated.error || bare.error) throw gated.error ?? bare.error;
    ungated = bare.json!;
    for (const [name, json] of [
      ['gated', gated.json!],
      ['ungated', ungated],
    ] as const) {
      fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
      fs.writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json, null, 2));
    }
  });
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('judges every stack: the gated one complies, the ungated one fails with construct paths (exit 1)', () => {
    const policy = path.join(dir, 'policy.json');
    fs.writeFileSync(
      policy,
      JSON.stringify({ disabledRules: ['LogGroupRetentionOneYear'], today: '2026-11-28' }),
    );
    const r = run('check', dir, '--policy', policy, '--schema', 'shipped', '--out', path.join(dir, 'out'));
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines.filter((l) => l.startsWith('gated: [') || l.startsWith('gated: aws_'))).toEqual([]);
    expect(lines).toContainEqual(
      expect.stringMatching(/^gated: configuration .*gated\/cdk\.tf\.json: complies/),
    );
    const failing = lines.filter((l) => l.startsWith('ungated: ['));
    expect(failing.length).toBeGreaterThan(0);
    // the log group left without what the gate injects: retention, key, tags
    const logGroups = Object.keys(
      (ungated['resource'] as Record<string, object>)['aws_cloudwatch_log_group'],
    );
    for (const rule of ['LogGroupRetention', 'LogGroupKmsCmk', 'RequiredTags'])
      expect(failing).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^ungated: \\[generated/[^\\]]+\\] aws_cloudwatch_log_group\\.${logGroups[0]} \\[${rule}\\] .+\\. Fix: `,
          ),
        ),
      );
    for (const l of failing) expect(l).not.toMatch(/inject/);
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual([
      'gated.compliance.json',
      'gated.sarif',
      'ungated.compliance.json',
      'ungated.sarif',
    ]);
    const gated = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'gated.compliance.json'), 'utf8'));
    expect(gated.passed).toBe(true);
  });

  /** The policy under which the gated stack complies (the first case). */
  const compliantPolicy = (): string => {
    const p = path.join(dir, 'policy.json');
    fs.writeFileSync(p, JSON.stringify({ disabledRules: ['LogGroupRetentionOneYear'], today: '2026-11-28' }));
    return p;
  };

  it('exits 0 on a stack that complies, with one summary line saying so', () => {
    const file = path.join(dir, 'stacks', 'gated', 'cdk.tf.json');
    const r = run('check', file, '--policy', compliantPolicy(), '--schema', 'shipped');
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expect(r.out.split('\n').slice(-2)).toEqual([
      `configuration ${file}: complies (tag rules use the shipped list of hashicorp/aws 5.100.0)`,
      '',
    ]);
  });

  it("--format json prints one JSON array of the stacks' reports, in stack order", () => {
    const r = run('check', dir, '--policy', compliantPolicy(), '--schema', 'shipped', '--format', 'json');
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.out) as { stack: string; passed: boolean }[];
    expect(reports.map((x) => [x.stack, x.passed])).toEqual([
      ['gated', true],
      ['ungated', false],
    ]);
  });

  it('locates SARIF results of a cdk.tf.json at the resource body in the file', () => {
    const file = path.join(dir, 'stacks', 'ungated', 'cdk.tf.json');
    const r = run('check', file, '--schema', 'shipped', '--format', 'sarif');
    const results = JSON.parse(r.out).runs[0].results as {
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
        logicalLocations: { name: string }[];
      }[];
    }[];
    expect(results.length).toBeGreaterThan(0);
    const text = fs.readFileSync(file, 'utf8').split('\n');
    for (const res of results) {
      const loc = res.locations[0];
      const name = loc.logicalLocations[0].name.split('.').pop();
      expect(path.resolve(loc.physicalLocation.artifactLocation.uri)).toBe(file);
      expect(text[loc.physicalLocation.region.startLine - 1]).toBe(`      "${name}": {`);
    }
  });

  it('--source (a directory without .tf files, as a cdktf project has) leaves SARIF results of a cdk.tf.json located in the file', () => {
    const file = path.join(dir, 'stacks', 'ungated', 'cdk.tf.json');
    const results = (...extra: string[]) => {
      const r = run('check', file, '--schema', 'shipped', '--format', 'sarif', ...extra);
      expect(r.code).toBe(1);
      return JSON.parse(r.out).runs[0].results as unknown[];
    };
    const located = results();
    expect(located.length).toBeGreaterThan(0);
    expect(results('--source', dir)).toEqual(located);
  });

  it('a suppression scoped to one stack applies there only; one naming a stack not judged is refused', () => {
    const s = path.join(dir, 'suppressions.json');
    fs.writeFileSync(
      s,
      JSON.stringify([
        {
          stack: 'elsewhere',
          address: 'aws_cloudwatch_log_group',
          ruleId: 'RequiredTags',
          reason: 'x',
          expires: '2099-01-01',
        },
      ]),
    );
    const r = run('check', dir, '--suppressions', s);
    expect(r.code).toBe(2);
    const reason = 'Generated keys are tagged by the platform team after creation, tracked in PAY-1234.';
    fs.writeFileSync(
      s,
      JSON.stringify([
        { stack: 'ungated', address: 'aws_kms_key', ruleId: 'RequiredTags', reason, expires: '2099-01-01' },
        // no stack: offered to both; used in one, so not unused
        { address: 'aws_sns_topic.alerts', ruleId: 'SnsTopicKmsCmk', reason, expires: '2099-01-01' },
      ]),
    );
    const ok = run('check', dir, '--suppressions', s, '--schema', 'shipped');
    expect(ok.out).not.toMatch(/SuppressionInvalid/);
    expect(ok.out).not.toMatch(/aws_kms_key\.\S+ \[RequiredTags\]/);
    expect(ok.out).not.toMatch(/\[SnsTopicKmsCmk\]/);
    expect(ok.out).toMatch(/^ungated: \[generated\/logGroup0\] .*\[RequiredTags\]/m);
    expect(r.err).toMatch(/stack "elsewhere" is not among the stacks judged \(gated, ungated\)/);
  });

  const reason = 'Generated log groups are retained by the platform archive, tracked in PAY-1234.';
  const suppressionsFile = (entries: object[]): string => {
    const s = path.join(dir, 'suppressions.json');
    fs.writeFileSync(s, JSON.stringify(entries));
    return s;
  };

  it('a suppression scoped to one stack does not silence the same finding in another; its own stack reports it unused', () => {
    const s = suppressionsFile([
      {
        stack: 'gated',
        address: 'aws_cloudwatch_log_group',
        ruleId: 'LogGroupRetention',
        reason,
        expires: '2099-01-01',
      },
    ]);
    const r = run('check', dir, '--suppressions', s, '--policy', compliantPolicy(), '--schema', 'shipped');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /^ungated: \[generated\/[^\]]+\] aws_cloudwatch_log_group\.\S+ \[LogGroupRetention\] /m,
    );
    expect(r.out.split('\n').filter((l) => l.includes('[SuppressionInvalid]'))).toEqual([
      expect.stringMatching(/^gated: \[aws_cloudwatch_log_group\] .*LogGroupRetention matches no finding/),
    ]);
  });

  it('a suppression offered to every stack has each of its problems reported once, not once per stack', () => {
    const s = suppressionsFile([
      // expired: invalid in both stacks
      { address: 'aws_cloudwatch_log_group', ruleId: 'LogGroupRetention', reason, expires: '2020-01-01' },
      // valid, but neither stack has a Lambda function
      { address: 'aws_lambda_function', ruleId: 'LambdaTracingActive', reason, expires: '2099-01-01' },
    ]);
    const r = run('check', dir, '--suppressions', s, '--policy', compliantPolicy(), '--schema', 'shipped');
    expect(r.code).toBe(1);
    expect(r.out.split('\n').filter((l) => l.includes('[SuppressionInvalid]'))).toEqual([
      expect.stringMatching(/^gated: \[aws_cloudwatch_log_group\] .*LogGroupRetention expired on 2020-01-01/),
      expect.stringMatching(/^gated: \[aws_lambda_function\] .*LambdaTracingActive matches no finding/),
    ]);
  });
});
