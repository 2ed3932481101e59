/**
 * What the CLI reads, each refused with one line saying what is wrong and how to fix it (exit 2): the
 * input (a plan, a cdk.tf.json, a directory of stacks), the policy file, the suppressions file and the
 * provider schema. Every refusal is an InputError.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { CompliancePolicy, PolicyOverrides, Suppression } from '../core/policy';
import { PAYMENTS_DEFAULTS, paymentsPolicy } from '../core/policy';
import { isObject, ModelError, TfModel } from '../core/model';
import type { TfConfigJson } from '../core/model';
import { isPlanJson, readPlan } from '../core/plan';
import type { PlanReading } from '../core/plan';
import {
  SHIPPED_TAGGABLE_TYPES,
  SHIPPED_TAGGABLE_TYPES_VERSION,
  taggableTypesFromSchema,
} from '../core/taggable-types';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface Stack {
  /** Report name: `<name>.compliance.json`. */
  readonly name: string;
  /** The file judged. */
  readonly file: string;
  readonly kind: 'plan' | 'configuration';
  readonly model: TfModel;
  /** Plans only. */
  readonly plan?: PlanReading;
  /** The file's text (to locate resources in it when no --source is given). */
  readonly text: string;
}

export interface Taggable {
  readonly types: readonly string[];
  /** Where the list came from, for the output. */
  readonly source: string;
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `${what} ${file} does not exist: check the path`
        : `${what} ${file} cannot be read (${code ?? (e as Error).message}): check the path and its permissions`,
    );
  }
}

function parseJson(text: string, file: string, what: string, remake: string): unknown {
  if (text.trim() === '') throw new InputError(`${what} ${file} is empty: ${remake}`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(
      `${what} ${file} is not valid JSON (${(e as Error).message}): was it cut short or written by something else? ${remake}`,
    );
  }
}

const REMAKE_PLAN =
  'make it with: terraform plan -out=plan.tfplan && terraform show -json plan.tfplan > plan.json';

/** The stacks an input names: a plan or cdk.tf.json file, or a directory of synthesized stacks. */
export function readInputs(input: string, taggable: Taggable): Stack[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    throw new InputError(
      `${input} does not exist: pass a plan (terraform show -json), a cdk.tf.json or a directory of stacks (cdktf.out)`,
    );
  }
  if (!stat.isDirectory()) return [readFile(input, taggable)];
  const files = stackFiles(input);
  if (files.length === 0) {
    throw new InputError(
      `${input} holds no cdk.tf.json (looked in ${input}/stacks/*/, ${input}/*/ and ${input}/): pass the synth output directory (cdktf.out) or a file`,
    );
  }
  return files.map((f) => readFile(f, taggable));
}

function stackFiles(dir: string): string[] {
  const direct = path.join(dir, 'cdk.tf.json');
  if (fs.existsSync(direct)) return [direct];
  for (const base of [path.join(dir, 'stacks'), dir]) {
    if (!fs.existsSync(base) || !fs.statSync(base).isDirectory()) continue;
    // Every entry that holds a cdk.tf.json is a stack (existsSync follows a symbolic link to a stack
    // directory; a file's `<name>/cdk.tf.json` does not exist).
    const found = fs
      .readdirSync(base)
      .map((name) => path.join(base, name, 'cdk.tf.json'))
      .filter((f) => fs.existsSync(f))
      .sort();
    if (found.length > 0) return found;
  }
  return [];
}

function stackName(file: string): string {
  const base = path.basename(file);
  if (base === 'cdk.tf.json') return path.basename(path.dirname(path.resolve(file)));
  return base.replace(/\.json$/, '').replace(/\.tfplan$/, '') || 'plan';
}

