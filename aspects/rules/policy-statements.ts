/** Reading policy statements: service principals, labels for messages, and ARN patterns matched as IAM does. */
import type { Statement } from '../core/values';
import { wildcardMatches } from '../core/values';

/** Service principals an Allow statement names explicitly (a `*` principal does not count). */
export function allowsService(st: Statement, service: string): boolean {
  return st.effect === 'Allow' && (st.principals['Service'] ?? []).some((s) => s.toLowerCase() === service);
}

/** `statement "Sid"` or `statement #n` (1-based), for messages. */
export function statementLabel(st: Statement, index: number): string {
  return st.sid ? `statement "${st.sid}"` : `statement #${index + 1}`;
}

/**
 * Whether an ARN pattern (`*` and `?` wildcards, case-sensitive as ARN matching is) matches a value.
 * The value may itself contain `*` (e.g. `arn:aws:s3:::bucket/*`): a pattern covers it only when it
 * covers every string it stands for. Matching the literal `*` is not enough (a `?` would match it, yet
 * `bucket/?` covers one-character keys only), so the pattern must also match with each `*` of the value
 * read as the empty string. (Conservative: `bucket/?*` is refused although S3 keys are never empty.)
 */
export function arnPatternMatches(pattern: string, value: string): boolean {
  if (!wildcardMatches(pattern, value)) return false;
  return !value.includes('*') || wildcardMatches(pattern, replaceAllLiteral(value, '*', ''));
}

/** Replaces every occurrence of `from` in `s` (literal text, not a pattern). */
export function replaceAllLiteral(s: string, from: string, to: string): string {
  return from === '' ? s : s.split(from).join(to);
}
