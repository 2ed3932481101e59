/**
 * LambdaRuntimeCurrent judged against the dated runtime facts on the policy's today: each outcome
 * (current, within 90 days of the create block: warning, blocked, unknown, not listed by the policy),
 * the payments default derived from the table, the stale-facts note, and a property: for any today the
 * verdict follows the table's dates. Oracles read the table's records, not the verdict code.
 */
import * as fc from 'fast-check';
import rule from '../../../aspects/rules/LambdaRuntimeCurrent';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { RUNTIME_FACTS } from '../../../aspects/core/runtime-facts';
import { TfModel } from '../../../aspects/core/model';
import { evaluate } from '../../../aspects/core/evaluate';
import { buildJsonReport, buildSarif } from '../../../aspects/core/report';
import { fcParams } from '../../support/fc';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_lambda_function.fn';
const fn = (cfg: Record<string, unknown>) => ({
  resource: { aws_lambda_function: { fn: { function_name: 'f', ...cfg } } },
});
const on = (today: string, extra: Parameters<typeof paymentsPolicy>[0] = {}) =>
  paymentsPolicy({ today, ...extra });
const judgeOn = (runtime: unknown, today: string, extra: Parameters<typeof paymentsPolicy>[0] = {}) =>
  judge(rule, ADDR, { ...fn(runtime === undefined ? {} : { runtime }), policy: on(today, extra) });
const record = (id: string) => {
  const r = RUNTIME_FACTS.lambda.find((f) => f.id === id);
  if (!r) throw new Error(`test setup: ${id} is not in the table`);
  return r;
};
const NODE20 = record('nodejs20.x');

describe('LambdaRuntimeCurrent on 2026-12-02', () => {
  const TODAY = '2026-12-02';

  it('accepts nodejs22.x without a warning (Lambda blocks creating it only from 2027-06-01)', () => {
    expect(judgeOn('nodejs22.x', TODAY)).toEqual([{ outcome: 'compliant' }]);
  });

  it('refuses nodejs20.x: Lambda blocks creating functions on it since the date the table records', () => {
    const [r] = judgeOn('nodejs20.x', TODAY);
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('runtime');
    expect(r.message).toContain(`from ${NODE20.blockCreate}`);
    expect(r.message).toContain(NODE20.source);
    expect(r.message).toContain('nodejs22.x');
  });

  it('refuses a runtime that is not in the table (fail closed), saying how to fix it', () => {
    const [r] = judgeOn('nodejs26.x', TODAY);
    expect(r).toEqual({
      outcome: 'non-compliant',
      attribute: 'runtime',
      message: `runtime is "nodejs26.x", which is not in the runtime facts table (last checked ${RUNTIME_FACTS.lastChecked}), so whether Lambda still accepts it is unknown; use one of nodejs24.x, nodejs22.x, add it to aspects/core/runtime-facts.ts with its dates and source, or list it in the policy's allowedUnknownRuntimes`,
    });
  });

  it('accepts an unknown runtime the policy allows explicitly (allowedUnknownRuntimes and the allowed list)', () => {
    const policy = { allowedUnknownRuntimes: ['nodejs26.x'], allowedLambdaRuntimes: ['nodejs26.x'] };
    expect(outcomeOf(judgeOn('nodejs26.x', TODAY, policy))).toBe('compliant');
    // allowedUnknownRuntimes alone does not widen the policy's list
    expect(outcomeOf(judgeOn('nodejs26.x', TODAY, { allowedUnknownRuntimes: ['nodejs26.x'] }))).toBe(
      'non-compliant',
    );
  });

  it('refuses a creatable runtime of another family: the payments default lists Node.js only', () => {
    const [r] = judgeOn('python3.13', TODAY);
    expect(r.message).toBe(
      'runtime is "python3.13", which the policy does not list as current; use one of nodejs24.x, nodejs22.x',
    );
    expect(outcomeOf(judgeOn('python3.13', TODAY, { allowedLambdaRuntimes: ['python3.13'] }))).toBe(
      'compliant',
    );
  });

  it('refuses a blocked runtime even when the policy lists it (the table wins)', () => {
    const [r] = judgeOn('nodejs20.x', TODAY, { allowedLambdaRuntimes: ['nodejs20.x'] });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('no longer creates functions');
  });

  it('warns (compliant) on dotnet8: Lambda blocks creating it on 2027-02-01, 61 days away', () => {
    const [r] = judgeOn('dotnet8', TODAY, { allowedLambdaRuntimes: ['dotnet8'] });
    expect(r.outcome).toBe('compliant');
    expect(r.attribute).toBe('runtime');
    expect(r.warning).toContain('for 61 more day(s)');
    expect(r.warning).toContain(record('dotnet8').source);
  });
});

