/**
 * The plan adapter: turns `terraform show -json <planfile>` output (JSON format 1.x) into the TfModel
 * the rules read, in the shape CDKTF synthesizes (snake_case attributes, nested blocks as arrays), so a
 * plan is judged by exactly the same catalogue as a synth.
 *
 * - Values come from `planned_values` (root and `child_modules`, recursively), one TfResource per
 *   instance with its full Terraform address (`module.audit.aws_kms_key.k[0]`, `aws_x.y["a"]`).
 *   Resources being destroyed (or forgotten) are left out; data sources are kept only so references to
 *   them can be followed, never judged.
 * - A value known only after apply (`after_unknown` in `resource_changes`) that the configuration sets
 *   is rebuilt from `configuration` as a reference expression, `${aws_kms_key.logs.arn}`, so the rules
 *   follow it exactly as they follow CDKTF's references. Terraform lists an expression's references,
 *   not its text: a value whose references name one attribute of one resource reads as that reference
 *   (`kms_key_id = aws_kms_key.logs.arn`); a value built from several reads as all of them (rules that
 *   need one key see an expression and say "cannot be judged"); a value with no reference Terraform
 *   exports (`timestamp()`, a `local`, which the plan JSON does not describe) reads as
 *   `${(known after apply)}`: unresolved, never a pass. JSON-syntax configurations (cdk.tf.json) carry
 *   their expression text as `constant_value`, which is used as written.
 * - References are resolved to model addresses: module outputs and module variables are followed to
 *   the resource they name, and addresses get their module path. A reference to a `for_each` instance
 *   (`x["a"]`, or `x[each.key]` written in instance "a") names that instance; a reference to a block (`x`,
 *   or `x[0]`: a count index stays in the attribute path, as values.ts reads CDKTF's references)
 *   resolves to the block's first instance (every instance has the same type and configuration block,
 *   which is what the rules check of a target).
 * - Tags: a known `tags_all` (the provider's merge of `default_tags` and the resource's own tags) is the
 *   resource's tags; else its `tags` merged over the `default_tags` of its provider configuration, as
 *   the CDKTF path does. Planned values list every attribute of the schema, so a type whose values hold
 *   `tags` takes tags even when the taggable-type list given does not name it.
 */
import type { ModelParts, TfResource } from './model';
import { ModelError, TfModel, isObject } from './model';

/** What an unknown value with no resolvable reference reads as: an expression naming nothing. */
export const KNOWN_AFTER_APPLY = '${(known after apply)}';

export interface PlanModelOptions {
  /** Resource types that take tags (provider schema, or the shipped list). */
  readonly taggableTypes: Iterable<string>;
}

export interface PlanReading {
  readonly model: TfModel;
  /** Terraform version and plan format the plan was made with. */
  readonly terraformVersion: string;
  readonly formatVersion: string;
  /** Local source directory of each module call (module address without instance keys), relative. */
  readonly moduleSources: ReadonlyMap<string, string>;
  /** Addresses left out: being destroyed, or of a provider the catalogue does not judge. */
  readonly destroyed: readonly string[];
  /** Types the plan's own values show to take tags, beyond the list given. */
  readonly taggableFromValues: readonly string[];
  /** Provider source addresses of managed resources in the plan, with counts. */
  readonly providers: ReadonlyMap<string, number>;
}

type Json = unknown;
interface Expr {
  readonly constant_value?: Json;
  readonly references?: readonly string[];
}
interface ConfigResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly provider_config_key?: string;
  readonly expressions?: Record<string, Json>;
}
interface ConfigModule {
  readonly resources?: readonly ConfigResource[];
  readonly module_calls?: Record<
    string,
    { readonly source?: string; readonly expressions?: Record<string, Json>; readonly module?: ConfigModule }
  >;
  readonly outputs?: Record<string, { readonly expression?: Expr }>;
}
interface PlannedResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name?: string;
  readonly values?: Record<string, Json>;
}
interface PlannedModule {
  readonly address?: string;
  readonly resources?: readonly PlannedResource[];
  readonly child_modules?: readonly PlannedModule[];
}
interface ResourceChange {
  readonly address: string;
  readonly mode?: string;
  readonly change?: { readonly actions?: readonly string[]; readonly after_unknown?: Json };
}

