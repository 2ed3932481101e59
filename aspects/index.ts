/**
 * The compliance gate's public entry point.
 *
 * `applyPolicy(scope, policy)` adds, on that one scope and in this fixed order:
 *   1. RequiredTagsMutator   (tags)
 *   2. KmsKeyMutator         (kms)
 *   3. LogRetentionMutator   (retention)
 *   4. TracingMutator        (tracing)
 *   5. ComplianceChecker     (read-only; judges in a validation after all aspects ran)
 * CDKTF aspects have no priority: on each node, aspects of the same scope run in insertion order, so
 * adding all of them here is what guarantees mutators run before the checker on every node.
 */
import { App, Aspects, TerraformStack } from 'cdktf';
import type { IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { ComplianceChecker } from './cdk/checker';
import type { Rule } from './core/rule';
import { KmsKeyMutator } from './cdk/mutators/kms';
import { LogRetentionMutator } from './cdk/mutators/retention';
import { RequiredTagsMutator } from './cdk/mutators/tags';
import { TracingMutator } from './cdk/mutators/tracing';
import type { CompliancePolicy } from './core/policy';
import { PolicyError, paymentsPolicy, validatePolicy } from './core/policy';
import { CATALOGUE } from './rules';

export type MutatorName = 'tags' | 'kms' | 'retention' | 'tracing';
export const MUTATOR_ORDER: readonly MutatorName[] = ['tags', 'kms', 'retention', 'tracing'];

export interface ApplyPolicyOptions {
  /** Mutators to add (default: all, in MUTATOR_ORDER). Leaving one out makes its rules fire. */
  readonly mutators?: readonly MutatorName[];
  /** Rule catalogue (default: CATALOGUE minus policy.disabledRules). */
  readonly rules?: readonly Rule[];
}

export interface AppliedPolicy {
  readonly policy: CompliancePolicy;
  readonly rules: readonly Rule[];
  readonly aspects: readonly IAspect[];
  readonly checker: ComplianceChecker;
}

function mutatorFor(name: MutatorName, policy: CompliancePolicy): IAspect {
  switch (name) {
    case 'tags':
      return new RequiredTagsMutator(policy);
    case 'kms':
      return new KmsKeyMutator(policy);
    case 'retention':
      return new LogRetentionMutator(policy);
    case 'tracing':
      return new TracingMutator(policy);
  }
}

/**
 * Applies a policy to any construct scope (an App, a stack, or a construct inside a stack).
 * Invariants: mutators run before the checker on every node; every aspect is added on `scope`;
 * calling it twice on the same scope with the same policy is a mistake and throws.
 */
export function applyPolicy(
  scope: IConstruct,
  policy: CompliancePolicy = paymentsPolicy(),
  options: ApplyPolicyOptions = {},
): AppliedPolicy {
  validatePolicy(policy);
  const known = new Set((options.rules ?? CATALOGUE).map((r) => r.id));
  const unknown = policy.disabledRules.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new PolicyError(
      `disabledRules names unknown rule(s) ${unknown.join(', ')}; known: ${[...known].join(', ')}`,
    );
  }
  if (Aspects.of(scope).all.some((a) => a instanceof ComplianceChecker)) {
    throw new PolicyError(`${scope.node.path || '<app>'} already has a compliance policy applied`);
  }
  const rules = (options.rules ?? CATALOGUE).filter((r) => !policy.disabledRules.includes(r.id));
  const mutators = MUTATOR_ORDER.filter((m) => (options.mutators ?? MUTATOR_ORDER).includes(m)).map((m) =>
    mutatorFor(m, policy),
  );
  const checker = new ComplianceChecker(scope, policy, rules);
  const aspects: IAspect[] = [...mutators, checker];
  for (const a of aspects) Aspects.of(scope).add(a);
  if (App.isApp(scope)) coverStacksOf(scope, aspects, checker);
  else checker.guardHandOff(TerraformStack.of(scope));
  return { policy, rules, aspects, checker };
}

/**
 * CDKTF invokes aspects from each stack down (`invokeAspects(stack)`), never from the App: aspects added
 * to an App alone would never run, and every stack would synthesize unjudged. So a policy applied to an
 * App is added to each of its stacks when the App synthesizes, stacks created after `applyPolicy`
 * included.
 */
function coverStacksOf(app: App, aspects: readonly IAspect[], checker: ComplianceChecker): void {
  const synth = app.synth.bind(app);
  app.synth = () => {
    for (const stack of app.node.findAll().filter((c) => TerraformStack.isStack(c))) {
      const present = Aspects.of(stack).all;
      for (const a of aspects) if (!present.includes(a)) Aspects.of(stack).add(a);
      checker.guardHandOff(stack);
    }
    synth();
  };
}

export {
  paymentsPolicy,
  validatePolicy,
  PolicyError,
  PAYMENTS_DEFAULTS,
  KEY_PURPOSE_OF,
} from './core/policy';
export type { CompliancePolicy, PolicyOverrides, KeyPurpose, Suppression } from './core/policy';
export { suppress } from './cdk/suppress';
export { CATALOGUE } from './rules';
export { ComplianceChecker } from './cdk/checker';
export type { StackCheck } from './cdk/checker';
export { RequiredTagsMutator, acceptsTags } from './cdk/mutators/tags';
export { KmsKeyMutator } from './cdk/mutators/kms';
export { LogRetentionMutator } from './cdk/mutators/retention';
export { TracingMutator } from './cdk/mutators/tracing';
export { TfModel } from './core/model';
export type { TfResource, TfConfigJson } from './core/model';
export { evaluate, violationLine } from './core/evaluate';
export type { Evaluation, Finding } from './core/evaluate';
export type { Rule, RuleResult, Outcome, Severity } from './core/rule';
export { buildJsonReport, buildSarif } from './core/report';
export { synthOrExit, gateFailureLines } from './cdk/synth';
