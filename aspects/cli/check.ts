/**
 * `compliance-gate check`: judges plans and synthesized configurations with the rule catalogue, for CI.
 *
 *   compliance-gate check <plan.json | cdk.tf.json | directory of stacks>
 *     [--policy policy.json] [--suppressions suppressions.json] [--out DIR]
 *     [--format text|json|sarif] [--source DIR] [--schema schema.json|auto|shipped]
 *
 * Exit codes: 0 everything judged complies; 1 violations, values that cannot be judged, or suppression
 * and policy problems; 2 unusable input (one line: what is wrong and how to fix it).
 *
 * Nothing injects here: fix texts are the plain configuration fixes (the `injectors` option is absent).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Evaluation, SuppressionSite } from '../core/evaluate';
import { evaluate, suppressionProblemLine, violationLine, violationMessage } from '../core/evaluate';
import { activeRules, regionProblems } from '../core/policy';
import { TOOL_NAME, TOOL_VERSION, buildSarif, jsonReportText } from '../core/report';
import { coverage, coverageLine } from '../core/coverage';
import { writeAtomically } from '../core/files';
import { CATALOGUE } from '../rules';
import type { AddressedSuppression, Stack } from './inputs';
import { InputError, covers, readInputs, readPolicy, readSuppressions, readTaggable } from './inputs';
import type { Locate } from './source-locator';
import { fileLocator, hclLocator, jsonLocator } from './source-locator';

export const USAGE = `usage: compliance-gate check <plan.json | cdk.tf.json | directory of stacks> [--policy policy.json] [--suppressions suppressions.json] [--out DIR] [--format text|json|sarif] [--source DIR] [--schema schema.json|auto|shipped]`;

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export interface CheckArgs {
  readonly input: string;
  readonly policy?: string;
  readonly suppressions?: string;
  readonly out?: string;
  readonly format: 'text' | 'json' | 'sarif';
  readonly source?: string;
  readonly schema?: string;
}

const VALUE_OPTIONS = ['policy', 'suppressions', 'out', 'format', 'source', 'schema'] as const;

export function parseArgs(argv: readonly string[]): CheckArgs {
  const [command, ...rest] = argv;
  if (command !== 'check') {
    throw new InputError(
      command === undefined ? `no command given; ${USAGE}` : `unknown command "${command}"; ${USAGE}`,
    );
  }
  const values: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (!(VALUE_OPTIONS as readonly string[]).includes(name))
        throw new InputError(`unknown option ${a}; ${USAGE}`);
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') throw new InputError(`option --${name} needs a value; ${USAGE}`);
      if (name in values) throw new InputError(`option --${name} given twice`);
      values[name] = v;
    } else positional.push(a);
  }
  if (positional.length !== 1) {
    throw new InputError(
      positional.length === 0
        ? `check needs one input; ${USAGE}`
        : `check takes one input, got ${positional.length} (${positional.join(', ')}); pass a directory to judge several stacks`,
    );
  }
  const format = values['format'] ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif')
    throw new InputError(`--format ${format} is not one of text, json, sarif`);
  if (values['source'] !== undefined && !isDirectory(values['source']))
    throw new InputError(
      `--source ${values['source']} is not a directory: pass the root module directory (where the .tf files are)`,
    );
  return {
    input: positional[0],
    policy: values['policy'],
    suppressions: values['suppressions'],
    out: values['out'],
    format,
    source: values['source'],
    schema: values['schema'],
  };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

interface StackResult {
  readonly stack: Stack;
  readonly evaluation: Evaluation;
  readonly policyProblems: readonly string[];
  readonly locate: Locate;
}

/** Runs the command; returns the exit code. Never throws for bad input (exit 2 with one line). */
export function main(argv: readonly string[], io: Io): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (argv.includes('--version')) {
    io.out(`${TOOL_NAME} ${TOOL_VERSION}\n`);
    return 0;
  }
  try {
    return check(parseArgs(argv), io);
  } catch (e) {
    if (e instanceof InputError) {
      io.err(`compliance-gate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

export function check(args: CheckArgs, io: Io): number {
  const policy = readPolicy(args.policy);
  const suppressions = readSuppressions(args.suppressions);
  const taggable = readTaggable(args.schema, args.source);
  const stacks = readInputs(args.input, taggable);
  const { rules, unknownDisabled } = activeRules(policy, CATALOGUE);
  if (unknownDisabled.length > 0)
    throw new InputError(
      `policy ${args.policy}: [compliance/PolicyInvalid] disabledRules names unknown rule(s) ${unknownDisabled.join(', ')}`,
    );
  const names = new Set(stacks.map((s) => s.name));
  const strayStacks = suppressions.filter((s) => s.stack !== undefined && !names.has(s.stack));
  if (strayStacks.length > 0)
    throw new InputError(
      `suppressions ${args.suppressions}: stack "${strayStacks[0].stack}" is not among the stacks judged (${[...names].join(', ')})`,
    );

  // One site per suppression, shared by every stack it applies to (unused = unused in all of them).
  const sites = new Map<AddressedSuppression, SuppressionSite>(
    suppressions.map((s) => [s, { suppression: s, ownerPath: s.address }]),
  );
  const results: StackResult[] = stacks.map((stack) => {
    const mine = suppressions.filter((s) => s.stack === undefined || s.stack === stack.name);
    const evaluation = evaluate(stack.model, policy, rules, {
      allSuppressions: mine.map((s) => sites.get(s)!),
      suppressionsFor: (r) =>
        mine.filter((s) => covers(s.address, r.address, r.path)).map((s) => sites.get(s)!),
    });
    return {
      stack,
      evaluation,
      policyProblems: regionProblems(stack.model, policy).map((p) => `[compliance/PolicyInvalid] ${p}`),
      locate: locator(stack, args.source),
    };
  });
  const used = new Set<SuppressionSite>();
  for (const r of results)
    for (const f of r.evaluation.findings) if (f.suppressedBy) used.add(f.suppressedBy);
  // A suppression offered to several stacks is unused only when no stack used it; report it once.
  const reported = new Set<string>();
  const final = results.map((r) => ({
    ...r,
    evaluation: {
      ...r.evaluation,
      suppressionProblems: r.evaluation.suppressionProblems.filter((p) => {
        if (p.problem.startsWith('matches no finding') && used.has(p.site)) return false;
        const key = `${suppressions.indexOf(p.site.suppression as AddressedSuppression)}:${p.problem}`;
        if (reported.has(key)) return false;
        reported.add(key);
        return true;
      }),
    },
  }));

  // Each stack's reports are built once, for the files and for stdout alike.
  const built = new Map<StackResult, { json: string; sarif: Record<string, unknown> }>();
  const reportsOf = (r: StackResult): { json: string; sarif: Record<string, unknown> } => {
    let b = built.get(r);
    if (!b) {
      b = {
        json: jsonReportText(r.stack.name, policy, r.evaluation),
        sarif: buildSarif(r.stack.name, r.evaluation, r.locate),
      };
      built.set(r, b);
    }
    return b;
  };
  if (args.out) writeReports(args.out, final, reportsOf);
  const human = args.format === 'text' ? io.out : io.err;
  let failed = false;
  for (const r of final) {
    const lines = linesOf(r);
    failed ||= lines.length > 0;
    const prefix = final.length > 1 ? `${r.stack.name}: ` : '';
    for (const l of lines) human(`${prefix}${l}\n`);
    for (const n of r.evaluation.notes) human(`${prefix}note: ${n}\n`);
    for (const f of r.evaluation.findings)
      if (f.warning !== undefined)
        human(`${prefix}warning: ${f.resource.address} [${f.rule.id}] ${f.warning}\n`);
    const cov = coverage(r.evaluation);
    human(`${prefix}${coverageLine(cov, rules.length)}\n`);
    if (r.stack.plan && r.stack.plan.destroyed.length > 0)
      human(`${prefix}not judged: ${r.stack.plan.destroyed.length} resource(s) being destroyed\n`);
    human(
      `${prefix}${r.stack.kind === 'plan' ? 'plan' : 'configuration'} ${r.stack.file}: ${lines.length === 0 ? 'complies' : `${lines.length} problem(s)`} (tag rules use ${taggable.source})\n`,
    );
  }
  if (args.format === 'json') {
    const reports = final.map((r) => reportsOf(r).json);
    io.out(`${reports.length === 1 ? reports[0] : `[\n${reports.join(',\n')}\n]`}\n`);
  } else if (args.format === 'sarif') {
    io.out(`${JSON.stringify(sarifOf(final.map((r) => reportsOf(r).sarif)), null, 2)}\n`);
  }
  return failed ? 1 : 0;
}

function linesOf(r: StackResult): string[] {
  return [
    ...r.evaluation.violations.map((v) =>
      v.resource.path === v.resource.address ? violationMessage(v) : violationLine(v),
    ),
    ...r.evaluation.suppressionProblems.map(suppressionProblemLine),
    ...r.policyProblems,
  ];
}

function locator(stack: Stack, source: string | undefined): Locate {
  const fallback =
    stack.kind === 'configuration' ? jsonLocator(stack.file, stack.text) : fileLocator(stack.file);
  if (source === undefined) return fallback;
  return hclLocator(source, stack.plan?.moduleSources ?? new Map(), fallback);
}

/** One SARIF log; one run per stack. */
function sarifOf(logs: readonly Record<string, unknown>[]): Record<string, unknown> {
  return { ...logs[0], runs: logs.flatMap((l) => l['runs'] as unknown[]) };
}

function writeReports(
  dir: string,
  results: readonly StackResult[],
  reportsOf: (r: StackResult) => { json: string; sarif: Record<string, unknown> },
): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(
      `--out ${dir} cannot be created (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  for (const r of results) {
    const { json, sarif } = reportsOf(r);
    write(path.join(dir, `${r.stack.name}.compliance.json`), json);
    write(path.join(dir, `${r.stack.name}.sarif`), JSON.stringify(sarif, null, 2));
  }
}

function write(file: string, content: string): void {
  try {
    writeAtomically(file, content);
  } catch (e) {
    throw new InputError(
      `cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
}
