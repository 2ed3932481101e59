/**
 * Merges the two mutation passes (mutation/stryker.config.mjs) and prints the score and every surviving mutant:
 *
 *   npx tsx mutation/summary.ts            # summary + survivors, grouped by file
 *   npx tsx mutation/summary.ts --command [--only mutators/,checker.ts]  # + the pass-2 command
 *   npx tsx mutation/summary.ts --json     # the merged figures as JSON
 *   npx tsx mutation/summary.ts --check    # exit 1 if a survivor is unexplained or a reason is stale
 *   npx tsx mutation/summary.ts --markdown > mutation/SURVIVORS.md
 *
 * Pass 1 (reports/mutation/mutation.json, or mutation.<part>.json per MUTATION_PART) ran the deterministic
 * tests on every mutant; pass 2 (reports/mutation/mutation-properties*.json, optional) ran the property
 * tests too on the survivors' lines. A mutant's merged status is pass 2's when pass 2 tested it, else pass 1's.
 *
 * Every survivor is matched against the reviewed equivalences of mutation/equivalents.ts: a
 * survivor without one is a test gap to close.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Equivalent } from './equivalents';
import { EQUIVALENTS } from './equivalents';
// @ts-expect-error -- a plain ESM config module without type declarations
import { DATA_FILES } from './stryker.config.mjs';

interface Position {
  line: number;
  column: number;
}
interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  location: { start: Position; end: Position };
  status: string;
  static?: boolean;
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}

const ROOT = path.resolve(__dirname, '..');
const REPORTS = path.join(ROOT, 'reports/mutation');
/** A pass's reports: the whole run's (`<pass>.json`) and the parts' (`<pass>.<part>.json`), merged. */
const reportsOf = (pass: string): string[] =>
  fs.existsSync(REPORTS)
    ? fs
        .readdirSync(REPORTS)
        .filter((f) => f === `${pass}.json` || (f.startsWith(`${pass}.`) && f.endsWith('.json')))
        .sort()
        .map((f) => path.join(REPORTS, f))
    : [];
const argv = process.argv.slice(2);

/**
 * The merged report of a pass; a file judged by several reports takes the newest one's mutants (a part
 * run after a whole run supersedes it for its files).
 */
function read(pass: string): Report | undefined {
  const files = reportsOf(pass).sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  if (files.length === 0) return undefined;
  const merged: Report = { files: {} };
  for (const file of files)
    Object.assign(merged.files, (JSON.parse(fs.readFileSync(file, 'utf8')) as Report).files);
  // Data files are out of scope (stryker.config.mjs DATA_FILES); a report may still list their mutants.
  for (const data of DATA_FILES as string[]) delete merged.files[data];
  return merged;
}

const key = (file: string, m: Mutant) =>
  `${file}:${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column} ${m.mutatorName} ${m.replacement ?? ''}`;

/** The source text a mutant replaces, line by line. */
function replacedLines(source: string, m: Mutant): string[] {
  const lines = source.split('\n');
  const { start, end } = m.location;
  if (start.line === end.line) return [lines[start.line - 1].slice(start.column - 1, end.column - 1)];
  return [
    lines[start.line - 1].slice(start.column - 1),
    ...lines.slice(start.line, end.line - 1),
    lines[end.line - 1].slice(0, end.column - 1),
  ];
}
/** The source text a mutant replaces, for display: first line only, shortened. */
function original(source: string, m: Mutant): string {
  const lines = replacedLines(source, m);
  return shorten(lines.length === 1 ? lines[0] : `${lines[0]} ...`);
}
/** The whole source text a mutant replaces, whitespace collapsed (what equivalence entries match). */
const fullOriginal = (source: string, m: Mutant): string => collapse(replacedLines(source, m).join('\n'));
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The reviewed equivalence that explains a survivor, if any. */
function explain(file: string, m: Mutant, source: string): Equivalent | undefined {
  const text = fullOriginal(source, m);
  const replacement = collapse(m.replacement ?? '');
  return EQUIVALENTS.find(
    (e) =>
      e.file === file &&
      e.mutator === m.mutatorName &&
      text.includes(e.original) &&
      (e.replacement === undefined || replacement.includes(e.replacement)) &&
      (e.line === undefined || e.line === m.location.start.line),
  );
}

