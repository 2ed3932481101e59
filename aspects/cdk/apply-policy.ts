/**
 * `applyPolicy(scope, policy)`: adds the gate to a scope, in this fixed order (the mutator registry's,
 * then the checker):
 *   1. RequiredTagsMutator   (tags)
 *   2. KmsKeyMutator         (kms)
 *   3. LogRetentionMutator   (retention)
 *   4. TracingMutator        (tracing)
 *   5. ComplianceChecker     (read-only; judges in a validation after all aspects ran)
 * CDKTF aspects have no priority: on each node, aspects of the same scope run in insertion order, so
 * adding all of them here is what guarantees mutators run before the checker on every node.
 *
 * Fail closed: a policy that does not validate, a construct tree built with another copy or version of
 * the engine (whose stacks would never run these aspects), and a second policy on the same scope are
 * refused here, each with one `[compliance/...]` line that says how to fix it.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { IConstruct } from 'constructs';
import type { CompliancePolicy } from '../core/policy';
import { PolicyError, activeRules, paymentsPolicy, validatePolicy } from '../core/policy';
import type { Rule } from '../core/rule';
import { CATALOGUE } from '../rules';
import { ComplianceChecker } from './checker';
import type { IAspect } from './engine';
import { App, Aspects, ENGINE_NAME, TerraformStack, engineLocation, engineVersion } from './engine';
import type { MutatorName } from './mutators';
import { MUTATORS, MUTATOR_ORDER } from './mutators';

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

/**
 * Applies a policy to any construct scope (an App, a stack, or a construct inside a stack).
 * Invariants: mutators run before the checker on every node; every stack the policy covers is judged
 * on every path that hands out its configuration (app.synth, Testing.synth, toTerraform); calling it
 * twice on the same scope is a mistake and throws.
 */
export function applyPolicy(
  scope: IConstruct,
  policy: CompliancePolicy = paymentsPolicy(),
  options: ApplyPolicyOptions = {},
): AppliedPolicy {
  assertSameEngine(scope);
  validatePolicy(policy);
  const catalogue = options.rules ?? CATALOGUE;
  const { rules, unknownDisabled: unknown } = activeRules(policy, catalogue);
  if (unknown.length > 0) {
    throw new PolicyError(
      `disabledRules names unknown rule(s) ${unknown.join(', ')}; known: ${catalogue.map((r) => r.id).join(', ')}`,
    );
  }
  const unknownMutators = (options.mutators ?? []).filter((m) => !MUTATOR_ORDER.includes(m));
  if (unknownMutators.length > 0) {
    throw new PolicyError(
      `unknown mutator(s) ${unknownMutators.join(', ')}; known: ${MUTATOR_ORDER.join(', ')}`,
    );
  }
  if (Aspects.of(scope).all.some((a) => a instanceof ComplianceChecker)) {
    throw new PolicyError(`${scope.node.path || '<app>'} already has a compliance policy applied`);
  }
  const chosen = MUTATORS.filter((m) => (options.mutators ?? MUTATOR_ORDER).includes(m.name));
  const checker = new ComplianceChecker(scope, policy, rules, new Set(chosen.map((m) => m.name)));
  const context = { report: (node: IConstruct, message: string) => checker.reportProblem(node, message) };
  const aspects: IAspect[] = [...chosen.map((m) => m.create(policy, context)), checker];
  for (const a of aspects) Aspects.of(scope).add(a);
  if (App.isApp(scope)) coverStacksOf(scope, aspects, checker);
  else checker.guardStack(TerraformStack.of(scope));
  return { policy, rules, aspects, checker };
}

/**
 * CDKTF invokes aspects from each stack down (`invokeAspects(stack)`), never from the App: aspects added
 * to an App alone would never run. So a policy applied to an App goes onto each of its stacks: those that
 * exist now, those created later (watched as they are added below the App, so `Testing.synth(stack)`
 * judges them too), and, as a last resort, any stack found when the App synthesizes.
 */
function coverStacksOf(app: App, aspects: readonly IAspect[], checker: ComplianceChecker): void {
  const cover = (stack: TerraformStack): void => {
    const present = Aspects.of(stack).all;
    for (const a of aspects) if (!present.includes(a)) Aspects.of(stack).add(a);
    checker.guardStack(stack);
  };
  for (const c of app.node.findAll()) if (TerraformStack.isStack(c)) cover(c);
  watchForStacks(app, aspects);
  const synth = app.synth.bind(app);
  app.synth = () => {
    for (const c of app.node.findAll()) if (TerraformStack.isStack(c)) cover(c);
    synth();
  };
}

