import type { TfModel } from '../core/model';
import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { isExpression, literalString, referencesIn } from '../core/values';
import { standInReferences } from './reference-tokens';
import { textOf } from './requirements';

const WILDCARD = /[*?]/;
/** A resource reference (managed or data) at the very start of a string. */
const REF_AT_START = /^\$\{(data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_]+|\[\d+\])*\}/;

/**
 * What a source ARN pattern fails to pin: the account (a wildcard or empty account field, unless
 * source_account names it) and the resource (a resource part whose first segment, the API id for
 * execute-api, is empty or a wildcard). A reference to a resource of this stack pins both, since
 * Terraform writes that resource's own ARN there (`${aws_api_gateway_rest_api.api.execution_arn}/*`).
 */
function sourceArnGaps(
  model: TfModel,
  arn: string,
  accountPinned: boolean,
): { readonly gaps: string[] } | { readonly unknown: string } {
  if (isExpression(arn)) {
    const refs = referencesIn(arn);
    if (refs.length === 0 || refs.some((r) => model.byAddress(r.address) === undefined))
      return { unknown: arn };
    // Starting with a reference, the text is that resource's own ARN (plus a suffix): account and
    // resource are pinned. Anywhere else (`arn:aws:sns:*:*:${x.name}`) it pins one field only.
    if (REF_AT_START.test(arn)) return { gaps: [] };
  }
  // Read the ARN's fields with each reference stood in by a token; quote a field as the author wrote it.
  const { text, asWritten } = standInReferences(arn);
  const fields = text.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return { gaps: ['is not an ARN'] };
  const gaps: string[] = [];
  const account = fields[4];
  if (!accountPinned && (account === '' || WILDCARD.test(account)))
    gaps.push(
      account === ''
        ? 'names no account (and source_account is not set)'
        : `pins no account (the account field is "${asWritten(account)}")`,
    );
  const first = fields.slice(5).join(':').split(/[/:]/)[0];
  if (first === '' || WILDCARD.test(first))
    gaps.push(`pins no resource (the resource part starts with "${asWritten(first)}")`);
  return { gaps };
}

export default defineRule({
  id: 'LambdaPermissionScoped',
  description:
    'Every Lambda permission names a specific principal (never *), and a service principal is limited to a source ARN that pins the account and the resource (the API id for API Gateway) or to a source account.',
  fix: 'set principal to the invoking service or account (not "*"); for a service principal (*.amazonaws.com) set source_arn to the invoking resource (e.g. "${aws_api_gateway_rest_api.<name>.execution_arn}/<stage>/<method>/<path>", or a literal ARN with the account id and the API id, no wildcard there) and, for ARNs without an account (S3 buckets), source_account',
  severity: 'critical',
  controls: {
    pciDss: ['1.3.1', '7.2.1'],
    securityHub: ['Lambda.1'],
    cdkNag: [
      'HIPAA.Security-LambdaFunctionPublicAccessProhibited',
      'NIST.800.53.R5-LambdaFunctionPublicAccessProhibited',
      'PCI.DSS.321-LambdaFunctionPublicAccessProhibited',
    ],
    checkov: ['CKV_AWS_301', 'CKV_AWS_364'],
  },
  appliesTo: ['aws_lambda_permission'],
  evaluate: (r, { model }): RuleResult => {
    const p = literalString(r.config['principal']);
    if (p.kind === 'unresolved') return unresolved('principal', p.expression);
    if (p.kind !== 'value') return nonCompliant('principal is not set', 'principal');
    if (p.value.trim() === '*')
      return nonCompliant('principal is "*", so anyone can invoke the function', 'principal');
    if (!/\.amazonaws\.com(\.cn)?$/.test(p.value)) return compliant();
    // A reference or a literal account id; presence is the point (the exact account is the author's).
    const accountPinned = textOf(r.config['source_account']) !== undefined;
    const sourceArn = textOf(r.config['source_arn']);
    if (sourceArn === undefined) {
      if (accountPinned) return compliant();
      return nonCompliant(
        `principal is the service "${p.value}" without source_arn or source_account, so any account's resource of that service can invoke the function`,
        'source_arn',
      );
    }
    const judged = sourceArnGaps(model, sourceArn, accountPinned);
    if ('unknown' in judged) return unresolved('source_arn', judged.unknown);
    if (judged.gaps.length === 0) return compliant();
    return nonCompliant(
      `source_arn "${sourceArn}" ${judged.gaps.join(' and ')}, so resources of "${p.value}" that are not yours can invoke the function`,
      'source_arn',
    );
  },
});
