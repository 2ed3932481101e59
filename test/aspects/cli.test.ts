/**
 * The gate through the real `cdktf synth` CLI (the way CI runs it): a violation exits non-zero, prints
 * one line per violation, writes the reports and no stack; a compliant app writes its stack.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '../..');

function cdktfSynth(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string; outdir: string }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-synth-'));
  return new Promise((resolve) => {
    const child = spawn(
      'npx',
      ['cdktf', 'synth', '--app', 'npx tsx test/fixtures/violating-app.ts', '--output', outdir],
      {
        cwd: ROOT,
        env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.on('close', (code) => resolve({ code, output, outdir }));
  });
}

describe('cdktf synth with the gate', () => {
  let failing: Awaited<ReturnType<typeof cdktfSynth>>;
  let passing: Awaited<ReturnType<typeof cdktfSynth>>;

  beforeAll(async () => {
    [failing, passing] = await Promise.all([cdktfSynth({}), cdktfSynth({ FIXTURE_VALID: '1' })]);
  }, 180_000);

  afterAll(() => {
    for (const r of [failing, passing]) if (r) fs.rmSync(r.outdir, { recursive: true, force: true });
  });

  it('exits non-zero on a violation, with one clear line for it, and writes no stack', () => {
    expect(failing.code).not.toBe(0);
    expect(failing.output).toContain(
      '[fixture/audit] aws_cloudwatch_log_group.audit [LogGroupRetention] retention_in_days is 30; the policy requires at least 90. Fix:',
    );
    expect(failing.output).not.toContain('skipValidation');
    expect(fs.existsSync(path.join(failing.outdir, 'stacks/fixture/cdk.tf.json'))).toBe(false);
    const report = JSON.parse(
      fs.readFileSync(path.join(failing.outdir, 'compliance/fixture.compliance.json'), 'utf8'),
    );
    expect(report.passed).toBe(false);
    expect(fs.existsSync(path.join(failing.outdir, 'compliance/fixture.sarif'))).toBe(true);
  });

  it('exits zero on a compliant app and writes the stack with the injected values', () => {
    expect(passing.code).toBe(0);
    const stack = JSON.parse(
      fs.readFileSync(path.join(passing.outdir, 'stacks/fixture/cdk.tf.json'), 'utf8'),
    );
    const group = stack.resource.aws_cloudwatch_log_group.audit;
    expect(group.kms_key_id).toBe('${aws_kms_key.logs-key.arn}');
    expect(group.tags).toEqual({ CostCenter: 'payments', Environment: 'production' });
  });
});
