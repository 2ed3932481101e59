/**
 * The synthesized alarms (read from cdk.tf.json, not from resources/alarms.ts) evaluated on generated
 * traffic by the simulator in test/support/alarm-sim: metric math, M of N, treat_missing_data, the
 * composite rule, and what AWS counts in each metric. First the simulator itself is pinned to the
 * examples of the AWS documentation; then the stack's alarms are judged by properties.
 *
 * Low traffic, stated: below 10 requests (API legs) or 10 invocations (failing-invocation leg) in a
 * 5-minute period the rate legs read 0, whatever fails; what pages then is the health canary (2 failed or
 * missing runs in a row). A canary that has not run yet counts as failing (treat_missing_data=breaching),
 * so a fresh deployment can page until its first run.
 */
import fc from 'fast-check';
import {
  SimRefusal,
  evalRule,
  evaluateExpression,
  evaluateRange,
  parseRule,
  readAlarms,
  simulate,
  totals,
  trafficSource,
  type AlarmState,
  type PeriodTraffic,
  type Series,
  type SimulationResult,
  type TreatMissing,
} from '../support/alarm-sim';
import { fcParams } from '../support/fc';
import type { SynthResult, TfJson } from '../support/synth';
import { synthPaymentsStack } from '../support/synth';
import { block, byPath, ref } from './helpers';

let s: SynthResult;
let alarms: ReturnType<typeof readAlarms>;
let pageTopic: string;
beforeAll(() => {
  s = synthPaymentsStack();
  alarms = readAlarms(s.json as never);
  pageTopic = ref('aws_sns_topic', byPath(s.json, 'aws_sns_topic', 'page/topic')[0], 'arn');
});

const run = (periods: readonly PeriodTraffic[], json: TfJson = s.json): SimulationResult =>
  simulate(json === s.json ? alarms : readAlarms(json as never), trafficSource(json as never, periods));
/** Periods at which the on-call topic was notified of an ALARM. */
const pages = (r: SimulationResult): number[] =>
  r.notifications.filter((n) => n.to === 'ALARM' && n.topics.includes(pageTopic)).map((n) => n.period);
const everAlarm = (r: SimulationResult, name: string): boolean => r.states[name].includes('ALARM');
const firstAlarm = (r: SimulationResult, name: string): number => r.states[name].indexOf('ALARM');

const API = 'payments-api-5xx-rate';
const ACCESS = 'payments-api-5xx-rate-access-log';
const LAMBDA = 'payments-lambda-error-rate';
const CANARY = 'payments-canary-health';
const COMPOSITE = 'payments-api-unhealthy';

// ---------------------------------------------------------------------------------------------------------
// the simulator against the AWS documentation

