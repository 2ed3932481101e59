/**
 * Plan mode at scale: `compliance-gate check` on generated plans of 1,000 / 5,000 / 20,000 resources, in
 * the shape `terraform show -json` writes (planned_values, resource_changes with after_unknown,
 * configuration with references), each size judged in fresh child processes.
 *
 *   npx tsx bench/plan.ts                       # 1000,5000,20000, 3 runs each
 *   npx tsx bench/plan.ts --sizes 1000 --runs 1
 *   (npm run bench runs it as its plan-mode section; --no-plan leaves it out)
 *
 * Timed: the whole check as the CLI runs it, from reading the file to the JSON report text (read +
 * JSON.parse + plan adapter + evaluate + coverage + report), in-process (node startup and TypeScript
 * loading excluded: they do not grow with the plan). Peak memory is the child's maxRSS.
 * Targets (issue 11): <= 3 s wall at 20,000 resources; per-resource time at 20,000 <= 1.2x that at 1,000.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as CheckModule from '../aspects/cli/check';

const ROOT = path.resolve(__dirname, '..');
const AWS = 'registry.terraform.io/hashicorp/aws';

const LOGS_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Root',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'Logs',
      Effect: 'Allow',
      Principal: { Service: 'logs.us-east-1.amazonaws.com' },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:123456789012:log-group:*' },
      },
    },
  ],
});

interface Unit {
  readonly type: string;
  readonly values: Record<string, unknown>;
  readonly unknown: Record<string, unknown>;
  readonly expressions: Record<string, unknown>;
}

/** Ten resources per unit i: a key, log groups and a topic that use it (known after apply), a bucket with its companions. */
function unit(i: number): [string, Unit][] {
  const tags = { tags: null, tags_all: { Environment: 'production', CostCenter: 'payments' } };
  const key = `k${i}`;
  const ref = (type: string, name: string, attr: string) => ({
    references: [`${type}.${name}.${attr}`, `${type}.${name}`],
  });
  const logGroup = (n: string, days: number): [string, Unit] => [
    n,
    {
      type: 'aws_cloudwatch_log_group',
      values: {
        name: `/bench/${n}`,
        retention_in_days: days,
        skip_destroy: false,
        log_group_class: 'STANDARD',
        kms_key_id: null,
        ...tags,
      },
      unknown: { arn: true, id: true, kms_key_id: true, tags_all: {} },
      expressions: {
        name: { constant_value: `/bench/${n}` },
        retention_in_days: { constant_value: days },
        kms_key_id: ref('aws_kms_key', key, 'arn'),
      },
    },
  ];
  const bucket = `b${i}`;
  const onBucket = (
    type: string,
    extra: Record<string, unknown>,
    extraExpr: Record<string, unknown> = {},
  ): [string, Unit] => [
    `${bucket}_${type.replace('aws_s3_bucket_', '')}`,
    {
      type,
      values: { bucket: null, ...extra },
      unknown: { bucket: true, id: true },
      expressions: { bucket: ref('aws_s3_bucket', bucket, 'id'), ...extraExpr },
    },
  ];
  return [
    [
      key,
      {
        type: 'aws_kms_key',
        values: {
          enable_key_rotation: true,
          is_enabled: true,
          policy: LOGS_POLICY,
          description: key,
          ...tags,
        },
        unknown: { arn: true, id: true, key_id: true, tags_all: {} },
        expressions: {
          enable_key_rotation: { constant_value: true },
          policy: { constant_value: LOGS_POLICY },
        },
      },
    ],
    logGroup(`a${i}`, 365),
    logGroup(`c${i}`, i % 10 === 0 ? 30 : 400),
    logGroup(`d${i}`, 731),
    [
      `t${i}`,
      {
        type: 'aws_sns_topic',
        values: { name: `t${i}`, ...tags },
        unknown: { arn: true, id: true, kms_master_key_id: true, tags_all: {} },
        expressions: { name: { constant_value: `t${i}` }, kms_master_key_id: ref('aws_kms_key', key, 'arn') },
      },
    ],
    [
      bucket,
      {
        type: 'aws_s3_bucket',
        values: { bucket: `bench-${i}`, force_destroy: false, ...tags },
        unknown: { arn: true, id: true, tags_all: {} },
        expressions: { bucket: { constant_value: `bench-${i}` } },
      },
    ],
    onBucket('aws_s3_bucket_public_access_block', {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    }),
    onBucket('aws_s3_bucket_versioning', {
      versioning_configuration: [{ status: 'Enabled', mfa_delete: null }],
    }),
    onBucket('aws_s3_bucket_ownership_controls', { rule: [{ object_ownership: 'BucketOwnerEnforced' }] }),
    onBucket(
      'aws_s3_bucket_policy',
      {},
      { policy: { references: [`aws_s3_bucket.${bucket}.arn`, `aws_s3_bucket.${bucket}`] } },
    ),
  ];
}

/** A plan of `size` resources (a multiple of 10). */
export function generatePlan(size: number): string {
  const resources: unknown[] = [];
  const changes: unknown[] = [];
  const config: unknown[] = [];
  for (let i = 0; i < size / 10; i++) {
    for (const [name, u] of unit(i)) {
      const address = `${u.type}.${name}`;
      resources.push({
        address,
        mode: 'managed',
        type: u.type,
        name,
        provider_name: AWS,
        schema_version: 0,
        values: u.values,
        sensitive_values: {},
      });
      changes.push({
        address,
        mode: 'managed',
        type: u.type,
        name,
        provider_name: AWS,
        change: {
          actions: ['create'],
          before: null,
          after: u.values,
          after_unknown: u.unknown,
          before_sensitive: false,
          after_sensitive: {},
        },
      });
      config.push({
        address,
        mode: 'managed',
        type: u.type,
        name,
        provider_config_key: 'aws',
        expressions: u.expressions,
        schema_version: 0,
      });
    }
  }
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources } },
    resource_changes: changes,
    configuration: {
      provider_config: {
        aws: {
          name: 'aws',
          full_name: AWS,
          expressions: {
            region: { constant_value: 'us-east-1' },
            default_tags: [
              { tags: { constant_value: { Environment: 'production', CostCenter: 'payments' } } },
            ],
          },
        },
      },
      root_module: { resources: config },
    },
    timestamp: '2026-12-02T00:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  });
}

