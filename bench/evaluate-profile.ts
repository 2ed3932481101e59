/**
 * The checker's evaluation alone (`new TfModel` + `evaluate`) on a generated stack's judged JSON, repeated,
 * for `node --cpu-prof`: where the judging time goes outside the rules themselves.
 *
 *   node --cpu-prof --cpu-prof-dir /tmp/prof-eval --import tsx bench/evaluate-profile.ts [size=20000] [repeats=5]
 *   npx tsx bench/profile-summary.ts <the larger .cpuprofile> 40
 */
import { TfModel } from '../aspects/core/model';
import { evaluate } from '../aspects/core/evaluate';
import { MUTATOR_ORDER } from '@payments-compliance/gate';
import { judgedGeneratedStack } from './judged-stack';

const size = Number(process.argv[2] ?? '20000');
const repeats = Number(process.argv[3] ?? '5');
const { policy, applied, check } = judgedGeneratedStack(size);
const taggableTypes = check.evaluation.model.taggableTypes;
const injectors = new Set<string>(MUTATOR_ORDER);
const times: number[] = [];
for (let i = 0; i < repeats; i++) {
  const t0 = process.cpuUsage();
  const model = new TfModel(check.json, { taggableTypes });
  evaluate(model, policy, applied.rules, { injectors });
  const t = process.cpuUsage(t0);
  times.push((t.user + t.system) / 1000);
}
const sorted = [...times].sort((a, b) => a - b);
process.stdout.write(
  `${size} resources: model + evaluate ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms cpu (median of ${repeats}; ${times.map((t) => t.toFixed(0)).join(', ')})\n`,
);
