/** Requirements on one attribute's value, each answered as a RuleResult so rules stay one-screen decisions. */
import type { TfResource } from '../core/model';
import type { RuleContext, RuleResult } from '../core/rule';
import { compliant, nonCompliant, unresolved } from '../core/rule';
import { describeKeyProblem, literalBool } from '../core/values';
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

/**
 * Several independent checks of one resource: every failure (non-compliant or unresolved) is reported,
 * one message each; a single `compliant` when none failed.
 */
export function allOf(...results: readonly RuleResult[]): RuleResult[] {
  const failed = results.filter((r) => r.outcome === 'non-compliant' || r.outcome === 'unresolved');
  return failed.length > 0 ? failed : [compliant()];
}

/** A non-empty string, or undefined. */
export function textOf(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
