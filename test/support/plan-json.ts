/**
 * Plans written by hand in the shape `terraform show -json` gives (format 1.2), for the plan adapter's
 * tests (test/aspects/core/plan*.test.ts) and the cases an offline plan of the fixtures cannot produce.
 *
 * - `planOf` builds a consistent plan from one list of resources: their planned values (a resource being
 *   destroyed has none), their changes, the prior state, and the configuration as given.
 * - `planDocument`, `plannedEntry` and `changeEntry` write each part exactly as given, for documents
 *   Terraform would not write and the adapter must read with care or refuse.
 */
export const AWS = 'registry.terraform.io/hashicorp/aws';

/** The taggable types these plans need (log groups, keys, topics), as the plan reader is given them. */
export const TAGGABLE = { taggableTypes: ['aws_cloudwatch_log_group', 'aws_kms_key', 'aws_sns_topic'] };

/** One resource instance of `planOf`: its planned values, what is known after apply, its actions. */
export interface PlanResource {
  address: string;
  type: string;
  name: string;
  mode?: 'managed' | 'data';
  index?: number | string;
  values?: Record<string, unknown>;
  unknown?: Record<string, unknown>;
  actions?: string[];
  provider_name?: string;
}

/** A planned resource instance as `planned_values` (or `prior_state`) lists it. */
export function plannedResource(r: PlanResource): Record<string, unknown> {
  return {
    address: r.address,
    mode: r.mode ?? 'managed',
    type: r.type,
    name: r.name,
    ...(r.index !== undefined ? { index: r.index } : {}),
    provider_name: r.provider_name ?? AWS,
    schema_version: 0,
    values: r.values ?? {},
  };
}

/** A plan document; every part is written as given (missing lists are empty, the configuration a bare root). */
export function planDocument(o: {
  root?: unknown[];
  children?: unknown[];
  changes?: unknown[];
  prior?: unknown[];
  configuration?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: o.root ?? [], child_modules: o.children ?? [] } },
    resource_changes: o.changes ?? [],
    ...(o.prior
      ? { prior_state: { format_version: '1.0', values: { root_module: { resources: o.prior } } } }
      : {}),
    configuration: o.configuration ?? { root_module: {} },
  };
}

/**
 * A consistent plan: `root` and `modules` (module address -> its resources) are planned, each with a
 * change (`create` unless `actions` says otherwise; a resource only being destroyed is left out of the
 * planned values, as Terraform does); `prior` is the state before the plan.
 */
export function planOf(opts: {
  root: PlanResource[];
  modules?: Record<string, PlanResource[]>;
  configuration: Record<string, unknown>;
  prior?: PlanResource[];
}): Record<string, unknown> {
  const modules = Object.entries(opts.modules ?? {});
  return planDocument({
    root: opts.root
      .filter((r) => !(r.actions ?? ['create']).every((a) => a === 'delete'))
      .map(plannedResource),
    children: modules.map(([address, rs]) => ({ address, resources: rs.map(plannedResource) })),
    changes: [...opts.root, ...modules.flatMap(([, rs]) => rs)].map((r) => ({
      address: r.address,
      mode: r.mode ?? 'managed',
      type: r.type,
      name: r.name,
      change: { actions: r.actions ?? ['create'], after: r.values ?? {}, after_unknown: r.unknown ?? {} },
    })),
    ...(opts.prior ? { prior: opts.prior.map(plannedResource) } : {}),
    configuration: opts.configuration,
  });
}

/** A planned resource instance written as given (no schema version; `extra` adds or overrides fields). */
export function plannedEntry(
  address: string,
  type: string,
  name: string,
  values: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { address, mode: 'managed', type, name, provider_name: AWS, values, ...extra };
}

/** A change entry of `resource_changes`, written as given. */
export function changeEntry(
  address: string,
  actions: string[],
  extra: Record<string, unknown> = {},
  afterUnknown: Record<string, unknown> = {},
): Record<string, unknown> {
  return { address, mode: 'managed', ...extra, change: { actions, after_unknown: afterUnknown } };
}
