/**
 * Reading values out of synthesized Terraform JSON the way a strict reviewer does: a literal is judged,
 * a reference to a resource in the same configuration is followed, and anything else that Terraform
 * only knows at apply time (variables, functions, CDKTF tokens that did not resolve) is *unresolved* —
 * reported as such, never passed.
 */
import type { TfModel, TfResource } from './model';
import { asArray, blocks, isObject } from './model';

export type Literal<T> =
  | { readonly kind: 'absent' }
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'unresolved'; readonly expression: string }
  | { readonly kind: 'invalid'; readonly raw: unknown };

const ABSENT = { kind: 'absent' } as const;

/** True when a value holds a Terraform expression or an unresolved CDKTF token. */
export function isExpression(v: unknown): v is string {
  return typeof v === 'string' && (v.includes('${') || v.includes('TfToken['));
}

export function literalNumber(v: unknown): Literal<number> {
  if (v === undefined || v === null) return ABSENT;
  if (typeof v === 'number')
    return Number.isFinite(v) ? { kind: 'value', value: v } : { kind: 'invalid', raw: v };
  if (isExpression(v)) return { kind: 'unresolved', expression: v };
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return { kind: 'value', value: Number(v) };
  return { kind: 'invalid', raw: v };
}

export function literalBool(v: unknown): Literal<boolean> {
  if (v === undefined || v === null) return ABSENT;
  if (typeof v === 'boolean') return { kind: 'value', value: v };
  if (isExpression(v)) return { kind: 'unresolved', expression: v };
  if (v === 'true' || v === 'false') return { kind: 'value', value: v === 'true' };
  return { kind: 'invalid', raw: v };
}

export function literalString(v: unknown): Literal<string> {
  if (v === undefined || v === null) return ABSENT;
  if (isExpression(v)) return { kind: 'unresolved', expression: v };
  if (typeof v === 'string') return { kind: 'value', value: v };
  return { kind: 'invalid', raw: v };
}

/** A string list attribute; unresolved if the list itself or any element is an expression. */
export function literalStringList(v: unknown): Literal<string[]> {
  if (v === undefined || v === null) return ABSENT;
  if (isExpression(v)) return { kind: 'unresolved', expression: v };
  if (!Array.isArray(v)) return { kind: 'invalid', raw: v };
  if (v.some((e) => typeof e !== 'string')) return { kind: 'invalid', raw: v };
  const expr = v.find((e) => isExpression(e));
  if (expr !== undefined) return { kind: 'unresolved', expression: expr as string };
  return { kind: 'value', value: v as string[] };
}

export interface Reference {
  /** `aws_kms_key.logs` or `data.aws_iam_policy_document.x` */
  readonly address: string;
  readonly type: string;
  readonly mode: 'managed' | 'data';
  /** The attribute after the address (`arn`, `id`, `json`...), '' when none. */
  readonly attribute: string;
}

/**
 * A module path before the address (`module.audit.`, `module.each["a"].`): CDKTF never writes one, the
 * plan adapter (core/plan.ts) does for resources inside modules. A `for_each` key after the name
 * (`aws_s3_bucket.b["a"]`) is part of the address: it names that instance, as a plan lists it. A `count`
 * index (`[0]`) stays in the attribute path, as it always has: the reference names the resource block
 * (which CDKTF declares once; a plan model resolves a block to its first instance, see TfModel aliases).
 */
const MODULE_PREFIX = String.raw`((?:module\.[A-Za-z_][A-Za-z0-9_-]*(?:\[(?:\d+|"[^"\\]*")\])?\.)*)`;
const REF_BODY = String.raw`(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*(?:\["[^"\\]*"\])?)((?:\.[A-Za-z0-9_]+|\[\d+\]|\["[^"\\]*"\])*)`;
const REF = new RegExp(String.raw`^\$\{${MODULE_PREFIX}${REF_BODY}\}$`);
const EMBEDDED_REF = new RegExp(String.raw`\$\{${MODULE_PREFIX}${REF_BODY}\}`, 'g');

