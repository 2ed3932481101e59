/**
 * The runtime facts table holds together: real calendar dates in phase order, one record per id, every
 * record sourced from an AWS documentation page, no silent gaps (a missing date carries a note), every
 * Synthetics runtime judged by a recorded Lambda runtime, and a lastChecked date.
 */
import { isIsoDate } from '../../../aspects/core/policy';
import { RUNTIME_FACT_SOURCES, RUNTIME_FACTS } from '../../../aspects/core/runtime-facts';

const AWS_DOC = /^https:\/\/docs\.aws\.amazon\.com\/\S+\.html$/;

describe('runtime facts table', () => {
  it('has a lastChecked calendar date', () => {
    expect(isIsoDate(RUNTIME_FACTS.lastChecked)).toBe(true);
  });

  it('names AWS documentation pages as its sources', () => {
    for (const url of Object.values(RUNTIME_FACT_SOURCES)) expect(url).toMatch(AWS_DOC);
  });

  it('has one record per runtime id', () => {
    const lambdaIds = RUNTIME_FACTS.lambda.map((f) => f.id);
    const synIds = RUNTIME_FACTS.synthetics.map((f) => f.id);
    expect(new Set(lambdaIds).size).toBe(lambdaIds.length);
    expect(new Set(synIds).size).toBe(synIds.length);
  });

  it.each(RUNTIME_FACTS.lambda.map((f) => [f.id, f] as const))(
    'Lambda %s: real dates in phase order (deprecated <= block create <= block update), a source, a note for a gap',
    (_, f) => {
      const dates = [f.deprecated, f.blockCreate, f.blockUpdate].filter((d): d is string => d !== null);
      for (const d of dates) expect(isIsoDate(d)).toBe(true);
      expect([...dates].sort()).toEqual(dates);
      expect(f.source).toMatch(AWS_DOC);
      // a phase without a date while a later or earlier one has one is a gap: it must say why
      if (dates.length > 0 && dates.length < 3) expect(f.note).toEqual(expect.any(String));
    },
  );

  it.each(RUNTIME_FACTS.synthetics.map((f) => [f.id, f] as const))(
    'Synthetics %s: a dated deprecation, a recorded-undated one with a note, or a recorded Lambda runtime',
    (_, f) => {
      expect(f.id).toMatch(/^syn-/);
      expect(f.source).toMatch(AWS_DOC);
      if (f.deprecated !== null) expect(isIsoDate(f.deprecated)).toBe(true);
      else if (f.deprecatedUndated) expect(f.note).toEqual(expect.any(String));
      else expect(RUNTIME_FACTS.lambda.map((l) => l.id)).toContain(f.lambdaRuntime);
    },
  );

  it('is frozen: a rule cannot change the facts it judges by', () => {
    expect(Object.isFrozen(RUNTIME_FACTS)).toBe(true);
    expect(Object.isFrozen(RUNTIME_FACTS.lambda)).toBe(true);
    expect(Object.isFrozen(RUNTIME_FACTS.lambda[0])).toBe(true);
    expect(Object.isFrozen(RUNTIME_FACTS.synthetics[0])).toBe(true);
  });
});