describe('the simulator reproduces the documented alarm evaluation (AlarmThatSendsEmail, "How alarm state is evaluated when data is missing")', () => {
  const parse = (row: string): Series =>
    row.split(' ').map((c) => (c === '-' ? undefined : c === 'X' ? 10 : 0));
  const alarm = (m: number, treatMissing: TreatMissing) => ({
    name: 'doc',
    comparison: 'GreaterThanThreshold',
    threshold: 5,
    evaluationPeriods: 3,
    datapointsToAlarm: m,
    treatMissing,
  });
  const RETAIN = 'retain';
  // Data points oldest first; columns MISSING, IGNORE, BREACHING, NOT BREACHING, as in the tables.
  const threeOfThree: Array<[string, string[]]> = [
    ['0 - X - X', ['OK', 'OK', 'OK', 'OK']],
    ['0 - - - -', ['OK', 'OK', 'OK', 'OK']],
    ['- - - - -', ['INSUFFICIENT_DATA', RETAIN, 'ALARM', 'OK']],
    ['0 X X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    // The documentation gives INSUFFICIENT_DATA here under MISSING but ALARM for X - - - -: the two rows
    // contradict any rule that ignores position, so the simulator refuses both rather than pick one.
    ['- - - - X', ['refused', RETAIN, 'ALARM', 'OK']],
    ['X - - - -', ['refused', RETAIN, 'ALARM', 'OK']],
  ];
  const twoOfThree: Array<[string, string[]]> = [
    ['0 - X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 0 X 0 X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 - X - -', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - - 0', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - - X', ['refused', RETAIN, 'ALARM', 'OK']],
  ];
  const treatments: TreatMissing[] = ['missing', 'ignore', 'breaching', 'notBreaching'];
  it.each([
    ...threeOfThree.map(([row, want]) => [3, row, want] as const),
    ...twoOfThree.map(([row, want]) => [2, row, want] as const),
  ])('%i of 3: %s', (m, row, want) => {
    treatments.forEach((treat, i) => {
      for (const current of ['OK', 'ALARM'] as AlarmState[]) {
        const expected = want[i] === RETAIN ? current : want[i];
        if (expected === 'refused') {
          expect(() => evaluateRange(alarm(m, treat), parse(row), current)).toThrow(SimRefusal);
        } else {
          expect({ treat, current, state: evaluateRange(alarm(m, treat), parse(row), current) }).toEqual({
            treat,
            current,
            state: expected,
          });
        }
      }
    });
  });
});

describe('the simulator reproduces the documented metric math (using-metric-math)', () => {
  const ts = (...v: Array<number | undefined>) => ({ kind: 'ts' as const, v });
  const m1 = ts(1, 1, 0, 0, undefined);
  const m2 = ts(30, undefined, 0, 0, 30);
  const m3 = ts(0, 0, 20, undefined, 20);
  const ids: Record<string, ReturnType<typeof ts>> = { m1, m2, m3 };
  const ev = (e: string) => evaluateExpression(e, 5, (id) => ids[id]).v;

  it('IF, as in the documented tables', () => {
    expect(ev('IF(m1, m2, m3)')).toEqual([30, 0, 20, undefined, undefined]);
    expect(ev('IF(m1, 5, m3)')).toEqual([5, 5, 20, undefined, undefined]);
    expect(ev('IF(m1, m2, 5)')).toEqual([30, 0, 5, 5, undefined]);
    expect(ev('IF(m1, m2)')).toEqual([30, 0, undefined, undefined, undefined]);
  });

  it('comparison and logical operators, as in the documented table', () => {
    const metric1 = ts(30, 20, 0, 0);
    const metric2 = ts(20, undefined, 20, undefined);
    const e = (x: string) => evaluateExpression(x, 4, (id) => (id === 'metric1' ? metric1 : metric2)).v;
    expect(e('(metric1 < metric2)')).toEqual([0, 0, 1, 0]);
    expect(e('(metric1 >= 30)')).toEqual([1, 0, 0, 0]);
    expect(e('(metric1 > 15 AND metric2 > 15)')).toEqual([1, 0, 0, 0]);
  });

  it('arithmetic: a missing value counts as 0, division by zero drops the point, precedence holds', () => {
    expect(ev('m2 + m3')).toEqual([30, 0, 20, 0, 50]);
    expect(ev('m3 / m1')).toEqual([0, 0, undefined, undefined, undefined]);
    expect(ev('100 * m2 / 10 - 2 ^ 2')).toEqual([296, undefined, -4, -4, 296]);
    expect(ev('FILL(m3, 7)')).toEqual([0, 0, 20, 7, 20]);
  });

  it.each([
    ['ANOMALY_DETECTION_BAND(m1, 2)', /ANOMALY_DETECTION_BAND is not modelled/],
    ['RATE(m1)', /RATE is not modelled/],
    ['FILL(m1, REPEAT)', /REPEAT\) is not modelled/],
    ['SUM(METRICS())', /is not modelled/],
    ['m1 $ m2', /cannot read/],
  ])('refuses %s loudly', (expr, message) => {
    expect(() => ev(expr)).toThrow(message);
  });

  it('composite rules: ALARM/OK/INSUFFICIENT_DATA, NOT > AND > OR, parentheses', () => {
    const st: Record<string, AlarmState> = { a: 'ALARM', b: 'OK', c: 'INSUFFICIENT_DATA' };
    const r = (x: string) => evalRule(parseRule(x), (n) => st[n]);
    expect(r('ALARM("a") OR ALARM("b")')).toBe(true);
    expect(r('ALARM(a) AND ALARM(b)')).toBe(false);
    expect(r('INSUFFICIENT_DATA("c") AND OK("b")')).toBe(true);
    expect(r('NOT ALARM("a") OR OK("b") AND ALARM("a")')).toBe(true);
    expect(r('(NOT ALARM("a") OR OK("b")) AND INSUFFICIENT_DATA("b")')).toBe(false);
    expect(r('ALARM("arn:aws:cloudwatch:us-east-1:123456789012:alarm:a") AND TRUE')).toBe(true);
    expect(() => parseRule('ALARM("a") XOR ALARM("b")')).toThrow(SimRefusal);
  });
});