function toReference(m: RegExpExecArray | RegExpMatchArray): Reference | undefined {
  const modulePath = m[1] ?? '';
  const isData = m[2] !== undefined;
  const type = m[3];
  // `var.x`, `local.y`, `module.z` are not resource references.
  if (!isData && NOT_RESOURCES.has(type)) return undefined;
  const address = `${modulePath}${isData ? 'data.' : ''}${type}.${m[4]}`;
  const rest = m[5] ?? '';
  return {
    address,
    type,
    mode: isData ? 'data' : 'managed',
    attribute: rest.startsWith('.') ? rest.slice(1) : rest,
  };
}

/** Namespaces of Terraform expressions that look like `<type>.<name>` but name no resource. */
const NOT_RESOURCES: ReadonlySet<string> = new Set([
  'var',
  'local',
  'module',
  'path',
  'terraform',
  'each',
  'count',
  'self',
]);

/** The resource a whole-value reference (`${aws_kms_key.logs.arn}`) points at, if it is one. */
export function referenceOf(v: unknown): Reference | undefined {
  if (typeof v !== 'string') return undefined;
  const m = REF.exec(v);
  return m ? toReference(m) : undefined;
}

/** Every resource reference embedded anywhere in a string. */
export function referencesIn(v: unknown): Reference[] {
  // A literal (most values) has no `${`: no regular-expression scan.
  if (typeof v !== 'string' || !v.includes('${')) return [];
  const out: Reference[] = [];
  for (const m of v.matchAll(EMBEDDED_REF)) {
    const r = toReference(m);
    if (r) out.push(r);
  }
  return out;
}

/** Whether a value (whole reference or embedded) refers to the given resource. */
export function refersTo(v: unknown, target: TfResource): boolean {
  return referencesIn(v).some((r) => r.address === target.address);
}

// ---------------------------------------------------------------------------------------------- KMS

export type KeyJudgement =
  | { readonly kind: 'cmk'; readonly key?: TfResource; readonly text: string }
  | { readonly kind: 'aws-managed'; readonly text: string }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unresolved'; readonly text: string }
  | { readonly kind: 'unknown'; readonly text: string };

/**
 * Judges a KMS key reference. Customer-managed means: a reference to an `aws_kms_key` (or an alias or
 * replica of one) declared in this configuration, or a literal ARN the policy lists as trusted.
 * `alias/aws/...` and ARNs of AWS-managed aliases are AWS-managed; any other literal cannot be verified.
 */
/** The default of judgeKey's alias trail: shared, since it is only read (judgeKey runs per resource per rule). */
const NO_ALIASES: ReadonlySet<string> = new Set();

export function judgeKey(
  model: TfModel,
  v: unknown,
  trustedKeyArns: readonly string[] = [],
  seenAliases: ReadonlySet<string> = NO_ALIASES,
): KeyJudgement {
  if (v === undefined || v === null || v === '') return { kind: 'absent' };
  if (typeof v !== 'string') return { kind: 'unknown', text: JSON.stringify(v) };
  const ref = referenceOf(v);
  if (ref) {
    const target = model.byAddress(ref.address);
    if (target && (target.type === 'aws_kms_key' || target.type === 'aws_kms_replica_key')) {
      return { kind: 'cmk', key: target, text: v };
    }
    if (target && target.type === 'aws_kms_alias') {
      // Aliases that point at each other name no key (Terraform would reject the cycle): unresolved.
      if (seenAliases.has(target.address)) return { kind: 'unresolved', text: v };
      return judgeKey(
        model,
        target.config['target_key_id'],
        trustedKeyArns,
        new Set([...seenAliases, target.address]),
      );
    }
    return { kind: 'unresolved', text: v };
  }
  if (isExpression(v)) return { kind: 'unresolved', text: v };
  if (/(^|:)alias\/aws\//.test(v)) return { kind: 'aws-managed', text: v };
  if (trustedKeyArns.includes(v)) return { kind: 'cmk', text: v };
  return { kind: 'unknown', text: v };
}

/** A human sentence for a key judgement that is not a CMK. */
export function describeKeyProblem(attribute: string, j: KeyJudgement): string {
  switch (j.kind) {
    case 'absent':
      return `${attribute} is not set, so the data is encrypted (if at all) with a key AWS manages, not a customer-managed key`;
    case 'aws-managed':
      return `${attribute} is "${j.text}", an AWS-managed key, not a customer-managed key`;
    case 'unknown':
      return `${attribute} is "${j.text}", a key that is neither declared in this stack nor listed in policy.trustedKeyArns`;
    case 'unresolved':
      return `${attribute} is "${j.text}", which cannot be judged before apply`;
    case 'cmk':
      return `${attribute} is a customer-managed key`;
  }
}

// ----------------------------------------------------------------------------- policy documents

export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** `{ AWS: [...], Service: [...], Federated: [...] }`; `*` principal is `{ '*': ['*'] }`. */
  readonly principals: Readonly<Record<string, readonly string[]>>;
  readonly hasNotPrincipal: boolean;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** operator -> key -> values */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export type PolicyDocument =
  | { readonly kind: 'absent' }
  | { readonly kind: 'unresolved'; readonly text: string }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'document'; readonly statements: readonly Statement[] };

