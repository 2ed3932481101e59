import { RUNTIME_FACTS } from '../core/runtime-facts';
import { lambdaVerdict, staleFactsNote } from '../core/runtime-verdict';
import { isoToday } from '../core/evaluate';
import {
  compliant,
  compliantWithWarning,
  defineRule,
  nonCompliant,
  notApplicable,
  unresolved,
} from '../core/rule';
import { literalString } from '../core/values';

/**
 * Judged by the dated runtime facts (aspects/core/runtime-facts.ts, sources on the Lambda "Runtimes"
 * pages) on the policy's today: a runtime Lambda no longer lets you create functions on fails; one it
 * stops accepting within 90 days passes with a warning; one missing from the table fails (fail closed)
 * unless the policy accepts it in `allowedUnknownRuntimes`. The policy's `allowedLambdaRuntimes` narrows
 * further (payments: the creatable Node.js runtimes).
 */
export default defineRule({
  id: 'LambdaRuntimeCurrent',
  description:
    'Every Lambda function deployed as a zip runs on a runtime Lambda still lets you create functions on (dated runtime facts) and the policy lists (allowedLambdaRuntimes).',
  fix: "set runtime to one of the policy's allowedLambdaRuntimes (for payments: the Node.js runtimes Lambda still accepts, e.g. nodejs22.x or nodejs24.x)",
  severity: 'medium',
  controls: {
    pciDss: ['6.3.3'],
    securityHub: ['Lambda.2'],
    cdkNag: ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'],
    checkov: ['CKV_AWS_363'],
  },
  appliesTo: ['aws_lambda_function'],
  evaluate: (r, { policy }) => {
    const pkg = literalString(r.config['package_type']);
    if (pkg.kind === 'unresolved') return unresolved('package_type', pkg.expression);
    if (pkg.kind === 'value' && pkg.value === 'Image')
      return notApplicable('a container image function has no managed runtime');
    // Joined only for a message: a compliant function (the common case) costs no string building.
    const allowed = (): string => policy.allowedLambdaRuntimes.join(', ');
    const v = literalString(r.config['runtime']);
    if (v.kind === 'unresolved') return unresolved('runtime', v.expression);
    if (v.kind === 'absent')
      return nonCompliant(`runtime is not set; it must be one of ${allowed()}`, 'runtime');
    if (v.kind === 'invalid')
      return nonCompliant(`runtime is ${JSON.stringify(v.raw)}, not a runtime name`, 'runtime');
    const id = v.value;
    const verdict = lambdaVerdict(id, policy.today ?? isoToday());
    if (verdict.kind === 'unknown' && !(policy.allowedUnknownRuntimes ?? []).includes(id)) {
      return nonCompliant(
        `runtime is "${id}", which is not in the runtime facts table (last checked ${RUNTIME_FACTS.lastChecked}), so whether Lambda still accepts it is unknown; use one of ${allowed()}, add it to aspects/core/runtime-facts.ts with its dates and source, or list it in the policy's allowedUnknownRuntimes`,
        'runtime',
      );
    }
    if (verdict.kind === 'blocked') {
      return nonCompliant(
        `runtime is "${id}", on which Lambda no longer creates functions: ${verdict.block.basis} (${verdict.block.source}); use one of ${allowed()}`,
        'runtime',
      );
    }
    if (!policy.allowedLambdaRuntimes.includes(id)) {
      return nonCompliant(
        `runtime is "${id}", which the policy does not list as current; use one of ${allowed()}`,
        'runtime',
      );
    }
    if (verdict.kind === 'ending') {
      return compliantWithWarning(
        `runtime "${id}" can be used for new functions for ${verdict.daysLeft} more day(s): ${verdict.block.basis} (${verdict.block.source}); plan the move to a newer runtime`,
        'runtime',
      );
    }
    return compliant();
  },
  notes: ({ today }) => {
    const note = staleFactsNote(today);
    return note ? [note] : [];
  },
});
