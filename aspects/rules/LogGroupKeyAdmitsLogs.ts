import type { TfModel, TfResource } from '../core/model';
import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../core/rule';
import type { Statement } from '../core/values';
import { actionMatches, literalString, statementCoversActions } from '../core/values';
import { allowsService } from './policy-statements';
import { keyPolicyOf } from './key-policies';
import { standInReferences } from './reference-tokens';
import { judgeStackKey } from './kms-keys';

/**
 * What CloudWatch Logs needs on the key (`kms:Encrypt*`, `kms:Decrypt*`, `kms:ReEncrypt*`,
 * `kms:GenerateDataKey*`, `kms:Describe*`), written as concrete actions so a statement listing the
 * wildcards covers them. https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
const REQUIRED_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:GenerateDataKey',
  'kms:DescribeKey',
];
const CONTEXT_KEY = 'kms:EncryptionContext:aws:logs:arn';

/** Operators whose values are patterns (`*`, `?`); for the others only `${...}` stands for any text. */
const WILDCARD_OPERATORS = /^(arnlike|arnequals|stringlike|arnnotlike)/;

const CONDITION_PATTERNS = new Map<string, RegExp>();

/** Literal text of a condition value as a pattern (`*` and `?` are wildcards under a pattern operator). */
function literalPattern(text: string, wildcard: boolean): string {
  return text
    .split('')
    .map((c) => {
      if (wildcard && c === '*') return '.*';
      if (wildcard && c === '?') return '.';
      return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
}

/** The condition value as an anchored pattern (compiled once: one key serves many log groups). */
function conditionPattern(value: string, wildcard: boolean): RegExp {
  const cacheKey = `${wildcard ? 'w' : 'l'}\u0000${value}`;
  let re = CONDITION_PATTERNS.get(cacheKey);
  if (re) return re;
  // A reference matches any text; the account is not known before apply: the account field of the value
  // matches any account.
  const { text, pieces } = standInReferences(value);
  const fieldPattern = (field: string): string =>
    pieces(field)
      .map((p) => (p.reference ? '.*' : literalPattern(p.text, wildcard)))
      .join('');
  const source = text
    .split(':')
    .map((field, i) => (i === 4 ? '.*' : fieldPattern(field)))
    .join(':');
  re = new RegExp(`^${source}$`);
  if (CONDITION_PATTERNS.size > 10_000) CONDITION_PATTERNS.clear();
  CONDITION_PATTERNS.set(cacheKey, re);
  return re;
}

function conditionMatchesArn(st: Statement, arn: string): boolean {
  for (const [op, kv] of Object.entries(st.conditions)) {
    // IAM's set operators are ForAnyValue: (singular) and ForAllValues: (plural).
    const bare = op.replace(/^for(anyvalue|allvalues):/i, '').toLowerCase();
    const wildcard = WILDCARD_OPERATORS.test(bare);
    for (const [k, values] of Object.entries(kv)) {
      if (k.toLowerCase() !== CONTEXT_KEY.toLowerCase()) continue;
      for (const v of values) if (conditionPattern(v, wildcard).test(arn)) return true;
    }
  }
  return false;
}

/**
 * The key-level part of the verdict: a failing result, or the statements that admit the service with the
 * required actions and an encryption-context condition (each group's name is then matched against them).
 */
function isStatements(v: RuleResult | readonly Statement[]): v is readonly Statement[] {
  return Array.isArray(v);
}

function judgeKeyPolicy(model: TfModel, key: TfResource, region: string): RuleResult | readonly Statement[] {
  const { attribute: policyAttr, document, unknownLink } = keyPolicyOf(model, key);
  const where = `the key policy of ${key.address}`;
  if (unknownLink) return unresolved(unknownLink.attribute, unknownLink.expression);
  if (document.kind === 'absent') {
    return nonCompliant(
      `${where} is not set; the default key policy does not admit logs.${region}.amazonaws.com, so creating the log group fails`,
      'kms_key_id',
    );
  }
  if (document.kind === 'unresolved') return unresolved(`${key.address}.${policyAttr}`, document.text);
  if (document.kind === 'invalid') return nonCompliant(`${where} ${document.reason}`, 'kms_key_id');

  const service = `logs.${region}.amazonaws.com`;
  const admitting = document.statements.filter((st) => allowsService(st, service));
  if (admitting.length === 0) {
    return nonCompliant(
      `${where} has no Allow statement for Service ${service}, so CloudWatch Logs cannot use the key and creating the log group fails`,
      'kms_key_id',
    );
  }
  const covering = admitting.filter((st) => statementCoversActions(st, REQUIRED_ACTIONS));
  if (covering.length === 0) {
    const missing = REQUIRED_ACTIONS.filter(
      (a) => !admitting.some((st) => st.actions.some((p) => actionMatches(p, a))),
    );
    return nonCompliant(
      `${where} allows ${service} but not ${missing.join(', ')} in one statement (needs kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*)`,
      'kms_key_id',
    );
  }
  const conditioned = covering.filter((st) =>
    Object.values(st.conditions).some((kv) =>
      Object.keys(kv).some((k) => k.toLowerCase() === CONTEXT_KEY.toLowerCase()),
    ),
  );
  if (conditioned.length === 0) {
    return nonCompliant(
      `${where} allows ${service} without a condition on ${CONTEXT_KEY}, so any log group in the region may use the key`,
      'kms_key_id',
    );
  }
  return conditioned;
}

export default defineRule({
  id: 'LogGroupKeyAdmitsLogs',
  description:
    'The customer-managed key of every encrypted log group lets the regional CloudWatch Logs principal (logs.<region>.amazonaws.com) encrypt, decrypt, re-encrypt, generate data keys and describe the key, conditioned on kms:EncryptionContext:aws:logs:arn matching the group.',
  fix: 'add to the key policy an Allow for Service logs.<region>.amazonaws.com of kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe* on *, with Condition ArnLike kms:EncryptionContext:aws:logs:arn = arn:<partition>:logs:<region>:<account>:log-group:* (or the group), and make the log group depend on the key policy',
  severity: 'high',
  controls: {},
  appliesTo: ['aws_cloudwatch_log_group'],
  evaluate: (r, { model, policy }) => {
    const key = judgeStackKey(model, r.config['kms_key_id'], policy.trustedKeyArns);
    if (key.kind !== 'cmk' || key.key === undefined) {
      return notApplicable(
        'kms_key_id is not a key declared in this stack (LogGroupKmsCmk judges the key itself)',
      );
    }
    // Every group encrypted with this key gets the same verdict on the key policy: judged once per key.
    const cmk = key.key;
    const verdict = model.memoBy('LogGroupKeyAdmitsLogs', cmk, policy.region, () =>
      judgeKeyPolicy(model, cmk, policy.region),
    );
    if (!isStatements(verdict)) return verdict;
    const conditioned = verdict;
    const where = `the key policy of ${key.key.address}`;
    const service = `logs.${policy.region}.amazonaws.com`;
    const name = literalString(r.config['name']);
    if (name.kind === 'value') {
      const arn = `arn:aws:logs:${policy.region}:000000000000:log-group:${name.value}`;
      if (!conditioned.some((st) => conditionMatchesArn(st, arn))) {
        return nonCompliant(
          `${where} admits ${service} only for ${CONTEXT_KEY} values that do not match this group (arn:aws:logs:${policy.region}:<account>:log-group:${name.value}), so creating it fails`,
          'kms_key_id',
        );
      }
    }
    return compliant();
  },
});
