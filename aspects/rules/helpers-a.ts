/**
 * Judgements shared by the section A rules (KMS, SNS, alarms, S3, IAM, VPC): finding the companion
 * resources of a resource (bucket policies of a bucket, the key policy of a key, the topics an alarm
 * notifies), and matching ARN patterns the way IAM does.
 */
import type { TfModel, TfResource } from '../engine/model';
import { blocks, firstBlock } from '../engine/model';
import type { RuleResult } from '../engine/rule';
import { compliant, nonCompliant, notApplicable, unresolved } from '../engine/rule';
import type { PolicyDocument, Statement } from '../engine/values';
import { policyDocument, wildcardMatches } from '../engine/values';
import { companionsOf, linkIndex } from './helpers';
import { literalText, namedByLiteral } from './declared-names';

// ------------------------------------------------------------------------------------- companions

export interface Companions {
  /** Companions that refer to the target (or name it by the same literal). */
  readonly found: TfResource[];
  /**
   * Companions whose link attribute is an expression that refers to nothing managed in this stack
   * (a variable, a data source): each might be the target's, so "none found" cannot be judged.
   */
  readonly unknown: {
    readonly resource: TfResource;
    readonly attribute: string;
    readonly expression: string;
  }[];
}

/**
 * Resources of `type` whose `attribute` refers to `target`, or (with `literalAttribute`) holds the same
 * literal text as the target's `literalAttribute` (a bucket policy declared with `bucket = "my-bucket"`).
 */
export function linkedCompanions(
  model: TfModel,
  type: string,
  attribute: string,
  target: TfResource,
  literalAttribute?: string,
): Companions {
  const index = linkIndex(model, type, attribute);
  const literal = literalAttribute !== undefined ? target.config[literalAttribute] : undefined;
  const byRef = index.byAddress.get(target.address) ?? [];
  // byLiteral holds only non-empty literal text (linkIndex), so an expression or '' finds nothing there.
  const byLiteral = typeof literal === 'string' ? (index.byLiteral.get(literal) ?? []) : [];
  // Nearly every target has one companion or none: no set, no sort (byRef is in configuration order).
  if (byLiteral.length === 0 && index.unknown.length === 0) return { found: [...byRef], unknown: [] };
  const hits = new Set([...byRef, ...byLiteral]);
  const found = [...hits].sort(byPosition(model, type)); // configuration order
  const unknown = index.unknown
    .filter((r) => !hits.has(r))
    .map((r) => ({
      resource: r,
      attribute: `${r.address}.${attribute}`,
      expression: String(r.config[attribute]),
    }));
  return { found, unknown };
}

/** Orders resources of one type as the configuration lists them. */
function byPosition(model: TfModel, type: string): (a: TfResource, b: TfResource) => number {
  const position = model.memo(`positions:${type}`, () => new Map(model.ofType(type).map((r, i) => [r, i])));
  return (a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0);
}

/** Companions linked to an S3 bucket through their `bucket` attribute (reference or same literal name). */
export function bucketCompanions(model: TfModel, type: string, bucket: TfResource): Companions {
  return linkedCompanions(model, type, 'bucket', bucket, 'bucket');
}

// ------------------------------------------------------------------------------------- key policy

export interface KeyPolicy {
  /** Where the effective policy comes from: `policy` or `aws_kms_key_policy.x.policy`. */
  readonly attribute: string;
  readonly document: PolicyDocument;
  /** Set when no policy is found but an `aws_kms_key_policy` with an unknowable `key_id` exists. */
  readonly unknownLink?: { readonly attribute: string; readonly expression: string };
}

/**
 * The key policy in force for a key: an `aws_kms_key_policy` whose `key_id` refers to the key replaces
 * the key's own `policy` attribute; otherwise the `policy` attribute. Absent when neither is set (AWS
 * then applies its default key policy).
 */
export function keyPolicyOf(model: TfModel, key: TfResource): KeyPolicy {
  const { found, unknown } = linkedCompanions(model, 'aws_kms_key_policy', 'key_id', key);
  if (found.length > 0) {
    const p = found[0];
    return { attribute: `${p.address}.policy`, document: policyDocument(model, p.config['policy']) };
  }
  const document = policyDocument(model, key.config['policy']);
  if (document.kind === 'absent' && unknown.length > 0) {
    return { attribute: 'policy', document, unknownLink: unknown[0] };
  }
  return { attribute: 'policy', document };
}

/** Service principals an Allow statement names explicitly (a `*` principal does not count). */
export function allowsService(st: Statement, service: string): boolean {
  return st.effect === 'Allow' && (st.principals['Service'] ?? []).some((s) => s.toLowerCase() === service);
}

/** `statement "Sid"` or `statement #n` (1-based), for messages. */
export function statementLabel(st: Statement, index: number): string {
  return st.sid ? `statement "${st.sid}"` : `statement #${index + 1}`;
}

// ---------------------------------------------------------------------------------- topic policy

export interface TopicPolicies {
  /** The policy documents that govern the topic, with the attribute each came from. */
  readonly documents: { readonly attribute: string; readonly document: PolicyDocument }[];
  readonly unknownLink?: { readonly attribute: string; readonly expression: string };
}

/**
 * The access policy of an SNS topic: every `aws_sns_topic_policy` whose `arn` refers to the topic (it
 * replaces the topic's own `policy`), else the topic's `policy` attribute (none when it is not set).
 */
