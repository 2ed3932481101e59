/**
 * `npm run bench`: what the compliance gate costs on top of CDKTF's own synthesis, side by side.
 *
 * Runs every scenario of bench/measure.ts in its own fresh child process (`node --expose-gc --import
 * tsx`), one after another (never in parallel: the machine has 2 cores), then prints a table, checks the
 * targets and writes bench/results.json (the latest figures; committed).
 *
 *   npm run bench                       # the full run (~8 minutes on 2 cores)
 *   npm run bench -- --quick            # 1,000 and 5,000 only, 2 runs, no memory, no end-to-end (~2 min)
 *   npm run bench -- --sizes 1000,5000 --runs 5 --no-e2e --no-memory --no-flagship --no-plan
 *   git worktree add /tmp/gate-old HEAD~3 && ln -s "$PWD/node_modules" /tmp/gate-old/ &&
 *     npm run bench -- --aspects /tmp/gate-old/aspects --no-e2e
 *                                       # another version of the gate (same cdktf), to A/B a change
 *
 * A quick run, and a run of another gate version, write their results to <tmp>/gate-bench/results.json,
 * never over the committed figures (unless --out says so).

 *
 * Times are medians. Synthesis figures are given as CPU time (user + system of the process) and wall
 * time; the targets are judged on CPU time, which a shared CI machine's load distorts far less than wall
 * time (on an idle machine the two agree within GC-thread noise).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// Types only (erased): the samples the child processes write.
import type { Clock, GateTimes, GeneratedRun } from './measure';
import { planMode, planModeTable } from './plan';

const ROOT = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
function option(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

const QUICK = flag('quick');
const SIZES = (option('sizes') ?? (QUICK ? '1000,5000' : '1000,5000,20000')).split(',').map(Number);
/** Runs per size: 5 at 1,000 (cheap, noisier), 3 above; `--runs N` sets all. */
const RUNS_OPTION = option('runs');
const runsFor = (size: number): number => Number(RUNS_OPTION ?? (QUICK ? 2 : size <= 1000 ? 5 : 3));
/** Per size, the child stops after the run that would push it past this budget (at least MIN_RUNS runs). */
const BUDGET_S = Number(option('budget-s') ?? 240);
const MIN_RUNS = Number(option('min-runs') ?? (QUICK ? 1 : 3)); // a median of fewer than 3 is no median
const FLAGSHIP_RUNS = Number(option('flagship-runs') ?? (QUICK ? 3 : 7));
const E2E_RUNS = Number(option('e2e-runs') ?? 3);
const ASPECTS = option('aspects');
/** Children's outputs, and the default results of a quick or patched-gate run (never the committed figures). */
const SCRATCH = path.join(os.tmpdir(), 'gate-bench');
const OUT = path.resolve(
  ROOT,
  option('out') ?? (ASPECTS || QUICK ? path.join(SCRATCH, 'results.json') : 'bench/results.json'),
);
const MEMORY_SIZE = Math.max(...SIZES);

// ------------------------------------------------------------------------------------- statistics

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const medianClock = (xs: readonly Clock[]): Clock => ({
  wall: median(xs.map((x) => x.wall)),
  cpu: median(xs.map((x) => x.cpu)),
});
const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const roundClock = (c: Clock, digits = 1): Clock => ({
  wall: round(c.wall, digits),
  cpu: round(c.cpu, digits),
});

// ------------------------------------------------------------------------------------- children