describe('LambdaRuntimeCurrent around the create-block date of nodejs20.x (2026-08-31)', () => {
  it.each([
    ['2026-06-01', 91, 'compliant', false],
    ['2026-06-02', 90, 'compliant', true],
    ['2026-08-30', 1, 'compliant', true],
    ['2026-08-31', 0, 'non-compliant', false],
    ['2026-09-01', -1, 'non-compliant', false],
  ])('on %s (%i days left): %s, warning %s', (today, daysLeft, outcome, warns) => {
    const [r] = judgeOn('nodejs20.x', today);
    expect(r.outcome).toBe(outcome);
    expect(r.warning !== undefined).toBe(warns);
    if (warns) expect(r.warning).toContain(`for ${daysLeft} more day(s)`);
  });
});

describe('the payments default allowedLambdaRuntimes follows the table', () => {
  // Oracle: read the records directly: Node.js, no create block yet on that day.
  const expected = (today: string) =>
    RUNTIME_FACTS.lambda
      .filter((f) => f.family === 'nodejs' && (f.blockCreate === null || f.blockCreate > today))
      .map((f) => f.id);

  it.each(['2026-06-01', '2026-08-31', '2026-12-02', '2027-06-01', '2028-07-01'])('on %s', (today) => {
    if (expected(today).length === 0) {
      // No Node.js runtime the facts know is creatable: the policy is refused, naming the facts' date.
      expect(() => paymentsPolicy({ today })).toThrow(
        `allowedLambdaRuntimes is empty: the payments default comes from the runtime facts (last checked ${RUNTIME_FACTS.lastChecked}), which list no Node.js runtime creatable on ${today}`,
      );
    } else expect(paymentsPolicy({ today }).allowedLambdaRuntimes).toEqual(expected(today));
  });

  it('on 2026-12-02 it is nodejs24.x and nodejs22.x', () => {
    expect(paymentsPolicy({ today: '2026-12-02' }).allowedLambdaRuntimes).toEqual([
      'nodejs24.x',
      'nodejs22.x',
    ]);
  });

  it('an explicit list overrides the default', () => {
    expect(
      paymentsPolicy({ today: '2026-12-02', allowedLambdaRuntimes: ['x'] }).allowedLambdaRuntimes,
    ).toEqual(['x']);
  });
});

describe('LambdaRuntimeCurrent: the stale-facts note', () => {
  const notesOn = (today: string) => rule.notes?.({ policy: on(today), today }) ?? [];

  it('says nothing while the table is at most 6 months old (2026-12-02 + 6 months = 2027-06-02)', () => {
    expect(notesOn('2026-12-02')).toEqual([]);
    expect(notesOn('2027-06-02')).toEqual([]);
  });

  it('notes from the day after, naming the table, its date and what to do', () => {
    const [note] = notesOn('2027-06-03');
    expect(note).toContain('[RuntimeFactsStale]');
    expect(note).toContain('aspects/core/runtime-facts.ts');
    expect(note).toContain(`last checked on ${RUNTIME_FACTS.lastChecked}`);
    expect(note).toContain('Re-read the AWS pages');
  });
});