const strList = (v: unknown): string[] => asArray(v).filter((x): x is string => typeof x === 'string');

function normalizeStatement(s: Record<string, unknown>): Statement {
  const principals: Record<string, string[]> = {};
  const p = s['Principal'];
  if (p === '*') principals['*'] = ['*'];
  else if (isObject(p)) for (const [k, v] of Object.entries(p)) principals[k] = strList(v);
  const conditions: Record<string, Record<string, string[]>> = {};
  if (isObject(s['Condition'])) {
    for (const [op, kv] of Object.entries(s['Condition'])) {
      if (!isObject(kv)) continue;
      conditions[op] = {};
      for (const [k, v] of Object.entries(kv)) conditions[op][k] = asArray(v).map((x) => String(x));
    }
  }
  return {
    sid: typeof s['Sid'] === 'string' ? s['Sid'] : undefined,
    effect: s['Effect'] === 'Deny' ? 'Deny' : 'Allow',
    principals,
    hasNotPrincipal: s['NotPrincipal'] !== undefined,
    actions: strList(s['Action']),
    notActions: strList(s['NotAction']),
    resources: strList(s['Resource']),
    notResources: strList(s['NotResource']),
    conditions,
  };
}

/** Converts an `aws_iam_policy_document` data source's blocks into statements (evaluated locally by Terraform). */
function statementsFromDocumentData(doc: TfResource): Statement[] {
  return blocks(doc.config['statement']).map((st) => {
    const principals: Record<string, string[]> = {};
    for (const pb of blocks(st['principals'])) {
      const type = String(pb['type']);
      principals[type] = [...(principals[type] ?? []), ...strList(pb['identifiers'])];
    }
    const conditions: Record<string, Record<string, string[]>> = {};
    for (const cb of blocks(st['condition'])) {
      const op = String(cb['test']);
      conditions[op] = conditions[op] ?? {};
      conditions[op][String(cb['variable'])] = asArray(cb['values']).map((x) => String(x));
    }
    return {
      sid: typeof st['sid'] === 'string' ? st['sid'] : undefined,
      effect: st['effect'] === 'Deny' ? 'Deny' : 'Allow',
      principals,
      hasNotPrincipal: st['not_principals'] !== undefined,
      actions: strList(st['actions']),
      notActions: strList(st['not_actions']),
      resources: strList(st['resources']),
      notResources: strList(st['not_resources']),
      conditions,
    } satisfies Statement;
  });
}

/**
 * Parses a policy attribute: a JSON string (references inside string values are fine) or a reference to
 * an `aws_iam_policy_document` data source of this configuration.
 */
export function policyDocument(model: TfModel, v: unknown): PolicyDocument {
  // The same key or topic policy is judged for every resource that uses it: parse each text once.
  // Keyed by the text itself in a map of its own: a `prefix:${text}` key would copy and rehash the
  // whole policy text on every lookup.
  if (typeof v === 'string' && v !== '') {
    const parsed = model.memo('policy-documents', () => new Map<string, PolicyDocument>());
    let document = parsed.get(v);
    if (document === undefined) parsed.set(v, (document = parsePolicyDocument(model, v)));
    return document;
  }
  return parsePolicyDocument(model, v);
}

