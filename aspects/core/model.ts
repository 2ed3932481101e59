/**
 * A read-only, indexed view of one synthesized Terraform configuration (the JSON CDKTF writes to
 * `cdk.tf.json`). Rules judge this view, never the constructs: what they judge is exactly what
 * Terraform receives, including escape-hatch overrides.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface TfResource {
  /** Terraform resource type, e.g. `aws_cloudwatch_log_group`. */
  readonly type: string;
  /** Logical name inside the configuration. */
  readonly name: string;
  /** `type.name` (data sources: `data.type.name`). */
  readonly address: string;
  /** Construct path when the configuration came from CDKTF, else the address. */
  readonly path: string;
  /** The resource body with Terraform (snake_case) attribute names; `//` metadata removed. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly mode: 'managed' | 'data';
}

export interface TfConfigJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

export interface ModelOptions {
  /**
   * Resource types known to accept `tags` (capability read from the constructs, or from the provider
   * schema for a plan). Required: there is no default, because an empty list would silently mean
   * "nothing is taggable" and the tag rules would judge nothing.
   */
  readonly taggableTypes: Iterable<string>;
  /** Only resources whose construct path starts with one of these prefixes are judged (all when empty). */
  readonly scopePaths?: readonly string[];
}

/**
 * A model an adapter has already taken apart (the plan adapter, core/plan.ts): resources with their
 * Terraform addresses (module path and instance key included), the AWS provider configurations, and
 * extra addresses that resolve to a resource.
 */
export interface ModelParts {
  readonly resources: readonly TfResource[];
  readonly dataSources?: readonly TfResource[];
  /** Each `aws` provider configuration: its key (`aws`, `aws.west`), literal region and default tags. */
  readonly providers?: readonly {
    readonly alias: string;
    readonly region?: string;
    readonly defaultTags?: Readonly<Record<string, unknown>>;
  }[];
  /**
   * Addresses that are not a resource's own but resolve to one: a reference names a resource *block*
   * (`aws_kms_key.k`, `aws_kms_key.k[0].arn` reads as block `aws_kms_key.k`), while a plan lists its
   * instances (`aws_kms_key.k[0]`, `aws_kms_key.k["a"]`).
   */
  readonly aliases?: ReadonlyMap<string, TfResource>;
}

/** Marks parts passed through the constructor (only TfModel.fromParts makes one). */
class PartsInput {
  constructor(readonly parts: ModelParts) {}
}

export class TfModel {
  readonly resources: readonly TfResource[];
  readonly dataSources: readonly TfResource[];
  readonly taggableTypes: ReadonlySet<string>;
  private readonly byTypeIndex = new Map<string, TfResource[]>();
  private readonly byAddressIndex = new Map<string, TfResource>();
  private readonly providerDefaultTags = new Map<string, Record<string, unknown>>();
  private readonly regions: { alias: string; region: string | undefined }[] = [];
  private readonly memoStore = new Map<string, unknown>();
  private readonly memoByStore = new Map<string, Map<unknown, Map<unknown, unknown>>>();
  private readonly scopePaths: readonly string[];

  /** A model of resources an adapter has already read (a plan); see ModelParts. */
  static fromParts(parts: ModelParts, options: ModelOptions): TfModel {
    return new TfModel(new PartsInput(parts) as unknown as TfConfigJson, options);
  }

  constructor(json: TfConfigJson, options: ModelOptions) {
    const parts = (json as unknown) instanceof PartsInput ? (json as unknown as PartsInput).parts : undefined;
    if (!parts) assertConfiguration(json);
    if (!options || options.taggableTypes === undefined || options.taggableTypes === null) {
      throw new ModelError(
        'taggableTypes is required: pass the resource types that accept tags (from the constructs, or `terraform providers schema -json`); an empty default would make the tag rules judge nothing',
      );
    }
    this.resources = parts ? parts.resources : collect(json.resource, 'managed');
    this.dataSources = parts ? (parts.dataSources ?? []) : collect(json.data, 'data');
    for (const [alias, r] of parts?.aliases ?? []) this.byAddressIndex.set(alias, r);
    for (const r of [...this.resources, ...this.dataSources]) {
      this.byAddressIndex.set(r.address, r);
      if (r.mode === 'managed') {
        let list = this.byTypeIndex.get(r.type);
        if (!list) this.byTypeIndex.set(r.type, (list = []));
        list.push(r);
      }
    }
    this.taggableTypes = new Set(options.taggableTypes);
    this.scopePaths = options.scopePaths ?? [];
    for (const p of parts?.providers ?? []) {
      this.providerDefaultTags.set(p.alias, { ...(p.defaultTags ?? {}) });
      this.regions.push({ alias: p.alias, region: p.region });
    }
    const aws = parts ? undefined : json.provider?.['aws'];
    for (const p of asArray(aws)) {
      if (!isObject(p)) continue;
      const alias = typeof p['alias'] === 'string' ? `aws.${p['alias']}` : 'aws';
      const tags = firstBlock(p['default_tags'])?.['tags'];
      this.providerDefaultTags.set(alias, isObject(tags) ? tags : {});
      const region = p['region'];
      // An expression (a variable) is not judged here: only a literal can disagree for certain.
      this.regions.push({
        alias,
        region: typeof region === 'string' && !region.includes('${') ? region : undefined,
      });
    }
  }

  /** Every managed resource of a type (empty array when none). */
  ofType(type: string): readonly TfResource[] {
    return this.byTypeIndex.get(type) ?? [];
  }

  byAddress(address: string): TfResource | undefined {
    return this.byAddressIndex.get(address);
  }

