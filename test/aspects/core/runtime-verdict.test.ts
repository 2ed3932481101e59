/**
 * The date arithmetic the runtime verdicts rest on, and the verdicts on a table the test writes itself
 * (so the cases do not move when AWS changes a date).
 */
import type { RuntimeFacts } from '../../../aspects/core/runtime-facts';
import { RUNTIME_FACT_SOURCES } from '../../../aspects/core/runtime-facts';
import {
  addMonths,
  creatableLambdaRuntimes,
  daysBetween,
  lambdaVerdict,
  staleFactsNote,
  syntheticsVerdict,
} from '../../../aspects/core/runtime-verdict';

const SRC = 'https://docs.aws.amazon.com/x.html';
const FACTS: RuntimeFacts = {
  lastChecked: '2026-08-31',
  sources: RUNTIME_FACT_SOURCES,
  lambda: [
    {
      id: 'nodejs98.x',
      family: 'nodejs',
      deprecated: '2027-04-30',
      blockCreate: '2027-06-01',
      blockUpdate: null,
      source: SRC,
    },
    {
      id: 'nodejs99.x',
      family: 'nodejs',
      deprecated: null,
      blockCreate: null,
      blockUpdate: null,
      source: SRC,
    },
    {
      id: 'python9.9',
      family: 'python',
      deprecated: null,
      blockCreate: null,
      blockUpdate: null,
      source: SRC,
    },
  ],
  synthetics: [
    {
      id: 'syn-a-1.0',
      family: 'nodejs-playwright',
      lambdaRuntime: 'nodejs98.x',
      deprecated: null,
      source: SRC,
    },
    {
      id: 'syn-a-2.0',
      family: 'nodejs-playwright',
      lambdaRuntime: 'nodejs98.x',
      deprecated: '2027-01-15',
      source: SRC,
    },
    {
      id: 'syn-a-3.0',
      family: 'nodejs-playwright',
      lambdaRuntime: 'nodejs99.x',
      deprecated: null,
      source: SRC,
    },
    {
      id: 'syn-a-4.0',
      family: 'nodejs-playwright',
      lambdaRuntime: 'nodejs77.x',
      deprecated: null,
      source: SRC,
    },
    {
      id: 'syn-a-0.1',
      family: 'nodejs-playwright',
      lambdaRuntime: null,
      deprecated: null,
      deprecatedUndated: true,
      source: SRC,
      note: 'old',
    },
  ],
};

describe('date arithmetic', () => {
  it.each([
    ['2026-12-02', '2026-12-02', 0],
    ['2026-12-02', '2027-06-01', 181],
    ['2027-06-01', '2026-12-02', -181],
    ['2028-02-28', '2028-03-01', 2], // leap year
  ])('daysBetween(%s, %s) = %i', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });

  it.each([
    ['2026-12-02', 6, '2027-06-02'],
    ['2026-08-31', 6, '2027-02-28'], // clamped to the month's last day, not rolled into March
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
  ])('addMonths(%s, %i) = %s', (d, m, expected) => {
    expect(addMonths(d, m)).toBe(expected);
  });
});

describe('verdicts on a written table', () => {
  it('Lambda: current, ending (<= 90 days), blocked (from the date on), unknown', () => {
    expect(lambdaVerdict('nodejs98.x', '2027-03-02', FACTS).kind).toBe('current'); // 91 days
    expect(lambdaVerdict('nodejs98.x', '2027-03-03', FACTS)).toMatchObject({ kind: 'ending', daysLeft: 90 });
    expect(lambdaVerdict('nodejs98.x', '2027-06-01', FACTS).kind).toBe('blocked');
    expect(lambdaVerdict('nodejs99.x', '2099-01-01', FACTS).kind).toBe('current');
    expect(lambdaVerdict('nodejs1.x', '2026-01-01', FACTS).kind).toBe('unknown');
  });

  it('Synthetics: a published date wins over the Lambda runtime; else the Lambda deprecation date', () => {
    expect(syntheticsVerdict('syn-a-2.0', '2027-01-15', FACTS).kind).toBe('blocked');
    expect(syntheticsVerdict('syn-a-1.0', '2027-01-15', FACTS).kind).toBe('current'); // 105 days
    expect(syntheticsVerdict('syn-a-1.0', '2027-02-01', FACTS)).toMatchObject({
      kind: 'ending',
      daysLeft: 88,
    });
    expect(syntheticsVerdict('syn-a-1.0', '2027-04-30', FACTS).kind).toBe('blocked');
    expect(syntheticsVerdict('syn-a-3.0', '2099-01-01', FACTS).kind).toBe('current');
  });

  it('Synthetics: undated deprecation is always blocked; an unrecorded Lambda runtime has no date', () => {
    expect(syntheticsVerdict('syn-a-0.1', '2000-01-01', FACTS).kind).toBe('blocked');
    expect(syntheticsVerdict('syn-a-4.0', '2026-01-01', FACTS)).toMatchObject({
      kind: 'current',
      block: { date: null, basis: 'its Lambda runtime is not recorded' },
    });
    expect(syntheticsVerdict('syn-b-1.0', '2026-01-01', FACTS).kind).toBe('unknown');
  });

  it('creatable runtimes of a family, in table order', () => {
    expect(creatableLambdaRuntimes('2027-05-31', ['nodejs'], FACTS)).toEqual(['nodejs98.x', 'nodejs99.x']);
    expect(creatableLambdaRuntimes('2027-06-01', ['nodejs'], FACTS)).toEqual(['nodejs99.x']);
    expect(creatableLambdaRuntimes('2027-06-01', ['nodejs', 'python'], FACTS)).toEqual([
      'nodejs99.x',
      'python9.9',
    ]);
  });

  it('the stale note starts the day after lastChecked + 6 months (month-end clamped)', () => {
    expect(staleFactsNote('2027-02-28', FACTS)).toBeUndefined();
    expect(staleFactsNote('2027-03-01', FACTS)).toContain('last checked on 2026-08-31');
  });
});

