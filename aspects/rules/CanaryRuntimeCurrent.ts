import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { literalString } from '../core/values';

const major = (v: string, prefix: string): number | undefined => {
  const m = new RegExp(`^${prefix}-(\\d+)\\.\\d+(-beta)?$`).exec(v);
  return m ? Number(m[1]) : undefined;
};

/**
 * Deprecated Synthetics runtimes: AWS no longer lets a canary be created or updated on them. Sources:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Runtime_Support_Policy.html
 * - syn-1.0 and syn-nodejs-2.x: the first Node.js runtimes (long deprecated);
 * - syn-nodejs-puppeteer-7.0 and older (7.0, 6.2 and 5.2 on 22 January 2026; the rest before);
 * - syn-python-selenium-5.1 and older (4.x and 5.x on 3 February 2026; 1.x-3.x before).
 * Update this list when AWS deprecates more; anything newer is accepted.
 */
const DEPRECATED_RUNTIMES: readonly { readonly what: string; readonly test: (v: string) => boolean }[] = [
  { what: 'syn-1.0', test: (v) => v === 'syn-1.0' },
  { what: 'syn-nodejs-2.x', test: (v) => /^syn-nodejs-2\.\d+(-beta)?$/.test(v) },
  {
    what: 'syn-nodejs-puppeteer-7.0 and older',
    test: (v) => (major(v, 'syn-nodejs-puppeteer') ?? Infinity) <= 7,
  },
  {
    what: 'syn-python-selenium-5.1 and older',
    test: (v) => (major(v, 'syn-python-selenium') ?? Infinity) <= 5,
  },
];

export default defineRule({
  id: 'CanaryRuntimeCurrent',
  description: 'Every Synthetics canary runs on a runtime version AWS has not deprecated.',
  fix: 'set runtime_version to a current runtime (e.g. syn-nodejs-puppeteer-9.1 or newer) and check the script against its release notes',
  severity: 'medium',
  controls: { pciDss: ['6.3.3'] },
  appliesTo: ['aws_synthetics_canary'],
  evaluate: (r) => {
    const attr = 'runtime_version';
    const v = literalString(r.config[attr]);
    if (v.kind === 'unresolved') return unresolved(attr, v.expression);
    if (v.kind !== 'value' || !v.value.startsWith('syn-')) {
      const actual =
        v.kind === 'value' ? `"${v.value}"` : v.kind === 'absent' ? 'not set' : JSON.stringify(v.raw);
      return nonCompliant(`${attr} is ${actual}, not a Synthetics runtime version`, attr);
    }
    const hit = DEPRECATED_RUNTIMES.find((d) => d.test(v.value));
    if (hit) return nonCompliant(`${attr} is "${v.value}", a deprecated runtime (${hit.what})`, attr);
    return compliant();
  },
});
