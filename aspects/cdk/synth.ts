/**
 * `synthOrExit(app)`: what a CDKTF entry point (main.ts) calls instead of `app.synth()`. It runs the
 * same synthesis; when the gate refuses it, it prints the violation lines once (no stack trace, no
 * advice to skip validation) with where the reports are, and exits with status 1. Nothing is written
 * for a refused stack (the checker also removes a stale one).
 */
import * as path from 'path';
import { PolicyError } from '../core/policy';
import { coverage, coverageLine } from '../core/coverage';
import { ComplianceChecker } from './checker';
import type { App } from './engine';
import { Aspects, TerraformStack } from './engine';

const VALIDATION_HEADER = 'Validation failed with the following errors:';

/** Turns a CDKTF synthesis error into the gate's report lines, or undefined when it is another error. */
export function gateFailureLines(error: unknown): string[] | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!message.includes(VALIDATION_HEADER)) return undefined;
  return message
    .slice(message.indexOf(VALIDATION_HEADER) + VALIDATION_HEADER.length)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('['));
}

/**
 * The lines of a gate error thrown while the app is built (an invalid policy, an engine mismatch, a
 * second policy on a scope): one per problem, or undefined for any other error.
 */
export function configurationLines(error: unknown): string[] | undefined {
  if (error instanceof PolicyError) return error.lines();
  const message = error instanceof Error ? error.message : String(error);
  return /^\[compliance\/[A-Za-z]+\]/.test(message) ? [message.split('\n')[0]] : undefined;
}

/**
 * Synthesizes `app`, or builds it first with `build()`: a gate error thrown while building (an invalid
 * policy, an engine mismatch) is printed as one line per problem, without a stack trace, exit 2 (the
 * configuration is unusable); a refused synthesis prints its violation lines, exit 1.
 */
export function synthOrExit(
  appOrBuild: App | (() => App),
  out: NodeJS.WritableStream = process.stderr,
): void {
  let app: App;
  if (typeof appOrBuild === 'function') {
    try {
      app = appOrBuild();
    } catch (error) {
      const lines = configurationLines(error);
      if (!lines) throw error;
      out.write(
        [
          `compliance gate: configuration refused, ${lines.length} problem(s).`,
          ...lines.map((l) => `  ${l}`),
          '',
        ].join('\n'),
      );
      process.exit(2);
    }
  } else app = appOrBuild;
  try {
    app.synth();
  } catch (error) {
    const lines = gateFailureLines(error);
    if (!lines) throw error;
    const coverage = coverageLines(app);
    const dir = path.resolve(app.outdir, 'compliance');
    const rel = path.relative(process.cwd(), dir);
    // Named relative to the working directory only when it is below it ('' is the directory itself).
    const outside = rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
    const reports = outside ? dir : rel;
    out.write(
      [
        `compliance gate: synthesis refused, ${lines.length} problem(s). Each line: [construct path] address [rule] what is wrong. Fix: how.`,
        ...lines.map((l) => `  ${l}`),
        ...coverage,
        `Reports (JSON, SARIF): ${reports}/`,
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
  const coverage = coverageLines(app);
  if (coverage.length > 0) out.write(`${coverage.join('\n')}\n`);
}

/** One coverage line per stack the gate judged in the last synth: what it looked at, what no rule judges. */
export function coverageLines(app: App): string[] {
  const lines: string[] = [];
  // An object that only synthesizes (no construct tree) has nothing to report.
  if (!(app as Partial<App>).node) return lines;
  for (const stack of app.node.findAll().filter((c) => TerraformStack.isStack(c))) {
    for (const aspect of Aspects.of(stack).all) {
      if (!(aspect instanceof ComplianceChecker)) continue;
      const check = aspect.checks.get(stack.node.path);
      if (check)
        lines.push(
          `compliance gate: ${stack.node.path}: ${coverageLine(coverage(check.evaluation), check.evaluation.rules.length)}`,
        );
    }
  }
  return lines;
}