export interface PlanRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
  readonly exitCode: number;
  readonly resources: number;
}

/** Child: one check of `file`, timed in-process. */
function child(file: string): void {
  // Loaded before the clock starts: module loading does not grow with the plan.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../aspects/cli/check') as typeof CheckModule;
  global.gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let report = '';
  const exitCode = main(['check', file, '--schema', 'shipped', '--format', 'json'], {
    out: (t) => (report += t),
    err: () => undefined,
  });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const resources = (JSON.parse(report) as { summary: { resources: number } }).summary.resources;
  const run: PlanRun = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    exitCode,
    resources,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export interface PlanModeResult {
  readonly sizes: readonly {
    readonly resources: number;
    readonly fileMb: number;
    readonly runs: number;
    readonly medianWallMs: number;
    readonly medianCpuMs: number;
    readonly perResourceUs: number;
    readonly maxRssMb: number;
  }[];
  readonly targets: readonly {
    readonly description: string;
    readonly measured: number;
    readonly limit: number;
    readonly holds: boolean;
  }[];
}

/** Every size in fresh child processes, `runs` times; the plans are generated once into a temp dir. */
export function planMode(sizes: readonly number[] = [1000, 5000, 20000], runs = 3): PlanModeResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-plan-bench-'));
  try {
    const out = sizes.map((size) => {
      const file = path.join(dir, `plan-${size}.json`);
      fs.writeFileSync(file, generatePlan(size));
      const samples: PlanRun[] = [];
      for (let i = 0; i < runs; i++) {
        process.stderr.write(
          `bench: plan mode ${size.toLocaleString('en-US')} resources (${i + 1}/${runs}) ...`,
        );
        const r = spawnSync(
          process.execPath,
          ['--expose-gc', '--import', 'tsx', __filename, '--child', file],
          {
            cwd: ROOT,
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
          },
        );
        if (r.status !== 0)
          throw new Error(`bench: plan mode ${size} failed (exit ${r.status}):\n${r.stderr}`);
        const run = JSON.parse(r.stdout.trim().split('\n').pop()!) as PlanRun;
        if (run.resources !== size)
          throw new Error(`bench: judged ${run.resources} resources, expected ${size}`);
        if (run.exitCode !== 1)
          throw new Error('bench: the generated plan has violations by design (exit 1 expected)');
        process.stderr.write(` ${(run.wallMs / 1000).toFixed(2)} s\n`);
        samples.push(run);
      }
      const wall = median(samples.map((s) => s.wallMs));
      return {
        resources: size,
        fileMb: Number((fs.statSync(file).size / 2 ** 20).toFixed(1)),
        runs,
        medianWallMs: Math.round(wall),
        medianCpuMs: Math.round(median(samples.map((s) => s.cpuMs))),
        perResourceUs: Number(((wall * 1000) / size).toFixed(1)),
        maxRssMb: Math.max(...samples.map((s) => s.maxRssMb)),
      };
    });
    const largest = out[out.length - 1];
    const smallest = out[0];
    const targets = [
      {
        description: `plan mode: wall ms at ${largest.resources.toLocaleString('en-US')} resources, reading the JSON included`,
        measured: largest.medianWallMs,
        limit: 3000,
        holds: largest.medianWallMs <= 3000,
      },
      {
        description: `plan mode: per-resource time at ${largest.resources.toLocaleString('en-US')} / at ${smallest.resources.toLocaleString('en-US')}`,
        measured: Number((largest.perResourceUs / smallest.perResourceUs).toFixed(2)),
        limit: 1.2,
        holds: largest.perResourceUs / smallest.perResourceUs <= 1.2,
      },
    ];
    return { sizes: out, targets };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function planModeTable(r: PlanModeResult): string[] {
  const lines = [
    'Plan mode (compliance-gate check on generated plans, in-process: read + parse + adapter + evaluate + report):',
    '  resources | plan MB | wall ms (median) | cpu ms | us/resource | peak RSS MB',
  ];
  for (const s of r.sizes)
    lines.push(
      `  ${String(s.resources).padStart(9)} | ${String(s.fileMb).padStart(7)} | ${String(s.medianWallMs).padStart(16)} | ${String(s.medianCpuMs).padStart(6)} | ${String(s.perResourceUs).padStart(11)} | ${String(s.maxRssMb).padStart(11)}`,
    );
  for (const t of r.targets)
    lines.push(
      `  [${t.holds ? 'HOLDS ' : 'MISSED'}] ${t.description}: measured ${t.measured} (limit ${t.limit})`,
    );
  return lines;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--child');
  if (at >= 0) child(argv[at + 1]);
  else {
    const opt = (n: string) => (argv.includes(`--${n}`) ? argv[argv.indexOf(`--${n}`) + 1] : undefined);
    const sizes = (opt('sizes') ?? '1000,5000,20000').split(',').map(Number);
    const result = planMode(sizes, Number(opt('runs') ?? 3));
    process.stdout.write(`${planModeTable(result).join('\n')}\n`);
  }
}
