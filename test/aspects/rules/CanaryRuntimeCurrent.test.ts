import rule from '../../../aspects/rules/CanaryRuntimeCurrent';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_synthetics_canary.c';
const canary = (runtime_version?: unknown) => ({
  resource: {
    aws_synthetics_canary: {
      c: { name: 'pay-probe', ...(runtime_version !== undefined ? { runtime_version } : {}) },
    },
  },
});
const judged = (v: unknown) => outcomeOf(judge(rule, ADDR, canary(v)));

describe('CanaryRuntimeCurrent', () => {
  it('accepts current runtimes', () => {
    expect(judged('syn-nodejs-puppeteer-9.1')).toBe('compliant');
    expect(judged('syn-nodejs-puppeteer-10.0')).toBe('compliant');
    expect(judged('syn-nodejs-3.1')).toBe('compliant');
    expect(judged('syn-python-selenium-6.0')).toBe('compliant');
  });
  it('rejects puppeteer 7.0 and older', () => {
    const [r] = judge(rule, ADDR, canary('syn-nodejs-puppeteer-7.0'));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('deprecated');
    expect(judged('syn-nodejs-puppeteer-3.9')).toBe('non-compliant');
  });
  it('rejects the first Node.js runtimes (syn-1.0, syn-nodejs-2.x)', () => {
    expect(judged('syn-1.0')).toBe('non-compliant');
    expect(judged('syn-nodejs-2.2')).toBe('non-compliant');
  });
  it('rejects deprecated Python Selenium runtimes (1.x to 5.x)', () => {
    expect(judged('syn-python-selenium-1.3')).toBe('non-compliant');
    expect(judged('syn-python-selenium-5.1')).toBe('non-compliant');
  });
  it('rejects a missing or non-Synthetics runtime', () => {
    expect(judged(undefined)).toBe('non-compliant');
    expect(judged('nodejs20.x')).toBe('non-compliant');
  });
  it('reports a variable as unresolved', () => {
    expect(judged('${var.runtime}')).toBe('unresolved');
  });
});

describe('CanaryRuntimeCurrent messages and version boundaries', () => {
  const bad = (actual: string) => ({
    outcome: 'non-compliant',
    message: `runtime_version is ${actual}, not a Synthetics runtime version`,
    attribute: 'runtime_version',
  });
  const deprecated = (v: string, what: string) => ({
    outcome: 'non-compliant',
    message: `runtime_version is "${v}", a deprecated runtime (${what})`,
    attribute: 'runtime_version',
  });
  it.each([
    ['no runtime', undefined, bad('not set')],
    ['a Lambda runtime name', 'nodejs20.x', bad('"nodejs20.x"')],
    ['a number', 9, bad('9')],
    ['syn-1.0', 'syn-1.0', deprecated('syn-1.0', 'syn-1.0')],
    ['syn-nodejs-2.10 (two-digit minor)', 'syn-nodejs-2.10', deprecated('syn-nodejs-2.10', 'syn-nodejs-2.x')],
    [
      'puppeteer 7.0',
      'syn-nodejs-puppeteer-7.0',
      deprecated('syn-nodejs-puppeteer-7.0', 'syn-nodejs-puppeteer-7.0 and older'),
    ],
    [
      'selenium 5.1',
      'syn-python-selenium-5.1',
      deprecated('syn-python-selenium-5.1', 'syn-python-selenium-5.1 and older'),
    ],
    ['puppeteer 8.0', 'syn-nodejs-puppeteer-8.0', { outcome: 'compliant' }],
    ['a name that only contains syn-nodejs-2.x', 'syn-x-syn-nodejs-2.1', { outcome: 'compliant' }],
  ])('judges %s', (_, v, expected) => {
    expect(judge(rule, ADDR, canary(v))).toEqual([expected]);
  });
});