/**
 * Gives every construct created below `parent`, down to the stacks, the gate's aspects as it is added.
 * Whether a new child is a stack is known only once its constructor has returned, so each child gets the
 * aspects (harmless on constructs above stacks: the engine starts aspect invocation at each stack) and is
 * watched in turn, until it proves to be a stack when its own first child arrives.
 */
function watchForStacks(parent: IConstruct, aspects: readonly IAspect[]): void {
  hookAddChild(parent, parent.node as unknown as ChildAdder, aspects);
}

interface ChildAdder {
  addChild(child: IConstruct, name: string): void;
}

function hookAddChild(owner: IConstruct, node: ChildAdder, aspects: readonly IAspect[]): void {
  const addChild = node.addChild.bind(node);
  node.addChild = (child: IConstruct, name: string) => {
    addChild(child, name);
    if (TerraformStack.isStack(owner)) return; // below a stack: the stack's own aspects cover it
    for (const a of aspects) Aspects.of(child).add(a);
    // The child is mid-construction: its `node` is assigned when the Node constructor (which is calling
    // us) returns. Hook it then.
    whenNodeAssigned(child, (childNode) => hookAddChild(child, childNode, aspects));
  };
}

function whenNodeAssigned(child: IConstruct, then: (node: ChildAdder) => void): void {
  const existing = (child as { node?: unknown }).node;
  if (existing) {
    then(existing as ChildAdder);
    return;
  }
  Object.defineProperty(child, 'node', {
    configurable: true,
    enumerable: true,
    get: () => undefined,
    set: (value: unknown) => {
      Object.defineProperty(child, 'node', { value, writable: true, configurable: true, enumerable: true });
      then(value as ChildAdder);
    },
  });
}

/**
 * Refuses a construct tree built with another copy or version of the engine: aspects are stored per
 * engine copy, so that tree's synth would never run these aspects and would pass unjudged.
 */
function assertSameEngine(scope: IConstruct): void {
  const root = scope.node.root;
  let other: string;
  if (root instanceof App) {
    const foreignStack = scope.node.scopes.find(
      (c) => TerraformStack.isStack(c) && !(c instanceof TerraformStack),
    );
    if (!foreignStack) return;
    // The App is this engine's: name the stack that is not (its engine copy is the stack's class's).
    other = `another engine copy (the stack ${(foreignStack as IConstruct).node.path} is not a TerraformStack of this engine)`;
  } else other = engineOf(root);
  throw new Error(
    `[compliance/EngineMismatch] ${scope.node.path || '<app>'}: this construct tree was built with ${other}, but this gate entry point runs on ${ENGINE_NAME} ${engineVersion()} (${path.dirname(engineLocation())}). Aspects are stored per engine copy, so that tree's synth would never run the gate and would pass unjudged. Fix: keep exactly one copy of the engine (\`npm ls ${ENGINE_NAME}\`, then align versions with the gate's peer range and \`npm dedupe\`), or import the gate entry point for your engine ('@payments-compliance/gate' for cdktf, '@payments-compliance/gate/cdktn' for cdktn).`,
  );
}

/** Names the engine copy a construct tree's root came from (package, version, directory). */
function engineOf(root: IConstruct): string {
  const ctor = (root as { constructor?: unknown }).constructor;
  // The module that defines the class is the deepest one exporting it (a package may re-export it). A
  // root without a constructor function names no module (every module without an `App` export, or with
  // an undefined one, would "export" it).
  if (typeof ctor !== 'function') return `another engine copy (its root is a ${typeof root} without a class)`;
  const file = Object.entries(require.cache)
    .filter(([, mod]) => {
      const exported = (mod?.exports ?? {}) as Record<string, unknown>;
      return exported['App'] === ctor || Object.values(exported).includes(ctor);
    })
    .map(([f]) => f)
    .sort((a, b) => b.split(path.sep).length - a.split(path.sep).length)[0];
  if (file) {
    let dir = path.dirname(file);
    while (dir !== path.dirname(dir)) {
      const manifest = path.join(dir, 'package.json');
      if (fs.existsSync(manifest)) {
        const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
        return `${pkg.name ?? 'an engine'} ${pkg.version ?? '?'} (${dir})`;
      }
      dir = path.dirname(dir);
    }
  }
  return `another engine copy (its root is a ${(ctor as { name: string }).name} that is not this engine's App)`;
}