  /**
   * A value derived from the whole model, computed once per model under `key`. Cross-resource rules ask
   * the same question for every resource (which policies name this bucket?); indexing the answer once
   * keeps the gate linear in the number of resources.
   */
  memo<T>(key: string, compute: () => T): T {
    const known = this.memoStore.get(key);
    if (known !== undefined || this.memoStore.has(key)) return known as T;
    const value = compute();
    this.memoStore.set(key, value);
    return value;
  }

  /**
   * Like memo, under a kind and two keys (strings, resources, undefined) instead of one key string: for
   * questions asked of every resource (a topic's publishers) or with arguments (links of a type by an
   * attribute), without building and hashing a new key string on every call.
   */
  memoBy<T>(kind: string, a: unknown, b: unknown, compute: () => T): T {
    let byA = this.memoByStore.get(kind);
    if (!byA) this.memoByStore.set(kind, (byA = new Map()));
    let byB = byA.get(a);
    if (!byB) byA.set(a, (byB = new Map()));
    const known = byB.get(b);
    if (known !== undefined || byB.has(b)) return known as T;
    const value = compute();
    byB.set(b, value);
    return value;
  }

  /** Whether the resource is inside the scope the gate was applied to. */
  inScope(resource: TfResource): boolean {
    if (this.scopePaths.length === 0) return true;
    return this.scopePaths.some((p) => resource.path === p || resource.path.startsWith(`${p}/`));
  }

  /** The literal region of each `aws` provider configuration (undefined when not a literal). */
  providerRegions(): readonly { readonly alias: string; readonly region: string | undefined }[] {
    return this.regions;
  }

  /** `default_tags` of the provider configuration a resource uses (`provider = "aws.alias"`). */
  defaultTagsFor(resource: TfResource): Readonly<Record<string, unknown>> {
    const provider = typeof resource.config['provider'] === 'string' ? resource.config['provider'] : 'aws';
    return this.providerDefaultTags.get(provider) ?? {};
  }
}

function collect(
  blocks: Record<string, Record<string, Record<string, unknown>>> | undefined,
  mode: 'managed' | 'data',
): TfResource[] {
  const out: TfResource[] = [];
  if (!blocks) return out;
  for (const type of Object.keys(blocks)) {
    const byName = blocks[type];
    for (const name of Object.keys(byName)) {
      const raw = byName[name];
      // The body without CDKTF's `//` metadata (a plain loop: an object rest with an excluded key is a
      // slow runtime path, paid once per resource).
      const config: Record<string, unknown> = {};
      for (const key in raw) if (key !== '//') config[key] = raw[key];
      const address = mode === 'managed' ? `${type}.${name}` : `data.${type}.${name}`;
      const path = recordedPath(raw) ?? address;
      out.push({ type, name, address, path, config, mode });
    }
  }
  return out;
}

/** The construct path CDKTF records in a resource body (`//.metadata.path`), if there is one. */
export function recordedPath(body: unknown): string | undefined {
  const meta = isObject(body) ? body['//'] : undefined;
  return isObject(meta) && isObject(meta['metadata']) && typeof meta['metadata']['path'] === 'string'
    ? meta['metadata']['path']
    : undefined;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/**
 * A nested block: CDKTF writes single blocks as an object, plans and lists write arrays. Returns the
 * first block as an object, or undefined.
 */
export function firstBlock(v: unknown): Record<string, unknown> | undefined {
  const first = Array.isArray(v) ? v[0] : v;
  return isObject(first) ? first : undefined;
}

/** Every block of a repeated nested block (CDKTF: array or single object). */
export function blocks(v: unknown): Record<string, unknown>[] {
  return asArray(v).filter(isObject);
}

export class ModelError extends Error {
  constructor(message: string) {
    super(`[compliance/InputInvalid] ${message}`);
    this.name = 'ModelError';
  }
}

/** The top-level keys of a Terraform JSON configuration (a `*.tf.json` file, CDKTF's `cdk.tf.json`). */
const CONFIGURATION_KEYS = new Set([
  '//',
  'terraform',
  'provider',
  'resource',
  'data',
  'module',
  'variable',
  'output',
  'locals',
  'moved',
  'import',
  'check',
  'removed',
]);

/**
 * Refuses what is not a Terraform JSON configuration, so nothing is "judged" as zero resources and
 * passed: a plan or state from `terraform show -json` (format_version, planned_values, values), or any
 * other JSON. The message says what it looks like and what to use instead.
 */
function assertConfiguration(json: unknown): void {
  if (!isObject(json)) {
    throw new ModelError(
      `expected a Terraform JSON configuration (an object), got ${json === null ? 'null' : typeof json}`,
    );
  }
  const keys = Object.keys(json);
  if ('planned_values' in json || 'resource_changes' in json) {
    throw new ModelError(
      'this is a Terraform plan (terraform show -json), not a configuration: judge it with the plan adapter (planModel / the CLI `check` command), which reads planned values and configuration references',
    );
  }
  if ('format_version' in json || 'values' in json) {
    throw new ModelError(
      'this looks like Terraform state or other `terraform show -json` output, not a configuration: judge the configuration (cdk.tf.json) or a plan',
    );
  }
  const unknown = keys.filter((k) => !CONFIGURATION_KEYS.has(k));
  if (unknown.length > 0) {
    throw new ModelError(
      `not a Terraform JSON configuration: unknown top-level key(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')} (a configuration has ${[...CONFIGURATION_KEYS].filter((k) => k !== '//').join(', ')})`,
    );
  }
  for (const block of ['resource', 'data'] as const) {
    const v = json[block];
    if (v === undefined) continue;
    if (
      !isObject(v) ||
      Object.values(v).some((byName) => !isObject(byName) || Object.values(byName).some((b) => !isObject(b)))
    ) {
      throw new ModelError(
        `"${block}" must map each type to an object of named blocks (type -> name -> body)`,
      );
    }
  }
}