function readFile(file: string, taggable: Taggable): Stack {
  const text = readText(file, 'input');
  const json = parseJson(text, file, 'input', `${REMAKE_PLAN} (or synthesize again for a cdk.tf.json)`);
  const name = stackName(file);
  try {
    // `terraform show -json` output of any kind (plan or state) has a format_version: the plan reader
    // refuses a state with the way to make a plan.
    if (isPlanJson(json) || (isObject(json) && 'format_version' in json)) {
      const plan = readPlan(json, { taggableTypes: taggable.types });
      const total = plan.model.resources.length + plan.destroyed.length;
      if (total === 0) {
        throw new InputError(
          `${file}: the plan has no resources to judge (empty configuration, or a plan of nothing): plan the configuration that holds your resources`,
        );
      }
      const aws = [...plan.providers].filter(([p]) => /(^|\/)hashicorp\/aws$/.test(p));
      if (plan.model.resources.length > 0 && aws.length === 0) {
        throw new InputError(
          `${file}: the plan has ${plan.model.resources.length} resource(s), none of hashicorp/aws (providers: ${[...plan.providers.keys()].join(', ')}): this gate's catalogue judges AWS resources only`,
        );
      }
      return { name, file, kind: 'plan', model: plan.model, plan, text };
    }
    const model = new TfModel(json as TfConfigJson, { taggableTypes: taggable.types });
    if (model.resources.length === 0) {
      throw new InputError(
        `${file}: the configuration declares no resources, so there is nothing to judge: pass the synthesized stack (cdktf.out/stacks/<stack>/cdk.tf.json) or a plan`,
      );
    }
    if (!model.resources.some((r) => r.type.startsWith('aws_'))) {
      throw new InputError(
        `${file}: the configuration has ${model.resources.length} resource(s), none of hashicorp/aws (types: ${[...new Set(model.resources.map((r) => r.type))].slice(0, 5).join(', ')}): this gate's catalogue judges AWS resources only`,
      );
    }
    return { name, file, kind: 'configuration', model, text };
  } catch (e) {
    if (e instanceof ModelError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
}

// ------------------------------------------------------------------------------------------- policy

const POLICY_KEYS = new Set(Object.keys(PAYMENTS_DEFAULTS).concat(['allowedUnknownRuntimes', 'today']));

/** The payments policy with the file's overrides, validated with the same messages as paymentsPolicy. */
export function readPolicy(file: string | undefined): CompliancePolicy {
  if (file === undefined) return withCliDefaults(paymentsPolicy());
  const json = parseJson(
    readText(file, 'policy'),
    file,
    'policy',
    'write it as a JSON object of policy overrides, e.g. {"logRetentionDays": 365}',
  );
  if (!isObject(json)) {
    throw new InputError(
      `policy ${file} must be a JSON object of policy overrides (e.g. {"logRetentionDays": 365}), not ${Array.isArray(json) ? 'an array' : typeof json}`,
    );
  }
  const unknown = Object.keys(json).filter((k) => !POLICY_KEYS.has(k));
  if (unknown.length > 0) {
    throw new InputError(
      `policy ${file}: [compliance/PolicyInvalid] unknown field(s) ${unknown.join(', ')}; a policy has ${[...POLICY_KEYS].join(', ')}`,
    );
  }
  try {
    return withCliDefaults(paymentsPolicy(json as PolicyOverrides));
  } catch (e) {
    // A PolicyError's message is `[compliance/PolicyInvalid] <problems>`, as paymentsPolicy words it.
    throw new InputError(`policy ${file}: ${(e as Error).message}`);
  }
}

/** The CLI writes reports only with --out. */
function withCliDefaults(policy: CompliancePolicy): CompliancePolicy {
  return Object.freeze({ ...policy, writeReports: false });
}

// ------------------------------------------------------------------------------------- suppressions

export interface AddressedSuppression extends Suppression {
  /** Terraform address (or prefix: a module, a resource block with all its instances) it covers. */
  readonly address: string;
  /** The stack it belongs to (directory inputs); absent: every stack. */
  readonly stack?: string;
}

/**
 * The suppressions file: `{"suppressions": [{"address", "ruleId", "reason", "expires"}]}` (or the bare
 * array). The shape is checked here (exit 2); reason, expiry, rule id and use are judged like synth's
 * (each problem fails the check).
 */
export function readSuppressions(file: string | undefined): AddressedSuppression[] {
  if (file === undefined) return [];
  const json = parseJson(
    readText(file, 'suppressions'),
    file,
    'suppressions',
    'write {"suppressions": [{"address": "...", "ruleId": "...", "reason": "...", "expires": "YYYY-MM-DD"}]}',
  );
  const list = Array.isArray(json) ? json : isObject(json) ? json['suppressions'] : undefined;
  if (!Array.isArray(list)) {
    throw new InputError(
      `suppressions ${file} must be {"suppressions": [...]} or a JSON array of {"address", "ruleId", "reason", "expires"}`,
    );
  }
  return list.map((s, i) => {
    const where = `suppressions ${file} entry ${i + 1}`;
    if (!isObject(s))
      throw new InputError(`${where} is not an object: write {"address", "ruleId", "reason", "expires"}`);
    const allowed = new Set(['address', 'ruleId', 'reason', 'expires', 'stack']);
    const extra = Object.keys(s).filter((k) => !allowed.has(k));
    if (extra.length > 0)
      throw new InputError(
        `${where} has unknown field(s) ${extra.join(', ')}; an entry has address, ruleId, reason, expires (and optionally stack)`,
      );
    if (typeof s['address'] !== 'string' || s['address'].trim() === '')
      throw new InputError(
        `${where} has no address: give the Terraform address it covers (aws_x.y, aws_x.y["k"], or a prefix such as module.audit)`,
      );
    if (typeof s['ruleId'] !== 'string' || s['ruleId'] === '')
      throw new InputError(
        `${where} has no ruleId: name the rule it silences (e.g. LogGroupRetentionOneYear)`,
      );
    for (const k of ['reason', 'expires'] as const) {
      if (s[k] !== undefined && typeof s[k] !== 'string')
        throw new InputError(`${where}: ${k} must be a string`);
    }
    if (s['stack'] !== undefined && typeof s['stack'] !== 'string')
      throw new InputError(`${where}: stack must be a stack name (a string)`);
    return {
      address: s['address'].trim(),
      ruleId: s['ruleId'],
      reason: (s['reason'] as string | undefined) ?? '',
      expires: (s['expires'] as string | undefined) ?? '',
      stack: s['stack'] as string | undefined,
    };
  });
}

/** Whether a suppression address covers a resource: the address itself, or a prefix of it. */
export function covers(address: string, resourceAddress: string, resourcePath: string): boolean {
  const under = (a: string, p: string, seps: readonly string[]) =>
    a === p || seps.some((s) => a.startsWith(`${p}${s}`));
  return (
    under(resourceAddress, address, ['.', '[']) ||
    (resourcePath !== resourceAddress && under(resourcePath, address, ['/']))
  );
}

// ------------------------------------------------------------------------------------ taggable types

/**
 * The taggable resource types: from a schema file (`terraform providers schema -json`), or `auto` (run
 * Terraform in the --source directory when it is initialized and Terraform is on PATH), else the list
 * shipped with the package (hashicorp/aws 5.100.0).
 */
export function readTaggable(schema: string | undefined, sourceDir: string | undefined): Taggable {
  const shipped: Taggable = {
    types: SHIPPED_TAGGABLE_TYPES,
    source: `the shipped list of hashicorp/aws ${SHIPPED_TAGGABLE_TYPES_VERSION}`,
  };
  if (schema === 'shipped') return shipped;
  if (schema !== undefined && schema !== 'auto') {
    const json = parseJson(
      readText(schema, 'schema'),
      schema,
      'schema',
      'write it with: terraform providers schema -json > schema.json',
    );
    try {
      return { types: taggableTypesFromSchema(json), source: `the provider schema ${schema}` };
    } catch (e) {
      throw new InputError(
        `schema ${schema}: ${(e as Error).message.replace(/^\[compliance\/InputInvalid\] /, '')}`,
      );
    }
  }
  if (sourceDir && fs.existsSync(path.join(sourceDir, '.terraform'))) {
    const r = spawnSync('terraform', ['providers', 'schema', '-json'], {
      cwd: sourceDir,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      timeout: 300_000,
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
    if (r.status === 0) {
      try {
        return {
          types: taggableTypesFromSchema(JSON.parse(r.stdout)),
          source: `terraform providers schema -json in ${sourceDir}`,
        };
      } catch {
        // fall through to the shipped list
      }
    }
  }
  return shipped;
}
