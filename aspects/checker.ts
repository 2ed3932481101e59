/**
 * ComplianceChecker — read-only. Its `visit` only records which resource types accept tags and gives each
 * stack one validation; judging happens once per stack in that validation, which CDKTF runs after every
 * aspect has run on every node. So the checker sees the final, mutated configuration, and it judges
 * the same JSON that Terraform will receive (`stack.toTerraform()`), escape hatches included.
 *
 * Invariants:
 * - Each violation fails synthesis with one line on the violating construct: construct path, Terraform
 *   address, rule id, what is wrong, how to fix (CDKTF prints `[path] line` and writes no stack). The
 *   violating constructs get their validation during the check: CDKTF validates the stack before its
 *   descendants, so a validation added then still runs in this synth, and a compliant resource costs
 *   no validation at all.
 * - Reports (JSON + SARIF) are written once per stack per synth, after judging, pass or fail.
 * - On failure, a stale `cdk.tf.json` of that stack from an earlier synth is removed, so nothing
 *   downstream (plan, apply) can pick up output that did not pass the gate.
 * - The resolved configuration is handed to the synthesizer (one-shot), so the gate does not resolve the
 *   stack twice.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { IAspect } from 'cdktf';
import { AnnotationMetadataEntryType, Annotations, App, TerraformResource, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { CompliancePolicy } from './policy';
import type { Evaluation, SuppressionProblem, SuppressionSite } from './engine/evaluate';
import {
  evaluate,
  suppressionProblemLine,
  suppressionProblemMessage,
  violationLine,
  violationMessage,
} from './engine/evaluate';
import type { TfConfigJson, TfResource } from './engine/model';
import { TfModel } from './engine/model';
import type { Rule } from './engine/rule';
import { buildJsonReport, buildSarif, formatJsonReport } from './engine/report';
import { suppressionsOn } from './suppressions';
import { acceptsTags } from './mutators/tags';

export interface StackCheck {
  readonly stack: TerraformStack;
  readonly evaluation: Evaluation;
  readonly json: TfConfigJson;
  readonly reportPaths?: { readonly json: string; readonly sarif: string };
}

export class ComplianceChecker implements IAspect {
  /** The latest check of each stack, by stack path (tests and tools read it). */
  readonly checks = new Map<string, StackCheck>();
  private readonly registeredStacks = new WeakSet<TerraformStack>();
  private readonly guardedStacks = new WeakSet<TerraformStack>();
  private readonly validatedResources = new WeakSet<IConstruct>();
  private readonly taggableTypes = new Set<string>();
  private readonly seenTypes = new Set<string>();
  private linesByPath = new Map<string, string[]>();

  constructor(
    private readonly scope: IConstruct,
    private readonly policy: CompliancePolicy,
    private readonly rules: readonly Rule[],
  ) {}

  visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) this.register(node);
    else if (node === this.scope && !App.isApp(node)) this.register(TerraformStack.of(node));
    if (!TerraformResource.isTerraformResource(node)) return;
    // Whether a type accepts tags is a property of its class: asked once per type.
    const type = node.terraformResourceType;
    if (this.seenTypes.has(type)) return;
    this.seenTypes.add(type);
    if (acceptsTags(node)) this.taggableTypes.add(type);
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
    if (this.registeredStacks.has(stack)) return;
    // Fail closed: with skipValidation CDKTF would never run the check and synthesis would pass unjudged.
    if ((App.of(stack) as unknown as { skipValidation?: boolean }).skipValidation) {
      throw new Error(
        `[compliance/GateBypassed] ${stack.node.path}: the App was created with skipValidation: true, which would skip the compliance check. Remove skipValidation, or suppress individual findings with suppress().`,
      );
    }
    this.registeredStacks.add(stack);
    // The stack comes first in CDKTF's pre-order validation walk, so its validation judges before the
    // resources' validations read their lines.
    stack.node.addValidation({ validate: () => this.check(stack) });
    this.guardHandOff(stack);
  }

  /**
   * The judged configuration handed to the synthesizer is good for one synth only: if a later validation
   * refuses the stack, the synthesizer never takes it, and it must not linger for the next caller of
   * `toTerraform()`. So the stack's synthesizer drops it when it returns or throws. Must be in place
   * before the synth starts (the check runs inside the synthesizer's call): applyPolicy calls it for the
   * stacks it covers; register() covers stacks first met during a synth, from their next synth on.
   */
  guardHandOff(stack: TerraformStack): void {
    if (this.guardedStacks.has(stack)) return;
    this.guardedStacks.add(stack);
    const synthesizer = stack.synthesizer;
    const synthesize = synthesizer.synthesize.bind(synthesizer);
    synthesizer.synthesize = (session) => {
      try {
        synthesize(session);
      } finally {
        delete (stack as unknown as Record<string, unknown>)['toTerraform'];
      }
    };
  }

  private scopePaths(stack: TerraformStack): string[] {
    if (App.isApp(this.scope) || this.scope === stack) return [];
    return [this.scope.node.path];
  }

  private check(stack: TerraformStack): string[] {
    const toTerraform = Object.getPrototypeOf(stack).toTerraform as () => TfConfigJson;
    const json = toTerraform.call(stack);
    const model = new TfModel(json, {
      taggableTypes: this.taggableTypes,
      scopePaths: this.scopePaths(stack),
    });
    const { suppressionsFor, allSuppressions, owners, constructAt } = this.suppressionIndex(stack);
    const evaluated = evaluate(model, this.policy, this.rules, { suppressionsFor, allSuppressions });
    const evaluation: Evaluation = {
      ...evaluated,
      suppressionProblems: [...evaluated.suppressionProblems, ...suppressionsAbove(stack)],
    };

    this.linesByPath = new Map();
    const leftover: string[] = [];
    for (const v of evaluation.violations) {
      const construct = constructAt(v.resource.path);
      if (!construct || !TerraformResource.isTerraformResource(construct)) {
        leftover.push(violationLine(v));
        continue;
      }
      this.ensureValidation(construct);
      this.file(v.resource.path, violationMessage(v));
    }
    for (const p of evaluation.suppressionProblems) {
      const owner = owners.get(p.site.ownerPath);
      if (p.site.ownerPath === stack.node.path) leftover.push(suppressionProblemMessage(p));
      else if (owner) {
        // CDKTF validates descendants after the stack, so a validation added now still runs this synth.
        this.ensureValidation(owner);
        this.file(p.site.ownerPath, suppressionProblemMessage(p));
      } else leftover.push(suppressionProblemLine(p)); // declared above the stack
    }

    // Notes and warnings never fail synthesis; as WARN annotations the cdktf CLI prints them.
    for (const note of evaluation.notes) warnOnce(stack, note);
    for (const f of evaluation.findings) {
      if (f.warning === undefined) continue;
      warnOnce(constructAt(f.resource.path) ?? stack, `${f.resource.address} [${f.rule.id}] ${f.warning}`);
    }

    const failed = evaluation.violations.length > 0 || evaluation.suppressionProblems.length > 0;
    const reportPaths = this.policy.writeReports ? this.writeReports(stack, evaluation) : undefined;
    this.checks.set(stack.node.path, { stack, evaluation, json, reportPaths });
    if (failed) {
      this.removeStaleOutput(stack);
    } else {
      // Hand the configuration we judged to the synthesizer (one call), instead of resolving it twice.
      Object.defineProperty(stack, 'toTerraform', {
        configurable: true,
        writable: true,
        value: () => {
          delete (stack as unknown as Record<string, unknown>)['toTerraform'];
          return json;
        },
      });
    }
    return leftover;
  }

  /**
   * One walk of the stack's constructs: the suppressions declared in the gate's scope, and a lookup of
   * constructs by path (built on first use: only a failing check needs it).
   */
  private suppressionIndex(stack: TerraformStack): {
    suppressionsFor: (r: TfResource) => SuppressionSite[];
    allSuppressions: SuppressionSite[];
    owners: Map<string, IConstruct>;
    constructAt: (path: string) => IConstruct | undefined;
  } {
    const byOwner = new Map<string, SuppressionSite[]>();
    const owners = new Map<string, IConstruct>();
    const allSuppressions: SuppressionSite[] = [];
    const scopePath = App.isApp(this.scope) ? '' : this.scope.node.path;
    const all = stack.node.findAll();
    let byPath: Map<string, IConstruct> | undefined;
    const constructAt = (p: string): IConstruct | undefined =>
      (byPath ??= new Map(all.map((c) => [c.node.path, c]))).get(p);
    for (const c of all) {
      if (c.node.metadata.length === 0) continue;
      const sites = suppressionsOn(c);
      if (sites.length === 0) continue;
      const owner = c.node.path;
      const related =
        scopePath === '' ||
        owner === scopePath ||
        owner.startsWith(`${scopePath}/`) ||
        scopePath.startsWith(`${owner}/`);
      if (!related) continue;
      byOwner.set(owner, sites);
      owners.set(owner, c);
      allSuppressions.push(...sites);
    }
    const suppressionsFor = (r: TfResource): SuppressionSite[] => {
      if (byOwner.size === 0) return [];
      const out: SuppressionSite[] = [];
      const parts = r.path.split('/');
      for (let i = parts.length; i > 0; i--) {
        const sites = byOwner.get(parts.slice(0, i).join('/'));
        if (sites) out.push(...sites);
      }
      return out;
    };
    return { suppressionsFor, allSuppressions, owners, constructAt };
  }

  private outdir(stack: TerraformStack): string {
    return App.of(stack).outdir;
  }

  private writeReports(stack: TerraformStack, evaluation: Evaluation): { json: string; sarif: string } {
    const dir = path.join(this.outdir(stack), 'compliance');
    fs.mkdirSync(dir, { recursive: true });
    const name = stack.node.id;
    const jsonPath = path.join(dir, `${name}.compliance.json`);
    const sarifPath = path.join(dir, `${name}.sarif`);
    const artifact = path
      .relative(process.cwd(), path.join(this.outdir(stack), 'stacks', name, 'cdk.tf.json'))
      .split(path.sep)
      .join('/');
    writeAtomically(jsonPath, formatJsonReport(buildJsonReport(name, this.policy, evaluation)));
    writeAtomically(sarifPath, JSON.stringify(buildSarif(name, evaluation, artifact), null, 2));
    return { json: jsonPath, sarif: sarifPath };
  }

  private removeStaleOutput(stack: TerraformStack): void {
    const stale = path.join(this.outdir(stack), 'stacks', stack.node.id, 'cdk.tf.json');
    fs.rmSync(stale, { force: true });
  }
}

/**
 * Suppressions declared above the stack (on the App, or a construct between the App and the stack): CDKTF
 * synthesizes and validates each stack on its own, so they cover nothing. Refused rather than ignored,
 * so the author learns why the finding still fails.
 */
function suppressionsAbove(stack: TerraformStack): SuppressionProblem[] {
  return stack.node.scopes
    .slice(0, -1)
    .flatMap((c) => suppressionsOn(c))
    .map((site) => ({
      site: site.ownerPath === '' ? { ...site, ownerPath: '<app>' } : site,
      problem: `is declared above the stack ${stack.node.path}, where it covers nothing (each stack is judged on its own): declare it on the stack or on a construct inside it`,
    }));
}

/** A WARN annotation, once per construct and text (the check runs again on every synth). */
function warnOnce(node: IConstruct, message: string): void {
  const seen = node.node.metadata.some(
    (m) => m.type === AnnotationMetadataEntryType.WARN && m.data === message,
  );
  if (!seen) Annotations.of(node).addWarning(message);
}

function writeAtomically(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${content}\n`);
  fs.renameSync(tmp, file);
}
