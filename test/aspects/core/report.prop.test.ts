/**
 * jsonReportText (aspects/core/report.ts), the report text the adapter and the CLI write, is the text of
 * formatJsonReport(buildJsonReport(...)) byte for byte, on evaluations generated to hit every kind of entry:
 * plain outcomes, several results of one rule on one resource, messages, warnings, explained compliant
 * results, suppressed findings, notes, resources no rule judges, names that need escaping in JSON.
 */
import fc from 'fast-check';
import { evaluate } from '../../../aspects/core/evaluate';
import { TfModel } from '../../../aspects/core/model';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { buildJsonReport, formatJsonReport, jsonReportText } from '../../../aspects/core/report';
import type { RuleResult } from '../../../aspects/core/rule';
import {
  compliant,
  compliantWithWarning,
  nonCompliant,
  notApplicable,
  unresolved,
} from '../../../aspects/core/rule';
import { meta, site, stubRule } from '../../support/engine-fixtures';

const policy = paymentsPolicy({ today: '2026-11-28' });
const TYPES = ['aws_sns_topic', 'aws_s3_bucket', 'aws_sqs_queue'] as const;

const text = fc.oneof(
  fc.constantFrom('x', 'a "quoted" name', 'back\\slash', 'line\nbreak', 'é ✓'),
  fc.string(),
);
const result: fc.Arbitrary<RuleResult> = fc.oneof(
  fc.constant(compliant()),
  text.map((m) => compliant(m)),
  text.map((w) => compliantWithWarning(w, 'runtime')),
  text.map((m) => nonCompliant(m, 'attr')),
  text.map((e) => unresolved('attr', e)),
  fc.constant(notApplicable()),
  text.map((m) => notApplicable(m)),
);
const answer = fc.oneof(result, fc.array(result, { minLength: 1, maxLength: 3 }));

const scenario = fc.record({
  resources: fc.uniqueArray(
    fc.record({
      type: fc.constantFrom(...TYPES),
      name: fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/),
      path: text,
    }),
    { selector: (r) => `${r.type}.${r.name}`, maxLength: 8 },
  ),
  rules: fc.array(
    fc.record({
      types: fc.subarray([...TYPES], { minLength: 1 }),
      answers: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), answer),
      fallback: answer,
      suppressed: fc.boolean(),
      note: fc.option(text, { nil: undefined }),
    }),
    { maxLength: 4 },
  ),
});

describe('jsonReportText', () => {
  it('writes exactly formatJsonReport(buildJsonReport(...)) for any evaluation', () => {
    fc.assert(
      fc.property(scenario, ({ resources, rules }) => {
        const json: { resource: Record<string, Record<string, Record<string, unknown>>> } = { resource: {} };
        for (const r of resources) (json.resource[r.type] ??= {})[r.name] = meta(`s/${r.path}`);
        const catalogue = rules.map((r, i) =>
          stubRule(`Rule${i}`, r.types, (name) => r.answers[name] ?? r.fallback, {
            ...(r.note !== undefined ? { notes: () => [r.note!] } : {}),
          }),
        );
        const sites = rules.flatMap((r, i) => (r.suppressed ? [site(`Rule${i}`, 's')] : []));
        const ev = evaluate(new TfModel(json, { taggableTypes: [] }), policy, catalogue, {
          suppressionsFor: () => sites,
          allSuppressions: sites,
        });
        expect(jsonReportText('stack "one"', policy, ev)).toBe(
          formatJsonReport(buildJsonReport('stack "one"', policy, ev)),
        );
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 300) },
    );
  });
});
