/**
 * Laws of the compliance gate, checked on generated stacks (fast-check). Run counts come from one
 * place (test/support/fc.ts): 100 per property by default, FC_NUM_RUNS raises them.
 *
 * The oracle (test/support/oracle.ts) reads the synthesized JSON and shares no code with the rules.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { App, DefaultTokenResolver, StringConcat, Token, Tokenization } from 'cdktf';
import type { MutatorName } from '@payments-compliance/gate';
import { CATALOGUE, MUTATOR_ORDER, applyPolicy, paymentsPolicy } from '@payments-compliance/gate';
import type { GeneratedStack } from '../arbitraries/resources';
import { stackArb } from '../arbitraries/resources';
import type { ViolatingFactory } from '../arbitraries/violations';
import { EXPOSURE_VIOLATIONS, VIOLATIONS, XRAY_VIOLATION } from '../arbitraries/violations';
import { buildBaseline } from '../support/baseline';
import { fcParams } from '../support/fc';
import { GENERATED_POLICY, parseViolations, synthGenerated } from '../support/gate-harness';
import { oracleViolations, resourcesOf, valueAt } from '../support/oracle';

/**
 * Synthesizes a generated stack plus violations with every mutator but no rule (all disabled), so the
 * JSON is what the gate would judge; returns it with the construct paths the violations offend.
 */
