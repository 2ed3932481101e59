/**
 * CanaryRuntimeCurrent judged against the dated runtime facts on the policy's today: published
 * deprecations, runtimes deprecated without a recorded date, runtimes judged by the Lambda runtime they
 * run on (warning within 90 days, refused after), unknown runtimes (fail closed), the stale-facts note
 * as a synth-output line, and a property: for any today the verdict follows the table. Oracles read the
 * table's records, not the verdict code.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SyntheticsCanary } from '@cdktf/provider-aws/lib/synthetics-canary';
import rule from '../../../aspects/rules/CanaryRuntimeCurrent';
import { applyPolicy, paymentsPolicy } from '@payments-compliance/gate';
import { RUNTIME_FACTS } from '../../../aspects/core/runtime-facts';
import { fcParams } from '../../support/fc';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_synthetics_canary.c';
const canary = (runtime_version?: unknown) => ({
  resource: {
    aws_synthetics_canary: {
      c: { name: 'pay-probe', ...(runtime_version !== undefined ? { runtime_version } : {}) },
    },
  },
});
const on = (today: string, extra: Parameters<typeof paymentsPolicy>[0] = {}) =>
  // The Lambda allow-list is irrelevant here; explicit, so any day of the property makes a valid policy.
  paymentsPolicy({ today, allowedLambdaRuntimes: ['nodejs22.x'], ...extra });
const judgeOn = (v: unknown, today: string, extra: Parameters<typeof paymentsPolicy>[0] = {}) =>
  judge(rule, ADDR, { ...canary(v), policy: on(today, extra) });
const synRecord = (id: string) => {
  const r = RUNTIME_FACTS.synthetics.find((f) => f.id === id);
  if (!r) throw new Error(`test setup: ${id} is not in the table`);
  return r;
};
const lambdaRecord = (id: string | null) => RUNTIME_FACTS.lambda.find((f) => f.id === id);

describe('CanaryRuntimeCurrent on 2026-12-02', () => {
  const TODAY = '2026-12-02';

  it('accepts the flagship runtime, syn-nodejs-playwright-8.0 (Lambda Node.js 22, deprecated 2027-04-30)', () => {
    expect(judgeOn('syn-nodejs-playwright-8.0', TODAY)).toEqual([{ outcome: 'compliant' }]);
    expect(synRecord('syn-nodejs-playwright-8.0').lambdaRuntime).toBe('nodejs22.x');
  });

  it('refuses syn-nodejs-puppeteer-10.0: it runs on Lambda nodejs20.x, deprecated on 2026-04-30 (derived)', () => {
    const [r] = judgeOn('syn-nodejs-puppeteer-10.0', TODAY);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('nodejs20.x, deprecated on 2026-04-30');
    expect(r.message).toContain('derived, not published');
    // all recorded Puppeteer runtimes run on Node.js 20: the suggestion is the newest Playwright one
    expect(r.message).toMatch(/; use a current runtime such as syn-nodejs-playwright-9\.0$/);
  });

  it('refuses a runtime with a published deprecation date, citing the date and the page', () => {
    const [r] = judgeOn('syn-nodejs-puppeteer-7.0', TODAY);
    expect(r).toEqual({
      outcome: 'non-compliant',
      attribute: 'runtime_version',
      message: expect.stringContaining('AWS deprecated it on 2026-01-22'),
    });
    expect(r.message).toContain(RUNTIME_FACTS.sources.syntheticsSupportPolicy);
  });

  it.each([
    'syn-1.0',
    'syn-nodejs-2.0-beta',
    'syn-nodejs-2.2',
    'syn-nodejs-puppeteer-3.4',
    'syn-python-selenium-1.0',
  ])('refuses %s, listed as deprecated without a recorded date', (v) => {
    const [r] = judgeOn(v, TODAY);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('AWS lists it as deprecated (date not recorded');
  });

  it('refuses a runtime that is not in the table (fail closed), unless the policy allows it explicitly', () => {
    const [r] = judgeOn('syn-nodejs-puppeteer-15.0', TODAY);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain(`not in the runtime facts table (last checked ${RUNTIME_FACTS.lastChecked})`);
    expect(r.message).toContain('allowedUnknownRuntimes');
    expect(
      outcomeOf(
        judgeOn('syn-nodejs-puppeteer-15.0', TODAY, {
          allowedUnknownRuntimes: ['syn-nodejs-puppeteer-15.0'],
        }),
      ),
    ).toBe('compliant');
  });

  const unknownMessage = (id: string, suggestion: string) =>
    `runtime_version is "${id}", which is not in the runtime facts table (last checked ${RUNTIME_FACTS.lastChecked}), so whether AWS still lets canaries be created on it is unknown; use a recorded current runtime${suggestion}, add it to aspects/core/runtime-facts.ts with its source, or list it in the policy's allowedUnknownRuntimes`;

  it('suggests for an unknown runtime of a recorded family (two-digit minor version) the newest current one of that family', () => {
    expect(judgeOn('syn-nodejs-playwright-9.10', TODAY)).toEqual([
      {
        outcome: 'non-compliant',
        attribute: 'runtime_version',
        message: unknownMessage('syn-nodejs-playwright-9.10', ' such as syn-nodejs-playwright-9.0'),
      },
    ]);
  });

  it.each([
    ['the prefix written twice (not one of the first Node.js runtimes)', 'syn-syn-1.0'],
    ['a version in the middle (only a trailing version is stripped)', 'syn-nodejs-4.0-playwright'],
    ['a family AWS has no runtimes for (no Playwright runtime is suggested)', 'syn-ruby-1.0'],
  ])('suggests no runtime for an unknown runtime of no recorded family: %s', (_, id) => {
    expect(judgeOn(id, TODAY)).toEqual([
      { outcome: 'non-compliant', attribute: 'runtime_version', message: unknownMessage(id, '') },
    ]);
  });

  it('accepts current Python and browserless runtimes', () => {
    expect(outcomeOf(judgeOn('syn-python-selenium-14.0', TODAY))).toBe('compliant');
    expect(outcomeOf(judgeOn('syn-nodejs-5.4', TODAY))).toBe('compliant');
    expect(outcomeOf(judgeOn('syn-nodejs-3.1', TODAY))).toBe('non-compliant');
  });
});

describe('CanaryRuntimeCurrent once no browser runtime is current (2027-05-01: Lambda nodejs22.x deprecated)', () => {
  it('refuses a deprecated runtime without suggesting a replacement', () => {
    expect(judgeOn('syn-nodejs-puppeteer-7.0', '2027-05-01')).toEqual([
      {
        outcome: 'non-compliant',
        attribute: 'runtime_version',
        message: `runtime_version is "syn-nodejs-puppeteer-7.0", on which canaries can no longer be created: AWS deprecated it on 2026-01-22 (no new canaries from that date) (${RUNTIME_FACTS.sources.syntheticsSupportPolicy})`,
      },
    ]);
  });
});

describe('CanaryRuntimeCurrent around the derived date of Node.js 22 runtimes (Lambda nodejs22.x, 2027-04-30)', () => {
  it.each([
    ['2027-01-29', 91, 'compliant', false],
    ['2027-01-30', 90, 'compliant', true],
    ['2027-04-29', 1, 'compliant', true],
    ['2027-04-30', 0, 'non-compliant', false],
  ])('syn-nodejs-playwright-8.0 on %s (%i days left): %s, warning %s', (today, daysLeft, outcome, warns) => {
    const [r] = judgeOn('syn-nodejs-playwright-8.0', today);
    expect(r.outcome).toBe(outcome);
    expect(r.warning !== undefined).toBe(warns);
    if (warns) {
      expect(r.warning).toContain(`for ${daysLeft} more day(s)`);
      expect(r.attribute).toBe('runtime_version');
    }
  });
});

describe('CanaryRuntimeCurrent: the stale-facts note is a line in the synth output', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'canary-runtime-'));
  });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  const synth = (today: string, runtimeVersion = 'syn-nodejs-playwright-8.0') => {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'probe');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new SyntheticsCanary(stack, 'c', {
      name: 'probe',
      runtimeVersion,
      handler: 'index.handler',
      artifactS3Location: 's3://b/p/',
      executionRoleArn: 'arn:aws:iam::123456789012:role/r',
      schedule: { expression: 'rate(5 minutes)' },
    });
    applyPolicy(
      stack,
      paymentsPolicy({ today, writeReports: false, allowedLambdaRuntimes: ['nodejs22.x'] }),
      { rules: [rule] },
    );
    app.synth();
    app.synth(); // the check runs again: the note must not be repeated
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<
        string,
        { annotations: Array<{ level: string; message: string; constructPath: string }> }
      >;
    };
    return manifest.stacks['probe'].annotations;
  };

  it('on a stale table the stack carries one WARN annotation (printed by the cdktf CLI); synthesis passes', () => {
    // syn-python-selenium-14.0 runs on Lambda python3.12 (deprecated 2028-10-31): current on that day
    const notes = synth('2027-07-01', 'syn-python-selenium-14.0').filter((a) =>
      a.message.includes('[RuntimeFactsStale]'),
    );
    expect(notes).toEqual([expect.objectContaining({ level: '@cdktf/warn', constructPath: 'probe' })]);
  });

  it('within 90 days the canary carries the warning as a WARN annotation; none when current', () => {
    const warnings = synth('2027-03-01').filter((a) => a.message.includes('[CanaryRuntimeCurrent]'));
    expect(warnings).toEqual([
      expect.objectContaining({
        level: '@cdktf/warn',
        constructPath: 'probe/c',
        message: expect.stringContaining('60 more day(s)'),
      }),
    ]);
    expect(synth('2026-12-02')).toEqual([]);
  });
});

describe('CanaryRuntimeCurrent: for any today the verdict follows the table', () => {
  const day = fc
    .integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2032, 11, 31) })
    .map((t) => new Date(t - (t % 86_400_000)).toISOString().slice(0, 10));
  // Oracle from the records: the published date, else the deprecation of the Lambda runtime it runs on.
  const blockOf = (id: string): string | null | 'always' => {
    const f = synRecord(id);
    if (f.deprecatedUndated) return 'always';
    return f.deprecated ?? lambdaRecord(f.lambdaRuntime)?.deprecated ?? null;
  };

  it('refused iff today >= its date; warned iff within 90 days before it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RUNTIME_FACTS.synthetics.map((f) => f.id)), day, (id, today) => {
        const [r] = judgeOn(id, today);
        const date = blockOf(id);
        const blocked = date === 'always' || (date !== null && today >= date);
        const daysLeft =
          date === null || date === 'always' ? Infinity : (Date.parse(date) - Date.parse(today)) / 86_400_000;
        expect(r.outcome).toBe(blocked ? 'non-compliant' : 'compliant');
        expect(r.warning !== undefined).toBe(!blocked && daysLeft <= 90);
      }),
      fcParams({ numRuns: 300 }),
    );
  });
});

describe('CanaryRuntimeCurrent messages for values that are not Synthetics runtimes', () => {
  const bad = (actual: string) => ({
    outcome: 'non-compliant',
    message: `runtime_version is ${actual}, not a Synthetics runtime version`,
    attribute: 'runtime_version',
  });
  it.each([
    ['no runtime', undefined, bad('not set')],
    ['a Lambda runtime name', 'nodejs22.x', bad('"nodejs22.x"')],
    ['a number', 9, bad('9')],
  ])('judges %s', (_, v, expected) => {
    expect(judgeOn(v, '2026-12-02')).toEqual([expected]);
  });

  it('reports a variable as unresolved', () => {
    expect(outcomeOf(judgeOn('${var.runtime}', '2026-12-02'))).toBe('unresolved');
  });
});

describe('CanaryRuntimeCurrent: the first Node.js runtimes (syn-nodejs-2.x, its beta included)', () => {
  it.each(['syn-nodejs-2.0-beta', 'syn-nodejs-2.0', 'syn-nodejs-2.2'])(
    '%s is refused as deprecated, and a browser runtime is suggested (not a browserless one)',
    (v) => {
      const [r] = judgeOn(v, '2026-12-02');
      expect(r.outcome).toBe('non-compliant');
      expect(r.message).toContain('syn-nodejs-2.x');
      expect(r.message).toMatch(/use a current runtime such as syn-nodejs-playwright-\d+\.\d+$/);
    },
  );
});
