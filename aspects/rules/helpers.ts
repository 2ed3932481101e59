/** Small judgements shared by rules. Each returns RuleResults so rules stay one-screen decisions. */
import type { TfModel, TfResource } from '../engine/model';
import { asArray } from '../engine/model';
import type { RuleContext, RuleResult } from '../engine/rule';
import { compliant, nonCompliant, unresolved } from '../engine/rule';
import { describeKeyProblem, isExpression, literalBool, referencesIn } from '../engine/values';
import { judgeStackKey } from './kms-keys';

/** A KMS key value is a customer-managed key (see judgeKey); `attribute` names it in messages. */
export function requireCmkValue(value: unknown, attribute: string, ctx: RuleContext): RuleResult {
  const j = judgeStackKey(ctx.model, value, ctx.policy.trustedKeyArns);
  if (j.kind === 'cmk') return compliant();
  if (j.kind === 'unresolved') return unresolved(attribute, j.text);
  return nonCompliant(describeKeyProblem(attribute, j), attribute);
}

/** The top-level attribute holds a customer-managed key. */
export function requireCmk(resource: TfResource, attribute: string, ctx: RuleContext): RuleResult {
  return requireCmkValue(resource.config[attribute], attribute, ctx);
}

/** A boolean value equals `expected`; `absentMeans` is the provider default. */
export function requireBoolValue(
  value: unknown,
  attribute: string,
  expected: boolean,
  absentMeans: boolean | undefined,
): RuleResult {
  const v = literalBool(value);
  if (v.kind === 'unresolved') return unresolved(attribute, v.expression);
  if (v.kind === 'invalid')
    return nonCompliant(`${attribute} is ${JSON.stringify(v.raw)}, not a boolean`, attribute);
  const actual = v.kind === 'absent' ? absentMeans : v.value;
  if (actual === expected) return compliant();
  return nonCompliant(
    v.kind === 'absent'
      ? `${attribute} is not set (the provider default is ${String(absentMeans)}); it must be ${String(expected)}`
      : `${attribute} is ${String(v.value)}; it must be ${String(expected)}`,
    attribute,
  );
}

/** A top-level boolean attribute equals the expected value. */
export function requireBool(
  resource: TfResource,
  attribute: string,
  expected: boolean,
  absentMeans: boolean | undefined,
): RuleResult {
  return requireBoolValue(resource.config[attribute], attribute, expected, absentMeans);
}

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
  return model.memo(`links:${type}:${attribute}`, () => {
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

/** Log group names declared in the stack, literal text as synthesized (references kept as `${...}`). */
export function declaredLogGroupNames(model: TfModel): ReadonlySet<string> {
  return model.memo('log-group-names', () => {
    const names = new Set<string>();
    for (const g of model.ofType('aws_cloudwatch_log_group')) {
      const n = g.config['name'];
      if (typeof n === 'string') names.add(n);
    }
    return names;
  });
}