describe('LambdaRuntimeCurrent in the reports', () => {
  const model = () =>
    new TfModel(
      {
        resource: {
          aws_lambda_function: {
            ok: { function_name: 'a', runtime: 'nodejs22.x' },
            soon: { function_name: 'b', runtime: 'nodejs20.x' },
          },
        },
      },
      { taggableTypes: [] },
    );

  it('a warning is a compliant result with `warnings` in JSON and a warning-level SARIF result', () => {
    const policy = on('2026-07-15');
    const ev = evaluate(model(), policy, [rule]);
    expect(ev.violations).toEqual([]);
    const json = buildJsonReport('s', policy, ev);
    expect(json.passed).toBe(true);
    const soon = json.resources.find((r) => r.address === 'aws_lambda_function.soon');
    expect(soon?.results['LambdaRuntimeCurrent']).toEqual({
      outcome: 'compliant',
      warnings: [expect.stringContaining('for 47 more day(s)')],
    });
    expect(json.resources.find((r) => r.address === 'aws_lambda_function.ok')?.results).toEqual({
      LambdaRuntimeCurrent: 'compliant',
    });
    expect(json.notes).toBeUndefined();
    const run = (buildSarif('s', ev, 'cdk.tf.json') as { runs: Array<Record<string, unknown>> }).runs[0];
    const results = run['results'] as Array<{ level: string; message: { text: string } }>;
    expect(results).toHaveLength(1);
    expect(results[0].level).toBe('warning');
    expect(results[0].message.text).toMatch(/^aws_lambda_function\.soon .*for 47 more day\(s\)/);
    expect(run['invocations']).toBeUndefined();
  });

  it('a stale table puts a policy-level note in JSON and a SARIF notification, failing nothing', () => {
    const policy = on('2027-07-01');
    const ev = evaluate(new TfModel({ resource: {} }, { taggableTypes: [] }), policy, [rule]);
    const json = buildJsonReport('s', policy, ev);
    expect(json.passed).toBe(true);
    expect(json.notes).toEqual([expect.stringContaining('[RuntimeFactsStale]')]);
    const run = (buildSarif('s', ev, 'cdk.tf.json') as { runs: Array<Record<string, unknown>> }).runs[0];
    expect(run['invocations']).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [{ level: 'warning', message: { text: json.notes?.[0] } }],
      },
    ]);
  });
});

describe('LambdaRuntimeCurrent: for any today the verdict follows the table', () => {
  const day = fc
    .integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2032, 11, 31) })
    .map((t) => new Date(t - (t % 86_400_000)).toISOString().slice(0, 10));

  it('refused iff today >= blockCreate; warned iff within 90 days before it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RUNTIME_FACTS.lambda), day, (fact, today) => {
        const [r] = judgeOn(fact.id, today, { allowedLambdaRuntimes: [fact.id] });
        const blocked = fact.blockCreate !== null && today >= fact.blockCreate;
        const daysLeft =
          fact.blockCreate === null
            ? Infinity
            : (Date.parse(fact.blockCreate) - Date.parse(today)) / 86_400_000;
        expect(r.outcome).toBe(blocked ? 'non-compliant' : 'compliant');
        expect(r.warning !== undefined).toBe(!blocked && daysLeft <= 90);
      }),
      fcParams({ numRuns: 300 }),
    );
  });
});

describe('LambdaRuntimeCurrent messages and non-runtime cases', () => {
  const policy = on('2026-12-02', { allowedLambdaRuntimes: ['nodejs22.x', 'python3.13'] });
  const pending = (attribute: string, expression: string) => ({
    outcome: 'unresolved',
    attribute,
    message: `${attribute} is "${expression}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
  });
  const fail = (message: string) => ({ outcome: 'non-compliant', message, attribute: 'runtime' });
  it.each([
    ['no runtime', {}, fail('runtime is not set; it must be one of nodejs22.x, python3.13')],
    [
      'a creatable runtime the policy does not list',
      { runtime: 'nodejs24.x' },
      fail(
        'runtime is "nodejs24.x", which the policy does not list as current; use one of nodejs22.x, python3.13',
      ),
    ],
    ['a runtime that is not a string', { runtime: 22 }, fail('runtime is 22, not a runtime name')],
    ['a runtime from a variable', { runtime: '${var.runtime}' }, pending('runtime', '${var.runtime}')],
    ['a package type from a variable', { package_type: '${var.pkg}' }, pending('package_type', '${var.pkg}')],
    [
      'a container image',
      { package_type: 'Image' },
      { outcome: 'not-applicable', message: 'a container image function has no managed runtime' },
    ],
    [
      'an explicit Zip package on a current runtime',
      { package_type: 'Zip', runtime: 'nodejs22.x' },
      { outcome: 'compliant' },
    ],
  ])('judges %s', (_, cfg, expected) => {
    expect(judge(rule, ADDR, { ...fn(cfg), policy })).toEqual([expected]);
  });
});
