/**
 * The HCL fixtures of test/fixtures/hcl/, copied to a temporary directory and planned (or applied) with
 * the real Terraform offline (test/support/terraform.ts: provider mirror, fake credentials,
 * `-var offline=true` where the fixture declares it). Callers remove the directory (`cleanup`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initOnce, terraformOk } from '../../support/terraform';

export const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'hcl');

export interface PlannedFixture {
  /** The copy Terraform ran in (root module, with `.terraform/`). */
  readonly dir: string;
  /** `terraform show -json` of the plan, written to `<dir>/plan.json`. */
  readonly planFile: string;
  readonly planText: string;
  readonly cleanup: () => void;
}

function copy(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hcl-${name}-`));
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

function varArgs(dir: string): string[] {
  const text = fs.readFileSync(path.join(dir, 'main.tf'), 'utf8');
  return /variable\s+"offline"/.test(text) ? ['-var', 'offline=true'] : [];
}

/** `terraform init` + `plan -out` + `show -json` of a fixture. */
export function planFixture(name: string): PlannedFixture {
  const dir = copy(name);
  initOnce(dir);
  terraformOk(dir, ['plan', '-input=false', '-lock=false', '-no-color', '-out=plan.tfplan', ...varArgs(dir)]);
  const planText = terraformOk(dir, ['show', '-json', 'plan.tfplan']).stdout;
  const planFile = path.join(dir, 'plan.json');
  fs.writeFileSync(planFile, planText);
  return { dir, planFile, planText, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** `terraform apply` of a fixture (only ones Terraform can apply offline), then the state as JSON. */
export function applyFixture(name: string): { dir: string; stateFile: string; cleanup: () => void } {
  const dir = copy(name);
  initOnce(dir);
  terraformOk(dir, ['apply', '-input=false', '-lock=false', '-no-color', '-auto-approve', ...varArgs(dir)]);
  const stateFile = path.join(dir, 'state.json');
  fs.writeFileSync(stateFile, terraformOk(dir, ['show', '-json']).stdout);
  return { dir, stateFile, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
