/**
 * CanaryRuntimeCurrent on the syn-nodejs-2 family, its beta runtime included. Kept apart from
 * CanaryRuntimeCurrent.test.ts only while that file is edited on another branch: fold these cases into
 * it (beside its other deprecated-runtime cases) when both are merged.
 */
import rule from '../../../aspects/rules/CanaryRuntimeCurrent';
import { judge } from '../../support/rule-harness';

describe('CanaryRuntimeCurrent: the deprecated beta runtime of syn-nodejs-2 is refused like the others', () => {
  it.each(['syn-nodejs-2.0-beta', 'syn-nodejs-2.0', 'syn-nodejs-2.2'])('%s is deprecated', (v) => {
    const [r] = judge(rule, 'aws_synthetics_canary.c', {
      resource: { aws_synthetics_canary: { c: { runtime_version: v } } },
    });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('syn-nodejs-2.x');
  });
  it('a current runtime still passes', () => {
    const [r] = judge(rule, 'aws_synthetics_canary.c', {
      resource: { aws_synthetics_canary: { c: { runtime_version: 'syn-nodejs-puppeteer-10.0' } } },
    });
    expect(r.outcome).toBe('compliant');
  });
});
