/**
 * Public grants in resource-based policies (SNS topic, SQS queue, S3 bucket and KMS key policies).
 *
 * A statement is public when it allows everyone (`"*"`, `{ AWS: "*" }`, a principal with a wildcard, or an
 * Allow with NotPrincipal) and no condition really limits the caller. AWS Config's
 * sns-topic-no-public-access / sqs-queue-no-public-access read "really limits" as: the statement grants
 * access only to *fixed* values (no wildcard, no policy variable) of a key that names the caller or its
 * source (https://docs.aws.amazon.com/config/latest/developerguide/sns-topic-no-public-access.html). So a
 * condition on `aws:SecureTransport`, a `Null` test, a negated operator (`StringNotEquals`), an `...IfExists`
 * operator (true when the key is missing) or `ForAllValues:` (true for an empty set) limits nothing.
 */
import type { TfModel } from '../core/model';
import type { RuleResult } from '../core/rule';
import { compliant, nonCompliant, unresolved } from '../core/rule';
import type { PolicyDocument, Statement } from '../core/values';
import { isExpression, referencesIn } from '../core/values';
import { statementLabel } from './policy-statements';
import { isWholeInternet } from './network';
import { standInReferences } from './reference-tokens';

/** Keys whose value names the account, organization, network or resource the request comes from. */
const ACCOUNT_KEYS = ['aws:sourceaccount', 'aws:principalaccount', 'aws:sourceowner', 'kms:calleraccount'];
const ORG_KEYS = ['aws:principalorgid', 'aws:sourceorgid', 'aws:principalorgpaths', 'aws:sourceorgpaths'];
const NETWORK_KEYS = ['aws:sourcevpce', 'aws:sourcevpc'];
const ARN_KEYS = ['aws:sourcearn', 'aws:principalarn'];
/** Source addresses: a fixed CIDR other than /0 limits the caller (S3 counts it as non-public too). */
const IP_KEYS = ['aws:sourceip'];
export const LIMITING_KEYS: readonly string[] = [
  ...ACCOUNT_KEYS,
  ...ORG_KEYS,
  ...NETWORK_KEYS,
  ...ARN_KEYS,
  ...IP_KEYS,
];

/** Operators that require the key to match one of the values (after an optional `ForAnyValue:`). */
const POSITIVE_OPERATORS = [
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'arnequals',
  'arnlike',
  'ipaddress',
];

/** An IAM policy variable such as `${aws:username}` (a Terraform expression never has `name:` inside). */
const POLICY_VARIABLE = /\$\{[A-Za-z0-9.-]+:[^}]*\}/;

export type ValueJudgement = 'fixed' | 'open' | 'unknown';

/**
 * Whether one condition value is a fixed value for `key`:
 * - `open`: a wildcard (`*`, `?`) where the key names the caller, or a policy variable;
 * - `unknown`: a Terraform expression that refers to nothing in this configuration (a variable, a local);
 * - `fixed` otherwise. An ARN is fixed when it pins the account (12 digits or a reference), or, for ARNs
 *   without an account field (S3 buckets), when its resource part has no wildcard.
 */
export function judgeConditionValue(model: TfModel, key: string, value: string): ValueJudgement {
  if (POLICY_VARIABLE.test(value)) return 'open';
  if (isExpression(value)) {
    const refs = referencesIn(value);
    if (refs.length === 0 || refs.some((r) => model.byAddress(r.address) === undefined)) return 'unknown';
  }
  // Each reference is one value Terraform computes (an ARN, an account id): read the fields around it.
  const { text, isReference } = standInReferences(value);
  if (text.includes('${')) return 'unknown';
  const k = key.toLowerCase();
  if (IP_KEYS.includes(k)) return /[*?]/.test(text) || isWholeInternet(text) ? 'open' : 'fixed';
  if (!ARN_KEYS.includes(k)) return /[*?]/.test(text) ? 'open' : 'fixed';
  if (isReference(text)) return 'fixed';
  const fields = text.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return 'open';
  const account = fields[4];
  if (account === '') return /[*?]/.test(fields.slice(5).join(':')) ? 'open' : 'fixed';
  return isReference(account) || /^\d{12}$/.test(account) ? 'fixed' : 'open';
}

/** The principal of an Allow statement names everyone. */
export function grantsEveryone(st: Statement): boolean {
  if (st.effect !== 'Allow') return false;
  if (st.hasNotPrincipal) return true;
  return Object.values(st.principals).some((ids) => ids.some((id) => id.includes('*')));
}

/**
 * How the statement's conditions limit the caller: `fixed` when one condition on a limiting key, with a
 * positive operator, has only fixed values; `unknown` when the best one has a value only apply can tell;
 * `open` otherwise. Returns the text of an unknown value for the message.
 */
export function limitsCaller(
  model: TfModel,
  st: Statement,
): { readonly judgement: ValueJudgement; readonly pending?: string } {
  let pending: string | undefined;
  for (const [operator, kv] of Object.entries(st.conditions)) {
    const op = operator.toLowerCase().replace(/^foranyvalue:/, '');
    if (!POSITIVE_OPERATORS.includes(op)) continue;
    for (const [key, values] of Object.entries(kv)) {
      if (!LIMITING_KEYS.includes(key.toLowerCase()) || values.length === 0) continue;
      const judged = values.map((v) => judgeConditionValue(model, key, v));
      if (judged.every((j) => j === 'fixed')) return { judgement: 'fixed' };
      if (!judged.includes('open')) pending ??= values[judged.indexOf('unknown')];
    }
  }
  return pending !== undefined ? { judgement: 'unknown', pending } : { judgement: 'open' };
}

export interface GoverningDocument {
  readonly attribute: string;
  readonly document: PolicyDocument;
}

/**
 * Judges the policies that govern one resource: one non-compliant result per public statement, an
 * unresolved result per statement (or document) that only apply can tell, else compliant (also when no
 * policy governs the resource: then only its owner account can use it).
 */
export function judgePublicGrants(model: TfModel, documents: readonly GoverningDocument[]): RuleResult[] {
  const results: RuleResult[] = [];
  for (const { attribute, document } of documents) {
    if (document.kind === 'unresolved') results.push(unresolved(attribute, document.text));
    else if (document.kind === 'invalid')
      results.push(nonCompliant(`${attribute} ${document.reason}`, attribute));
    else if (document.kind === 'document') {
      document.statements.forEach((st, i) => {
        if (!grantsEveryone(st)) return;
        const limit = limitsCaller(model, st);
        if (limit.judgement === 'fixed') return;
        if (limit.judgement === 'unknown') {
          results.push(unresolved(`${attribute} ${statementLabel(st, i)} condition`, limit.pending ?? ''));
          return;
        }
        const who = st.hasNotPrincipal ? 'every principal outside NotPrincipal' : 'everyone (principal "*")';
        const what =
          st.actions.length > 0 ? st.actions.join(', ') : `every action except ${st.notActions.join(', ')}`;
        results.push(
          nonCompliant(
            `${attribute} ${statementLabel(st, i)} allows ${who} ${what} without a condition that limits the caller to fixed values of aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce or similar`,
            attribute,
          ),
        );
      });
    }
  }
  return results.length > 0 ? results : [compliant()];
}
