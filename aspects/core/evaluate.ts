/**
 * Runs a rule catalogue over a model. Pure: no constructs, no I/O. The CDKTF checker and the plan
 * checker both call this, so a Terraform plan is judged by exactly the same rules as a synth.
 */
import type { CompliancePolicy, Suppression } from './policy';
import { isIsoDate } from './policy';
import type { TfModel, TfResource } from './model';
import type { Outcome, Rule, RuleResult } from './rule';

export interface SuppressionSite {
  readonly suppression: Suppression;
  /** Construct path (or address) the suppression was declared on; it covers that path and below. */
  readonly ownerPath: string;
}

export interface Finding {
  readonly rule: Rule;
  readonly resource: TfResource;
  readonly outcome: Outcome;
  readonly message?: string;
  readonly attribute?: string;
  /** A compliant finding's warning (see RuleResult.warning). */
  readonly warning?: string;
  readonly suppressedBy?: SuppressionSite;
  /** How to fix it, for the mode the evaluation ran in (see fixFor). */
  readonly fix: string;
}

export interface SuppressionProblem {
  readonly site: SuppressionSite;
  readonly problem: string;
}

export interface Evaluation {
  readonly model: TfModel;
  readonly rules: readonly Rule[];
  /** Resources judged (in scope), in configuration order. */
  readonly resources: readonly TfResource[];
  /**
   * One entry per (resource, rule, result) for every rule that applies to the resource's type, grouped by
   * resource (in `resources` order) and, within a resource, by rule (the report relies on this).
   */
  readonly findings: readonly Finding[];
  /** Non-compliant or unresolved findings that no valid suppression covers: each fails synthesis. */
  readonly violations: readonly Finding[];
  /** Expired suppressions, unused ones, and ones naming an unknown rule or without a proper reason. */
  readonly suppressionProblems: readonly SuppressionProblem[];
  /** Policy-level notes of the rules (Rule.notes), deduplicated, in catalogue order. Never a failure. */
  readonly notes: readonly string[];
}

export interface EvaluateOptions {
  /** Suppressions that apply to a resource (declared on it or on an ancestor scope). */
  readonly suppressionsFor?: (resource: TfResource) => readonly SuppressionSite[];
  /** Every declared suppression site, to find unused and invalid ones. */
  readonly allSuppressions?: readonly SuppressionSite[];
  /**
   * Names of the injectors that ran before the evaluation (the CDK adapter's mutators). Empty or absent
   * when nothing injects (a plan, a synthesized file judged by the CLI): fixes then say what to write.
   */
  readonly injectors?: ReadonlySet<string>;
}

/**
 * The fix to print for a rule, true to the mode and the policy: the injector's way only when that
 * injector ran and has what it needs (a key for the purpose); the plain configuration fix otherwise.
 */
export function fixFor(rule: Rule, policy: CompliancePolicy, injectors?: ReadonlySet<string>): string {
  if (rule.injectedBy === undefined || rule.injectedFix === undefined || !injectors?.has(rule.injectedBy))
    return rule.fix;
  if (rule.keyPurpose !== undefined && policy.keys[rule.keyPurpose] === undefined) {
    return `${rule.fix}; or pass keys.${rule.keyPurpose} in the policy (it has none, so the gate injects no ${rule.keyPurpose} key)`;
  }
  return `${rule.injectedFix}, or ${rule.fix}`;
}

/** Today's date as `YYYY-MM-DD` in UTC. */
export function isoToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Problems with a suppression's own text, independent of use. */
export function suppressionTextProblems(
  s: Suppression,
  today: string,
  knownRuleIds: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  if (!knownRuleIds.has(s.ruleId))
    problems.push(`names rule "${s.ruleId}", which is not in the policy's catalogue`);
  const reason = (s.reason ?? '').trim();
  if (reason.length < 20 || reason.split(/\s+/).length < 4) {
    problems.push(
      'has no written reason: give at least one full sentence saying why the finding is accepted',
    );
  }
  if (!isIsoDate(s.expires)) {
    problems.push(`has expiry "${s.expires}", which is not an ISO date (YYYY-MM-DD)`);
  } else if (s.expires < today) {
    problems.push(
      `expired on ${s.expires}: review the exception and renew it with a new date, or fix the finding`,
    );
  }
  return problems;
}

