/** Small judgements shared by rules. Each returns RuleResults so rules stay one-screen decisions. */
import type { TfModel, TfResource } from '../engine/model';
import type { RuleContext, RuleResult } from '../engine/rule';
import { compliant, nonCompliant, unresolved } from '../engine/rule';
import { describeKeyProblem, judgeKey, literalBool, refersTo } from '../engine/values';

/** A KMS key value is a customer-managed key (see judgeKey); `attribute` names it in messages. */
export function requireCmkValue(value: unknown, attribute: string, ctx: RuleContext): RuleResult {
  const j = judgeKey(ctx.model, value, ctx.policy.trustedKeyArns);
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

/** Resources of `type` whose `attribute` refers to `target` (e.g. bucket policies of a bucket). */
export function companionsOf(
  model: TfModel,
  type: string,
  attribute: string,
  target: TfResource,
): TfResource[] {
  return model.ofType(type).filter((c) => refersTo(c.config[attribute], target));
}

/** Log group names declared in the stack, literal text as synthesized (references kept as `${...}`). */
export function declaredLogGroupNames(model: TfModel): Set<string> {
  const names = new Set<string>();
  for (const g of model.ofType('aws_cloudwatch_log_group')) {
    const n = g.config['name'];
    if (typeof n === 'string') names.add(n);
  }
  return names;
}