const AWS_PROVIDER = /(^|\/)hashicorp\/aws$/;

/** Whether a JSON document is `terraform show -json` output of a plan (not a configuration or state). */
export function isPlanJson(json: unknown): boolean {
  return isObject(json) && ('planned_values' in json || 'resource_changes' in json);
}

/**
 * Refuses what is not a usable plan, with what it is and how to get a plan. Returns nothing: a plan
 * that passes can be read by readPlan.
 */
export function assertPlan(json: unknown): void {
  if (!isObject(json)) {
    throw new ModelError(
      `expected the JSON of a Terraform plan (an object), got ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}; make it with: terraform plan -out=plan.tfplan && terraform show -json plan.tfplan > plan.json`,
    );
  }
  if (!('planned_values' in json) && 'values' in json) {
    throw new ModelError(
      'this is Terraform state (terraform show -json of a state), not a plan: it says what exists, not what will be applied; make a plan with: terraform plan -out=plan.tfplan && terraform show -json plan.tfplan > plan.json',
    );
  }
  const format = json['format_version'];
  if (typeof format !== 'string' || !/^1\.\d+$/.test(format)) {
    throw new ModelError(
      `the plan's format_version is ${JSON.stringify(format)}; this reader understands the plan JSON format 1.x (Terraform >= 0.15 and OpenTofu); make the plan with: terraform show -json plan.tfplan`,
    );
  }
  if (json['errored'] === true) {
    throw new ModelError(
      'the plan is marked errored: terraform plan failed part way, so it does not say what would be applied; fix the errors terraform printed and plan again',
    );
  }
  const pv = json['planned_values'];
  if (!isObject(pv) || !isObject(pv['root_module'])) {
    throw new ModelError(
      'the plan has no planned_values.root_module: it is not complete `terraform show -json <planfile>` output (was the file cut short, or made from a saved plan of another command?)',
    );
  }
  if (!isObject(json['configuration'])) {
    throw new ModelError(
      'the plan has no configuration block, so references between resources cannot be followed; make it with `terraform show -json plan.tfplan` (not a hand-made extract)',
    );
  }
}