const shorten = (s: string, n = 70) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 3)}...` : one;
};

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function main(): void {
  const p1 = read('mutation');
  if (!p1) throw new Error(`no reports/mutation/mutation*.json: run \`npm run mutation\` first`);
  const p2 = read('mutation-properties');
  const second = new Map<string, Mutant>();
  for (const [file, f] of Object.entries(p2?.files ?? {}))
    for (const m of f.mutants) second.set(key(file, m), m);

  const counts: Record<string, number> = {};
  const pass1Counts: Record<string, number> = {};
  const survivors: { file: string; m: Mutant; text: string; why?: Equivalent }[] = [];
  const byFile: Record<string, { detected: number; undetected: number }> = {};
  for (const [file, f] of Object.entries(p1.files)) {
    for (const m1 of f.mutants) {
      pass1Counts[m1.status] = (pass1Counts[m1.status] ?? 0) + 1;
      const m = second.get(key(file, m1)) ?? m1;
      counts[m.status] = (counts[m.status] ?? 0) + 1;
      const row = (byFile[file] ??= { detected: 0, undetected: 0 });
      if (DETECTED.has(m.status)) row.detected++;
      if (UNDETECTED.has(m.status)) {
        row.undetected++;
        survivors.push({ file, m, text: original(f.source, m), why: explain(file, m, f.source) });
      }
    }
  }
  const score = (c: Record<string, number>) => {
    const d = [...DETECTED].reduce((a, s) => a + (c[s] ?? 0), 0);
    const u = [...UNDETECTED].reduce((a, s) => a + (c[s] ?? 0), 0);
    return { detected: d, undetected: u, score: d + u === 0 ? NaN : (100 * d) / (d + u) };
  };
  const s1 = score(pass1Counts);
  const s = score(counts);

  if (argv.includes('--json')) {
    const files = Object.fromEntries(
      Object.entries(byFile).map(([f, r]) => [
        f,
        { ...r, score: Number(((100 * r.detected) / Math.max(1, r.detected + r.undetected)).toFixed(1)) },
      ]),
    );
    process.stdout.write(
      `${JSON.stringify({ pass1: { counts: pass1Counts, ...s1 }, merged: { counts, ...s }, pass2: p2 !== undefined, files }, null, 2)}\n`,
    );
    return;
  }

  const out: string[] = [];
  const fmtCounts = (c: Record<string, number>) =>
    Object.entries(c)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  out.push(
    `pass 1 (deterministic tests): score ${s1.score.toFixed(2)}% (${s1.detected} detected / ${s1.detected + s1.undetected}); ${fmtCounts(pass1Counts)}`,
  );
  if (p2)
    out.push(
      `merged with pass 2 (property tests on survivors' lines): score ${s.score.toFixed(2)}% (${s.detected} / ${s.detected + s.undetected}); ${fmtCounts(counts)}`,
    );
  out.push('');
  out.push('score by file (detected / detected + undetected):');
  for (const [file, r] of Object.entries(byFile).sort()) {
    if (r.detected + r.undetected === 0) continue;
    out.push(
      `  ${((100 * r.detected) / (r.detected + r.undetected)).toFixed(1).padStart(5)}%  ${String(r.detected).padStart(4)}/${String(r.detected + r.undetected).padEnd(4)} ${file}`,
    );
  }
  survivors.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.m.location.start.line - b.m.location.start.line ||
      a.m.location.start.column - b.m.location.start.column,
  );
  const unexplained = survivors.filter((x) => !x.why);
  const used = new Set(survivors.flatMap((x) => (x.why ? [x.why] : [])));
  // An entry for a file no report covers (a part not run yet) is not judged: neither used nor stale.
  const stale = EQUIVALENTS.filter((e) => !used.has(e) && e.file in p1.files);
  const unjudged = EQUIVALENTS.filter((e) => !(e.file in p1.files)).length;
  const where = (e: Equivalent) =>
    `${e.file} ${e.mutator} \`${e.original}\`${e.replacement !== undefined ? ` -> \`${e.replacement}\`` : ''}`;
  const row = ({ m, text }: { m: Mutant; text: string }) =>
    `${String(m.location.start.line).padStart(4)}  ${m.mutatorName}: ${text} -> ${shorten(m.replacement ?? '')}${m.status === 'NoCoverage' ? ' [no coverage]' : ''}`;

  out.push('');
  out.push(
    `surviving mutants: ${survivors.length}, of which ${survivors.length - unexplained.length} reviewed as equivalent (mutation/equivalents.ts) and ${unexplained.length} unexplained; ${stale.length} stale equivalence entries${unjudged > 0 ? `; ${unjudged} entries for files no report covers (not judged)` : ''}`,
  );

  if (argv.includes('--markdown')) {
    process.stdout.write(markdown(out, survivors, unexplained, stale, row, where));
    return;
  }
  let last = '';
  for (const x of survivors) {
    if (x.file !== last) out.push(`  ${x.file}`);
    last = x.file;
    out.push(`  ${x.why ? '  ' : '! '}${row(x)}`);
  }
  for (const e of stale) out.push(`  stale equivalence (matches no survivor): ${where(e)}`);
  if (argv.includes('--command')) {
    // One exact range per survivor (Stryker's `file:line:column-line:column`), widened by a column on each
    // side, so pass 2 tests the survivors (and mutants nested in them), not whole lines.
    const files = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
    const ranges = survivors
      .filter(({ file }) => !files || files.some((f) => file.includes(f)))
      .map(({ file, m }) => {
        const { start, end } = m.location;
        return `${file}:${start.line}:${Math.max(0, start.column - 1)}-${end.line}:${end.column + 1}`;
      });
    out.push('');
    out.push(`pass 2 command (${ranges.length} survivors${files ? ` in ${files.join(', ')}` : ''}):`);
    out.push(
      `  MUTATION_PROPERTY_TESTS=1 npx stryker run mutation/stryker.config.mjs --mutate '${ranges.join(',')}'`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
  if (argv.includes('--check') && (unexplained.length > 0 || stale.length > 0)) {
    process.stderr.write(
      `mutation/summary.ts --check: ${unexplained.length} unexplained survivor(s) (marked "!"), ${stale.length} stale equivalence entr${stale.length === 1 ? 'y' : 'ies'}. Kill each unexplained mutant with a test or add its reviewed reason to mutation/equivalents.ts; delete or rewrite stale entries.\n`,
    );
    process.exitCode = 1;
  }
}

/** mutation/SURVIVORS.md: the summary, then every survivor with the reason it survives. */
function markdown(
  summary: string[],
  survivors: { file: string; m: Mutant; text: string; why?: Equivalent }[],
  unexplained: { file: string; m: Mutant; text: string }[],
  stale: readonly Equivalent[],
  row: (x: { m: Mutant; text: string }) => string,
  where: (e: Equivalent) => string,
): string {
  const md: string[] = [
    '# Mutation testing: score and surviving mutants',
    '',
    'Generated by `npx tsx mutation/summary.ts --markdown` from the last mutation run of each part (StrykerJS,',
    'pass 1: each layer against its own deterministic tests, `MUTATION_PART=rules|core|cdk|cli npm run mutation`;',
    'see `mutation/stryker.config.mjs` and `mutation/jest.stryker.config.js`). Reports merged:',
    `${reportsOf('mutation')
      .map((f) => `\`${path.relative(ROOT, f)}\``)
      .join(', ')}; files without a report are not in the figures below.`,
    'Each surviving mutant is listed with the reviewed reason it survives (`mutation/equivalents.ts`);',
    '`npx tsx mutation/summary.ts --check` fails when a survivor has no reason or a reason matches nothing.',
    '',
    '```',
    ...summary,
    '```',
    '',
    `## Unexplained survivors (${unexplained.length})`,
    '',
    ...(unexplained.length === 0
      ? ['None.']
      : ['```', ...unexplained.map((x) => `${x.file}\n${row(x)}`), '```']),
    '',
  ];
  if (stale.length > 0) md.push('## Stale equivalence entries', '', ...stale.map((e) => `- ${where(e)}`), '');
  md.push(`## Survivors reviewed as equivalent (${survivors.length - unexplained.length})`);
  // By file, then by reason (in order of first appearance): the mutants, then why they survive.
  const groups = new Map<string, Map<Equivalent, string[]>>();
  for (const x of survivors) {
    if (!x.why) continue;
    const byReason = groups.get(x.file) ?? new Map<Equivalent, string[]>();
    groups.set(x.file, byReason);
    byReason.set(x.why, [...(byReason.get(x.why) ?? []), row(x).trim()]);
  }
  for (const [file, byReason] of groups) {
    md.push('', `### ${file}`);
    for (const [why, rows] of byReason) md.push('', '```', ...rows, '```', '', why.reason);
  }
  return `${md.join('\n')}\n`;
}

main();
