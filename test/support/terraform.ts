/**
 * Terraform for tests: the real `terraform` binary and hashicorp/aws provider, offline.
 *
 * Provider source: `scripts/tf-cli-config.mjs` detects a filesystem mirror (TF_PROVIDER_MIRROR or the
 * usual places) and writes the CLI config; with no mirror the config has no provider_installation and
 * `init` uses the registry. Offline: fake credentials plus `-var offline=true`, which turns on the
 * provider's skip_* flags (see main.ts), so no AWS account or network is needed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface CliConfig {
  readonly configFile: string;
  readonly mirror: string | null;
  readonly pluginCacheDir: string;
}

export interface TfRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly millis: number;
}

/** True when a `terraform` binary is on PATH. */
export function terraformAvailable(): boolean {
  const r = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  return r.status === 0;
}

let cliConfigCache: CliConfig | undefined;

/** Runs the detector once per process and returns what it wrote. */
export function cliConfig(): CliConfig {
  if (cliConfigCache) return cliConfigCache;
  // Hermetic: the suite always uses a generated config with the detected mirror, whatever the user has.
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'tf-cli-config.mjs'), '--json'], {
    encoding: 'utf8',
    env: { ...process.env, GATE_TF_CLI_CONFIG: 'generated' },
  });
  if (r.status !== 0) throw new Error(`tf-cli-config.mjs failed: ${r.stderr}`);
  cliConfigCache = JSON.parse(r.stdout) as CliConfig;
  return cliConfigCache;
}

/** Environment for an offline run: CLI config, fake credentials, no metadata API, no shared profile. */
export function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN'])
    delete env[k];
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfig().configFile,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    AWS_ACCESS_KEY_ID: 'AKIAOFFLINETEST00000',
    AWS_SECRET_ACCESS_KEY: 'offline-test-fake-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    CHECKPOINT_DISABLE: '1',
  };
}

/** Runs `terraform <args>` in `cwd`; never throws (inspect `status`). */
export function terraform(cwd: string, args: readonly string[], timeoutMs = 600_000): TfRun {
  const started = Date.now();
  const r = spawnSync('terraform', [...args], {
    cwd,
    env: offlineEnv(),
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    status: r.status ?? -1,
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '') + (r.error ? `\n${r.error.message}` : ''),
    millis: Date.now() - started,
  };
}

/** Like `terraform`, but throws with the command's output when it fails. */
export function terraformOk(cwd: string, args: readonly string[], timeoutMs?: number): TfRun {
  const r = terraform(cwd, args, timeoutMs);
  if (r.status !== 0) {
    throw new Error(
      `terraform ${args.join(' ')} failed (exit ${r.status}) in ${cwd}\n${r.stdout}\n${r.stderr}`,
    );
  }
  return r;
}

const initialized = new Set<string>();

/** `terraform init` once per directory per test run (the plugin cache makes repeats cheap anyway). */
export function initOnce(stackDir: string): TfRun | undefined {
  if (initialized.has(stackDir)) return undefined;
  const r = terraformOk(stackDir, ['init', '-input=false', '-no-color', '-lock=false']);
  initialized.add(stackDir);
  return r;
}

export interface PlanResult {
  readonly plan: TfPlanJson;
  readonly planRun: TfRun;
}

/** `terraform plan` offline into `plan.tfplan`, then `terraform show -json` parsed. */
export function planOffline(stackDir: string): PlanResult {
  initOnce(stackDir);
  const planRun = terraformOk(stackDir, [
    'plan',
    '-input=false',
    '-lock=false',
    '-no-color',
    '-out=plan.tfplan',
    '-var',
    'offline=true',
  ]);
  const show = terraformOk(stackDir, ['show', '-json', 'plan.tfplan']);
  fs.writeFileSync(path.join(stackDir, 'plan.json'), show.stdout);
  return { plan: JSON.parse(show.stdout) as TfPlanJson, planRun };
}

export interface TfPlanResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

export interface TfPlanJson {
  readonly format_version: string;
  readonly terraform_version: string;
  readonly planned_values: { readonly root_module: { readonly resources?: TfPlanResource[] } };
  readonly resource_changes?: Array<{
    readonly address: string;
    readonly type: string;
    readonly change: { readonly actions: string[]; readonly after?: Record<string, unknown> };
  }>;
  readonly configuration?: Record<string, unknown>;
}

/** Every planned resource of the root module (`values` is `{}` when every attribute is unknown). */
export function plannedResources(plan: TfPlanJson): TfPlanResource[] {
  return (plan.planned_values.root_module.resources ?? []).map((r) => ({ ...r, values: r.values ?? {} }));
}
