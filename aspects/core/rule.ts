/**
 * The shape every rule has (after cdk-nag's one-rule-per-file layout): a small pure function that
 * guards by resource type, reads the configured value, and decides. Its text lives beside it.
 */
import type { CompliancePolicy, KeyPurpose } from './policy';
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
  /**
   * How to fix a violation in the Terraform configuration itself: true in every mode (a CDK app, plain
   * Terraform, a plan), so it never relies on the gate injecting anything.
   */
  readonly fix: string;
  readonly severity: Severity;
  readonly controls: RuleControls;
  /** Terraform types the rule judges; `'taggable'` means every type that accepts tags. */
  readonly appliesTo: readonly string[] | 'taggable';
  /**
   * The name of the injector that fills in what this rule requires where it was left out, if any. The
   * core names no adapter: the CDK adapter's mutator registry maps the name to an aspect (a test holds
   * every name to a registered mutator), and a plan has no injectors at all.
   */
  readonly injectedBy?: string;
  /** The fix when that injector runs (e.g. "leave kms_key_id unset so the gate injects ..."). */
  readonly injectedFix?: string;
  /** The policy key the injector needs (`policy.keys[keyPurpose]`): without it nothing is injected. */
  readonly keyPurpose?: KeyPurpose;
  evaluate(resource: TfResource, ctx: RuleContext): RuleResult | readonly RuleResult[];
  /**
   * Policy-level notes, independent of any resource (e.g. "the facts this rule judges by may be stale"),
   * asked once per evaluation with the policy's today. Reported, never a failure.
   */
  notes?(ctx: { readonly policy: CompliancePolicy; readonly today: string }): readonly string[];
}

/** The plain compliant result, shared: most results are this one, and nothing mutates a result. */
const COMPLIANT: RuleResult = Object.freeze({ outcome: 'compliant', message: undefined });
export const compliant = (message?: string): RuleResult =>
  message === undefined ? COMPLIANT : { outcome: 'compliant', message };
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
  message: CROSS_STACK.test(expression)
    ? `${attribute} is "${expression}", a cross-stack reference (terraform_remote_state of another stack): each stack is judged on its own, so the value cannot be judged here; declare what the stack needs in the stack itself (e.g. its own key for the policy), or give the literal ARN and list it in the policy's trustedKeyArns`
    : `${attribute} is "${expression}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
});

/** How CDKTF and cdktn write a value that another stack of the same App exports. */
const CROSS_STACK = /\bdata\.terraform_remote_state\.cross-stack-reference-input-/;

/** Declares a rule; exists so every rule file has the same shape and type-checks its literal. */
export function defineRule(rule: Rule): Rule {
  return Object.freeze(rule);
}
