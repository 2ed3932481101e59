/**
 * Bundle sizes and cold-init time of the payment Lambda and the canary (a benchmark, not a test).
 *
 *   npx tsx bench/lambda-cold-init.ts            # 15 fresh processes per measurement
 *   npx tsx bench/lambda-cold-init.ts --runs 31
 *
 * For each bundle, N fresh `node` processes each measure, with process.hrtime around the call:
 * - require: time to `require()` the bundle (module evaluation: what Lambda's init phase pays for our code);
 * - first call (Lambda only): time of the first handler call on a route that needs no network (404), which
 *   adds config loading, app wiring and SDK client construction;
 * - process: wall time from spawn to exit of the whole child, next to an empty `node -e ""` baseline.
 * Medians are printed (min and max alongside). For comparison the Lambda is also built with the AWS SDK
 * left external (resolved from node_modules), the alternative to bundling it.
 *
 * Then the latency PutMetricData adds to a payment answer (`--latency-only` runs just this part):
 * warm POST /payments invocations of the app (in-memory store, simulated processor, the real CloudWatch
 * client against a local endpoint that answers after 0 ms or 1,200 ms), p50/p99 of the time to the
 * answer, next to the same invocations awaiting the metrics send (what the first release did).
 *
 *   npx tsx bench/lambda-cold-init.ts --latency-only --invocations 300
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { buildSync } from 'esbuild';
import { createApp } from '../lambda/app';
import { loadConfig } from '../lambda/config';
import { createCloudWatchPublisher } from '../lambda/metrics';
import { bundleCanary, bundlePaymentLambda } from '../scripts/bundle';
import { startHttpStub } from '../test/support/http-stub';
import { lambdaContext, paymentEvent } from '../test/support/lambda-events';
import { memoryStore } from '../test/support/payment-harness';

const ROOT = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : 15;
const invocationsArg = argv.indexOf('--invocations');
const INVOCATIONS = invocationsArg >= 0 ? Number(argv[invocationsArg + 1]) : 200;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (xs: number[]): string =>
  xs.length === 0
    ? '-'
    : `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}..${Math.max(...xs).toFixed(1)})`;

interface Sample {
  requireMs: number;
  firstCallMs?: number;
  processMs: number;
}

const CHILD_ENV = {
  PATH: process.env.PATH ?? '',
  DB_HOST: '127.0.0.1',
  DB_PASSWORD: 'bench-only',
  DB_SSLMODE: 'disable',
  AWS_REGION: 'us-east-1',
  AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
};

function measure(file: string, callHandler: boolean, extraEnv: Record<string, string> = {}): Sample {
  const script = `
    const t0 = process.hrtime.bigint();
    const m = require(${JSON.stringify(file)});
    const t1 = process.hrtime.bigint();
    const out = { requireMs: Number(t1 - t0) / 1e6 };
    (async () => {
      if (${callHandler}) {
        const r = await m.handler({ httpMethod: 'GET', path: '/bench-unknown', resource: '/bench-unknown', headers: {} }, { awsRequestId: '00000000-0000-4000-8000-000000000000' });
        if (r.statusCode !== 404) throw new Error('unexpected status ' + r.statusCode);
        out.firstCallMs = Number(process.hrtime.bigint() - t1) / 1e6;
        await m.shutdown();
      }
      process.stderr.write('SAMPLE ' + JSON.stringify(out) + '\\n');
    })().catch((e) => { process.stderr.write('FAIL ' + e.message + '\\n'); process.exit(1); });`;
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', script], {
    env: { ...CHILD_ENV, ...extraEnv },
    encoding: 'utf8',
  });
  const processMs = Number(process.hrtime.bigint() - started) / 1e6;
  const line = r.stderr.split('\n').find((l) => l.startsWith('SAMPLE '));
  if (r.status !== 0 || !line) throw new Error(`measurement of ${file} failed: ${r.stderr}`);
  return { ...(JSON.parse(line.slice(7)) as Omit<Sample, 'processMs'>), processMs };
}

function baseline(): number {
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', ''], { env: CHILD_ENV });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function sizes(file: string): { bytes: number; gzip: number } {
  const content = fs.readFileSync(file);
  return { bytes: content.length, gzip: gzipSync(content).length };
}

function main(): void {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lambda-'));
  try {
    const lambda = bundlePaymentLambda(out);
    const canary = bundleCanary(out);
    const lambdaFile = path.join(lambda.dir, 'index.js');
    const canaryFile = path.join(canary.dir, 'nodejs', 'node_modules', 'health-canary.js');

    // Comparison: the same Lambda with @aws-sdk/* external (what relying on the runtime's SDK would load).
    const externalDir = path.join(out, 'sdk-external');
    fs.mkdirSync(externalDir);
    const externalFile = path.join(externalDir, 'index.js');
    buildSync({
      absWorkingDir: ROOT,
      entryPoints: [path.join(ROOT, 'lambda/handler.ts')],
      outfile: externalFile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      mainFields: ['module', 'main'],
      external: ['pg-native', '@aws-sdk/*'],
      logLevel: 'silent',
    });

    const variants: Array<{ name: string; file: string; call: boolean; env: Record<string, string> }> = [
      { name: 'payment-lambda (SDK bundled, shipped)', file: lambdaFile, call: true, env: {} },
      {
        name: 'payment-lambda (SDK external, comparison)',
        file: externalFile,
        call: true,
        env: { NODE_PATH: path.join(ROOT, 'node_modules') },
      },
      { name: 'health-canary', file: canaryFile, call: false, env: {} },
    ];

    const base: number[] = [];
    const samples = new Map<string, Sample[]>(variants.map((v) => [v.name, []]));
    // Interleave variants so machine noise spreads evenly.
    for (let i = 0; i < RUNS; i++) {
      base.push(baseline());
      for (const v of variants) samples.get(v.name)?.push(measure(v.file, v.call, v.env));
    }

    const rows: string[][] = [['bundle', 'bytes', 'gzip bytes', 'require ms', 'first call ms', 'process ms']];
    for (const v of variants) {
      const s = samples.get(v.name) ?? [];
      const z = sizes(v.file);
      rows.push([
        v.name,
        String(z.bytes),
        String(z.gzip),
        fmt(s.map((x) => x.requireMs)),
        fmt(s.flatMap((x) => (x.firstCallMs === undefined ? [] : [x.firstCallMs]))),
        fmt(s.map((x) => x.processMs)),
      ]);
    }
    rows.push(['node -e "" (baseline)', '-', '-', '-', '-', fmt(base)]);

    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    console.log(
      `Cold init, median (min..max) of ${RUNS} fresh processes; node ${process.version}, ${os.cpus().length} CPU(s)\n`,
    );
    rows.forEach((r, n) => {
      console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
      if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    });
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** p50/p99 of the answer time of warm payment invocations, metrics off the path vs awaited. */
async function metricsLatency(): Promise<void> {
  let delayMs = 0;
  const stub = await startHttpStub(
    () => new Promise((r) => setTimeout(() => r({ status: 200, body: '{}' }), delayMs)),
  );
  const rows: string[][] = [
    ['CloudWatch answers after', 'metrics', 'invocations', 'p50 ms', 'p99 ms', 'max ms'],
  ];
  try {
    for (const [delay, awaited, n] of [
      [0, false, INVOCATIONS],
      [0, true, INVOCATIONS],
      [1200, false, INVOCATIONS],
      [1200, true, Math.min(INVOCATIONS, 20)],
    ] as const) {
      delayMs = delay;
      const metrics = createCloudWatchPublisher({
        client: new CloudWatchClient({
          endpoint: stub.url,
          region: 'us-east-1',
          credentials: { accessKeyId: 'AKIDEXAMPLETESTONLY0', secretAccessKey: 'bench-only' },
          maxAttempts: 2,
        }),
        namespace: 'Bench',
        timeoutMs: 1500,
      });
      const app = createApp({
        config: loadConfig({ ...CHILD_ENV, ALLOW_MISSING_API_KEY_ID: 'true', LOG_LEVEL: 'error' }),
        store: memoryStore(),
        metrics,
        logSink: () => undefined,
      });
      const times: number[] = [];
      for (let i = 0; i < n + 5; i++) {
        const t0 = process.hrtime.bigint();
        const res = await app.handle(paymentEvent(), lambdaContext());
        if (awaited) await metrics.drain?.(); // the first release awaited PutMetricData before answering
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (res.statusCode !== 201) throw new Error(`unexpected status ${res.statusCode}`);
        if (i >= 5) times.push(ms); // the first 5 warm the SDK client and connection
      }
      await metrics.drain?.();
      await app.close();
      rows.push([
        `${delay} ms`,
        awaited ? 'awaited (first release)' : 'off the response path',
        String(n),
        percentile(times, 50).toFixed(2),
        percentile(times, 99).toFixed(2),
        Math.max(...times).toFixed(2),
      ]);
    }
  } finally {
    await stub.close();
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(
    `\nAnswer time of a warm POST /payments (in-memory store, simulated processor), node ${process.version}\n`,
  );
  rows.forEach((r, n) => {
    console.log(r.map((c, i) => (i <= 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

if (!argv.includes('--latency-only')) main();
void metricsLatency().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