function parsePolicyDocument(model: TfModel, v: unknown): PolicyDocument {
  if (v === undefined || v === null || v === '') return { kind: 'absent' };
  const ref = referenceOf(v);
  if (ref) {
    const target = model.byAddress(ref.address);
    if (target && target.type === 'aws_iam_policy_document' && target.mode === 'data') {
      return { kind: 'document', statements: statementsFromDocumentData(target) };
    }
    return { kind: 'unresolved', text: String(v) };
  }
  let parsed: unknown = v;
  if (typeof v === 'string') {
    try {
      parsed = JSON.parse(v);
    } catch {
      return isExpression(v)
        ? { kind: 'unresolved', text: v }
        : { kind: 'invalid', reason: 'is not valid JSON' };
    }
  }
  if (!isObject(parsed)) return { kind: 'invalid', reason: 'is not a JSON object' };
  const st = parsed['Statement'];
  if (st === undefined) return { kind: 'invalid', reason: 'has no Statement' };
  const statements = asArray(st).filter(isObject).map(normalizeStatement);
  return { kind: 'document', statements };
}

/**
 * Whether a pattern with IAM/ARN wildcards (`*` any run, `?` one character) matches the whole value,
 * case-sensitively, without building a RegExp: resource patterns are mostly distinct per resource (one
 * bucket's ARN), so compiling and caching them would cost more than matching. Linear in practice: on a
 * mismatch it only backtracks to the last `*`.
 */
export function wildcardMatches(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    const c = pattern[p];
    if (p < pattern.length && c !== '*' && (c === '?' || c === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && c === '*') {
      star = p++;
      resume = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

const WILDCARDS = new Map<string, RegExp>();

/**
 * A pattern with IAM/ARN wildcards (`*` any run, `?` one character) as an anchored RegExp, compiled once:
 * rules match the same few patterns against every resource.
 */
export function wildcardRegExp(pattern: string, flags = ''): RegExp {
  const key = `${flags}\u0000${pattern}`;
  let re = WILDCARDS.get(key);
  if (!re) {
    if (WILDCARDS.size > 10_000) WILDCARDS.clear();
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, flags);
    WILDCARDS.set(key, re);
  }
  return re;
}

/** IAM action matching with `*` and `?` wildcards, case-insensitive as IAM does. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardRegExp(pattern, 'i').test(action);
}

/** Whether a statement grants (names, directly or by wildcard) every one of the actions. */
export function statementCoversActions(st: Statement, actions: readonly string[]): boolean {
  return actions.every((a) => st.actions.some((p) => actionMatches(p, a)));
}

/** Whether the statement's principal names `value` of `kind`, or everyone (`*` or `{ AWS: '*' }`). */
export function principalIncludes(st: Statement, kind: string, value: string): boolean {
  return (
    (st.principals[kind] ?? []).includes(value) ||
    (st.principals['*'] ?? []).includes('*') ||
    (st.principals['AWS'] ?? []).includes('*')
  );
}

/** Condition values for a key under any operator (`StringEquals`, `ArnLike`, ...), keys compared case-insensitively. */
export function conditionValues(st: Statement, key: string, operators?: readonly string[]): string[] {
  const out: string[] = [];
  for (const [op, kv] of Object.entries(st.conditions)) {
    if (operators && !operators.includes(op)) continue;
    for (const [k, vals] of Object.entries(kv)) if (k.toLowerCase() === key.toLowerCase()) out.push(...vals);
  }
  return out;
}

/** True when the statement denies everyone's requests made without TLS (`aws:SecureTransport` = false). */
export function isTlsDenyStatement(st: Statement): boolean {
  if (st.effect !== 'Deny') return false;
  const everyone = (st.principals['*'] ?? []).includes('*') || (st.principals['AWS'] ?? []).includes('*');
  return everyone && conditionValues(st, 'aws:SecureTransport', ['Bool', 'BoolIfExists']).includes('false');
}
