/**
 * ComplianceChecker — read-only. Its `visit` only registers each stack it meets; judging happens once per
 * stack, in a validation the engine runs after every aspect has run on every node, so the checker sees
 * the final, mutated configuration and judges the same JSON Terraform will receive (`toTerraform()`),
 * escape hatches included.
 *
 * Invariants:
 * - Each violation fails synthesis with one line on the violating construct: construct path, Terraform
 *   address, rule id, what is wrong, how to fix (the engine prints `[path] line` and writes no stack).
 *   CDKTF validates the stack before its descendants, so a validation added to a violating construct
 *   during the check still runs in this synth, and a compliant resource costs no validation at all.
 * - Reports (JSON + SARIF) are written once per stack per judgement, pass or fail.
 * - On failure, a stale `cdk.tf.json` of that stack from an earlier synth is removed.
 * - No path hands out an unjudged configuration (see StackGuard): a stack's `toTerraform()` returns the
 *   configuration judged in this synth, or judges it on the spot and throws on violations
 *   (`Testing.synth(stack)` runs no validation), and refuses when the gate's aspects never ran on it.
 */
import type { IConstruct } from 'constructs';
import type { CompliancePolicy } from '../core/policy';
import { regionProblems } from '../core/policy';
import type { Evaluation } from '../core/evaluate';
import {
  evaluate,
  suppressionProblemLine,
  suppressionProblemMessage,
  violationLine,
  violationMessage,
} from '../core/evaluate';
import type { TfConfigJson } from '../core/model';
import { TfModel, recordedPath } from '../core/model';
import type { Rule } from '../core/rule';
import type { IAspect } from './engine';
import { AnnotationMetadataEntryType, Annotations, App, TerraformResource, TerraformStack } from './engine';
import { acceptsTags } from './mutators/tags';
import type { ReportPaths } from './report-files';
import { removeStaleOutput, writeReports } from './report-files';
import { stackSuppressions, suppressionIndex, suppressionsAbove } from './suppression-index';

export interface StackCheck {
  readonly stack: TerraformStack;
  readonly evaluation: Evaluation;
  readonly json: TfConfigJson;
  /** Lines of everything that fails the stack (violations, suppression and policy problems). */
  readonly lines: readonly string[];
  readonly passed: boolean;
  readonly reportPaths?: ReportPaths;
}

export class ComplianceChecker implements IAspect {
  /** The latest check of each stack, by stack path (tests and tools read it). */
  readonly checks = new Map<string, StackCheck>();
  private readonly registeredStacks = new WeakSet<TerraformStack>();
  private readonly visitedStacks = new WeakSet<TerraformStack>();
  private readonly validatedResources = new WeakSet<IConstruct>();
  private linesByPath = new Map<string, string[]>();
  /** Problems the mutators reported during this synth's aspect pass, by stack. */
  private readonly problems = new WeakMap<
    TerraformStack,
    Map<string, { node: IConstruct; message: string }>
  >();

  constructor(
    private readonly scope: IConstruct,
    private readonly policy: CompliancePolicy,
    private readonly rules: readonly Rule[],
    /** Names of the mutators added with this checker (fix texts say what they inject). */
    private readonly injectors: ReadonlySet<string> = new Set(),
  ) {}

  visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) {
      // A new aspect pass over the stack: problems are reported afresh by the mutators below it.
      this.problems.delete(node);
      this.register(node);
    } else if (node === this.scope && !App.isApp(node)) this.register(TerraformStack.of(node));
  }

  /** A problem a mutator met on a construct (e.g. a policy key from another stack): it fails the stack. */
  reportProblem(node: IConstruct, message: string): void {
    const stack = TerraformStack.of(node);
    let list = this.problems.get(stack);
    if (!list) this.problems.set(stack, (list = new Map()));
    list.set(`${node.node.path}\n${message}`, { node, message });
  }

  /** Whether the engine ran this checker's aspect on the stack (in this process). */
  wasVisited(stack: TerraformStack): boolean {
    return this.visitedStacks.has(stack);
  }

  /** Puts the guard on a stack before any synth: applyPolicy calls it for the stacks it covers. */
  guardStack(stack: TerraformStack): void {
    StackGuard.watch(stack, this);
  }

  /** Gives a construct a validation that returns the lines the last check filed under its path. */
  private ensureValidation(node: IConstruct): void {
    if (this.validatedResources.has(node)) return;
    this.validatedResources.add(node);
    node.node.addValidation({ validate: () => this.linesByPath.get(node.node.path) ?? [] });
  }

  private file(p: string, line: string): void {
    const list = this.linesByPath.get(p) ?? [];
    list.push(line);
    this.linesByPath.set(p, list);
  }

  private register(stack: TerraformStack): void {
    this.visitedStacks.add(stack);
    if (this.registeredStacks.has(stack)) return;
    // Fail closed: with skipValidation the engine would never run the check in a synth.
    if ((App.of(stack) as unknown as { skipValidation?: boolean }).skipValidation) {
      throw new Error(
        `[compliance/GateBypassed] ${stack.node.path}: the App was created with skipValidation: true, which would skip the compliance check. Remove skipValidation, or suppress individual findings with suppress().`,
      );
    }
    this.registeredStacks.add(stack);
    // The stack comes first in CDKTF's pre-order validation walk, so its validation judges before the
    // resources' validations read their lines.
    stack.node.addValidation({ validate: () => this.validate(stack) });
    StackGuard.watch(stack, this);
  }

  private scopePaths(stack: TerraformStack): string[] {
    if (App.isApp(this.scope) || this.scope === stack) return [];
    return [this.scope.node.path];
  }

  /** The stack's validation: judges, files each line on its construct, returns the stack's own lines. */
  private validate(stack: TerraformStack): string[] {
    const { check, constructAt, owners, policyProblems } = this.judgeWith(stack);
    this.linesByPath = new Map();
    const leftover: string[] = [];
    for (const v of check.evaluation.violations) {
      const construct = constructAt(v.resource.path);
      if (!construct || !TerraformResource.isTerraformResource(construct)) {
        leftover.push(violationLine(v));
        continue;
      }
      this.ensureValidation(construct);
      this.file(v.resource.path, violationMessage(v));
    }
    for (const p of check.evaluation.suppressionProblems) {
      const owner = owners.get(p.site.ownerPath);
      if (p.site.ownerPath === stack.node.path) leftover.push(suppressionProblemMessage(p));
      else if (owner) {
        // CDKTF validates descendants after the stack, so a validation added now still runs this synth.
        this.ensureValidation(owner);
        this.file(p.site.ownerPath, suppressionProblemMessage(p));
      } else leftover.push(suppressionProblemLine(p)); // declared above the stack
    }
    for (const { node, message } of this.problems.get(stack)?.values() ?? []) {
      this.ensureValidation(node);
      this.file(node.node.path, message);
    }
    // Notes and warnings never fail synthesis; as WARN annotations the cdktf CLI prints them.
    for (const note of check.evaluation.notes) warnOnce(stack, note);
    for (const f of check.evaluation.findings) {
      if (f.warning === undefined) continue;
      warnOnce(constructAt(f.resource.path) ?? stack, `${f.resource.address} [${f.rule.id}] ${f.warning}`);
    }
    leftover.push(...policyProblems.map((p) => `[compliance/PolicyInvalid] ${p}`));
    if (check.passed) StackGuard.watch(stack, this).handOff(this, check.json);
    return leftover;
  }

  /**
   * Judges a stack: evaluates its configuration, records the check, writes the reports, and removes a
   * refused stack's stale output. Used by the validation and by the guard (judging on demand).
   */
  judge(stack: TerraformStack): StackCheck {
    return this.judgeWith(stack).check;
  }

  private judgeWith(stack: TerraformStack): {
    check: StackCheck;
    constructAt: (p: string) => IConstruct | undefined;
    owners: ReadonlyMap<string, IConstruct>;
    /** Where the policy disagrees with the configuration (judged once; validate() files them too). */
    policyProblems: readonly string[];
  } {
    const toTerraform = Object.getPrototypeOf(stack).toTerraform as () => TfConfigJson;
    const json = toTerraform.call(stack);
    // No walk of the stack's constructs (tens of thousands in a large stack): constructs are found by
    // path, from the few the judgement needs (one per resource type, the suppressed, the violating).
    const constructAt = constructFinder(stack);
    const taggableTypes = taggableTypesOf(json, constructAt);
    const scopePaths = this.scopePaths(stack);
    const model = new TfModel(json, { taggableTypes, scopePaths });
    // A gate on the App or the stack itself covers every suppression of the stack ('' scope).
    const { suppressionsFor, allSuppressions, owners } = suppressionIndex(
      stackSuppressions(stack, constructAt),
      scopePaths[0] ?? '',
    );
    const evaluated = evaluate(model, this.policy, this.rules, {
      suppressionsFor,
      allSuppressions,
      injectors: this.injectors,
    });
    const evaluation: Evaluation = {
      ...evaluated,
      suppressionProblems: [...evaluated.suppressionProblems, ...suppressionsAbove(stack)],
    };
    const policyProblems = regionProblems(model, this.policy);
    const policyLines = policyProblems.map((p) => `[${stack.node.path}] [compliance/PolicyInvalid] ${p}`);
    const lines = [
      ...[...(this.problems.get(stack)?.values() ?? [])].map((p) => `[${p.node.node.path}] ${p.message}`),
      ...evaluation.violations.map(violationLine),
      ...evaluation.suppressionProblems.map(suppressionProblemLine),
      ...policyLines,
    ];
    const passed = lines.length === 0;
    const outdir = App.of(stack).outdir;
    const reportPaths = this.policy.writeReports
      ? this.writeReports(outdir, stack.node.id, evaluation, constructAt)
      : undefined;
    const check: StackCheck = { stack, evaluation, json, lines, passed, reportPaths };
    this.checks.set(stack.node.path, check);
    if (!passed) removeStaleOutput(outdir, stack.node.id);
    return { check, constructAt, owners, policyProblems };
  }

  /** Writes the stack's report files (a method of its own, so the benchmark can time it). */
  private writeReports(
    outdir: string,
    stackName: string,
    evaluation: Evaluation,
    constructAt: (p: string) => IConstruct | undefined,
  ): ReportPaths {
    return writeReports(outdir, stackName, this.policy, evaluation, constructAt);
  }
}