// ---------------------------------------------------------------------------------------------------------
// the stack's alarms

describe('which synthesized alarms are simulated', () => {
  it('every alarm but the anomaly band, which is refused by name with the reason', () => {
    expect(alarms.refused.map((r) => r.name)).toEqual(['payments-payment-volume-anomaly']);
    expect(alarms.refused[0].reason).toMatch(/anomaly detection band.*not modelled/);
    expect(alarms.metric.map((a) => a.name).sort()).toEqual(
      [
        'payments-alarm-audit-dlq',
        ACCESS,
        API,
        'payments-api-p99-latency',
        CANARY,
        'payments-db-connections',
        LAMBDA,
        'payments-log-archive-delivery',
      ].sort(),
    );
    expect(alarms.composite.map((c) => c.name)).toEqual([COMPOSITE]);
  });

  it('only the composite notifies the on-call topic', () => {
    for (const a of alarms.metric) expect(a.alarmActions).not.toContain(pageTopic);
    expect(alarms.composite[0].alarmActions).toEqual([pageTopic]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// traffic generators

const healthy = (requests: number, canary: PeriodTraffic['canary'] = 'ok'): PeriodTraffic => ({
  ok: requests,
  handler4xx: 0,
  gateway4xx: 0,
  handled5xx: 0,
  unhandled: 0,
  canary,
});

/** A period where API 5xx <= 5% of requests AND failing invocations <= 10% of invocations. */
const healthyPeriod: fc.Arbitrary<PeriodTraffic> = fc
  .record({
    ok: fc.integer({ min: 0, max: 3000 }),
    handler4xx: fc.integer({ min: 0, max: 300 }),
    gateway4xx: fc.integer({ min: 0, max: 100 }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    handledShare: fc.double({ min: 0, max: 1, noNaN: true }),
    latencyMs: fc.integer({ min: 5, max: 2000 }),
  })
  .map(({ ok, handler4xx, gateway4xx, share, handledShare, latencyMs }) => {
    const requests = ok + handler4xx + gateway4xx + 1; // + the canary's /health
    const invocations = requests - gateway4xx;
    // f/(requests+f) <= 5%  <=>  f <= requests/19;  f/(invocations+f) <= 10%  <=>  f <= invocations/9
    const failures = Math.floor(Math.min(requests / 19, invocations / 9) * share);
    const handled5xx = Math.round(failures * handledShare);
    return {
      ok,
      handler4xx,
      gateway4xx,
      handled5xx,
      unhandled: failures - handled5xx,
      canary: 'ok' as const,
      latencyMs,
    };
  });

/** A period where more than `percent`% of what `over` counts fails; at least `min` of it. */
const failingPeriod = (
  over: 'requests' | 'invocations',
  percent: number,
  kinds: 'handled' | 'unhandled' | 'mixed',
) =>
  fc
    .record({
      ok: fc.integer({ min: 9, max: 3000 }),
      handler4xx: fc.integer({ min: 0, max: 300 }),
      gateway4xx: fc.integer({ min: 0, max: 300 }),
      extra: fc.double({ min: 0, max: 3, noNaN: true }),
      handledShare: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ ok, handler4xx, gateway4xx, extra, handledShare }) => {
      const base = ok + handler4xx + gateway4xx + 1;
      const denominator = over === 'requests' ? base : base - gateway4xx;
      // smallest f with f/(denominator+f) > percent%, plus some
      const fMin = Math.floor((denominator * percent) / (100 - percent)) + 1;
      const failures = fMin + Math.floor(fMin * extra);
      const handled5xx =
        kinds === 'handled' ? failures : kinds === 'unhandled' ? 0 : Math.round(failures * handledShare);
      return {
        ok,
        handler4xx,
        gateway4xx,
        handled5xx,
        unhandled: failures - handled5xx,
        canary: 'ok' as const,
      };
    });

const rate = (p: PeriodTraffic, over: 'requests' | 'invocations'): number => {
  const t = totals(p);
  return over === 'requests' ? (100 * t.api5xx) / t.requests : (100 * t.failingInvocations) / t.invocations;
};

const scenario = (incident: fc.Arbitrary<PeriodTraffic>) =>
  fc.record({
    before: fc.array(healthyPeriod, { maxLength: 6 }),
    incident: fc.array(incident, { minLength: 2, maxLength: 6 }),
    after: fc.array(healthyPeriod, { maxLength: 4 }),
  });

// ---------------------------------------------------------------------------------------------------------
// properties

describe('paging properties of the synthesized alarms', () => {
  it('regression: failures the handler catches (Lambda Errors = 0) page; the old Errors-only leg never would', () => {
    const periods = [
      healthy(500),
      healthy(500),
      ...Array.from({ length: 4 }, () => ({ ...healthy(450), handled5xx: 60 })),
    ];
    const r = run(periods);
    expect(r.series[LAMBDA].slice(2).every((x) => (x ?? 0) > 10)).toBe(true);
    expect(firstAlarm(r, LAMBDA)).toBe(3);
    expect(pages(r)).toEqual([3]);
    // The same stack with the leg as it was (Errors / Invocations): it stays OK on the same traffic.
    const old = structuredClone(s.json);
    const [name] = byPath(old, 'aws_cloudwatch_metric_alarm', 'alarms/lambda-error-rate');
    const a = old.resource['aws_cloudwatch_metric_alarm'][name];
    a['metric_query'] = (a['metric_query'] as Array<Record<string, unknown>>)
      .filter((q) => q['id'] !== 'answered5xx')
      .map((q) =>
        q['id'] === 'rate' ? { ...q, expression: 'IF(invocations >= 10, 100 * errors / invocations, 0)' } : q,
      );
    expect(run(periods, old).states[LAMBDA]).not.toContain('ALARM');
  });

  it('every leg of the composite can fire, and page, without the others', () => {
    const base = () => Array.from({ length: 6 }, () => healthy(400));
    // [legs expected in ALARM, legs expected to stay OK, the failing periods 3..5]
    const cases: Array<[string[], string[], PeriodTraffic]> = [
      // 7.7% of requests answered 5xx by timeouts, 7.7% of invocations failing: the API legs only. (The
      // access-log leg counts the same requests from the stage's log, so it fires with the API leg.)
      [[API, ACCESS], [LAMBDA, CANARY], { ...healthy(300), unhandled: 25 }],
      // 16.5% of invocations answered 503 by the handler, under 1% of all requests (API Gateway rejects
      // most before they invoke): the failing-invocation leg only, with Lambda Errors at 0.
      [[LAMBDA], [API, ACCESS, CANARY], { ...healthy(100), gateway4xx: 2000, handled5xx: 20 }],
      // /health answers 503, everything else succeeds: the canary only.
      [[CANARY], [API, ACCESS, LAMBDA], healthy(400, 'failing')],
    ];
    for (const [fire, quiet, failing] of cases) {
      const periods = base();
      periods.splice(3, 3, failing, failing, failing);
      const r = run(periods);
      for (const leg of fire) expect({ leg, first: firstAlarm(r, leg) }).toEqual({ leg, first: 4 });
      for (const leg of quiet) expect({ leg, ever: everAlarm(r, leg) }).toEqual({ leg, ever: false });
      expect({ fire, pages: pages(r) }).toEqual({ fire, pages: [4] });
    }
  });

  it('API 5xx above 5% for 2 periods (>= 10 requests) pages within 2 periods; only then', () => {
    fc.assert(
      fc.property(scenario(failingPeriod('requests', 5, 'mixed')), ({ before, incident, after }) => {
        for (const p of incident) expect(rate(p, 'requests')).toBeGreaterThan(5);
        const r = run([...before, ...incident, ...after]);
        const start = before.length;
        expect(firstAlarm(r, API)).toBe(start + 1);
        expect(firstAlarm(r, ACCESS)).toBe(start + 1);
        expect(pages(r)[0]).toBe(start + 1);
        expect(pages(r)).toHaveLength(1);
      }),
      fcParams({ numRuns: 200 }),
    );
  });

  it('API 5xx at or below 5% never trips the API legs, at any volume; with every leg healthy nothing pages', () => {
    const anyFailures = fc
      .record({
        ok: fc.integer({ min: 0, max: 3000 }),
        handler4xx: fc.integer({ min: 0, max: 300 }),
        gateway4xx: fc.integer({ min: 0, max: 3000 }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        handledShare: fc.double({ min: 0, max: 1, noNaN: true }),
        exact: fc.boolean(),
      })
      .map(({ ok, handler4xx, gateway4xx, share, handledShare, exact }) => {
        const base = ok + handler4xx + gateway4xx + 1;
        // exactly 5% when possible (the boundary), else anything up to it
        const f = exact && base % 19 === 0 ? base / 19 : Math.floor((base / 19) * share);
        const handled5xx = Math.round(f * handledShare);
        return { ok, handler4xx, gateway4xx, handled5xx, unhandled: f - handled5xx, canary: 'ok' as const };
      });
    fc.assert(
      fc.property(fc.array(anyFailures, { minLength: 1, maxLength: 12 }), (periods) => {
        for (const p of periods) expect(rate(p, 'requests')).toBeLessThanOrEqual(5);
        const r = run(periods);
        expect(everAlarm(r, API)).toBe(false);
        expect(everAlarm(r, ACCESS)).toBe(false);
      }),
      fcParams({ numRuns: 200 }),
    );
    fc.assert(
      fc.property(fc.array(healthyPeriod, { minLength: 1, maxLength: 12 }), (periods) => {
        expect(pages(run(periods))).toEqual([]);
      }),
      fcParams({ numRuns: 200 }),
    );
  });

  it('failing invocations above 10% for 2 periods page within 2 periods, handled failures alone included', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom('handled' as const, 'unhandled' as const, 'mixed' as const)
          .chain((k) => scenario(failingPeriod('invocations', 10, k))),
        ({ before, incident, after }) => {
          for (const p of incident) expect(rate(p, 'invocations')).toBeGreaterThan(10);
          const r = run([...before, ...incident, ...after]);
          const start = before.length;
          expect(firstAlarm(r, LAMBDA)).toBe(start + 1);
          expect(pages(r)).toEqual([start + 1]);
        },
      ),
      fcParams({ numRuns: 200 }),
    );
  });

  it('failing invocations at or below 10% never trip that leg', () => {
    const period = fc
      .record({
        ok: fc.integer({ min: 0, max: 3000 }),
        gateway4xx: fc.integer({ min: 0, max: 3000 }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        handledShare: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ ok, gateway4xx, share, handledShare }) => {
        const invocations = ok + 1;
        const f = Math.floor((invocations / 9) * share);
        const handled5xx = Math.round(f * handledShare);
        return {
          ok,
          handler4xx: 0,
          gateway4xx,
          handled5xx,
          unhandled: f - handled5xx,
          canary: 'ok' as const,
        };
      });
    fc.assert(
      fc.property(fc.array(period, { minLength: 1, maxLength: 12 }), (periods) => {
        for (const p of periods) expect(rate(p, 'invocations')).toBeLessThanOrEqual(10);
        expect(everAlarm(run(periods), LAMBDA)).toBe(false);
      }),
      fcParams({ numRuns: 200 }),
    );
  });

  describe('low traffic (fewer than 10 requests in a period, the canary included)', () => {
    const low = (canary: PeriodTraffic['canary']) =>
      fc
        .record({
          ok: fc.integer({ min: 0, max: 8 }),
          fail: fc.integer({ min: 0, max: 8 }),
          handledShare: fc.double({ min: 0, max: 1, noNaN: true }),
          gateway4xx: fc.integer({ min: 0, max: 8 }),
        })
        .filter(({ ok, fail, gateway4xx }) => ok + fail + gateway4xx + (canary === 'not-run' ? 0 : 1) < 10)
        .map(({ ok, fail, handledShare, gateway4xx }) => {
          const handled5xx = Math.round(fail * handledShare);
          return { ok, handler4xx: 0, gateway4xx, handled5xx, unhandled: fail - handled5xx, canary };
        });

    it('any failure rate, even 100%, trips no rate leg; with the canary passing nothing pages', () => {
      fc.assert(
        fc.property(fc.array(low('ok'), { minLength: 1, maxLength: 12 }), (periods) => {
          const r = run(periods);
          for (const leg of [API, ACCESS, LAMBDA]) expect(everAlarm(r, leg)).toBe(false);
          expect(pages(r)).toEqual([]);
        }),
        fcParams({ numRuns: 100 }),
      );
    });

    it('the canary failing 2 periods in a row pages at the second', () => {
      fc.assert(
        fc.property(
          fc.array(low('ok'), { maxLength: 5 }),
          fc.array(low('failing'), { minLength: 2, maxLength: 5 }),
          (before, outage) => {
            const r = run([healthy(5), ...before, ...outage]);
            expect(pages(r)).toEqual([1 + before.length + 1]);
          },
        ),
        fcParams({ numRuns: 100 }),
      );
    });

    it('a canary that stops running pages once its last result leaves the evaluation range (4 periods)', () => {
      // Missing data is only used as few times as possible: the last success (100) still counts while it
      // is among the N + 2 = 4 datapoints retrieved, so the 2-of-2 leg breaches at the 4th silent period.
      fc.assert(
        fc.property(
          fc.array(low('ok'), { maxLength: 5 }),
          fc.array(low('not-run'), { minLength: 4, maxLength: 6 }),
          (before, silent) => {
            const r = run([healthy(5), ...before, ...silent]);
            expect(pages(r)).toEqual([1 + before.length + 3]);
          },
        ),
        fcParams({ numRuns: 100 }),
      );
    });

    it('no traffic at all and a passing canary: nothing pages; a canary that never ran pages at once', () => {
      expect(pages(run(Array.from({ length: 8 }, () => healthy(0))))).toEqual([]);
      expect(pages(run([healthy(0, 'not-run'), healthy(0)]))).toEqual([0]);
    });
  });

  it('one sustained incident pages exactly once, whichever legs it trips, and recovers with one OK', () => {
    const incident = fc
      .record({
        cause: fc.constantFrom('handled', 'unhandled', 'canary', 'all'),
        volume: fc.integer({ min: 20, max: 2000 }),
      })
      .map(({ cause, volume }): PeriodTraffic => {
        const f = Math.ceil(volume * 0.3);
        return {
          ...healthy(volume, cause === 'canary' || cause === 'all' ? 'failing' : 'ok'),
          handled5xx: cause === 'handled' || cause === 'all' ? f : 0,
          unhandled: cause === 'unhandled' || cause === 'all' ? f : 0,
        };
      });
    fc.assert(
      fc.property(
        fc.array(healthyPeriod, { maxLength: 5 }),
        incident,
        fc.integer({ min: 2, max: 8 }),
        fc.array(healthyPeriod, { minLength: 3, maxLength: 5 }),
        (before, period, length, after) => {
          const r = run([...before, ...Array.from({ length }, () => period), ...after]);
          // At the second period of the incident; at its first when the canary fails with no earlier
          // canary result in range (the missing ones count as failing: a fresh deployment).
          const first = before.length === 0 && period.canary === 'failing' ? 0 : before.length + 1;
          expect(pages(r)).toEqual([first]);
          const composite = r.notifications.filter((n) => n.alarm === COMPOSITE);
          expect(composite.map((n) => n.to).slice(-2)).toEqual(['ALARM', 'OK']);
        },
      ),
      fcParams({ numRuns: 150 }),
    );
  });

  it('two incidents page twice when 2 or more healthy periods separate them, once when 1 does', () => {
    const bad = { ...healthy(300), handled5xx: 100 };
    const good = healthy(300);
    const at = (gap: number) =>
      run([good, bad, bad, bad, ...Array.from({ length: gap }, () => good), bad, bad, good, good, good]);
    expect(pages(at(1))).toEqual([2]);
    expect(pages(at(2))).toEqual([2, 7]);
    expect(pages(at(5))).toEqual([2, 10]);
  });

  it('DB connections: the handler ceiling (reserved concurrency x pool, read from the function) never alarms; above the threshold for 2 of 3 periods does', () => {
    const [, fn] = byPath(s.json, 'aws_lambda_function', 'handler/function');
    const ceiling =
      Number(fn['reserved_concurrent_executions']) *
      Number((block(fn['environment'])['variables'] as Record<string, string>)['DB_POOL_MAX']);
    const threshold = alarms.metric.find((a) => a.name === 'payments-db-connections')?.threshold ?? NaN;
    expect(threshold).toBeGreaterThan(ceiling);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: threshold }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: threshold + 1, max: 10 * threshold }), { minLength: 2, maxLength: 4 }),
        (normal, surge) => {
          const quiet = run(normal.map((c) => ({ ...healthy(50), dbConnections: c })));
          expect(everAlarm(quiet, 'payments-db-connections')).toBe(false);
          const loud = run([...normal, ...surge].map((c) => ({ ...healthy(50), dbConnections: c })));
          expect(firstAlarm(loud, 'payments-db-connections')).toBeLessThanOrEqual(normal.length + 1);
          expect(pages(loud)).toEqual([]); // a ticket, not a page
        },
      ),
      fcParams({ numRuns: 100 }),
    );
  });
});