export function topicPoliciesOf(model: TfModel, topic: TfResource): TopicPolicies {
  const linked = linkedCompanions(model, 'aws_sns_topic_policy', 'arn', topic);
  // A topic ARN written as text (arn:aws:sns:<region>:<account>:<name>) names the topic too.
  const byArn = namedByLiteral(model, 'aws_sns_topic_policy', 'arn', literalText(topic, 'name'));
  const found = byArn.length > 0 ? [...new Set([...linked.found, ...byArn])] : linked.found;
  const unknown = linked.unknown;
  if (found.length > 0) {
    return {
      documents: found.map((p) => ({
        attribute: `${p.address}.policy`,
        document: policyDocument(model, p.config['policy']),
      })),
    };
  }
  const own = policyDocument(model, topic.config['policy']);
  const documents = own.kind === 'absent' ? [] : [{ attribute: 'policy', document: own }];
  return unknown.length > 0 ? { documents, unknownLink: unknown[0] } : { documents };
}

/** The alarms and EventBridge targets in the stack that publish to a topic. */
export function topicPublishers(
  model: TfModel,
  topic: TfResource,
): { readonly alarms: readonly TfResource[]; readonly eventTargets: readonly TfResource[] } {
  // Three rules ask this of every topic, and one topic may serve thousands of alarms: computed once.
  return model.memo(`publishers:${topic.address}`, () => {
    const alarms = ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm'].flatMap((type) => {
      const named = new Set(
        ALARM_ACTION_ATTRIBUTES.flatMap((attr) => companionsOf(model, type, attr, topic)),
      );
      return [...named].sort(byPosition(model, type));
    });
    const eventTargets = companionsOf(model, 'aws_cloudwatch_event_target', 'arn', topic);
    return { alarms, eventTargets };
  });
}

/** The service principals that publish to a topic: CloudWatch for alarms, EventBridge for rule targets. */
export function publishingServices(model: TfModel, topic: TfResource): string[] {
  const { alarms, eventTargets } = topicPublishers(model, topic);
  return [
    ...(alarms.length > 0 ? ['cloudwatch.amazonaws.com'] : []),
    ...(eventTargets.length > 0 ? ['events.amazonaws.com'] : []),
  ];
}

export const ALARM_ACTION_ATTRIBUTES = ['alarm_actions', 'ok_actions', 'insufficient_data_actions'] as const;

// ------------------------------------------------------------------------------------ IAM policies

export interface AttachedDocument {
  readonly attribute: string;
  readonly document: PolicyDocument;
}

/**
 * The identity-based policy documents a resource carries: `policy` of `aws_iam_policy` /
 * `aws_iam_role_policy`, each `inline_policy.policy` of `aws_iam_role` (the trust policy is not one).
 */
export function iamDocumentsOf(model: TfModel, r: TfResource): AttachedDocument[] {
  if (r.type === 'aws_iam_role') {
    return blocks(r.config['inline_policy'])
      .map((b, i) => ({ b, i }))
      .filter(({ b }) => b['policy'] !== undefined && b['policy'] !== null && b['policy'] !== '')
      .map(({ b, i }) => ({
        attribute:
          typeof b['name'] === 'string'
            ? `inline_policy "${b['name']}".policy`
            : `inline_policy[${i}].policy`,
        document: policyDocument(model, b['policy']),
      }));
  }
  const document = policyDocument(model, r.config['policy']);
  return document.kind === 'absent' ? [] : [{ attribute: 'policy', document }];
}

/**
 * Judges every Allow statement of every identity-based policy a resource carries: `problems` names what
 * is wrong with one statement (empty when nothing). Unresolved and invalid documents are reported as
 * such; a resource without a permissions policy is not applicable.
 */
export function judgeAllowStatements(
  model: TfModel,
  r: TfResource,
  problems: (st: Statement) => readonly string[],
): RuleResult | RuleResult[] {
  const documents = iamDocumentsOf(model, r);
  if (documents.length === 0) return notApplicable('the resource carries no permissions policy');
  const results: RuleResult[] = [];
  for (const { attribute, document } of documents) {
    if (document.kind === 'unresolved') results.push(unresolved(attribute, document.text));
    else if (document.kind === 'invalid')
      results.push(nonCompliant(`${attribute} ${document.reason}`, attribute));
    else if (document.kind === 'document') {
      document.statements.forEach((st, i) => {
        if (st.effect !== 'Allow') return;
        for (const p of problems(st))
          results.push(nonCompliant(`${attribute} ${statementLabel(st, i)} ${p}`, attribute));
      });
    }
  }
  return results.length > 0 ? results : compliant();
}

// ------------------------------------------------------------------------------------ ARN patterns

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

/** The nested block `a.b` (CDKTF object or plan array) of a block, or undefined. */
export function nested(
  block: Record<string, unknown> | undefined,
  name: string,
): Record<string, unknown> | undefined {
  return block ? firstBlock(block[name]) : undefined;
}

/** The result when a required companion was not found: unresolved when one might exist, else non-compliant. */
export function noCompanion(c: Companions, message: string): RuleResult {
  if (c.unknown.length > 0) return unresolved(c.unknown[0].attribute, c.unknown[0].expression);
  return nonCompliant(message);
}
