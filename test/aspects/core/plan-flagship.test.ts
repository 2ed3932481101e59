/**
 * The flagship stack judged three ways agrees resource by resource, rule by rule:
 * 1. the CDKTF gate at synth (its report, `<outdir>/compliance/payments-observability.compliance.json`);
 * 2. the CLI on the plan of that synth (real Terraform + hashicorp/aws 5.100.0, offline): plan mode;
 * 3. the CLI on the synthesized cdk.tf.json itself.
 *
 * The flagship declares no suppression (LogGroupRetentionOneYear is answered by its archive path, which
 * the rule follows in every mode), so the CLI runs without a suppressions file.
 *
 * Known differences between the modes: none at present. A difference found later must be listed in
 * KNOWN_DIFFERENCES with its explanation, never absorbed silently.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../aspects/cli/check';
import { STACK_NAME } from '../../../main';
import type { SynthResult } from '../../support/synth';
import { synthPaymentsStack } from '../../support/synth';
import { planOffline, terraformAvailable } from '../../support/terraform';

const describeTf = terraformAvailable() ? describe : describe.skip;

type Entry = string | { outcome: string };
interface Report {
  passed: boolean;
  summary: Record<string, number>;
  resources: { address: string; type: string; results: Record<string, Entry> }[];
}

/** `address rule` -> why plan mode differs from synth there. */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {};

const outcomes = (r: Report): Map<string, string> => {
  const m = new Map<string, string>();
  for (const res of r.resources)
    for (const [rule, e] of Object.entries(res.results))
      m.set(`${res.address} ${rule}`, typeof e === 'string' ? e : e.outcome);
  return m;
};

describeTf('the flagship judged in plan mode agrees with the CDKTF gate', () => {
  let s: SynthResult;
  let scratch: string;
  let synthReport: Report;
  const judged: Record<'plan' | 'configuration', { code: number; out: string; report: Report }> = {} as never;

  beforeAll(() => {
    s = synthPaymentsStack();
    planOffline(s.stackDir);
    synthReport = JSON.parse(
      fs.readFileSync(path.join(s.outdir, 'compliance', `${STACK_NAME}.compliance.json`), 'utf8'),
    ) as Report;
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-flagship-'));
    const policy = path.join(scratch, 'policy.json');
    fs.writeFileSync(policy, JSON.stringify({ region: s.config.region }));
    for (const [mode, input] of [
      ['plan', path.join(s.stackDir, 'plan.json')],
      ['configuration', path.join(s.stackDir, 'cdk.tf.json')],
    ] as const) {
      const out = path.join(scratch, mode);
      let text = '';
      const code = main(['check', input, '--policy', policy, '--out', out, '--schema', 'shipped'], {
        out: (t) => (text += t),
        err: (t) => (text += t),
      });
      const name = mode === 'plan' ? 'plan' : STACK_NAME;
      const report = JSON.parse(fs.readFileSync(path.join(out, `${name}.compliance.json`), 'utf8')) as Report;
      judged[mode] = { code, out: text, report };
    }
  }, 600_000);
  afterAll(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    if (s) fs.rmSync(path.dirname(s.outdir), { recursive: true, force: true });
  });

  it('the synth passed the gate (the reference the modes are compared with)', () => {
    expect(synthReport.passed).toBe(true);
    expect(synthReport.resources.length).toBeGreaterThan(100);
  });

  it.each(['plan', 'configuration'] as const)('%s mode: 0 violations, exit 0', (mode) => {
    const j = judged[mode];
    expect({
      code: j.code,
      violations: j.out.split('\n').filter((l) => / \[[A-Za-z0-9]+\] /.test(l)),
    }).toEqual({
      code: 0,
      violations: [],
    });
    expect(j.report.passed).toBe(true);
    // coverage: the resources the synth report has results for, and the types of those it has none for
    const judgedBySynth = synthReport.resources.filter((r) => Object.keys(r.results).length > 0);
    const notJudged = new Map<string, number>();
    for (const r of synthReport.resources)
      if (Object.keys(r.results).length === 0) notJudged.set(r.type, (notJudged.get(r.type) ?? 0) + 1);
    const line = j.out.split('\n').find((l) => l.startsWith('coverage: '));
    expect(line).toBe(
      `coverage: ${judgedBySynth.length} of ${synthReport.resources.length} resources judged by ${synthReport.summary['rules']} rules; types no rule judges (read only as companions of the resources they serve, if at all): ${[
        ...notJudged,
      ]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([t, n]) => `${t} (${n})`)
        .join(', ')}`,
    );
  });

  it.each(['plan', 'configuration'] as const)(
    '%s mode: the same resources, and per resource the same outcome of every rule',
    (mode) => {
      const got = judged[mode].report;
      expect(got.resources.map((r) => r.address).sort()).toEqual(
        synthReport.resources.map((r) => r.address).sort(),
      );
      const want = outcomes(synthReport);
      const have = outcomes(got);
      const differences: string[] = [];
      for (const key of new Set([...want.keys(), ...have.keys()])) {
        if (want.get(key) !== have.get(key) && !(key in KNOWN_DIFFERENCES))
          differences.push(`${key}: synth ${want.get(key)}, ${mode} ${have.get(key)}`);
      }
      expect(differences).toEqual([]);
      // something was judged, including values known only after apply (every kms_key_id is a reference)
      expect([...have.values()].filter((o) => o === 'compliant').length).toBeGreaterThan(150);
      expect([...have.values()].filter((o) => o === 'suppressed').length).toBe(
        [...want.values()].filter((o) => o === 'suppressed').length,
      );
      expect(got.summary).toEqual(synthReport.summary);
    },
  );
});
