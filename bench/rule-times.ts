/**
 * CPU time of each rule's `evaluate` on a generated stack's judged configuration: which rules the
 * judging time goes to.
 *
 *   npx tsx bench/rule-times.ts [size=20000] [repeats=4]
 *
 * Synthesizes the stack once through the gate, then evaluates the judged JSON `repeats` times with every
 * rule wrapped in a CPU clock, and prints the median per rule (ms, and ms per 1,000 resources). The
 * wrapper's own clock reads add about 1 microsecond per call, so figures are upper bounds.
 */
import type { Rule } from '../aspects/core/rule';
import { TfModel } from '../aspects/core/model';
import { evaluate } from '../aspects/core/evaluate';
import { judgedGeneratedStack } from './judged-stack';

const size = Number(process.argv[2] ?? '20000');
const repeats = Number(process.argv[3] ?? '4');
const { policy, applied, check } = judgedGeneratedStack(size);

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const samples = new Map<string, number[]>();
for (let i = 0; i < repeats; i++) {
  const acc = new Map<string, number>();
  const rules: Rule[] = applied.rules.map((r) => ({
    ...r,
    evaluate: (res, ctx) => {
      const c = process.cpuUsage();
      const out = r.evaluate(res, ctx);
      acc.set(r.id, (acc.get(r.id) ?? 0) + cpuMs(process.cpuUsage(c)));
      return out;
    },
  }));
  const model = new TfModel(check.json, { taggableTypes: check.evaluation.model.taggableTypes });
  evaluate(model, policy, rules);
  for (const [id, ms] of acc) samples.set(id, [...(samples.get(id) ?? []), ms]);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [...samples].map(([id, xs]) => [id, median(xs)] as const).sort((a, b) => b[1] - a[1]);
const total = rows.reduce((a, [, ms]) => a + ms, 0);
process.stdout.write(
  `${size.toLocaleString('en-US')} resources, median of ${repeats}; all rules ${total.toFixed(0)} ms\n`,
);
for (const [id, ms] of rows)
  process.stdout.write(
    `${ms.toFixed(1).padStart(8)} ms ${((1000 * ms) / size).toFixed(2).padStart(6)} ms/1,000  ${id}\n`,
  );
