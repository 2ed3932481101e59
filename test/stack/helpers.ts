/** Reading the synthesized Terraform JSON in stack tests (independent of the gate's own model). */
import type { TfJson } from '../support/synth';
import { resourcesOf } from '../support/synth';

export type Res = Record<string, unknown>;

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | { AWS?: string | string[]; Service?: string | string[] };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export function list<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Parse a policy document attribute (a JSON string, possibly with `${...}` interpolations inside strings). */
export function statements(policy: unknown): PolicyStatement[] {
  if (typeof policy !== 'string') throw new Error(`policy is not a JSON string: ${JSON.stringify(policy)}`);
  const doc = JSON.parse(policy) as { Version: string; Statement: PolicyStatement[] };
  expect(doc.Version).toBe('2012-10-17');
  return doc.Statement;
}

/** The construct path a resource was synthesized from. */
export function pathOf(r: Res): string {
  return ((r['//'] as { metadata: { path: string } }).metadata.path ?? '').toString();
}

/** The one resource of `type` whose construct path ends with `suffix`. */
export function byPath(json: TfJson, type: string, suffix: string): [string, Res] {
  const hits = resourcesOf(json, type).filter(([, r]) => pathOf(r).endsWith(suffix));
  if (hits.length !== 1) {
    throw new Error(
      `expected one ${type} at */${suffix}, found ${hits.length}: ${resourcesOf(json, type)
        .map(([, r]) => pathOf(r))
        .join(', ')}`,
    );
  }
  return hits[0];
}

/** `${type.name.attr}` */
export function ref(type: string, name: string, attr: string): string {
  return `\${${type}.${name}.${attr}}`;
}

/** First element of a block list (cdktf renders nested blocks as arrays or objects). */
export function block(v: unknown): Res {
  const b = Array.isArray(v) ? v[0] : v;
  if (typeof b !== 'object' || b === null) throw new Error(`not a block: ${JSON.stringify(v)}`);
  return b as Res;
}

/** The depends_on list of a resource. */
export function dependsOn(r: Res): string[] {
  return (r['depends_on'] as string[] | undefined) ?? [];
}

/** The ARN reference of the key with this purpose (`logs`, `alerting`, `data`). */
export function keyArn(json: TfJson, purpose: string): string {
  const [name] = byPath(json, 'aws_kms_key', `keys/${purpose}`);
  return ref('aws_kms_key', name, 'arn');
}
