/**
 * A generated stack synthesized once through the gate, and what the gate judged: the starting point of
 * the scripts that time the judging alone (bench/rule-times.ts, bench/evaluate-profile.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import type { AppliedPolicy, CompliancePolicy, StackCheck } from '@payments-compliance/gate';
import { applyPolicy, paymentsPolicy } from '@payments-compliance/gate';
import { BENCH_POLICY, baselineKeys, buildGeneratedStack } from './generate';

export interface JudgedStack {
  readonly policy: CompliancePolicy;
  readonly applied: AppliedPolicy;
  readonly check: StackCheck;
}

/** Builds a generated stack of about `size` resources, synthesizes it through the gate, returns its check. */
export function judgedGeneratedStack(size: number): JudgedStack {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'judged-stack-'));
  try {
    const app = new App({ outdir });
    const g = buildGeneratedStack(app, size);
    const policy = paymentsPolicy({ ...BENCH_POLICY, keys: baselineKeys(g.base) });
    const applied = applyPolicy(g.base.stack, policy);
    app.synth();
    const check = applied.checker.checks.get(g.base.stack.node.path);
    if (!check) throw new Error('the gate did not check the stack');
    return { policy, applied, check };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