export function evaluate(
  model: TfModel,
  policy: CompliancePolicy,
  rules: readonly Rule[],
  options: EvaluateOptions = {},
): Evaluation {
  const byType = new Map<string, Rule[]>();
  const taggableRules: Rule[] = [];
  for (const rule of rules) {
    if (rule.appliesTo === 'taggable') taggableRules.push(rule);
    else
      for (const t of rule.appliesTo) {
        let list = byType.get(t);
        if (!list) byType.set(t, (list = []));
        list.push(rule);
      }
  }
  const today = policy.today ?? isoToday();
  const knownIds = new Set(rules.map((r) => r.id));
  const invalidSites = new Map<SuppressionSite, string[]>();
  for (const site of options.allSuppressions ?? []) {
    const problems = suppressionTextProblems(site.suppression, today, knownIds);
    if (problems.length > 0) invalidSites.set(site, problems);
  }
  const used = new Set<SuppressionSite>();
  const ctx = { model, policy };
  const resources = model.resources.filter((r) => model.inScope(r));
  const findings: Finding[] = [];
  const violations: Finding[] = [];
  const fixes = new Map<Rule, string>();
  const fixOf = (rule: Rule): string => {
    let fix = fixes.get(rule);
    if (fix === undefined) fixes.set(rule, (fix = fixFor(rule, policy, options.injectors)));
    return fix;
  };
  const rulesByType = new Map<string, Rule[]>();

  const record = (
    rule: Rule,
    resource: TfResource,
    result: RuleResult,
    sites: readonly SuppressionSite[],
  ): void => {
    if (result.outcome !== 'non-compliant' && result.outcome !== 'unresolved') {
      findings.push(finding(rule, resource, result, undefined, fixOf(rule)));
      return;
    }
    // An invalid suppression suppresses nothing (its problems are reported instead, never "unused").
    const suppressedBy = sites.find((s) => s.suppression.ruleId === rule.id && !invalidSites.has(s));
    if (suppressedBy) used.add(suppressedBy);
    const f = finding(rule, resource, result, suppressedBy, fixOf(rule));
    findings.push(f);
    if (!suppressedBy) violations.push(f);
  };

  for (const resource of resources) {
    let all = rulesByType.get(resource.type);
    if (!all) {
      const applicable = byType.get(resource.type) ?? [];
      all = model.taggableTypes.has(resource.type) ? [...applicable, ...taggableRules] : applicable;
      rulesByType.set(resource.type, all);
    }
    if (all.length === 0) continue;
    const sites = options.suppressionsFor?.(resource) ?? [];
    for (const rule of all) {
      const raw = rule.evaluate(resource, ctx);
      if (!Array.isArray(raw)) {
        record(rule, resource, raw as RuleResult, sites);
        continue;
      }
      if (raw.length === 0) {
        // A rule that answers nothing would hide its findings: fail loudly instead.
        throw new Error(`[compliance/RuleBroken] rule ${rule.id} returned no result for ${resource.address}`);
      }
      for (const result of raw as readonly RuleResult[]) record(rule, resource, result, sites);
    }
  }

  const suppressionProblems: SuppressionProblem[] = [];
  for (const site of options.allSuppressions ?? []) {
    for (const problem of invalidSites.get(site) ?? []) suppressionProblems.push({ site, problem });
    if (!used.has(site) && !invalidSites.has(site)) {
      suppressionProblems.push({
        site,
        problem: `matches no finding of rule ${site.suppression.ruleId} under this scope: remove it (a stale exception hides future findings)`,
      });
    }
  }
  const notes = [...new Set(rules.flatMap((r) => r.notes?.({ policy, today }) ?? []))];
  return { model, rules, resources, findings, violations, suppressionProblems, notes };
}

/**
 * A finding, always with the same properties in the same order (absent ones undefined): tens of
 * thousands are made per large stack, and one shape keeps every reader of them monomorphic.
 */
function finding(
  rule: Rule,
  resource: TfResource,
  result: RuleResult,
  suppressedBy: SuppressionSite | undefined,
  fix: string,
): Finding {
  return {
    rule,
    resource,
    outcome: result.outcome,
    message: result.message,
    attribute: result.attribute,
    warning: result.warning,
    suppressedBy,
    fix,
  };
}

/** A violation without its construct path: Terraform address, rule id, what is wrong, how to fix. */
export function violationMessage(f: Finding): string {
  const what = f.outcome === 'unresolved' ? `cannot be judged: ${f.message}` : f.message;
  return `${f.resource.address} [${f.rule.id}] ${what}. Fix: ${f.fix}`;
}

/** One line per violation: construct path, Terraform address, rule id, what is wrong, how to fix. */
export function violationLine(f: Finding): string {
  return `[${f.resource.path}] ${violationMessage(f)}`;
}

/** A suppression problem without the owner's path. */
export function suppressionProblemMessage(p: SuppressionProblem): string {
  return `[SuppressionInvalid] suppression of ${p.site.suppression.ruleId} ${p.problem}`;
}

export function suppressionProblemLine(p: SuppressionProblem): string {
  return `[${p.site.ownerPath}] ${suppressionProblemMessage(p)}`;
}
