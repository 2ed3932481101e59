/**
 * One gated synth of a generated stack, for `node --cpu-prof`: where does the gate's time go?
 *
 *   node --cpu-prof --cpu-prof-dir /tmp/prof --import tsx bench/profile.ts [size] [gate|bare]
 *   npx tsx bench/profile-summary.ts /tmp/prof/<file>.cpuprofile    # self time by function and by file
 *
 * A warm-up synth of 300 resources first, so module loading and JIT are not in the figures.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { applyPolicy, paymentsPolicy } from '@payments-compliance/gate';
import { BENCH_POLICY, baselineKeys, buildGeneratedStack } from './generate';

const size = Number(process.argv[2] ?? '20000');
const mode = process.argv[3] ?? 'gate';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-profile-'));

function once(n: number): number {
  const app = new App({ outdir: fs.mkdtempSync(path.join(scratch, 'out-')) });
  const g = buildGeneratedStack(app, n);
  if (mode === 'gate')
    applyPolicy(g.base.stack, paymentsPolicy({ ...BENCH_POLICY, keys: baselineKeys(g.base) }));
  const t0 = performance.now();
  app.synth();
  return performance.now() - t0;
}

once(300);
const ms = once(size);
fs.rmSync(scratch, { recursive: true, force: true });
process.stdout.write(`${mode} synth of ${size} resources: ${ms.toFixed(0)} ms\n`);
