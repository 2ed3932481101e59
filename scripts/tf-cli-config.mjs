#!/usr/bin/env node
// Detects a filesystem mirror of the hashicorp/aws provider and writes a Terraform CLI config that uses it,
// so `terraform init` works offline where a mirror exists and uses the public registry everywhere else.
//
//   node scripts/tf-cli-config.mjs            -> prints the path of the CLI config file it wrote
//   node scripts/tf-cli-config.mjs --json     -> prints {"configFile","mirror","pluginCacheDir"}
//
// Mirror search order: $TF_PROVIDER_MIRROR (if set, it must qualify), then the usual places (or the
// ':'-separated $TF_PROVIDER_MIRROR_PATHS instead of them). A directory qualifies when it holds
// registry.terraform.io/hashicorp/aws/<version> (packed or unpacked layout).
// A user's own CLI config is respected, never silently replaced: when $TF_CLI_CONFIG_FILE names an
// existing file, or it is unset and ~/.terraformrc exists, that file is used unchanged (its path is
// printed, with a note on stderr). A generated config is used only when the user has none (or
// $TF_CLI_CONFIG_FILE names a file that does not exist, as on CI images that set it blindly: the note
// says so), or when GATE_TF_CLI_CONFIG=generated asks for it (the test suite, to be hermetic).
// Output: <repo>/node_modules/.cache/terraform/cli.tfrc, or $TF_CLI_CONFIG_OUT/cli.tfrc when set.
// No mirror: the config has no provider_installation block, so plain `terraform init` uses the registry.
// Either way the config sets a plugin cache directory so repeated inits do not copy or download again.
// Plain Node, no dependencies.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROVIDER_VERSION = '5.100.0';
const PROVIDER = 'registry.terraform.io/hashicorp/aws';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Places a mirror is usually found (each is the parent of `registry.terraform.io`). */
export function candidateMirrors(env = process.env) {
  if (env.TF_PROVIDER_MIRROR_PATHS !== undefined)
    return env.TF_PROVIDER_MIRROR_PATHS.split(':').filter(Boolean);
  const home = env.HOME || homedir();
  return [
    '/opt/tf-plugins',
    '/usr/share/terraform/plugins',
    '/usr/local/share/terraform/plugins',
    join(home, '.terraform.d', 'plugins'),
    join(home, '.local', 'share', 'terraform', 'plugins'),
  ];
}

/** True when `dir` holds hashicorp/aws at `version` (unpacked `<version>/<os_arch>/` or packed zips). */
export function qualifies(dir, version = PROVIDER_VERSION) {
  const base = join(dir, PROVIDER);
  try {
    if (existsSync(join(base, version)) && statSync(join(base, version)).isDirectory()) return true;
    return readdirSync(base).some(
      (f) => f.startsWith(`terraform-provider-aws_${version}_`) && f.endsWith('.zip'),
    );
  } catch {
    return false;
  }
}

/** The mirror directory to use, or undefined. Throws when TF_PROVIDER_MIRROR is set but does not qualify. */
export function findMirror(env = process.env, version = PROVIDER_VERSION) {
  if (env.TF_PROVIDER_MIRROR) {
    const dir = resolve(env.TF_PROVIDER_MIRROR);
    if (!qualifies(dir, version)) {
      throw new Error(
        `TF_PROVIDER_MIRROR=${dir} does not contain ${PROVIDER}/${version}; unset it to use the registry or point it at the directory holding registry.terraform.io`,
      );
    }
    return dir;
  }
  return candidateMirrors(env).find((dir) => qualifies(dir, version));
}

/** The CLI config text for a mirror (or none). Paths are JSON-quoted, which is valid HCL. */
export function cliConfig({ mirror, pluginCacheDir }) {
  const lines = [
    '# Written by scripts/tf-cli-config.mjs; regenerated on every run.',
    `plugin_cache_dir = ${JSON.stringify(pluginCacheDir)}`,
    'plugin_cache_may_break_dependency_lock_file = true',
  ];
  if (mirror) {
    lines.push(
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(mirror)}`,
      `    include = [${JSON.stringify(PROVIDER)}]`,
      '  }',
      '  direct {',
      `    exclude = [${JSON.stringify(PROVIDER)}]`,
      '  }',
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The user's own CLI config file, if any (see the header): undefined when we must generate one. */
export function userCliConfig(env = process.env) {
  if (env.GATE_TF_CLI_CONFIG === 'generated') return undefined;
  if (env.TF_CLI_CONFIG_FILE)
    return existsSync(env.TF_CLI_CONFIG_FILE) ? resolve(env.TF_CLI_CONFIG_FILE) : undefined;
  const rc = join(env.HOME || homedir(), '.terraformrc');
  return existsSync(rc) ? rc : undefined;
}

/**
 * The CLI config to use: the user's own (unchanged), else one written under node_modules/.cache/terraform
 * with the detected mirror. `note` says which, for the scripts to print.
 */
export function resolveCliConfig(env = process.env, root = repoRoot) {
  const own = userCliConfig(env);
  if (own) {
    return {
      configFile: own,
      source: 'user',
      mirror: null,
      pluginCacheDir: null,
      note: `using your Terraform CLI config ${own} unchanged (it must make hashicorp/aws installable); GATE_TF_CLI_CONFIG=generated uses a generated one instead`,
    };
  }
  const generated = writeCliConfig(env, root);
  const missing =
    env.TF_CLI_CONFIG_FILE && env.GATE_TF_CLI_CONFIG !== 'generated' ? env.TF_CLI_CONFIG_FILE : undefined;
  return {
    ...generated,
    source: 'generated',
    note: `${missing ? `TF_CLI_CONFIG_FILE=${missing} does not exist; ` : ''}using a generated Terraform CLI config ${generated.configFile} for this run (${generated.mirror ? `provider mirror ${generated.mirror}` : 'the public registry'}); your environment is not changed`,
  };
}

/** Detect, write the config under node_modules/.cache/terraform, return what was done. */
export function writeCliConfig(env = process.env, root = repoRoot) {
  const cacheRoot = env.TF_CLI_CONFIG_OUT
    ? resolve(env.TF_CLI_CONFIG_OUT)
    : join(root, 'node_modules', '.cache', 'terraform');
  const pluginCacheDir = join(cacheRoot, 'plugin-cache');
  mkdirSync(pluginCacheDir, { recursive: true });
  const mirror = findMirror(env);
  const configFile = join(cacheRoot, 'cli.tfrc');
  const text = cliConfig({ mirror, pluginCacheDir });
  // Parallel test workers and scripts share this file while Terraform reads it: never truncate it in
  // place (a reader would see an empty config and go to the registry). Unchanged: left alone; changed:
  // written beside it and renamed over it, which is atomic.
  let current;
  try {
    current = readFileSync(configFile, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== text) {
    const tmp = `${configFile}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, configFile);
  }
  return { configFile, mirror: mirror ?? null, pluginCacheDir };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const result = resolveCliConfig();
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      process.stderr.write(`tf-cli-config: ${result.note}\n`);
      process.stdout.write(`${result.configFile}\n`);
    }
  } catch (err) {
    process.stderr.write(`tf-cli-config: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
