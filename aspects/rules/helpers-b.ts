/**
 * Small judgements shared by the Lambda, API Gateway, RDS, Synthetics, X-Ray and Firehose rules. Like
 * helpers.ts, each returns RuleResults so rules stay one-screen decisions; these variants take a value
 * already read out of a nested block (`settings.metrics_enabled`), named by its dotted path.
 */
import type { TfModel, TfResource } from '../engine/model';
import type { RuleContext, RuleResult } from '../engine/rule';
import { compliant, nonCompliant, unresolved } from '../engine/rule';
import { describeKeyProblem, judgeKey, literalBool } from '../engine/values';
import { declaredLogGroupNames } from './helpers';

/** A boolean value (read from a nested block) equals `expected`; `absentMeans` is the provider default. */
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

/** A KMS key value (read from a nested block) is a customer-managed key (see judgeKey). */
export function requireCmkValue(value: unknown, attribute: string, ctx: RuleContext): RuleResult {
  const j = judgeKey(ctx.model, value, ctx.policy.trustedKeyArns);
  if (j.kind === 'cmk') return compliant();
  if (j.kind === 'unresolved') return unresolved(attribute, j.text);
  return nonCompliant(describeKeyProblem(attribute, j), attribute);
}

/**
 * Several independent checks of one resource: every failure (non-compliant or unresolved) is reported,
 * one message each; a single `compliant` when none failed.
 */
export function allOf(...results: readonly RuleResult[]): RuleResult[] {
  const failed = results.filter((r) => r.outcome === 'non-compliant' || r.outcome === 'unresolved');
  return failed.length > 0 ? failed : [compliant()];
}

/**
 * The texts a Terraform value referring to one of `resource`'s attributes can take in a synthesized
 * configuration, e.g. `${aws_lambda_function.pay.function_name}`.
 */
export function referenceTexts(resource: TfResource, attributes: readonly string[]): string[] {
  return attributes.map((a) => `\${${resource.address}.${a}}`);
}

/**
 * Whether a log group whose `name` is, as text, one of `candidates` is declared in the stack. Text
 * equality is sound for expressions too: the same text evaluates to the same name at apply.
 */
export function logGroupDeclared(model: TfModel, candidates: readonly string[]): boolean {
  const names = declaredLogGroupNames(model);
  return candidates.some((c) => names.has(c));
}

/** A non-empty string, or undefined. */
export function textOf(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