describe('verdicts say on what basis and from which source', () => {
  const LAMBDA_SRC = 'https://docs.aws.amazon.com/lambda/runtimes.html';
  const SYN_SRC = 'https://docs.aws.amazon.com/synthetics/runtimes.html';
  const facts: RuntimeFacts = {
    ...FACTS,
    lambda: FACTS.lambda.map((f) => ({ ...f, source: LAMBDA_SRC })),
    synthetics: [
      ...FACTS.synthetics.map((f) => ({ ...f, source: SYN_SRC })),
      {
        id: 'syn-a-0.0',
        family: 'nodejs-playwright',
        lambdaRuntime: null,
        deprecated: null,
        deprecatedUndated: true,
        source: SYN_SRC,
      },
    ],
  };

  it('Lambda: the create-block date, or that AWS lists none', () => {
    expect(lambdaVerdict('nodejs98.x', '2027-06-01', facts)).toEqual({
      kind: 'blocked',
      block: {
        date: '2027-06-01',
        basis: 'Lambda blocks creating functions on it from 2027-06-01',
        source: LAMBDA_SRC,
      },
    });
    expect(lambdaVerdict('nodejs99.x', '2099-01-01', facts)).toEqual({
      kind: 'current',
      block: { date: null, basis: 'AWS lists no create-block date for it', source: LAMBDA_SRC },
    });
  });

  it('Synthetics: the published date; else the Lambda runtime deprecation, with both sources; else none', () => {
    expect(syntheticsVerdict('syn-a-2.0', '2027-01-15', facts)).toEqual({
      kind: 'blocked',
      block: {
        date: '2027-01-15',
        basis: 'AWS deprecated it on 2027-01-15 (no new canaries from that date)',
        source: SYN_SRC,
      },
    });
    expect(syntheticsVerdict('syn-a-1.0', '2027-04-30', facts)).toEqual({
      kind: 'blocked',
      block: {
        date: '2027-04-30',
        basis:
          'it runs on Lambda nodejs98.x, deprecated on 2027-04-30, and Synthetics deprecates a runtime when any component is unsupported (derived, not published)',
        source: `${SYN_SRC} ; ${LAMBDA_SRC}`,
      },
    });
    expect(syntheticsVerdict('syn-a-3.0', '2099-01-01', facts)).toEqual({
      kind: 'current',
      block: {
        date: null,
        basis: 'its Lambda runtime nodejs99.x has no deprecation date',
        source: LAMBDA_SRC,
      },
    });
  });

  it('Synthetics: an undated deprecation gives the note, or points to the source', () => {
    expect(syntheticsVerdict('syn-a-0.1', '2000-01-01', facts)).toEqual({
      kind: 'blocked',
      block: { date: null, basis: 'AWS lists it as deprecated (date not recorded: old)', source: SYN_SRC },
    });
    expect(syntheticsVerdict('syn-a-0.0', '2000-01-01', facts)).toEqual({
      kind: 'blocked',
      block: {
        date: null,
        basis: 'AWS lists it as deprecated (date not recorded: see the source)',
        source: SYN_SRC,
      },
    });
  });
});
