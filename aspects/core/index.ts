/**
 * The gate's CDK-free core (`@payments-compliance/gate/core`): the Terraform-JSON model, the rule
 * interface and catalogue, evaluation, the policy, suppression data and report builders. It imports no
 * CDK engine (an ESLint rule holds it to that), so it judges any Terraform JSON configuration, whatever
 * produced it.
 */
export { TfModel, ModelError, asArray, blocks, firstBlock, isObject } from './model';
export type { TfResource, TfConfigJson, ModelOptions, ModelParts, Json } from './model';
export {
  evaluate,
  fixFor,
  isoToday,
  suppressionProblemLine,
  suppressionProblemMessage,
  suppressionTextProblems,
  violationLine,
  violationMessage,
} from './evaluate';
export type { Evaluation, EvaluateOptions, Finding, SuppressionProblem, SuppressionSite } from './evaluate';
export { compliant, defineRule, nonCompliant, notApplicable, unresolved } from './rule';
export type { Outcome, Rule, RuleContext, RuleControls, RuleResult, Severity } from './rule';
export {
  KEY_PURPOSE_OF,
  PAYMENTS_DEFAULTS,
  PolicyError,
  activeRules,
  VALID_RETENTION_DAYS,
  isIsoDate,
  paymentsPolicy,
  regionProblems,
  validatePolicy,
} from './policy';
export type { CompliancePolicy, KeyPurpose, PolicyOverrides, Suppression } from './policy';
export {
  REPORT_SCHEMA_VERSION,
  TOOL_NAME,
  TOOL_VERSION,
  buildJsonReport,
  buildSarif,
  formatJsonReport,
  jsonReportText,
} from './report';
export type { JsonReport, ResourceEntry, SourceLocation } from './report';
export { alertingKeyPolicy, dataKeyPolicy, logsKeyPolicy } from './key-policies';
export type { KeyPolicyScope } from './key-policies';
export { CATALOGUE } from '../rules';
export { KNOWN_AFTER_APPLY, assertPlan, isPlanJson, planModel, readPlan } from './plan';
export type { PlanModelOptions, PlanReading } from './plan';
export {
  SHIPPED_TAGGABLE_TYPES,
  SHIPPED_TAGGABLE_TYPES_VERSION,
  taggableTypesFromSchema,
} from './taggable-types';
export { coverage, coverageLine } from './coverage';
export type { Coverage } from './coverage';
