/**
 * The mutator registry: every mutating aspect of the gate, in the order `applyPolicy` adds them. Adding
 * a mutator is one entry here; a rule names the mutator that injects what it requires by this `name`
 * (`Rule.injectedBy`), and a test holds every such name to an entry.
 */
import type { CompliancePolicy } from '../../core/policy';
import type { IAspect } from '../engine';
import type { MutatorContext } from './util';
import { KmsKeyMutator } from './kms';
import { LogRetentionMutator } from './retention';
import { RequiredTagsMutator } from './tags';
import { TracingMutator } from './tracing';

export interface MutatorDefinition {
  readonly name: string;
  /** What it touches, for the README and error messages. */
  readonly summary: string;
  readonly create: (policy: CompliancePolicy, context: MutatorContext) => IAspect;
}

export const MUTATORS = [
  {
    name: 'tags',
    summary: 'required tags on every resource that accepts tags',
    create: (p) => new RequiredTagsMutator(p),
  },
  {
    name: 'kms',
    summary: "the policy's customer-managed keys on encryption settings left out",
    create: (p, context) => new KmsKeyMutator(p, context),
  },
  {
    name: 'retention',
    summary: 'the policy retention on log groups without one',
    create: (p) => new LogRetentionMutator(p),
  },
  {
    name: 'tracing',
    summary: 'active X-Ray tracing on Lambda functions, API stages and canaries',
    create: (p) => new TracingMutator(p),
  },
] as const satisfies readonly MutatorDefinition[];

export type MutatorName = (typeof MUTATORS)[number]['name'];

/** The order in which mutators are added (and so run on each node): the registry's order. */
export const MUTATOR_ORDER: readonly MutatorName[] = MUTATORS.map((m) => m.name);

export { RequiredTagsMutator, acceptsTags } from './tags';
export { KmsKeyMutator, KMS_INJECTED_TYPES } from './kms';
export { LogRetentionMutator } from './retention';
export { TracingMutator } from './tracing';
export type { MutatorContext } from './util';
