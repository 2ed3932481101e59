/**
 * Testing with the gate. `Testing.synth(stack)`, the call CDKTF's test template uses, runs the aspects
 * but no validation; the gate therefore judges inside the stack's `toTerraform()` (see StackGuard), so
 * that call throws `[compliance/GateRefused]` with the violation lines instead of returning
 * non-compliant JSON. `judge(stack)` returns the verdict as data, and `complianceMatchers` adds
 * `expect(stack).toPassCompliance()` / `.toFailCompliance(ruleId?)` to jest (`expect.extend(complianceMatchers)`).
 */
import type { IConstruct } from 'constructs';
import type { Evaluation } from '../core/evaluate';
import type { StackCheck } from './checker';
import { ComplianceChecker } from './checker';
import { Aspects, Testing, TerraformStack } from './engine';

export interface Judgement {
  readonly stack: string;
  readonly passed: boolean;
  /** One line per problem: `[construct path] address [RuleId] what is wrong. Fix: how`. */
  readonly lines: readonly string[];
  readonly evaluation: Evaluation;
}

/**
 * Judges a stack with the policy applied to it (or to its App): runs the aspects as `Testing.synth`
 * does and returns the verdict. Refuses a stack no policy covers: a test that judged nothing must not
 * pass.
 */
export function judge(stack: TerraformStack): Judgement {
  if (!TerraformStack.isStack(stack)) {
    throw new Error(`[compliance/NotAStack] judge() takes a TerraformStack; got ${describe(stack)}`);
  }
  const checker = Aspects.of(stack).all.find((a): a is ComplianceChecker => a instanceof ComplianceChecker);
  if (!checker) {
    throw new Error(
      `[compliance/NoPolicy] ${stack.node.path}: no compliance policy is applied to this stack; call applyPolicy(stack or app, policy) before judging`,
    );
  }
  const before = checker.checks.get(stack.node.path);
  try {
    Testing.synth(stack);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('[compliance/GateRefused]')) throw error;
  }
  const check: StackCheck | undefined = checker.checks.get(stack.node.path);
  if (!check || check === before) {
    throw new Error(`[compliance/GateNotRun] ${stack.node.path}: the gate did not judge this stack`);
  }
  return { stack: stack.node.path, passed: check.passed, lines: check.lines, evaluation: check.evaluation };
}

function describe(x: unknown): string {
  const c = x as IConstruct | undefined;
  return c?.node?.path !== undefined ? `the construct ${c.node.path || '<app>'}` : String(x);
}

interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/** jest matchers: `expect.extend(complianceMatchers)`. */
export const complianceMatchers = {
  /** Passes when the gate judges the stack compliant; the failure message lists every violation line. */
  toPassCompliance(received: TerraformStack): MatcherResult {
    const j = judge(received);
    return {
      pass: j.passed,
      message: () =>
        j.passed
          ? `expected the compliance gate to refuse ${j.stack}, but it passed (${j.evaluation.resources.length} resources judged)`
          : `expected ${j.stack} to pass the compliance gate; ${j.lines.length} problem(s):\n  ${j.lines.join('\n  ')}`,
    };
  },
  /** Passes when the gate refuses the stack (for `ruleId`, when given: a violation of that rule). */
  toFailCompliance(received: TerraformStack, ruleId?: string): MatcherResult {
    const j = judge(received);
    const hits = ruleId === undefined ? j.lines : j.lines.filter((l) => l.includes(`[${ruleId}]`));
    return {
      pass: hits.length > 0,
      message: () =>
        hits.length > 0
          ? `expected ${j.stack} not to be refused${ruleId ? ` for ${ruleId}` : ''}, but:\n  ${hits.join('\n  ')}`
          : `expected the compliance gate to refuse ${j.stack}${ruleId ? ` for ${ruleId}` : ''}; ${j.passed ? 'it passed' : `it refused for other reasons:\n  ${j.lines.join('\n  ')}`}`,
    };
  },
};
