/**
 * Unit-test harness for rules: builds a model from a hand-written Terraform JSON fragment (the rule's
 * real input) and evaluates one rule on one resource. No CDKTF involved, so rule tests are fast and say
 * exactly what they feed in.
 */
import { evaluate } from '../../aspects/core/evaluate';
import type { Finding } from '../../aspects/core/evaluate';
import type { CompliancePolicy } from '../../aspects/core/policy';
import { paymentsPolicy } from '../../aspects/core/policy';
import { TfModel } from '../../aspects/core/model';
import type { Rule, RuleResult } from '../../aspects/core/rule';

export type ResourcesJson = Record<string, Record<string, Record<string, unknown>>>;

export interface JudgeInput {
  /** `{ aws_sns_topic: { alerts: {...} }, aws_kms_key: { k: {...} } }` */
  readonly resource: ResourcesJson;
  readonly data?: ResourcesJson;
  readonly provider?: Record<string, unknown>;
  readonly taggableTypes?: readonly string[];
  readonly policy?: CompliancePolicy;
}

/** Evaluates `rule` on the resource at `address` and returns its results as an array. */
export function judge(rule: Rule, address: string, input: JudgeInput): RuleResult[] {
  const model = new TfModel(
    { resource: input.resource, data: input.data, provider: input.provider },
    { taggableTypes: input.taggableTypes ?? [] },
  );
  const target = model.byAddress(address);
  if (!target) throw new Error(`test setup: no resource ${address} in the fragment`);
  if (rule.appliesTo !== 'taggable' && !rule.appliesTo.includes(target.type)) {
    throw new Error(`test setup: ${rule.id} does not apply to ${target.type}`);
  }
  const raw = rule.evaluate(target, {
    model,
    policy: input.policy ?? paymentsPolicy({ today: '2026-11-28' }),
  });
  return Array.isArray(raw) ? [...raw] : [raw as RuleResult];
}

/**
 * Evaluates `rule` on every resource of one stack (one model), as the checker does, and returns the
 * findings by address. Per-model memos keyed by a resource (the publishers of a topic, the verdict on a
 * key's policy) must not share one answer between two resources; judging one resource per model
 * (`judge`) cannot show that.
 */
export function judgeStack(rule: Rule, resource: ResourcesJson): Map<string, Finding[]> {
  const model = new TfModel({ resource }, { taggableTypes: [] });
  const { findings } = evaluate(model, paymentsPolicy({ today: '2026-11-28' }), [rule]);
  const byAddress = new Map<string, Finding[]>();
  for (const f of findings)
    byAddress.set(f.resource.address, [...(byAddress.get(f.resource.address) ?? []), f]);
  return byAddress;
}

/** The outcomes of findings, in order (none for an address that was not judged). */
export const outcomesOf = (fs: readonly Finding[] | undefined): string[] => (fs ?? []).map((f) => f.outcome);

/** The single outcome of a rule that returns one result (fails the test if it returned several). */
export function outcomeOf(results: RuleResult[]): string {
  if (results.length !== 1) throw new Error(`expected one result, got ${JSON.stringify(results)}`);
  return results[0].outcome;
}

/** A customer-managed key fragment and a reference to it. */
export const CMK = { aws_kms_key: { k: { enable_key_rotation: true } } };
export const CMK_ARN = '${aws_kms_key.k.arn}';
