/**
 * The `compliance-gate` bin as the package ships it: aspects/ compiled with the package's own
 * tsconfig.build.json (into a temporary directory, so it never races the package test's build of
 * aspects/dist), then `dist/cli/main.js` run with plain node, no tsx. Its exit codes are the CLI's.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraformAvailable } from '../../support/terraform';
import type { PlannedFixture } from './terraform-fixtures';
import { planFixture } from './terraform-fixtures';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'aspects', 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  files: string[];
};
const describeTf = terraformAvailable() ? describe : describe.skip;

describeTf('the compliance-gate bin (compiled, plain node)', () => {
  let out: string;
  let bin: string;
  let fx: PlannedFixture;

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-bin-'));
    const tsc = require.resolve('typescript/bin/tsc');
    const r = spawnSync(
      process.execPath,
      [tsc, '-p', path.join(ROOT, 'aspects', 'tsconfig.build.json'), '--outDir', path.join(out, 'dist')],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`tsc failed:\n${r.stdout}\n${r.stderr}`);
    bin = path.join(out, pkg.bin['compliance-gate']);
    fx = planFixture('payments');
  }, 300_000);
  afterAll(() => {
    fx?.cleanup();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it('is declared as the package bin, inside the published files, with a node shebang', () => {
    expect(pkg.bin).toEqual({ 'compliance-gate': 'dist/cli/main.js' });
    expect(pkg.files).toContain('dist/');
    expect(fs.readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('judges a plan: exit 1 with the violation lines; --version; exit 2 on unusable input', () => {
    const node = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: out });
    const r = node('check', fx.planFile, '--schema', 'shipped');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^aws_cloudwatch_log_group\.short \[LogGroupRetention\] retention_in_days is 7; .+\. Fix: .+$/m,
    );
    expect(r.stdout).toMatch(/^coverage: 14 of 15 resources judged/m);
    expect(node('--version').stdout).toBe('@payments-compliance/gate 0.2.0\n');
    const bad = node('check', path.join(out, 'nope.json'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^compliance-gate: .*nope\.json does not exist/);
  });
});
