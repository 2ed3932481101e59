/**
 * The HCL fixtures of test/fixtures/hcl/, copied to a temporary directory and planned (or applied) with
 * the real Terraform offline (test/support/terraform.ts: provider mirror, fake credentials,
 * `-var offline=true` where the fixture declares it). Callers remove the directory (`cleanup`).
 *
 * GATE_TEST_FIXTURE_CACHE=<dir> keeps each finished directory there (`.terraform/` with its provider
 * links, the plan, `plan.json` or `state.json`), keyed by the fixture's files, the `terraform version`
 * and the CLI config; a later call, in this process or another, copies it instead of running Terraform
 * again. Unset (the default, and CI), nothing outlives the test. The mutation run sets it
 * (mutation/jest.stryker.config.js): Stryker reruns a test file's `beforeAll` for every mutant, and a
 * plan takes seconds where the judging takes milliseconds.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliConfig, initOnce, terraformOk } from '../../support/terraform';

export const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'hcl');

export interface PlannedFixture {
  /** The copy Terraform ran in (root module, with `.terraform/`). */
  readonly dir: string;
  /** `terraform show -json` of the plan, written to `<dir>/plan.json`. */
  readonly planFile: string;
  readonly planText: string;
  readonly cleanup: () => void;
}

export interface AppliedFixture {
  readonly dir: string;
  /** `terraform show -json` of the state, written to `<dir>/state.json`. */
  readonly stateFile: string;
  readonly cleanup: () => void;
}

type Kind = 'plan' | 'apply';
const OUTPUT: Record<Kind, string> = { plan: 'plan.json', apply: 'state.json' };

function freshDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hcl-${name}-`));
}

function copy(name: string): string {
  const dir = freshDir(name);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

function varArgs(dir: string): string[] {
  const text = fs.readFileSync(path.join(dir, 'main.tf'), 'utf8');
  return /variable\s+"offline"/.test(text) ? ['-var', 'offline=true'] : [];
}

/** Every file of a directory, by path relative to it, in a fixed order. */
function filesOf(root: string, dir = root): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? filesOf(root, p) : [path.relative(root, p)];
    })
    .sort();
}

let toolKey: string | undefined;

/** What else decides Terraform's output: its version and the CLI config (mirror, plugin cache). */
function toolchain(): string {
  // `terraform version` reads no configuration, so any directory will do
  toolKey ??=
    terraformOk(os.tmpdir(), ['version', '-json']).stdout + fs.readFileSync(cliConfig().configFile, 'utf8');
  return toolKey;
}

/** The cache entry of a fixture run, or undefined when caching is off. */
export function cacheEntry(
  name: string,
  kind: Kind,
  cacheRoot = process.env['GATE_TEST_FIXTURE_CACHE'],
): string | undefined {
  if (!cacheRoot) return undefined;
  const hash = createHash('sha256').update(`${kind}\0${toolchain()}\0`);
  const source = path.join(FIXTURES, name);
  for (const f of filesOf(source))
    hash
      .update(`${f}\0`)
      .update(fs.readFileSync(path.join(source, f)))
      .update('\0');
  return path.join(path.resolve(cacheRoot), `${name}-${kind}-${hash.digest('hex').slice(0, 16)}`);
}

/** Copies a directory, keeping symbolic links as they are (`.terraform/providers` points into the plugin cache). */
function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
}

/**
 * Runs `make` in a fresh copy of the fixture, or copies a cached result. A finished directory enters the
 * cache by rename, so a reader never sees half of one (two processes making the same entry: the first
 * rename wins, the other copy is dropped).
 */
function run(name: string, kind: Kind, make: (dir: string) => void): { dir: string; text: string } {
  const entry = cacheEntry(name, kind);
  if (entry && fs.existsSync(entry)) {
    const dir = freshDir(name);
    copyTree(entry, dir);
    return { dir, text: fs.readFileSync(path.join(dir, OUTPUT[kind]), 'utf8') };
  }
  const dir = copy(name);
  make(dir);
  if (entry) {
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    const staging = `${entry}.${process.pid}.partial`;
    copyTree(dir, staging);
    try {
      fs.renameSync(staging, entry);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  return { dir, text: fs.readFileSync(path.join(dir, OUTPUT[kind]), 'utf8') };
}

const remover = (dir: string) => () => fs.rmSync(dir, { recursive: true, force: true });

/** `terraform init` + `plan -out` + `show -json` of a fixture. */
export function planFixture(name: string): PlannedFixture {
  const { dir, text } = run(name, 'plan', (d) => {
    initOnce(d);
    terraformOk(d, ['plan', '-input=false', '-lock=false', '-no-color', '-out=plan.tfplan', ...varArgs(d)]);
    fs.writeFileSync(path.join(d, OUTPUT.plan), terraformOk(d, ['show', '-json', 'plan.tfplan']).stdout);
  });
  return { dir, planFile: path.join(dir, OUTPUT.plan), planText: text, cleanup: remover(dir) };
}

/** `terraform apply` of a fixture (only ones Terraform can apply offline), then the state as JSON. */
export function applyFixture(name: string): AppliedFixture {
  const { dir } = run(name, 'apply', (d) => {
    initOnce(d);
    terraformOk(d, ['apply', '-input=false', '-lock=false', '-no-color', '-auto-approve', ...varArgs(d)]);
    fs.writeFileSync(path.join(d, OUTPUT.apply), terraformOk(d, ['show', '-json']).stdout);
  });
  return { dir, stateFile: path.join(dir, OUTPUT.apply), cleanup: remover(dir) };
}
