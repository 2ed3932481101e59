/**
 * Builds a generated stack on the compliant baseline, applies the gate, and synthesizes it the way
 * CDKTF does (aspects, then validations, then the JSON), returning the JSON or the gate's error.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import type { MutatorName } from '@payments-compliance/gate';
import { applyPolicy, paymentsPolicy } from '@payments-compliance/gate';
import type { PolicyOverrides } from '../../aspects/core/policy';
import type { Built, GeneratedStack } from '../arbitraries/resources';
import type { Baseline } from './baseline';
import { buildBaseline } from './baseline';

export interface SynthOutcome {
  readonly json?: Record<string, unknown>;
  /** With `times` > 1: the JSON of each synth of the same App (aspects re-run on the mutated tree). */
  readonly jsons?: Record<string, unknown>[];
  readonly error?: Error;
  readonly built: Built[];
  readonly base: Baseline;
}

/**
 * Generated stacks have no log archive, so the one-year-in-CloudWatch rule is disabled for them (the
 * flagship answers it with an archive and a dated suppression instead).
 */
export const GENERATED_POLICY: PolicyOverrides = {
  disabledRules: ['LogGroupRetentionOneYear'],
  writeReports: false,
  today: '2026-11-28',
};

export function synthGenerated(
  g: GeneratedStack,
  options: {
    mutators?: readonly MutatorName[];
    extra?: (base: Baseline) => void;
    gate?: boolean;
    times?: number;
    synth?: boolean;
  } = {},
): SynthOutcome {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-prop-'));
  const app = new App({ outdir });
  const base = buildBaseline(app);
  const built = g.factories.map((f, i) => f.build(base.stack, `${f.kind}${i}`, base));
  if (g.xray) built.push(g.xray.build(base.stack, 'xray', base));
  options.extra?.(base);
  if (options.gate !== false) {
    applyPolicy(
      base.stack,
      paymentsPolicy({
        ...GENERATED_POLICY,
        keys: { logs: base.keys.logs.arn, alerting: base.keys.alerting.arn, data: base.keys.data.arn },
      }),
      { mutators: options.mutators },
    );
  }
  if (options.synth === false) {
    fs.rmSync(outdir, { recursive: true, force: true });
    return { built, base };
  }
  try {
    const jsons: Record<string, unknown>[] = [];
    for (let i = 0; i < (options.times ?? 1); i++) {
      app.synth();
      // read what CDKTF wrote, metadata (construct paths) included, exactly as Terraform would
      const file = path.join(outdir, 'stacks', base.stack.node.id, 'cdk.tf.json');
      jsons.push(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>);
    }
    return { json: jsons[0], jsons, built, base };
  } catch (e) {
    return { error: e as Error, built, base };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

export interface ReportedViolation {
  readonly path: string;
  readonly address: string;
  readonly rule: string;
  readonly line: string;
}

/** Parses the gate's failure lines: `[construct path] address [RuleId] what. Fix: how`. */
export function parseViolations(error: Error): ReportedViolation[] {
  const out: ReportedViolation[] = [];
  for (const line of error.message.split('\n')) {
    const m = /^\s*\[([^\]]+)\] (\S+) \[([A-Za-z0-9]+)\] (.+)$/.exec(line);
    if (m) out.push({ path: m[1], address: m[2], rule: m[3], line: line.trim() });
  }
  return out;
}