/** Reads a plan into the model; throws ModelError (one line) when the plan is not usable. */
export function readPlan(json: unknown, options: PlanModelOptions): PlanReading {
  assertPlan(json);
  if (!options || options.taggableTypes === undefined || options.taggableTypes === null) {
    throw new ModelError(
      'taggableTypes is required (from `terraform providers schema -json` or the shipped list)',
    );
  }
  const plan = json as Record<string, Json>;
  const configuration = plan['configuration'] as Record<string, Json>;
  const rootConfig = (
    isObject(configuration['root_module']) ? configuration['root_module'] : {}
  ) as ConfigModule;

  const changes = new Map<string, ResourceChange>();
  for (const c of (Array.isArray(plan['resource_changes'])
    ? plan['resource_changes']
    : []) as ResourceChange[]) {
    if (isObject(c) && typeof c.address === 'string') changes.set(c.address, c);
  }
  // Data sources read during planning are in prior_state, not planned_values.
  const priorData: PlannedResource[] = [];
  const prior = plan['prior_state'];
  if (isObject(prior) && isObject(prior['values']) && isObject(prior['values']['root_module'])) {
    walkPlanned(prior['values']['root_module'] as PlannedModule, (r) => {
      if (r.mode === 'data') priorData.push(r);
    });
  }

  const moduleSources = new Map<string, string>();
  const scopes = new ModuleScopes(rootConfig, moduleSources);
  const providerInfo = readProviders(configuration['provider_config']);

  const resources: TfResource[] = [];
  const dataSources: TfResource[] = [];
  const aliases = new Map<string, TfResource>();
  const destroyed: string[] = [];
  const taggableFromValues = new Set<string>();
  const given = new Set(options.taggableTypes);
  const providers = new Map<string, number>();

  for (const c of changes.values()) {
    const actions = c.change?.actions ?? [];
    if (
      c.mode !== 'data' &&
      !actions.includes('create') &&
      (actions.includes('delete') || actions.includes('forget'))
    )
      destroyed.push(c.address);
  }
  const destroyedSet = new Set(destroyed);
  const seen = new Set<string>();

  const add = (r: PlannedResource, fromPrior: boolean): void => {
    if (!isObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string') {
      throw new ModelError(
        'a planned resource has no address or type: the plan JSON is damaged; run terraform show -json again',
      );
    }
    if (seen.has(r.address) || destroyedSet.has(r.address)) return;
    seen.add(r.address);
    const mode: 'managed' | 'data' = r.mode === 'data' ? 'data' : 'managed';
    const modulePath = moduleOf(r.address, r.type, r.name, mode);
    if (mode === 'managed')
      providers.set(r.provider_name ?? '?', (providers.get(r.provider_name ?? '?') ?? 0) + 1);
    const scope = scopes.scopeFor(modulePath);
    const cfg = scopes.resourceConfig(scope, r.mode, r.type, r.name);
    const change = fromPrior ? undefined : changes.get(r.address);
    const values = isObject(r.values) ? r.values : {};
    const unknown = change?.change?.after_unknown;
    const exprs = isObject(cfg?.expressions) ? (cfg!.expressions as Record<string, Json>) : {};
    const reader = new ExpressionReader(scopes, scope, r.index);
    const config = mergeUnknown(values, isObject(unknown) ? unknown : {}, exprs, reader, true) as Record<
      string,
      unknown
    >;
    // What the author did not configure is absent, as in a synthesized configuration: the provider fills
    // unconfigured arguments with zero values (retention_in_days = 0, enable_key_rotation = false), and a
    // rule must not read the provider's default as the author's choice (0 days means "never expire").
    if (mode === 'managed' && cfg) {
      for (const [key, value] of Object.entries(config)) {
        if (key === 'tags' || key === 'tags_all' || key in exprs) continue;
        if (isZeroValue(value)) delete config[key];
      }
    }
    if (mode === 'managed' && Object.prototype.hasOwnProperty.call(values, 'tags')) {
      if (!given.has(r.type)) taggableFromValues.add(r.type);
    }
    // tags_all is the provider's merge of default_tags and the resource's tags: what AWS receives.
    const tagsAll = values['tags_all'];
    const tagsAllUnknown = isObject(unknown) && unknown['tags_all'] === true;
    if (isObject(tagsAll) && !tagsAllUnknown && Object.keys(tagsAll).length > 0) config['tags'] = tagsAll;
    delete config['tags_all'];
    const providerKey = cfg?.provider_config_key;
    const alias = providerKey ? providerInfo.aliasOf(providerKey) : 'aws';
    if (alias !== 'aws') config['provider'] = alias;
    const base = r.address.replace(/\[(?:\d+|"(?:[^"\\]|\\.)*")\]$/, '');
    const resource: TfResource = {
      type: r.type,
      name: r.name,
      address: r.address,
      path: r.address,
      config,
      mode,
    };
    (mode === 'managed' ? resources : dataSources).push(resource);
    // A reference names the block; instance keys of enclosing modules are dropped the same way.
    for (const a of new Set([base, stripKeys(base), stripKeys(r.address)])) {
      if (a !== r.address && !aliases.has(a)) aliases.set(a, resource);
    }
  };

  walkPlanned((plan['planned_values'] as Record<string, Json>)['root_module'] as PlannedModule, (r) =>
    add(r, false),
  );
  for (const r of priorData) add(r, true);

  const judgedTaggable = new Set([...given, ...taggableFromValues]);
  const parts: ModelParts = {
    resources,
    dataSources,
    providers: providerInfo.providers,
    aliases,
  };
  return {
    model: TfModel.fromParts(parts, { taggableTypes: judgedTaggable }),
    terraformVersion: String(plan['terraform_version'] ?? ''),
    formatVersion: String(plan['format_version']),
    moduleSources,
    destroyed,
    taggableFromValues: [...taggableFromValues].sort(),
    providers,
  };
}

/** Convenience: the model of a plan. */
export function planModel(json: unknown, options: PlanModelOptions): TfModel {
  return readPlan(json, options).model;
}

// ------------------------------------------------------------------------------------------ helpers

function walkPlanned(m: PlannedModule | undefined, visit: (r: PlannedResource) => void): void {
  if (!isObject(m)) return;
  for (const r of Array.isArray(m.resources) ? m.resources : []) visit(r);
  for (const c of Array.isArray(m.child_modules) ? m.child_modules : []) walkPlanned(c, visit);
}

/** `module.a["x"].module.b.aws_y.z[0]` -> `module.a["x"].module.b` ('' in the root module). */
function moduleOf(address: string, type: string, name: string, mode: 'managed' | 'data'): string {
  const own = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
  const at = address.lastIndexOf(own);
  return at > 0 ? address.slice(0, at - 1) : '';
}

/** Removes every instance key: `module.a["x"].aws_y.z[0]` -> `module.a.aws_y.z`. */
function stripKeys(address: string): string {
  return address.replace(/\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g, '');
}

function readProviders(providerConfig: Json): {
  providers: { alias: string; region?: string; defaultTags?: Record<string, unknown> }[];
  aliasOf: (key: string) => string;
} {
  const providers: { alias: string; region?: string; defaultTags?: Record<string, unknown> }[] = [];
  const aliases = new Map<string, string>();
  if (isObject(providerConfig)) {
    for (const [key, p] of Object.entries(providerConfig)) {
      if (!isObject(p)) continue;
      const full = typeof p['full_name'] === 'string' ? p['full_name'] : `hashicorp/${String(p['name'])}`;
      if (!AWS_PROVIDER.test(full) && p['name'] !== 'aws') continue;
      // `aws`, `aws.west`; a provider configured inside a module keeps its module-qualified key.
      const alias = key.includes(':') ? key : typeof p['alias'] === 'string' ? `aws.${p['alias']}` : key;
      aliases.set(key, alias);
      const e = isObject(p['expressions']) ? p['expressions'] : {};
      const region = isObject(e['region']) ? e['region']['constant_value'] : undefined;
      const dt = Array.isArray(e['default_tags']) ? e['default_tags'][0] : undefined;
      const tagsExpr = isObject(dt) ? dt['tags'] : undefined;
      const tags =
        isObject(tagsExpr) && isObject(tagsExpr['constant_value']) ? tagsExpr['constant_value'] : {};
      providers.push({
        alias,
        region: typeof region === 'string' && !region.includes('${') ? region : undefined,
        defaultTags: tags,
      });
    }
  }
  return { providers, aliasOf: (key) => aliases.get(key) ?? key };
}

/** Where a resource's configuration is: its module's configuration, the module call, the parent scope. */
interface Scope {
  /** Module address with instance keys (`module.a["x"]`), '' for the root. */
  readonly path: string;
  readonly config: ConfigModule | undefined;
  /** The expressions of the call to this module, evaluated in the parent scope. */
  readonly callExpressions: Record<string, Json> | undefined;
  readonly parent: Scope | undefined;
}

class ModuleScopes {
  private readonly scopes = new Map<string, Scope>();
  readonly root: Scope;

  constructor(
    rootConfig: ConfigModule,
    private readonly sources: Map<string, string>,
  ) {
    this.root = { path: '', config: rootConfig, callExpressions: undefined, parent: undefined };
    this.scopes.set('', this.root);
    this.recordSources(rootConfig, '', '');
  }

  /**
   * `dir` is the module's directory relative to the root, or undefined inside a registry or git module
   * (Terraform downloads it under .terraform/modules/, which the plan does not name): a local call
   * there is relative to that download, so it gets no source rather than a wrong one.
   */
  private recordSources(m: ConfigModule, prefix: string, dir: string | undefined): void {
    for (const [name, call] of Object.entries(m.module_calls ?? {})) {
      const address = `${prefix}${prefix ? '.' : ''}module.${name}`;
      const local = typeof call.source === 'string' && /^\.\.?\//.test(call.source);
      const sourceDir = local && dir !== undefined ? joinPosix(dir, call.source!) : undefined;
      if (sourceDir !== undefined) this.sources.set(address, sourceDir);
      if (call.module) this.recordSources(call.module, address, sourceDir);
    }
  }

  private readonly configIndex = new Map<ConfigModule, Map<string, ConfigResource>>();

  /** The configuration block of a resource in a scope (indexed once per module: plans are large). */
  resourceConfig(scope: Scope, mode: string, type: string, name: string): ConfigResource | undefined {
    const m = scope.config;
    if (!m) return undefined;
    let index = this.configIndex.get(m);
    if (!index) {
      index = new Map();
      for (const r of (Array.isArray(m.resources) ? m.resources : []) as unknown[])
        if (isObject(r)) index.set(`${r.mode}.${r.type}.${r.name}`, r as unknown as ConfigResource);
      this.configIndex.set(m, index);
    }
    return index.get(`${mode}.${type}.${name}`);
  }

  /** The scope of a module address (`module.a[0].module.b`), built from the root down. */
  scopeFor(path: string): Scope {
    const known = this.scopes.get(path);
    if (known) return known;
    const m = /^(.*?)(?:^|\.)module\.([A-Za-z_][A-Za-z0-9_-]*)(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?$/.exec(path);
    if (!m) return this.root;
    const parent = this.scopeFor(m[1]);
    const call = parent.config?.module_calls?.[m[2]];
    const scope: Scope = {
      path,
      config: call?.module,
      callExpressions: isObject(call?.expressions) ? (call!.expressions as Record<string, Json>) : undefined,
      parent,
    };
    this.scopes.set(path, scope);
    return scope;
  }
}

function joinPosix(dir: string, rel: string): string {
  const parts = (dir ? dir.split('/') : []).concat(rel.split('/'));
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

const isLeaf = (e: Json): e is Expr =>
  isObject(e) && (Object.keys(e).length === 0 || 'constant_value' in e || 'references' in e);

/** Turns configuration expressions of one resource instance into model values. */
class ExpressionReader {
  constructor(
    private readonly scopes: ModuleScopes,
    private readonly scope: Scope,
    private readonly index: string | number | undefined,
  ) {}

  /** The value of an unknown leaf from its configuration expression (undefined: not configured). */
  valueOf(expr: Json, elements?: { readonly i: number; readonly n: number }): unknown {
    if (expr === undefined) return undefined;
    if (!isLeaf(expr)) return undefined;
    const cv = expr.constant_value;
    if (cv !== undefined && cv !== null && containsTemplate(cv)) {
      const v = elements && Array.isArray(cv) ? cv[elements.i] : cv;
      return prefixTemplates(v, this.scope.path);
    }
    const refs = this.resolve(expr.references ?? [], this.scope, 0);
    if (elements && refs.length > 1) {
      if (refs.length === elements.n) return `\${${refs[elements.i]}}`;
      return KNOWN_AFTER_APPLY;
    }
    if (refs.length === 0) return KNOWN_AFTER_APPLY;
    return refs.map((r) => `\${${r}}`).join('');
  }

  /**
   * References resolved to model addresses, most specific first-seen order, each once:
   * `["aws_kms_key.logs.arn","aws_kms_key.logs"]` -> `["aws_kms_key.logs.arn"]`.
   */
  resolve(refs: readonly string[], scope: Scope, depth: number): string[] {
    if (depth > 32) return [];
    const out: string[] = [];
    for (const ref of refs) {
      if (typeof ref !== 'string') continue;
      const head = ref.split('.')[0];
      if (head === 'var') {
        const name = ref.split('.')[1]?.replace(/\[.*$/, '');
        const e = scope.callExpressions?.[name ?? ''];
        if (scope.parent && isLeaf(e)) out.push(...this.resolve(e.references ?? [], scope.parent, depth + 1));
      } else if (head === 'module') {
        const m = /^module\.([A-Za-z_][A-Za-z0-9_-]*)(\[[^\]]*\])?\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(ref);
        if (!m) continue;
        const child = this.scopes.scopeFor(
          `${scope.path ? `${scope.path}.` : ''}module.${m[1]}${m[2] ?? ''}`,
        );
        const e = child.config?.outputs?.[m[3]]?.expression;
        if (isLeaf(e)) out.push(...this.resolve(e.references ?? [], child, depth + 1));
      } else if (['local', 'count', 'each', 'path', 'terraform', 'self'].includes(head)) {
        continue;
      } else {
        out.push(`${scope.path ? `${scope.path}.` : ''}${this.withInstance(ref, refs)}`);
      }
    }
    // Keep the most specific: drop a reference that another one extends.
    const distinct = [...new Set(out)];
    return distinct.filter(
      (r) => !distinct.some((o) => o !== r && (o.startsWith(`${r}.`) || o.startsWith(`${r}[`))),
    );
  }

  /** `aws_x.y` next to `count.index`/`each.key` in the same expression: the instance with this index. */
  private withInstance(ref: string, all: readonly string[]): string {
    if (this.index === undefined) return ref;
    const usesIndex = all.includes('count.index') || all.includes('each.key') || all.includes('each.value');
    if (!usesIndex || /\]/.test(ref)) return ref;
    const parts = ref.split('.');
    const at = parts[0] === 'data' ? 3 : 2;
    if (parts.length < at) return ref;
    const key = typeof this.index === 'number' ? `[${this.index}]` : `[${JSON.stringify(this.index)}]`;
    return (
      [...parts.slice(0, at)].join('.') + key + (parts.length > at ? `.${parts.slice(at).join('.')}` : '')
    );
  }
}

function containsTemplate(v: Json): boolean {
  if (typeof v === 'string') return v.includes('${');
  if (Array.isArray(v)) return v.some(containsTemplate);
  if (isObject(v)) return Object.values(v).some(containsTemplate);
  return false;
}

/** JSON-syntax expression text inside a module names resources of that module: give them its path. */
function prefixTemplates(v: Json, modulePath: string): unknown {
  if (!modulePath) return v;
  if (typeof v === 'string')
    return v.replace(/\$\{((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)/g, (all, ref: string) =>
      /^(var|local|module|path|terraform|each|count|self)\./.test(ref) ? all : `\${${modulePath}.${ref}`,
    );
  if (Array.isArray(v)) return v.map((x) => prefixTemplates(x, modulePath));
  if (isObject(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, prefixTemplates(x, modulePath)]));
  return v;
}

/**
 * Planned values with every configured unknown replaced by its expression. Nulls are dropped (CDKTF
 * leaves unset attributes out), and so are empty blocks and lists the configuration does not set.
 */
function mergeUnknown(
  value: Json,
  unknown: Json,
  expr: Json,
  reader: ExpressionReader,
  top = false,
): unknown {
  if (unknown === true) return reader.valueOf(expr);
  if (Array.isArray(value) || Array.isArray(unknown)) {
    const vs = Array.isArray(value) ? value : [];
    const us = Array.isArray(unknown) ? unknown : [];
    const n = Math.max(vs.length, us.length);
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const u = us[i];
      const e = Array.isArray(expr) ? expr[i] : expr;
      if (u === true) out.push(Array.isArray(expr) ? reader.valueOf(e) : reader.valueOf(expr, { i, n }));
      else out.push(mergeUnknown(vs[i], u, Array.isArray(expr) ? e : undefined, reader));
    }
    return out;
  }
  if (isObject(value) || isObject(unknown)) {
    const vs = isObject(value) ? value : {};
    const us = isObject(unknown) ? unknown : {};
    const blockExprs = isObject(expr) && !isLeaf(expr) ? expr : undefined;
    const out: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(vs), ...Object.keys(us)])) {
      const e = blockExprs?.[k] ?? (top ? undefined : leafChild(expr, k));
      const v = mergeUnknown(vs[k], us[k], e, reader);
      if (v === undefined || v === null) continue;
      if (
        (top || blockExprs) &&
        e === undefined &&
        ((Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0))
      )
        continue;
      out[k] = v;
    }
    return out;
  }
  return value;
}

/** The expression of a map entry when the whole map is one expression (`tags = { Owner = x.arn }`). */
function leafChild(expr: Json, key: string): Json {
  if (!isLeaf(expr)) return undefined;
  if (isObject(expr.constant_value)) return { constant_value: expr.constant_value[key] };
  return expr.references ? { references: expr.references } : {};
}

/** A value the provider fills in for an argument nobody set: null, 0, false, "", [] or {}. */
function isZeroValue(v: unknown): boolean {
  if (v === null || v === 0 || v === false || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}
