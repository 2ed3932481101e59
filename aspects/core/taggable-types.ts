/**
 * Which resource types take tags, for judging configurations that carry no constructs (a plan, a
 * cdk.tf.json read from disk): a type is taggable when its provider schema has a `tags` attribute
 * (the same test as the CDKTF adapter's `tagsInput`).
 *
 * - From a schema: `terraform providers schema -json` of the provider the plan was made with
 *   (taggableTypesFromSchema), the exact answer for that version.
 * - Shipped: SHIPPED_TAGGABLE_TYPES, generated from hashicorp/aws 5.100.0 by
 *   aspects/scripts/taggable-types.mjs (a test holds it to that schema).
 * - hashicorp/aws 6.x (which cdktn's prebuilt provider uses) differs, and cannot be checked offline (the
 *   mirror holds 5.100.0 only): 6.0.0 removed resource types and 6.x releases add types and add `tags`
 *   to existing ones, e.g. v6.2.0 (released 2025-07-02, per its release notes) added `tags` to
 *   aws_kinesis_stream_consumer and aws_s3_directory_bucket, neither taggable in 5.100.0. From a
 *   cdk.tf.json such a type is not judged by RequiredTags unless a schema is given (`--schema`); in a
 *   plan, planned values list every schema attribute, so a type whose values hold `tags` is taggable
 *   whatever this list says (readPlan's taggableFromValues).
 */
import { ModelError, isObject } from './model';
import { TAGGABLE_TYPES_DATA, TAGGABLE_TYPES_PROVIDER_VERSION } from './taggable-types.data';

export const SHIPPED_TAGGABLE_TYPES: readonly string[] = TAGGABLE_TYPES_DATA;
/** The hashicorp/aws version the shipped list was generated from. */
export const SHIPPED_TAGGABLE_TYPES_VERSION = TAGGABLE_TYPES_PROVIDER_VERSION;

/**
 * Taggable resource types of every provider in `terraform providers schema -json` output. Throws a
 * one-line error when the JSON is not such output (so a wrong file is never read as "nothing taggable").
 */
export function taggableTypesFromSchema(schema: unknown): string[] {
  const providers = isObject(schema) ? schema['provider_schemas'] : undefined;
  if (!isObject(providers) || Object.keys(providers).length === 0) {
    throw new ModelError(
      'not the output of `terraform providers schema -json` (no provider_schemas); run it in the initialized configuration directory and pass that file',
    );
  }
  const out: string[] = [];
  for (const p of Object.values(providers)) {
    const resources = isObject(p) ? p['resource_schemas'] : undefined;
    if (!isObject(resources)) continue;
    for (const [type, s] of Object.entries(resources)) {
      const block = isObject(s) ? s['block'] : undefined;
      const attributes = isObject(block) ? block['attributes'] : undefined;
      if (isObject(attributes) && attributes['tags'] !== undefined) out.push(type);
    }
  }
  return out.sort();
}
