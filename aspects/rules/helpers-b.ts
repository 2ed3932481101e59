/**
 * Small judgements shared by the Lambda, API Gateway, RDS, Synthetics, X-Ray and Firehose rules. Like
 * helpers.ts, each returns RuleResults so rules stay one-screen decisions.
 */
import type { TfModel, TfResource } from '../engine/model';
import type { RuleResult } from '../engine/rule';
import { compliant } from '../engine/rule';
import { declaredLogGroupNames } from './helpers';

export { requireBoolValue, requireCmkValue } from './helpers';

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
