/**
 * The rule catalogue. One rule per file; the file name is the rule id (a test enforces it, and that
 * every rule file is listed here). Order is the report order.
 */
import type { Rule } from '../engine/rule';
// --- logs, tags, tracing (lead)
import LogGroupKmsCmk from './LogGroupKmsCmk';
import LogGroupRetention from './LogGroupRetention';
import LogGroupRetentionOneYear from './LogGroupRetentionOneYear';
import RequiredTags from './RequiredTags';
import LambdaTracingActive from './LambdaTracingActive';
// --- section A imports
// --- end section A imports
// --- section B imports
// --- end section B imports

export const CATALOGUE: readonly Rule[] = [
  RequiredTags,
  LogGroupKmsCmk,
  LogGroupRetention,
  LogGroupRetentionOneYear,
  LambdaTracingActive,
  // --- section A rules
  // --- end section A rules
  // --- section B rules
  // --- end section B rules
];