function synthUnjudged(g: GeneratedStack, bad: readonly ViolatingFactory[]) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-prop-oracle-'));
  try {
    const app = new App({ outdir });
    const base = buildBaseline(app);
    g.factories.forEach((f, i) => f.build(base.stack, `${f.kind}${i}`, base));
    const offending = bad.map((v, i) => v.build(base.stack, `violating${i}`, base).offending);
    applyPolicy(
      base.stack,
      paymentsPolicy({
        ...GENERATED_POLICY,
        disabledRules: CATALOGUE.map((r) => r.id),
        keys: { logs: base.keys.logs.arn, alerting: base.keys.alerting.arn, data: base.keys.data.arn },
      }),
    );
    app.synth();
    const file = path.join(outdir, 'stacks', base.stack.node.id, 'cdk.tf.json');
    return { json: JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>, offending };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('the compliance gate on generated stacks', () => {
  it('makes every generated stack of plain resources synthesize, and every resource complies (oracle)', () => {
    fc.assert(
      fc.property(stackArb(), (g) => {
        const out = synthGenerated(g);
        if (out.error) throw new Error(`synthesis failed:\n${out.error.message}`);
        const problems = oracleViolations(out.json!);
        if (problems.length > 0) throw new Error(`oracle found:\n${problems.join('\n')}`);
        // the oracle must have had something to judge
        expect(resourcesOf(out.json!).length).toBeGreaterThan(0);
      }),
      fcParams(),
    );
  });

  it('fails synthesis on explicit non-compliant values, naming exactly the offending constructs and rules', () => {
    fc.assert(
      fc.property(
        stackArb(4),
        fc.array(VIOLATIONS, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (g, bad, xray) => {
          const expected: { path: string; rule: string }[] = [];
          const out = synthGenerated(xray ? { factories: g.factories } : g, {
            extra: (base) => {
              bad.forEach((v, i) =>
                expected.push({ path: v.build(base.stack, `violating${i}`, base).offending, rule: v.rule }),
              );
              if (xray)
                expected.push({
                  path: XRAY_VIOLATION.build(base.stack, 'xray-violating', base).offending,
                  rule: XRAY_VIOLATION.rule,
                });
            },
          });
          expect(out.error).toBeDefined();
          const reported = parseViolations(out.error!);
          const key = (v: { path: string; rule: string }) => `${v.path} ${v.rule}`;
          expect([...new Set(reported.map(key))].sort()).toEqual([...new Set(expected.map(key))].sort());
          // one clear line each: address, rule, what is wrong, how to fix
          for (const r of reported)
            expect(r.line).toMatch(/^\[[^\]]+\] aws_[a-z0-9_]+\.\S+ \[[A-Za-z0-9]+\] .+\. Fix: .+/);
        },
      ),
      fcParams(),
    );
  });

  it('the oracle refuses each exposure the gate refuses, at the resource or at the policy or rule that exposes it', () => {
    fc.assert(
      fc.property(stackArb(3), fc.array(EXPOSURE_VIOLATIONS, { minLength: 1, maxLength: 3 }), (g, bad) => {
        const { json, offending } = synthUnjudged(g, bad);
        const resources = resourcesOf(json);
        const problems = oracleViolations(json);
        for (const p of offending) {
          const target = resources.find((r) => r.path === p);
          expect(target).toBeDefined();
          const ref = `\${${target!.type}.${target!.name}.`;
          // the offending resource itself, or a companion that names it (its topic/queue/bucket policy)
          const near = resources
            .filter((r) => r.path === p || JSON.stringify(r.body).includes(ref))
            .map((r) => `${r.path}:`);
          expect({ offending: p, flagged: problems.some((x) => near.some((n) => x.startsWith(n))) }).toEqual({
            offending: p,
            flagged: true,
          });
        }
      }),
      fcParams({ numRuns: 30 }),
    );
  });

  it('leaving out any one mutating aspect makes its rule fire where it matters', () => {
    const injectedBy = new Map(CATALOGUE.map((r) => [r.id, r.injectedBy]));
    fc.assert(
      fc.property(stackArb(4), fc.constantFrom(...MUTATOR_ORDER), (g, left) => {
        const relies = synthGenerated(g, { gate: false })
          .built.flatMap((b) => b.reliesOn)
          .filter((r) => r.concern === left);
        fc.pre(relies.length > 0);
        const out = synthGenerated(g, { mutators: MUTATOR_ORDER.filter((m) => m !== left) as MutatorName[] });
        expect(out.error).toBeDefined();
        const reported = parseViolations(out.error!);
        expect(reported.length).toBeGreaterThan(0);
        // every violation comes from a rule the missing mutator would have satisfied...
        for (const r of reported) expect(`${r.rule}:${injectedBy.get(r.rule)}`).toBe(`${r.rule}:${left}`);
        // ...and each resource that relied on it is named
        const paths = new Set(reported.map((r) => r.path));
        for (const r of relies) expect(paths).toContain(r.path);
      }),
      fcParams(),
    );
  });

  it('is deterministic and idempotent, and keeps the compliant values the author set', () => {
    fc.assert(
      fc.property(stackArb(), (g) => {
        // the same App synthesized twice: the second run re-invokes every aspect on the mutated tree
        const first = synthGenerated(g, { times: 2 });
        if (first.error) throw first.error;
        expect(JSON.stringify(first.jsons![1])).toBe(JSON.stringify(first.json));
        // a fresh build of the same factories: byte-identical output
        const second = synthGenerated(g);
        expect(JSON.stringify(second.json)).toBe(JSON.stringify(first.json));
        const byPath = new Map(resourcesOf(first.json!).map((r) => [r.path, r.body]));
        for (const e of first.built.flatMap((b) => b.explicit)) {
          const body = byPath.get(e.path);
          expect(body).toBeDefined();
          // a reference the author passed (key.arn) must survive as that same reference
          const want = Token.isUnresolved(e.value)
            ? Tokenization.resolve(e.value, {
                scope: first.base.stack,
                resolver: new DefaultTokenResolver(new StringConcat()),
                preparing: false,
              })
            : e.value;
          expect({ at: `${e.path} ${e.attribute}`, value: valueAt(body!, e.attribute) }).toEqual({
            at: `${e.path} ${e.attribute}`,
            value: want,
          });
        }
      }),
      fcParams({ numRuns: 100 }),
    );
  });
});