/** Finds a construct of the stack by its path (memoized), walking down from the stack: no full walk. */
function constructFinder(stack: TerraformStack): (path: string) => IConstruct | undefined {
  const stackPath = stack.node.path;
  const found = new Map<string, IConstruct | undefined>();
  return (p) => {
    if (found.has(p)) return found.get(p);
    let c: IConstruct | undefined;
    if (p === stackPath) c = stack;
    else if (p.startsWith(`${stackPath}/`)) {
      c = stack;
      for (const id of p.slice(stackPath.length + 1).split('/')) {
        c = c.node.tryFindChild(id);
        if (!c) break;
      }
    }
    found.set(p, c);
    return c;
  };
}

/**
 * The resource types of a configuration that accept tags. Whether a type does is a property of its
 * generated class (acceptsTags): asked of one construct per type, the first of that type in the
 * configuration that has one.
 */
function taggableTypesOf(
  json: TfConfigJson,
  constructAt: (p: string) => IConstruct | undefined,
): Set<string> {
  const taggable = new Set<string>();
  const resources = json.resource ?? {};
  for (const type in resources) {
    const byName = resources[type] ?? {};
    for (const name in byName) {
      const p = recordedPath(byName[name]);
      const c = p === undefined ? undefined : constructAt(p);
      if (!c || !TerraformResource.isTerraformResource(c)) continue;
      if (acceptsTags(c)) taggable.add(type);
      break;
    }
  }
  return taggable;
}

