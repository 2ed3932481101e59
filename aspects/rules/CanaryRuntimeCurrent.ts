import { RUNTIME_FACTS } from '../core/runtime-facts';
import { staleFactsNote, syntheticsVerdict } from '../core/runtime-verdict';
import { isoToday } from '../core/evaluate';
import { compliant, compliantWithWarning, defineRule, nonCompliant, unresolved } from '../core/rule';
import { literalString } from '../core/values';

/**
 * `syn-nodejs-puppeteer-10.0` -> `nodejs-puppeteer`; `syn-nodejs-5.4` -> `nodejs`. The first Node.js
 * runtimes (`syn-1.0`, `syn-nodejs-2.x`) ran Puppeteer browser scripts before the family was named, so
 * they belong to `nodejs-puppeteer` (never to the browserless `syn-nodejs-3+` runtimes).
 */
const familyOf = (id: string): string =>
  /^syn-(1\.0|nodejs-2\.)/.test(id)
    ? 'nodejs-puppeteer'
    : id.replace(/^syn-/, '').replace(/-\d+\.\d+(-beta)?$/, '');

/**
 * A recorded runtime still creatable on `today` to suggest instead of `id`: the newest of its family (table
 * order), else, for a Puppeteer script, the newest Playwright runtime (both run Node.js browser scripts;
 * the browserless syn-nodejs-* runtimes only run the multi-checks blueprint, so never suggested for them).
 */
function suggestionFor(id: string, today: string): string | undefined {
  const newest = (family: string) =>
    RUNTIME_FACTS.synthetics
      .filter((f) => f.family === family && syntheticsVerdict(f.id, today).kind === 'current')
      .map((f) => f.id)
      .at(-1);
  const family = familyOf(id);
  return newest(family) ?? (family === 'nodejs-puppeteer' ? newest('nodejs-playwright') : undefined);
}

/**
 * Judged by the dated runtime facts (aspects/core/runtime-facts.ts) on the policy's today. AWS: "You
 * can't create canaries using deprecated runtime versions", and a Synthetics runtime is deprecated when
 * any of its components is unsupported
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Runtime_Support_Policy.html).
 * A runtime past its published deprecation date, or past the deprecation of the Lambda runtime it runs
 * on, fails; one within 90 days of that passes with a warning; one missing from the table fails (fail
 * closed) unless the policy accepts it in `allowedUnknownRuntimes`.
 */
export default defineRule({
  id: 'CanaryRuntimeCurrent',
  description:
    'Every Synthetics canary runs on a runtime version AWS still lets you create canaries on (dated runtime facts).',
  fix: 'set runtime_version to a current runtime on a supported Lambda runtime (e.g. syn-nodejs-playwright-8.0 on Node.js 22) and check the script against its release notes',
  severity: 'medium',
  controls: { pciDss: ['6.3.3'] },
  appliesTo: ['aws_synthetics_canary'],
  evaluate: (r, { policy }) => {
    const attr = 'runtime_version';
    const v = literalString(r.config[attr]);
    if (v.kind === 'unresolved') return unresolved(attr, v.expression);
    if (v.kind !== 'value' || !v.value.startsWith('syn-')) {
      const actual =
        v.kind === 'value' ? `"${v.value}"` : v.kind === 'absent' ? 'not set' : JSON.stringify(v.raw);
      return nonCompliant(`${attr} is ${actual}, not a Synthetics runtime version`, attr);
    }
    const id = v.value;
    const today = policy.today ?? isoToday();
    const verdict = syntheticsVerdict(id, today);
    if (verdict.kind === 'unknown') {
      if ((policy.allowedUnknownRuntimes ?? []).includes(id)) return compliant();
      const suggestion = suggestionFor(id, today);
      return nonCompliant(
        `${attr} is "${id}", which is not in the runtime facts table (last checked ${RUNTIME_FACTS.lastChecked}), so whether AWS still lets canaries be created on it is unknown; use a recorded current runtime${suggestion ? ` such as ${suggestion}` : ''}, add it to aspects/core/runtime-facts.ts with its source, or list it in the policy's allowedUnknownRuntimes`,
        attr,
      );
    }
    if (verdict.kind === 'blocked') {
      const suggestion = suggestionFor(id, today);
      return nonCompliant(
        `${attr} is "${id}", on which canaries can no longer be created: ${verdict.block.basis} (${verdict.block.source})${suggestion ? `; use a current runtime such as ${suggestion}` : ''}`,
        attr,
      );
    }
    if (verdict.kind === 'ending') {
      return compliantWithWarning(
        `${attr} "${id}" can be used for new canaries for ${verdict.daysLeft} more day(s): ${verdict.block.basis} (${verdict.block.source}); plan the move to a newer runtime`,
        attr,
      );
    }
    return compliant();
  },
  notes: ({ today }) => {
    const note = staleFactsNote(today);
    return note ? [note] : [];
  },
});
