/**
 * One benchmark scenario, run in a fresh child process by bench/run.ts (`node --expose-gc --import tsx
 * bench/measure.ts <scenario> ...`), so the JIT and GC state of one scenario never skews another. Writes
 * its samples as JSON to the file named by `--out`.
 *
 * Scenarios:
 * - `generated --size N --runs R`: a deterministic stack of N mixed resources (bench/generate.ts). Per
 *   run, interleaved: synth without the gate, synth with the gate (uninstrumented), synth with the gate
 *   instrumented (mutator visits, checker visits, the check, its reports, CDKTF's own resolution timed
 *   apart), the checker's evaluation alone on the resolved JSON (`new TfModel` + `evaluate`), and the
 *   bare tree walk that only reads each resource's inputs (the floor any aspect-based gate pays).
 * - `flagship --runs R`: the payments stack of main.ts, built with `buildApp` (gate applied) and as a
 *   plain `PaymentsStack` in an App (no gate), synthesized alternately, with stub bundles.
 * - `memory --size N --mode gate|bare`: one build + synth, then the process's peak RSS.
 *
 * `BENCH_ASPECTS=<dir>` loads the gate from another directory (another version of aspects/, e.g. from a git
 * worktree), to compare two versions on the same machine.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Aspects, TerraformResource } from 'cdktf';
import type { IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import type * as Gate from '@payments-compliance/gate';
import type * as MainModule from '../main';
import type * as ConfigModule from '../resources/config';
import type * as SynthSupport from '../test/support/synth';
import { BENCH_POLICY, baselineKeys, buildGeneratedStack, resolveClock } from './generate';

const ASPECTS = path.resolve(__dirname, '..', 'aspects');
const COPY = process.env.BENCH_ASPECTS ? path.resolve(process.env.BENCH_ASPECTS) : undefined;
if (COPY) {
  // Every module that imports aspects/ (main.ts too, for the flagship) gets the patched copy instead.
  const loader = Module as unknown as { _resolveFilename: (...a: unknown[]) => string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, ...a: unknown[]): string {
    const file = resolve.apply(this, a);
    return file.startsWith(ASPECTS + path.sep) ? path.join(COPY, path.relative(ASPECTS, file)) : file;
  };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const gate: typeof Gate = require('../aspects/index');

export interface Clock {
  wall: number;
  cpu: number;
}

/** Wall and CPU (user + system, all threads of this process) milliseconds of `fn`. */
function clock<T>(fn: () => T): [T, Clock] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [out, { wall, cpu: (c.user + c.system) / 1000 }];
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function collect(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

const args = process.argv.slice(2);
const scenario = args[0];
function arg(name: string, fallback?: string): string {
  const i = args.indexOf(`--${name}`);
  if (i >= 0 && args[i + 1] !== undefined) return args[i + 1];
  if (fallback === undefined) throw new Error(`bench/measure.ts: --${name} is required`);
  return fallback;
}
const outFile = arg('out');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-bench-'));
let seq = 0;
const freshOutdir = () => path.join(scratch, `out-${seq++}`);

// ------------------------------------------------------------------------------------- instruments

export interface GateTimes {
  /** Wall ms in each mutator's visit(), by aspect class name. */
  mutators: Record<string, number>;
  /** Wall ms in the checker's visit() (records taggable types, adds validations). */
  checkerVisit: number;
  /** The checker's stack validation, all of it (resolution + model + evaluate + filing lines + reports). */
  check: Clock;
  /** CDKTF's resolution inside the check (the synthesizer would pay it anyway: the JSON is handed over). */
  checkResolve: Clock;
  /** Writing the JSON and SARIF reports (inside the check). */
  reports: Clock;
  /** Number of checker visit() calls (the number of constructs visited). */
  visits: number;
}

/**
 * Wraps the aspects of an applied policy (instance properties shadow the prototype methods). The cost of
 * the instruments is two `performance.now()` per visit, a few microseconds per 1,000 resources.
 */
function instrument(applied: Gate.AppliedPolicy): GateTimes {
  const zero = (): Clock => ({ wall: 0, cpu: 0 });
  const times: GateTimes = {
    mutators: {},
    checkerVisit: 0,
    check: zero(),
    checkResolve: zero(),
    reports: zero(),
    visits: 0,
  };
  for (const aspect of applied.aspects) {
    const name = aspect.constructor.name;
    const visit = aspect.visit.bind(aspect);
    const isChecker = aspect === applied.checker;
    if (!isChecker) times.mutators[name] = 0;
    aspect.visit = (node: IConstruct) => {
      const t0 = performance.now();
      visit(node);
      const dt = performance.now() - t0;
      if (isChecker) {
        times.checkerVisit += dt;
        times.visits += 1;
      } else times.mutators[name] += dt;
    };
  }
  const c = applied.checker as unknown as Record<string, (...a: unknown[]) => unknown>;
  // The stack's validation: judging (resolve + model + evaluate + reports) and filing the lines.
  const check = c['validate'].bind(c);
  c['validate'] = (...a: unknown[]) => {
    const r0 = { ...resolveClock };
    const [out, t] = clock(() => check(...a));
    times.check.wall += t.wall;
    times.check.cpu += t.cpu;
    times.checkResolve.wall += resolveClock.ms - r0.ms;
    times.checkResolve.cpu += resolveClock.cpuMs - r0.cpuMs;
    return out;
  };
  const write = c['writeReports'].bind(c);
  c['writeReports'] = (...a: unknown[]) => {
    const [out, t] = clock(() => write(...a));
    times.reports.wall += t.wall;
    times.reports.cpu += t.cpu;
    return out;
  };
  return times;
}

/** Inputs the bare walk reads, by type: what the mutators read to decide (the floor of any aspect gate). */
const WALK_INPUTS: Readonly<Record<string, readonly string[]>> = {
  aws_cloudwatch_log_group: ['kmsKeyIdInput', 'retentionInDaysInput'],
  aws_lambda_function: ['tracingConfigInput', 'environmentInput', 'kmsKeyArnInput'],
  aws_sns_topic: ['kmsMasterKeyIdInput'],
  aws_secretsmanager_secret: ['kmsKeyIdInput'],
  aws_s3_bucket_server_side_encryption_configuration: ['ruleInput'],
};

/** Visits every construct; for each resource reads its type, `tagsInput` and the inputs above. */
function bareWalk(root: IConstruct): number {
  let reads = 0;
  for (const node of root.node.findAll()) {
    if (!TerraformResource.isTerraformResource(node)) continue;
    const r = node as unknown as Record<string, unknown>;
    const type = node.terraformResourceType;
    if ('tagsInput' in node && r['tagsInput'] !== undefined) reads++;
    for (const input of WALK_INPUTS[type] ?? []) if (r[input] !== undefined) reads++;
  }
  return reads;
}

/**
 * The walk that reads *every* input of each resource (`synthesizeAttributes()`: each attribute of the
 * construct, unresolved, as CDKTF holds it): the floor of a gate that judges whole configurations rather
 * than a couple of attributes.
 */
function fullInputWalk(root: IConstruct): number {
  let reads = 0;
  for (const node of root.node.findAll()) {
    if (!TerraformResource.isTerraformResource(node)) continue;
    const attributes = (
      node as unknown as { synthesizeAttributes(): Record<string, unknown> }
    ).synthesizeAttributes();
    for (const key in attributes) if (attributes[key] !== undefined) reads++;
  }
  return reads;
}

// ------------------------------------------------------------------------------------- scenarios

function countResources(root: IConstruct): number {
  return root.node.findAll().filter((c) => TerraformResource.isTerraformResource(c)).length;
}

/** One run of the `generated` scenario, as written to `--out` (bench/run.ts reads it). */
export interface GeneratedRun {
  /** Building the constructs of the stack without the gate (what a program does before `app.synth()`). */
  buildMs: number;
  buildCpuMs: number;
  /** `app.synth()` of the stack without the gate. */
  bare: Clock;
  /** `applyPolicy()` + `app.synth()` of the same stack with the gate (instrumented). */
  gated: Clock;
  gate: GateTimes;
  /** CDKTF's resolution (`toTerraform`) during the synth without the gate. */
  bareResolve: Clock;
  /**
   * `app.synth()` with the mutators only, minus their visits: the synthesis of the configuration the gate
   * produces, as if written compliant by hand (the gate's extra output costs CDKTF time to resolve).
   */
  handWritten: Clock;
  handWrittenResolve: Clock;
  /** The checker's evaluation alone, on the JSON it judged: `new TfModel(json, { taggableTypes })` and `evaluate(model, policy, rules)`. */
  model: Clock;
  evaluate: Clock;
  /** The bare tree walk (median of 7 in a row). */
  walk: Clock;
  /** The walk reading every input of every resource (median of 7 in a row). */
  fullWalk: Clock;
  findings: number;
  rules: number;
}

type Mode = 'bare' | 'gated' | 'mutated';

/** The gate's mutating aspects in MUTATOR_ORDER, without the checker. */
function mutatorsOf(policy: Gate.CompliancePolicy): IAspect[] {
  const byName: Record<Gate.MutatorName, () => IAspect> = {
    tags: () => new gate.RequiredTagsMutator(policy),
    kms: () => new gate.KmsKeyMutator(policy),
    retention: () => new gate.LogRetentionMutator(policy),
    tracing: () => new gate.TracingMutator(policy),
  };
  return gate.MUTATOR_ORDER.map((m) => byName[m]());
}

function generated(): void {
  const size = Number(arg('size'));
  const runs = Number(arg('runs', '3'));
  const minRuns = Number(arg('min-runs', '1'));
  const budgetMs = Number(arg('budget-s', '0')) * 1000;
  const warmup = Number(arg('warmup', '1'));
  const started = performance.now();

  const build = (mode: Mode) => {
    const app = new App({ outdir: freshOutdir() });
    const [g, c] = clock(() => buildGeneratedStack(app, size));
    const policy = gate.paymentsPolicy({ ...BENCH_POLICY, keys: baselineKeys(g.base) });
    return { app, g, buildMs: c.wall, buildCpuMs: c.cpu, policy, mode };
  };
  const synth = (b: ReturnType<typeof build>) => {
    collect();
    resolveClock.ms = 0;
    resolveClock.cpuMs = 0;
    let times: GateTimes | undefined;
    let applied: Gate.AppliedPolicy | undefined;
    let mutatorMs = 0;
    const [, c] = clock(() => {
      if (b.mode === 'gated') {
        applied = gate.applyPolicy(b.g.base.stack, b.policy);
        times = instrument(applied);
      } else if (b.mode === 'mutated') {
        // The mutators alone, as applyPolicy orders them: the configuration the gate produces, unjudged.
        for (const m of mutatorsOf(b.policy)) {
          const visit = m.visit.bind(m);
          m.visit = (node: IConstruct) => {
            const t0 = performance.now();
            visit(node);
            mutatorMs += performance.now() - t0;
          };
          Aspects.of(b.g.base.stack).add(m);
        }
      }
      b.app.synth();
    });
    fs.rmSync(b.app.outdir, { recursive: true, force: true });
    return { c, times, applied, mutatorMs, resolve: { wall: resolveClock.ms, cpu: resolveClock.cpuMs } };
  };

  // Warm-up at a small size: module loading and JIT, paid once by any process, are not per-resource costs.
  for (let i = 0; i < warmup; i++) {
    for (const mode of ['gated', 'bare', 'mutated'] as const) {
      const app = new App({ outdir: freshOutdir() });
      const g = buildGeneratedStack(app, 300);
      const policy = gate.paymentsPolicy({ ...BENCH_POLICY, keys: baselineKeys(g.base) });
      if (mode === 'gated') gate.applyPolicy(g.base.stack, policy);
      if (mode === 'mutated') for (const m of mutatorsOf(policy)) Aspects.of(g.base.stack).add(m);
      app.synth();
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
  }

  const samples: GeneratedRun[] = [];
  let resources = 0;
  let units: Record<string, number> = {};
  let budgetStop = false;
  for (let r = 0; r < runs; r++) {
    const runStart = performance.now();
    const res: Partial<GeneratedRun> = {};
    // Rotate the order so no mode always runs first (on the freshest heap).
    const order: Mode[] = ['bare', 'gated', 'mutated'];
    for (let k = 0; k < order.length; k++) {
      const mode = order[(k + r) % order.length];
      const b = build(mode);
      resources = b.g.resources;
      units = { ...b.g.units };
      const s = synth(b);
      if (mode === 'bare') {
        res.bare = s.c;
        res.bareResolve = s.resolve;
        res.buildMs = b.buildMs;
        res.buildCpuMs = b.buildCpuMs;
        continue;
      }
      if (mode === 'mutated') {
        // Minus the mutators' own visits: what the same configuration costs when written by hand.
        res.handWritten = { wall: s.c.wall - s.mutatorMs, cpu: s.c.cpu - s.mutatorMs };
        res.handWrittenResolve = s.resolve;
        continue;
      }
      res.gated = s.c;
      res.gate = s.times!;
      const check = s.applied!.checker.checks.get(b.g.base.stack.node.path);
      if (!check) throw new Error('the checker recorded no check of the generated stack');
      if (check.evaluation.violations.length > 0) {
        const lines = check.evaluation.violations.slice(0, 5).map(gate.violationLine).join('\n');
        throw new Error(
          `the generated stack is not compliant (${check.evaluation.violations.length} violations):\n${lines}`,
        );
      }
      // The checker's evaluation alone, on the JSON it judged.
      const taggable = check.evaluation.model.taggableTypes;
      collect();
      const [model, mc] = clock(() => new gate.TfModel(check.json, { taggableTypes: taggable }));
      const [ev, ec] = clock(() => gate.evaluate(model, s.applied!.policy, s.applied!.rules));
      res.model = mc;
      res.evaluate = ec;
      res.findings = ev.findings.length;
      res.rules = s.applied!.rules.length;
      // The walk takes a few milliseconds, so GC and scheduling noise dominate one sample: median of 7.
      collect();
      const walks = Array.from({ length: 7 }, () => clock(() => bareWalk(b.g.base.stack))[1]);
      res.walk = {
        wall: medianOf(walks.map((w) => w.wall)),
        cpu: medianOf(walks.map((w) => w.cpu)),
      };
      const fullWalks = Array.from({ length: 7 }, () => clock(() => fullInputWalk(b.g.base.stack))[1]);
      res.fullWalk = {
        wall: medianOf(fullWalks.map((w) => w.wall)),
        cpu: medianOf(fullWalks.map((w) => w.cpu)),
      };
    }
    samples.push(res as GeneratedRun);
    const perRun = performance.now() - runStart;
    if (budgetMs > 0 && r + 1 >= minRuns && r + 1 < runs && performance.now() - started + perRun > budgetMs) {
      budgetStop = true;
      break;
    }
  }
  write({
    scenario: 'generated',
    size,
    resources,
    units,
    runsAsked: runs,
    runs: samples.length,
    budgetStop,
    samples,
  });
}

function flagship(): void {
  const runs = Number(arg('runs', '5'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const main = require('../main') as typeof MainModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadConfig } = require('../resources/config') as typeof ConfigModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stubBundles } = require('../test/support/synth') as typeof SynthSupport;
  const config = loadConfig({});
  const code = stubBundles(path.join(scratch, 'bundles'));

  /** Construction (the stack, and with the gate applyPolicy + suppress, as buildApp does) and `app.synth()`. */
  const once = (withGate: boolean): { build: Clock; synth: Clock; resources: number } => {
    const outdir = freshOutdir();
    collect();
    const [app, build] = clock(() => {
      if (withGate) return main.buildApp({ config, code, outdir }).app;
      // The same stack, composed as buildApp composes it, without applyPolicy and the suppression.
      const bare = new App({ outdir });
      new main.PaymentsStack(bare, main.STACK_NAME, { config, code });
      return bare;
    });
    collect();
    const [, synth] = clock(() => app.synth());
    const resources = countResources(app);
    fs.rmSync(outdir, { recursive: true, force: true });
    return { build, synth, resources };
  };
  // Warm-up: module loading and JIT.
  once(true);
  once(false);
  const gated: { build: Clock; synth: Clock }[] = [];
  const bare: { build: Clock; synth: Clock }[] = [];
  let resources = 0;
  for (let r = 0; r < runs; r++) {
    for (const mode of r % 2 === 0 ? [false, true] : [true, false]) {
      const s = once(mode);
      (mode ? gated : bare).push({ build: s.build, synth: s.synth });
      resources = s.resources;
    }
  }
  write({ scenario: 'flagship', runs, resources, gated, bare });
}

function memory(): void {
  const size = Number(arg('size'));
  const mode = arg('mode', 'gate');
  const app = new App({ outdir: freshOutdir() });
  const [g, bc] = clock(() => buildGeneratedStack(app, size));
  const [, sc] = clock(() => {
    if (mode === 'gate')
      gate.applyPolicy(g.base.stack, gate.paymentsPolicy({ ...BENCH_POLICY, keys: baselineKeys(g.base) }));
    app.synth();
  });
  const usage = process.resourceUsage();
  fs.rmSync(app.outdir, { recursive: true, force: true });
  write({
    scenario: 'memory',
    size,
    mode,
    resources: g.resources,
    buildMs: bc.wall,
    synthMs: sc.wall,
    maxRssMb: usage.maxRSS / 1024,
  });
}

function write(result: object): void {
  const gateModule = require.resolve('../aspects/index');
  fs.writeFileSync(
    outFile,
    JSON.stringify({ ...result, gateModule, pid: process.pid, loadavg: os.loadavg() }),
  );
  fs.rmSync(scratch, { recursive: true, force: true });
}

switch (scenario) {
  case 'generated':
    generated();
    break;
  case 'flagship':
    flagship();
    break;
  case 'memory':
    memory();
    break;
  default:
    throw new Error(`bench/measure.ts: unknown scenario "${scenario}" (generated | flagship | memory)`);
}
