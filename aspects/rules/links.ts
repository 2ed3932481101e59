/**
 * How resources name each other: the companions of a resource (the bucket policies of a bucket, the
 * policy attachments of a key, the alarms of a topic) found through references or the same literal name.
 */
import type { TfModel, TfResource } from '../core/model';
import { asArray } from '../core/model';
import type { RuleResult } from '../core/rule';
import { nonCompliant, unresolved } from '../core/rule';
import { isExpression, referencesIn } from '../core/values';

/** The resources of one type indexed by what one of their attributes names. */
export interface LinkIndex {
  /** By the address of each managed resource or data source the attribute refers to. */
  readonly byAddress: ReadonlyMap<string, readonly TfResource[]>;
  /** By the attribute's literal text (a bucket policy declared with `bucket = "my-bucket"`). */
  readonly byLiteral: ReadonlyMap<string, readonly TfResource[]>;
  /** Resources whose attribute is an expression naming nothing managed here (a variable, a data source). */
  readonly unknown: readonly TfResource[];
}

/** Indexes `type` resources by what their `attribute` names; built once per model. */
export function linkIndex(model: TfModel, type: string, attribute: string): LinkIndex {
  return model.memoBy('links', type, attribute, () => {
    const byAddress = new Map<string, TfResource[]>();
    const byLiteral = new Map<string, TfResource[]>();
    const unknown: TfResource[] = [];
    const add = (m: Map<string, TfResource[]>, k: string, r: TfResource) => {
      const list = m.get(k);
      if (list) {
        if (list[list.length - 1] !== r) list.push(r);
      } else m.set(k, [r]);
    };
    for (const r of model.ofType(type)) {
      const values = asArray(r.config[attribute]);
      for (const v of values) {
        const refs = referencesIn(v);
        for (const ref of refs) add(byAddress, ref.address, r);
        if (typeof v === 'string' && v !== '' && !isExpression(v)) add(byLiteral, v, r);
        if (isExpression(v) && !refs.some((ref) => model.byAddress(ref.address)?.mode === 'managed')) {
          if (unknown[unknown.length - 1] !== r) unknown.push(r);
        }
      }
    }
    return { byAddress, byLiteral, unknown };
  });
}

/** Resources of `type` whose `attribute` refers to `target` (e.g. bucket policies of a bucket). */
export function companionsOf(
  model: TfModel,
  type: string,
  attribute: string,
  target: TfResource,
): TfResource[] {
  return [...(linkIndex(model, type, attribute).byAddress.get(target.address) ?? [])];
}

export interface Companions {
  /** Companions that refer to the target (or name it by the same literal). */
  readonly found: readonly TfResource[];
  /**
   * Companions whose link attribute is an expression that refers to nothing managed in this stack
   * (a variable, a data source): each might be the target's, so "none found" cannot be judged.
   */
  readonly unknown: readonly {
    readonly resource: TfResource;
    readonly attribute: string;
    readonly expression: string;
  }[];
}

/**
 * Resources of `type` whose `attribute` refers to `target`, or (with `literalAttribute`) holds the same
 * literal text as the target's `literalAttribute` (a bucket policy declared with `bucket = "my-bucket"`).
 */
export function linkedCompanions(
  model: TfModel,
  type: string,
  attribute: string,
  target: TfResource,
  literalAttribute?: string,
): Companions {
  const index = linkIndex(model, type, attribute);
  const literal = literalAttribute !== undefined ? target.config[literalAttribute] : undefined;
  const byRef = index.byAddress.get(target.address) ?? [];
  // byLiteral holds only non-empty literal text (linkIndex), so an expression or '' finds nothing there.
  const byLiteral = typeof literal === 'string' ? (index.byLiteral.get(literal) ?? []) : [];
  // Nearly every target has one companion or none: no set, no sort, no copy (byRef is in configuration
  // order, and read-only to callers).
  if (byLiteral.length === 0 && index.unknown.length === 0) return { found: byRef, unknown: NO_UNKNOWN };
  const hits = new Set([...byRef, ...byLiteral]);
  const found = [...hits].sort(byPosition(model, type)); // configuration order
  const unknown = index.unknown
    .filter((r) => !hits.has(r))
    .map((r) => ({
      resource: r,
      attribute: `${r.address}.${attribute}`,
      expression: String(r.config[attribute]),
    }));
  return { found, unknown };
}

const NO_UNKNOWN: Companions['unknown'] = Object.freeze([]);

/**
 * The resources of `type` in `first` or `second`, once each, in configuration order (companions found by
 * reference and by literal name: a message lists them as the author declared them). `first` must be in
 * configuration order already, as linkedCompanions returns it.
 */
export function unionInOrder(
  model: TfModel,
  type: string,
  first: readonly TfResource[],
  second: readonly TfResource[],
): readonly TfResource[] {
  if (second.length === 0) return first;
  return [...new Set([...first, ...second])].sort(byPosition(model, type));
}

/** Orders resources of one type as the configuration lists them. */
export function byPosition(model: TfModel, type: string): (a: TfResource, b: TfResource) => number {
  const position = model.memoBy(
    'positions',
    type,
    undefined,
    () => new Map(model.ofType(type).map((r, i) => [r, i])),
  );
  return (a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0);
}

/** Companions linked to an S3 bucket through their `bucket` attribute (reference or same literal name). */
export function bucketCompanions(model: TfModel, type: string, bucket: TfResource): Companions {
  return linkedCompanions(model, type, 'bucket', bucket, 'bucket');
}

/** The result when a required companion was not found: unresolved when one might exist, else non-compliant. */
export function noCompanion(c: Companions, message: string): RuleResult {
  if (c.unknown.length > 0) return unresolved(c.unknown[0].attribute, c.unknown[0].expression);
  return nonCompliant(message);
}

/**
 * The texts a Terraform value referring to one of `resource`'s attributes can take in a synthesized
 * configuration, e.g. `${aws_lambda_function.pay.function_name}`.
 */
export function referenceTexts(resource: TfResource, attributes: readonly string[]): string[] {
  return attributes.map((a) => `\${${resource.address}.${a}}`);
}
