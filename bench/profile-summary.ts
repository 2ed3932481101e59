/**
 * Summarizes a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function and by source file,
 * largest first.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [top=30] [regexp of functions to total] [regexp: self time under]
 */
import * as fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(process.argv[3] ?? '30');
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const selfMs = new Map<number, number>();
prof.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000));
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

const short = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, '~/')
    .replace(process.cwd() + '/', '');
const fnKey = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const sum = (key: (n: Node) => string) => {
  const m = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const k = key(byId.get(id)!);
    m.set(k, (m.get(k) ?? 0) + ms);
  }
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
};
const print = (title: string, rows: [string, number][]) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, ms] of rows)
    process.stdout.write(
      `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}\n`,
    );
};
process.stdout.write(`total sampled: ${total.toFixed(0)} ms\n`);
// Inclusive ("total") time: each sample counts once for every distinct function on its stack.
const parent = new Map<number, number>();
for (const n of prof.nodes as (Node & { children?: number[] })[])
  for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
    seen.add(fnKey(byId.get(cur)!));
  for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
}
const focus = process.argv[4]
  ? new RegExp(process.argv[4])
  : /aspects\/|bench\/|synthesizer|toTerraform|synth /;
print(
  `total time by function (matching ${focus})`,
  [...inclusive]
    .filter(([k]) => focus.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top),
);
// Self time of the functions called (directly or not) by the ones matching `within` (e.g. "^evaluate ").
if (process.argv[5]) {
  const within = new RegExp(process.argv[5]);
  const m = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    let inside = false;
    for (let cur: number | undefined = id; cur !== undefined && !inside; cur = parent.get(cur))
      inside = within.test(fnKey(byId.get(cur)!));
    if (inside) m.set(fnKey(byId.get(id)!), (m.get(fnKey(byId.get(id)!)) ?? 0) + ms);
  }
  print(`self time under ${within}`, [...m].sort((a, b) => b[1] - a[1]).slice(0, top));
}
print(
  'self time by file',
  sum((n) => short(n.callFrame.url) || `(${n.callFrame.functionName})`),
);
print('self time by function', sum(fnKey));
