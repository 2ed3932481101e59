/**
 * The shape every rule has (after cdk-nag's one-rule-per-file layout): a small pure function that
 * guards by resource type, reads the configured value, and decides. Its text lives beside it.
 */
import type { CompliancePolicy } from '../policy';
import type { TfModel, TfResource } from './model';

/** compliant / non-compliant / not applicable, plus "cannot be judged before apply" (never a pass). */
export type Outcome = 'compliant' | 'non-compliant' | 'not-applicable' | 'unresolved';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface RuleControls {
  /** PCI DSS v4.0 requirements, e.g. `10.5.1`. */
  readonly pciDss?: readonly string[];
  /** AWS Security Hub control ids, e.g. `CloudWatch.16`. */
  readonly securityHub?: readonly string[];
  /** Equivalent cdk-nag rules, e.g. `AwsSolutions-KMS5`. */
  readonly cdkNag?: readonly string[];
  /** Equivalent checkov checks, e.g. `CKV_AWS_158`. */
  readonly checkov?: readonly string[];
}

export interface RuleResult {
  readonly outcome: Outcome;
  /** What is wrong (non-compliant / unresolved) or why it does not apply. */
  readonly message?: string;
  /** The Terraform attribute judged, when there is one. */
  readonly attribute?: string;
  /**
   * On a compliant result only: something that will stop complying soon (e.g. a runtime AWS stops
   * accepting within 90 days). Reported (JSON `warnings`, SARIF level `warning`), never a failure.
   */
  readonly warning?: string;
}

export interface RuleContext {
  readonly model: TfModel;
  readonly policy: CompliancePolicy;
}

export interface Rule {
  /** Stable descriptive id; equal to the rule's file name. */
  readonly id: string;
  /** The compliant condition in one present-tense sentence. */
  readonly description: string;
  /** How to fix a violation. */
  readonly fix: string;
  readonly severity: Severity;
  readonly controls: RuleControls;
  /** Terraform types the rule judges; `'taggable'` means every type that accepts tags. */
  readonly appliesTo: readonly string[] | 'taggable';
  /** The mutating aspect that injects what this rule requires, if any. */
  readonly injectedBy?: 'tags' | 'kms' | 'retention' | 'tracing';
  evaluate(resource: TfResource, ctx: RuleContext): RuleResult | readonly RuleResult[];
  /**
   * Policy-level notes, independent of any resource (e.g. "the facts this rule judges by may be stale"),
   * asked once per evaluation with the policy's today. Reported, never a failure.
   */
  notes?(ctx: { readonly policy: CompliancePolicy; readonly today: string }): readonly string[];
}

export const compliant = (message?: string): RuleResult => ({ outcome: 'compliant', message });
/** Compliant today, with a warning that it will not be for long. */
export const compliantWithWarning = (warning: string, attribute?: string): RuleResult => ({
  outcome: 'compliant',
  warning,
  attribute,
});
export const nonCompliant = (message: string, attribute?: string): RuleResult => ({
  outcome: 'non-compliant',
  message,
  attribute,
});
export const notApplicable = (message?: string): RuleResult => ({ outcome: 'not-applicable', message });
export const unresolved = (attribute: string, expression: string): RuleResult => ({
  outcome: 'unresolved',
  attribute,
  message: `${attribute} is "${expression}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
});

/** Declares a rule; exists so every rule file has the same shape and type-checks its literal. */
export function defineRule(rule: Rule): Rule {
  return Object.freeze(rule);
}