/** A WARN annotation, once per construct and text (the check runs again on every synth). */
function warnOnce(node: IConstruct, message: string): void {
  const seen = node.node.metadata.some(
    (m) => m.type === AnnotationMetadataEntryType.WARN && m.data === message,
  );
  if (!seen) Annotations.of(node).addWarning(message);
}

/**
 * Guards what a stack hands out, so no caller receives a configuration the gate has not judged. One guard
 * per stack, shared by every checker that covers it (a policy on the stack and another on a construct
 * inside it):
 * - in a synth, each checker's validation hands over the configuration it judged; the synthesizer gets
 *   it only when every checker of the stack passed (one call; dropped when the synthesizer returns or
 *   throws, so it cannot outlive a refused synth);
 * - any other call of `toTerraform()` (`Testing.synth(stack)` runs no validation) judges on the spot
 *   with every checker and throws the violation lines instead of returning non-compliant JSON;
 * - when a checker's aspects never ran on the stack (an engine copy that does not see them, or a call
 *   before any synth), it refuses with `[compliance/GateNotRun]` instead of judging a configuration the
 *   mutators never completed.
 */
class StackGuard {
  private static readonly guards = new WeakMap<TerraformStack, StackGuard>();
  private readonly checkers = new Set<ComplianceChecker>();
  private readonly handOffs = new Map<ComplianceChecker, TfConfigJson>();

  static watch(stack: TerraformStack, checker: ComplianceChecker): StackGuard {
    let guard = StackGuard.guards.get(stack);
    if (!guard) {
      guard = new StackGuard(stack);
      StackGuard.guards.set(stack, guard);
    }
    guard.checkers.add(checker);
    return guard;
  }

  private constructor(private readonly stack: TerraformStack) {
    const synthesizer = stack.synthesizer;
    const synthesize = synthesizer.synthesize.bind(synthesizer);
    synthesizer.synthesize = (session) => {
      try {
        synthesize(session);
      } finally {
        this.handOffs.clear();
      }
    };
    Object.defineProperty(stack, 'toTerraform', {
      configurable: true,
      writable: true,
      value: () => this.configuration(),
    });
  }

  handOff(checker: ComplianceChecker, json: TfConfigJson): void {
    this.handOffs.set(checker, json);
  }

  private configuration(): TfConfigJson {
    const stack = this.stack;
    const checkers = [...this.checkers];
    const judged = checkers.every((c) => this.handOffs.has(c))
      ? this.handOffs.get(checkers[checkers.length - 1])
      : undefined;
    this.handOffs.clear();
    if (judged) return judged;
    if (checkers.some((c) => !c.wasVisited(stack))) {
      throw new Error(
        `[compliance/GateNotRun] ${stack.node.path}: a compliance policy was applied to this stack, but the engine never ran the gate's aspects on it, so its configuration was neither completed nor judged. This happens when the construct tree was built with another copy or version of cdktf/cdktn than the one the gate uses (run \`npm ls cdktf cdktn\` and keep one copy), or when toTerraform() is called before the aspects ran (use app.synth() or Testing.synth(stack)).`,
      );
    }
    let json: TfConfigJson | undefined;
    const lines: string[] = [];
    for (const checker of this.checkers) {
      const check = checker.judge(stack);
      lines.push(...check.lines);
      json = check.json;
    }
    if (lines.length > 0) {
      throw new Error(
        `[compliance/GateRefused] ${stack.node.path}: the compliance gate refused this configuration (${lines.length} problem(s)):\n  ${lines.join('\n  ')}`,
      );
    }
    return json as TfConfigJson;
  }
}