function child(args: string[], label: string): Record<string, unknown> {
  fs.mkdirSync(SCRATCH, { recursive: true });
  const out = path.join(SCRATCH, `child-${process.pid}-${label}.json`);
  fs.rmSync(out, { force: true });
  const env = { ...process.env, ...(ASPECTS ? { BENCH_ASPECTS: path.resolve(ROOT, ASPECTS) } : {}) };
  const t0 = performance.now();
  process.stderr.write(`bench: ${label} ...`);
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/measure.ts', ...args, '--out', out],
    {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  if (r.status !== 0 || !fs.existsSync(out)) {
    throw new Error(`bench: ${label} failed (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
  }
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
  fs.rmSync(out, { force: true });
  return result;
}

/** Wall milliseconds of a command, `runs` times (each a fresh process tree). */
function timeCommand(
  cmd: string,
  args: string[],
  runs: number,
  env: NodeJS.ProcessEnv,
  label: string,
): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    process.stderr.write(`bench: ${label} (${i + 1}/${runs}) ...`);
    const r = spawnSync(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = performance.now() - t0;
    process.stderr.write(` ${(ms / 1000).toFixed(1)} s\n`);
    if (r.status !== 0)
      throw new Error(`bench: ${label} failed (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
    times.push(ms);
  }
  return times;
}

// ------------------------------------------------------------------------------------- scenarios

type GeneratedSample = GeneratedRun;

/** The gate's own time in one gated synth: mutator and checker visits, plus the check minus CDKTF's resolution. */
function gateOwn(t: GateTimes): Clock {
  const visits = Object.values(t.mutators).reduce((a, b) => a + b, 0) + t.checkerVisit;
  return {
    wall: visits + t.check.wall - t.checkResolve.wall,
    cpu: visits + t.check.cpu - t.checkResolve.cpu,
  };
}

function scaling(size: number) {
  const res = child(
    [
      'generated',
      '--size',
      String(size),
      '--runs',
      String(runsFor(size)),
      '--min-runs',
      String(MIN_RUNS),
      '--budget-s',
      String(BUDGET_S),
    ],
    `generated ${size}`,
  ) as {
    resources: number;
    units: Record<string, number>;
    runs: number;
    runsAsked: number;
    budgetStop: boolean;
    samples: GeneratedSample[];
    loadavg: number[];
  };
  const s = res.samples;
  const m = {
    build: median(s.map((x) => x.buildMs)),
    buildCpu: median(s.map((x) => x.buildCpuMs)),
    bareSynth: medianClock(s.map((x) => x.bare)),
    gatedSynth: medianClock(s.map((x) => x.gated)),
    bareResolve: medianClock(s.map((x) => x.bareResolve)),
    handWritten: medianClock(s.map((x) => x.handWritten)),
    handWrittenResolve: medianClock(s.map((x) => x.handWrittenResolve)),
    gateOwn: medianClock(s.map((x) => gateOwn(x.gate))),
    mutators: median(s.map((x) => Object.values(x.gate.mutators).reduce((a, b) => a + b, 0))),
    mutatorsByName: Object.fromEntries(
      Object.keys(s[0].gate.mutators).map((k) => [k, round(median(s.map((x) => x.gate.mutators[k])), 2)]),
    ),
    checkerVisit: median(s.map((x) => x.gate.checkerVisit)),
    checkResolve: medianClock(s.map((x) => x.gate.checkResolve)),
    checkJudging: medianClock(
      s.map((x) => ({
        wall: x.gate.check.wall - x.gate.checkResolve.wall - x.gate.reports.wall,
        cpu: x.gate.check.cpu - x.gate.checkResolve.cpu - x.gate.reports.cpu,
      })),
    ),
    reports: medianClock(s.map((x) => x.gate.reports)),
    model: medianClock(s.map((x) => x.model)),
    evaluate: medianClock(s.map((x) => x.evaluate)),
    walk: medianClock(s.map((x) => x.walk)),
    fullWalk: medianClock(s.map((x) => x.fullWalk)),
  };
  const k = res.resources / 1000;
  const per = (c: Clock): Clock => roundClock({ wall: c.wall / k, cpu: c.cpu / k }, 2);
  const diff: Clock = { wall: m.gatedSynth.wall - m.bareSynth.wall, cpu: m.gatedSynth.cpu - m.bareSynth.cpu };
  const diffHand: Clock = {
    wall: m.gatedSynth.wall - m.handWritten.wall,
    cpu: m.gatedSynth.cpu - m.handWritten.cpu,
  };
  return {
    size,
    resources: res.resources,
    units: res.units,
    runs: res.runs,
    runsAsked: res.runsAsked,
    budgetStop: res.budgetStop,
    findings: s[0].findings,
    rules: s[0].rules,
    medianMs: {
      build: round(m.build),
      buildCpu: round(m.buildCpu),
      bareSynth: roundClock(m.bareSynth),
      gatedSynth: roundClock(m.gatedSynth),
      synthDifference: roundClock(diff),
      bareResolve: roundClock(m.bareResolve),
      handWrittenSynth: roundClock(m.handWritten),
      handWrittenResolve: roundClock(m.handWrittenResolve),
      gateOwn: roundClock(m.gateOwn),
      mutators: round(m.mutators, 2),
      mutatorsByName: m.mutatorsByName,
      checkerVisit: round(m.checkerVisit, 2),
      checkResolve: roundClock(m.checkResolve),
      checkJudging: roundClock(m.checkJudging),
      reports: roundClock(m.reports),
      model: roundClock(m.model, 2),
      evaluate: roundClock(m.evaluate),
      walk: roundClock(m.walk, 2),
      fullWalk: roundClock(m.fullWalk, 2),
    },
    perThousandMs: {
      bareSynth: per(m.bareSynth),
      gatedSynth: per(m.gatedSynth),
      synthDifference: per(diff),
      handWrittenSynth: per(m.handWritten),
      gateOwn: per(m.gateOwn),
      evaluate: per({ wall: m.model.wall + m.evaluate.wall, cpu: m.model.cpu + m.evaluate.cpu }),
      walk: per(m.walk),
      fullWalk: per(m.fullWalk),
    },
    ratios: {
      gatedOverBare: {
        wall: round(m.gatedSynth.wall / m.bareSynth.wall, 3),
        cpu: round(m.gatedSynth.cpu / m.bareSynth.cpu, 3),
      },
      overheadPct: {
        wall: round((100 * diff.wall) / m.bareSynth.wall, 1),
        cpu: round((100 * diff.cpu) / m.bareSynth.cpu, 1),
      },
      // The gate's cost over the whole program `cdktf synth` runs (build the constructs, then synthesize).
      overheadOfProgramPct: {
        wall: round((100 * diff.wall) / (m.build + m.bareSynth.wall), 1),
        cpu: round((100 * diff.cpu) / (m.buildCpu + m.bareSynth.cpu), 1),
      },
      overheadOverHandWrittenPct: {
        wall: round((100 * diffHand.wall) / m.handWritten.wall, 1),
        cpu: round((100 * diffHand.cpu) / m.handWritten.cpu, 1),
      },
      gateOwnOverFullWalk: {
        wall: round(m.gateOwn.wall / m.fullWalk.wall, 1),
        cpu: round(m.gateOwn.cpu / m.fullWalk.cpu, 1),
      },
      gateOwnOverWalk: {
        wall: round(m.gateOwn.wall / m.walk.wall, 1),
        cpu: round(m.gateOwn.cpu / m.walk.cpu, 1),
      },
      gateOwnOverBareSynthPct: {
        wall: round((100 * m.gateOwn.wall) / m.bareSynth.wall, 1),
        cpu: round((100 * m.gateOwn.cpu) / m.bareSynth.cpu, 1),
      },
    },
    loadavgAfter: res.loadavg.map((x) => round(x, 2)),
  };
}
type Scaling = ReturnType<typeof scaling>;

function flagship() {
  type Sample = { build: Clock; synth: Clock };
  const res = child(['flagship', '--runs', String(FLAGSHIP_RUNS)], 'flagship') as {
    resources: number;
    runs: number;
    gated: Sample[];
    bare: Sample[];
  };
  const total = (x: Sample): Clock => ({ wall: x.build.wall + x.synth.wall, cpu: x.build.cpu + x.synth.cpu });
  const gated = medianClock(res.gated.map((x) => x.synth));
  const bare = medianClock(res.bare.map((x) => x.synth));
  const gatedTotal = medianClock(res.gated.map(total));
  const bareTotal = medianClock(res.bare.map(total));
  return {
    resources: res.resources,
    runs: res.runs,
    medianMs: {
      bareSynth: roundClock(bare),
      gatedSynth: roundClock(gated),
      bareBuildAndSynth: roundClock(bareTotal),
      gatedBuildAndSynth: roundClock(gatedTotal),
    },
    ratio: { wall: round(gated.wall / bare.wall, 3), cpu: round(gated.cpu / bare.cpu, 3) },
    overheadPct: {
      wall: round((100 * (gated.wall - bare.wall)) / bare.wall, 1),
      cpu: round((100 * (gated.cpu - bare.cpu)) / bare.cpu, 1),
    },
    buildAndSynthRatio: {
      wall: round(gatedTotal.wall / bareTotal.wall, 3),
      cpu: round(gatedTotal.cpu / bareTotal.cpu, 3),
    },
  };
}

function endToEnd() {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-bench-e2e-'));
  const env = { CHECKPOINT_DISABLE: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1' };
  try {
    const npm = timeCommand(
      'npm',
      ['run', 'synth', '--', '--output', outdir],
      E2E_RUNS,
      env,
      'npm run synth',
    );
    if (!fs.existsSync(path.join(outdir, 'stacks'))) throw new Error('npm run synth wrote no stacks/');
    const app = timeCommand(
      process.execPath,
      ['--import', 'tsx', 'main.ts'],
      E2E_RUNS,
      { ...env, CDKTF_OUTDIR: path.join(outdir, 'app-only') },
      'app only (tsx main.ts)',
    );
    return {
      command: 'npm run synth -- --output <tmp>',
      runs: E2E_RUNS,
      wallMs: npm.map((x) => round(x, 0)),
      medianMs: round(median(npm), 0),
      appOnly: {
        command: 'node --import tsx main.ts',
        wallMs: app.map((x) => round(x, 0)),
        medianMs: round(median(app), 0),
      },
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function memory(size: number) {
  const one = (mode: 'gate' | 'bare') =>
    child(['memory', '--size', String(size), '--mode', mode], `memory ${size} ${mode}`) as {
      resources: number;
      maxRssMb: number;
      synthMs: number;
      buildMs: number;
    };
  const g = one('gate');
  const b = one('bare');
  return {
    size,
    resources: g.resources,
    gate: { maxRssMb: round(g.maxRssMb, 0), synthMs: round(g.synthMs, 0) },
    bare: { maxRssMb: round(b.maxRssMb, 0), synthMs: round(b.synthMs, 0) },
    gateExtraMb: round(g.maxRssMb - b.maxRssMb, 0),
  };
}

// ------------------------------------------------------------------------------------- targets

interface Target {
  readonly id: string;
  readonly description: string;
  readonly limit: number;
  readonly measured: number | null;
  readonly unit: string;
  readonly holds: boolean | null;
  readonly note?: string;
}

function targets(sc: Scaling[]): Target[] {
  const big = sc.find((s) => s.size === 20000) ?? sc[sc.length - 1];
  const small = sc.find((s) => s.size === 1000) ?? sc[0];
  const out: Target[] = [];
  const judged = (
    id: string,
    description: string,
    limit: number,
    measured: number,
    unit: string,
    note?: string,
  ): Target => ({
    id,
    description,
    limit,
    measured: round(measured, unit === '%' ? 1 : 2),
    unit,
    holds: Number.isFinite(measured) ? measured <= limit : null,
    ...(note ? { note } : {}),
  });
  const at = `${big.resources.toLocaleString('en-US')} resources`;
  out.push(
    judged(
      'overhead',
      `gate overhead <= 5% of synthesis at ${at} (synth with gate / without - 1, CPU)`,
      5,
      big.ratios.overheadPct.cpu,
      '%',
    ),
  );
  out.push(
    judged(
      'vsWalk',
      `gate time <= 3x the bare tree walk at ${at} (aspects + check - resolution, CPU)`,
      3,
      big.ratios.gateOwnOverWalk.cpu,
      'x',
    ),
  );
  out.push(
    judged(
      'vsFullWalk',
      `(supplementary) gate time <= 3x a walk reading every input of every resource (synthesizeAttributes) at ${at} (CPU)`,
      3,
      big.ratios.gateOwnOverFullWalk.cpu,
      'x',
    ),
  );
  out.push(
    judged(
      'overheadVsHandWritten',
      `(supplementary) gate overhead <= 5% over synthesizing the same configuration written by hand, at ${at} (CPU)`,
      5,
      big.ratios.overheadOverHandWrittenPct.cpu,
      '%',
    ),
  );
  out.push(
    judged(
      'overheadOfProgram',
      `(supplementary) gate overhead <= 5% of the whole program at ${at}: building the constructs plus app.synth(), as \`cdktf synth\` runs it (CPU)`,
      5,
      big.ratios.overheadOfProgramPct.cpu,
      '%',
    ),
  );
  if (big !== small) {
    const gateLin = big.perThousandMs.gateOwn.cpu / small.perThousandMs.gateOwn.cpu;
    const synthLin = big.perThousandMs.gatedSynth.cpu / small.perThousandMs.gatedSynth.cpu;
    out.push(
      judged(
        'linearGate',
        `gate time per resource at ${at} <= 1.2x that at ${small.resources.toLocaleString('en-US')} (CPU)`,
        1.2,
        gateLin,
        'x',
      ),
    );
    out.push(
      judged(
        'linearSynth',
        `synthesis-with-gate time per resource at ${at} <= 1.2x that at ${small.resources.toLocaleString('en-US')} (CPU)`,
        1.2,
        synthLin,
        'x',
      ),
    );
  }
  return out;
}

// ------------------------------------------------------------------------------------- output

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? pad(c, widths[i]) : lpad(c, widths[i]))).join(' | ')} |`;
  return [
    line(headers),
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

function main(): void {
  const started = Date.now();
  const loadStart = os.loadavg().map((x) => round(x, 2));
  const flag1 = flag('no-flagship') ? undefined : flagship();
  const sc = SIZES.map(scaling);
  const mem = flag('no-memory') || QUICK ? undefined : memory(MEMORY_SIZE);
  const e2e = flag('no-e2e') || QUICK ? undefined : endToEnd();
  const tg = targets(sc);
  // Plan mode (issue 11): the CLI on generated plans; `--no-plan` leaves it out.
  const plan = flag('no-plan') ? undefined : planMode(SIZES, QUICK ? 1 : 3);

  const results = {
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      loadavgStart: loadStart,
      loadavgEnd: os.loadavg().map((x) => round(x, 2)),
    },
    gate: ASPECTS ? path.resolve(ROOT, ASPECTS) : 'aspects',
    options: {
      sizes: SIZES,
      runs: Object.fromEntries(SIZES.map((n) => [n, runsFor(n)])),
      minRuns: MIN_RUNS,
      budgetSeconds: BUDGET_S,
      flagshipRuns: FLAGSHIP_RUNS,
      e2eRuns: E2E_RUNS,
      quick: QUICK,
    },
    flagship: flag1,
    endToEnd: e2e,
    scaling: sc,
    memory: mem,
    targets: tg,
    planMode: plan,
    durationSeconds: round((Date.now() - started) / 1000, 0),
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);

  const out: string[] = [];
  out.push('');
  out.push(
    `Compliance gate benchmark — ${results.generatedAt}, node ${process.version}, ${results.machine.cpus} cores, load ${loadStart.join('/')} -> ${results.machine.loadavgEnd.join('/')}`,
  );
  out.push(
    `gate under test: ${results.gate}; medians; "cpu" = user+system ms of the process, "wall" = elapsed ms`,
  );
  out.push('');
  if (flag1) {
    out.push(`Flagship stack (main.ts, ${flag1.resources} resources), median of ${flag1.runs} synths each:`);
    out.push(
      table(
        ['flagship', 'cpu ms', 'wall ms'],
        [
          [
            'app.synth() without the gate',
            fmt(flag1.medianMs.bareSynth.cpu, 0),
            fmt(flag1.medianMs.bareSynth.wall, 0),
          ],
          [
            'app.synth() with the gate',
            fmt(flag1.medianMs.gatedSynth.cpu, 0),
            fmt(flag1.medianMs.gatedSynth.wall, 0),
          ],
          ['ratio with / without', fmt(flag1.ratio.cpu, 2), fmt(flag1.ratio.wall, 2)],
          [
            'construct + synth without the gate',
            fmt(flag1.medianMs.bareBuildAndSynth.cpu, 0),
            fmt(flag1.medianMs.bareBuildAndSynth.wall, 0),
          ],
          [
            'construct + synth with the gate',
            fmt(flag1.medianMs.gatedBuildAndSynth.cpu, 0),
            fmt(flag1.medianMs.gatedBuildAndSynth.wall, 0),
          ],
          [
            'ratio with / without',
            fmt(flag1.buildAndSynthRatio.cpu, 2),
            fmt(flag1.buildAndSynthRatio.wall, 2),
          ],
        ],
      ),
    );
    out.push('');
  }
  if (e2e) {
    out.push(
      `End to end: \`npm run synth\` median ${fmt(e2e.medianMs / 1000, 2)} s (${e2e.wallMs.map((x) => fmt(x / 1000, 2)).join(', ')}); the app alone (tsx main.ts, bundling included) ${fmt(e2e.appOnly.medianMs / 1000, 2)} s`,
    );
    out.push('');
  }
  const cw = (c: Clock, d = 1) => `${fmt(c.cpu, d)} (${fmt(c.wall, d)})`;
  const pct = (c: Clock) => `${fmt(c.cpu)}% (${fmt(c.wall)}%)`;
  const n = (s: Scaling) => s.resources.toLocaleString('en-US');
  out.push('Generated stacks (bench/generate.ts): app.synth(), ms per 1,000 resources, cpu (wall):');
  out.push(
    table(
      [
        'resources',
        'runs',
        'without the gate',
        'hand-written equivalent',
        'with the gate',
        'overhead',
        'vs hand-written',
        'of build + synth',
      ],
      sc.map((s) => [
        n(s),
        `${s.runs}${s.budgetStop ? '*' : ''}`,
        cw(s.perThousandMs.bareSynth, 0),
        cw(s.perThousandMs.handWrittenSynth, 0),
        cw(s.perThousandMs.gatedSynth, 0),
        pct(s.ratios.overheadPct),
        pct(s.ratios.overheadOverHandWrittenPct),
        pct(s.ratios.overheadOfProgramPct),
      ]),
    ),
  );
  if (sc.some((s) => s.budgetStop))
    out.push(`* fewer runs than asked: the size's time budget (${BUDGET_S} s) ran out`);
  out.push(
    '"hand-written equivalent": the configuration the gate produces, synthesized without judging it (mutators only, their visits subtracted). "of build + synth": the same difference over the whole program (building the constructs, then app.synth()).',
  );
  out.push('');
  out.push("The gate's own time, ms per 1,000 resources (cpu; visits: wall):");
  const k = (s: Scaling) => s.resources / 1000;
  out.push(
    table(
      [
        'resources',
        'mutators',
        'checker visits',
        'judging',
        'reports',
        'gate total',
        'evaluate() alone',
        'bare walk',
        'gate / walk',
        'full-input walk',
        'gate / full walk',
      ],
      sc.map((s) => [
        n(s),
        fmt(s.medianMs.mutators / k(s), 2),
        fmt(s.medianMs.checkerVisit / k(s), 2),
        fmt(s.medianMs.checkJudging.cpu / k(s)),
        fmt(s.medianMs.reports.cpu / k(s)),
        fmt(s.perThousandMs.gateOwn.cpu),
        fmt(s.perThousandMs.evaluate.cpu),
        fmt(s.perThousandMs.walk.cpu, 2),
        `${fmt(s.ratios.gateOwnOverWalk.cpu)}x`,
        fmt(s.perThousandMs.fullWalk.cpu, 1),
        `${fmt(s.ratios.gateOwnOverFullWalk.cpu)}x`,
      ]),
    ),
  );
  out.push(
    '"judging": the check minus CDKTF\'s resolution and the reports (model, evaluate, filing lines); "evaluate() alone": new TfModel + evaluate on the judged JSON.',
  );
  for (const s of sc) {
    out.push(
      `  ${n(s)}: ${s.findings.toLocaleString('en-US')} findings of ${s.rules} rules; resolution ms (cpu) without the gate ${fmt(s.medianMs.bareResolve.cpu, 0)}, hand-written ${fmt(s.medianMs.handWrittenResolve.cpu, 0)}, inside the check ${fmt(s.medianMs.checkResolve.cpu, 0)}`,
    );
  }
  if (mem) {
    out.push('');
    out.push(
      `Peak memory (maxRSS) of one ${mem.resources.toLocaleString('en-US')}-resource build + synth: with the gate ${mem.gate.maxRssMb} MB, without ${mem.bare.maxRssMb} MB (gate +${mem.gateExtraMb} MB)`,
    );
  }
  if (plan) {
    out.push('');
    out.push(...planModeTable(plan));
  }
  out.push('');
  out.push('Targets:');
  for (const t of tg) {
    const verdict = t.holds === null ? 'N/A ' : t.holds ? 'HOLDS' : 'MISSED';
    out.push(
      `  [${pad(verdict, 6)}] ${t.description}: measured ${t.measured}${t.unit} (limit ${t.limit}${t.unit})`,
    );
  }
  out.push('');
  out.push(`wrote ${path.relative(ROOT, OUT)} in ${results.durationSeconds} s`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
