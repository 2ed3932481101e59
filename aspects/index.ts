/**
 * The compliance gate for CDK for Terraform (`cdktf`). For CDK Terrain (`cdktn`) import
 * `@payments-compliance/gate/cdktn`, which exports the same API bound to that engine; for plain
 * Terraform JSON and plans, the CDK-free core is `@payments-compliance/gate/core`.
 *
 * `applyPolicy(scope, policy)` adds the mutators and the checker (see cdk/apply-policy.ts);
 * `synthOrExit(app)` is `app.synth()` that prints the violation lines and exits 1 when the gate refuses.
 */
export { applyPolicy } from './cdk/apply-policy';
export type { ApplyPolicyOptions, AppliedPolicy } from './cdk/apply-policy';
export { ComplianceChecker } from './cdk/checker';
export type { StackCheck } from './cdk/checker';
export { suppress } from './cdk/suppress';
export { synthOrExit, gateFailureLines } from './cdk/synth';
export { judge, complianceMatchers } from './cdk/testing';
export type { Judgement } from './cdk/testing';
export { ENGINE_NAME } from './cdk/engine';
export {
  MUTATORS,
  MUTATOR_ORDER,
  RequiredTagsMutator,
  KmsKeyMutator,
  LogRetentionMutator,
  TracingMutator,
  acceptsTags,
} from './cdk/mutators';
export type { MutatorName, MutatorDefinition } from './cdk/mutators';
export * from './core';
