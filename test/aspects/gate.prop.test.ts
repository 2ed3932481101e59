/**
 * Laws of the compliance gate, checked on generated stacks (fast-check). Run counts come from one
 * place (test/support/fc.ts): 100 per property by default, FC_NUM_RUNS raises them.
 *
 * The oracle (test/support/oracle.ts) reads the synthesized JSON and shares no code with the rules.
 */
import * as fc from 'fast-check';
import { DefaultTokenResolver, StringConcat, Token, Tokenization } from 'cdktf';
import type { MutatorName } from '@payments-compliance/gate';
import { CATALOGUE, MUTATOR_ORDER } from '@payments-compliance/gate';
import { stackArb } from '../arbitraries/resources';
import { VIOLATIONS, XRAY_VIOLATION } from '../arbitraries/violations';
import { fcParams } from '../support/fc';
import { parseViolations, synthGenerated } from '../support/gate-harness';
import { oracleViolations, resourcesOf, valueAt } from '../support/oracle';

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
