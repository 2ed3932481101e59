/**
 * An independent judge of the payments policy on synthesized Terraform JSON. It shares no code with the
 * gate (no rule, no engine helper): it reads `cdk.tf.json` the plain way and states the policy as data.
 * Used by the property tests to decide "every resource complies".
 */

export const REQUIRED_TAGS: Readonly<Record<string, string>> = {
  Environment: 'production',
  CostCenter: 'payments',
};
export const RETENTION_DAYS = 90;

/**
 * Types of the generated stacks that accept `tags` in hashicorp/aws 5.100 (cross-checked against the
 * provider schema by test/stack terraform tests), and ones that do not.
 */
export const TAGGABLE = new Set([
  'aws_cloudwatch_log_group',
  'aws_cloudwatch_metric_alarm',
  'aws_cloudwatch_composite_alarm',
  'aws_lambda_function',
  'aws_iam_role',
  'aws_sns_topic',
  'aws_s3_bucket',
  'aws_rds_cluster',
  'aws_rds_cluster_instance',
  'aws_api_gateway_rest_api',
  'aws_api_gateway_stage',
  'aws_synthetics_canary',
  'aws_secretsmanager_secret',
  'aws_kms_key',
  'aws_vpc',
  'aws_flow_log',
  'aws_default_security_group',
  'aws_sqs_queue',
  'aws_security_group',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
]);
export const NOT_TAGGABLE = new Set([
  'aws_sns_topic_policy',
  'aws_sns_topic_subscription',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_ownership_controls',
  'aws_api_gateway_deployment',
  'aws_api_gateway_method_settings',
  'aws_xray_encryption_config',
  'aws_sqs_queue_policy',
  'aws_security_group_rule',
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const one = (v: unknown): Obj | undefined =>
  Array.isArray(v) ? (isObj(v[0]) ? v[0] : undefined) : isObj(v) ? v : undefined;

export interface JsonResource {
  readonly type: string;
  readonly name: string;
  readonly path: string;
  readonly body: Obj;
}

export function resourcesOf(json: Obj): JsonResource[] {
  const out: JsonResource[] = [];
  const res = (json['resource'] ?? {}) as Record<string, Record<string, Obj>>;
  for (const [type, byName] of Object.entries(res)) {
    for (const [name, body] of Object.entries(byName)) {
      const meta = (body['//'] as { metadata?: { path?: string } } | undefined)?.metadata;
      out.push({ type, name, path: meta?.path ?? `${type}.${name}`, body });
    }
  }
  return out;
}

/** A reference to a KMS key declared in the same configuration: `${aws_kms_key.<name>.arn}`. */
function isDeclaredKeyRef(json: Obj, v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const m = /^\$\{aws_kms_key\.([A-Za-z0-9_-]+)\.(arn|id|key_id)\}$/.exec(v);
  const keys = ((json['resource'] ?? {}) as Record<string, Record<string, unknown>>)['aws_kms_key'] ?? {};
  return m !== null && m[1] in keys;
}

// ------------------------------------------------------------------------------------- exposure

/** Resource types and the attribute that holds a resource-based policy. */
const RESOURCE_POLICIES: Readonly<Record<string, string>> = {
  aws_sns_topic_policy: 'policy',
  aws_sns_topic: 'policy',
  aws_sqs_queue_policy: 'policy',
  aws_sqs_queue: 'policy',
  aws_s3_bucket_policy: 'policy',
  aws_s3_bucket: 'policy',
  aws_kms_key: 'policy',
};

/**
 * The payments reading of "public": an Allow whose principal is or contains `*` (or an Allow with
 * NotPrincipal) is public unless one condition, under an equality or match operator, pins the caller's
 * account, organization, endpoint or source resource to values with no wildcard. Stated on its own terms:
 * it shares no code or list with the gate.
 */
function publicStatements(policyText: unknown): string[] {
  if (typeof policyText !== 'string' || policyText === '') return [];
  let doc: unknown;
  try {
    doc = JSON.parse(policyText);
  } catch {
    return ['policy is not JSON'];
  }
  const statements = isObj(doc) ? doc['Statement'] : undefined;
  const list = Array.isArray(statements) ? statements : [statements];
  const out: string[] = [];
  list.forEach((st, i) => {
    if (!isObj(st) || st['Effect'] !== 'Allow') return;
    const principal = JSON.stringify(st['Principal'] ?? null);
    if (!principal.includes('*') && st['NotPrincipal'] === undefined) return;
    const pinned = Object.entries(isObj(st['Condition']) ? st['Condition'] : {}).some(([op, kv]) => {
      if (!/^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/.test(op))
        return false;
      return Object.entries(isObj(kv) ? kv : {}).some(([key, v]) => {
        const values = (Array.isArray(v) ? v : [v]).map(String);
        if (values.length === 0 || values.some((x) => /[*?]/.test(x.replace(/\$\{[^}]*\}/g, '')))) {
          // an ARN may end in a wildcard when its account field is pinned
          if (!/^aws:(SourceArn|PrincipalArn)$/i.test(key)) return false;
          return values.every((x) => /^arn:[^:]+:[^:]+:[^:]*:\d{12}:[^*?]/.test(x));
        }
        return /^(aws:(SourceAccount|PrincipalAccount|SourceOwner|PrincipalOrgID|SourceOrgID|PrincipalOrgPaths|SourceVpce|SourceVpc|SourceArn|PrincipalArn)|kms:CallerAccount)$/i.test(
          key,
        );
      });
    });
    if (!pinned) out.push(`statement ${i + 1} grants ${principal} without pinning the caller`);
  });
  return out;
}

/** Ingress from the whole internet: any ingress source written as 0.0.0.0/0 or ::/0. */
function internetIngress(r: JsonResource): boolean {
  const b = r.body;
  const world = (v: unknown) => (Array.isArray(v) ? v : [v]).some((x) => x === '0.0.0.0/0' || x === '::/0');
  if (r.type === 'aws_security_group') {
    const ingress = Array.isArray(b['ingress'])
      ? b['ingress']
      : b['ingress'] === undefined
        ? []
        : [b['ingress']];
    return ingress.some((x) => isObj(x) && (world(x['cidr_blocks']) || world(x['ipv6_cidr_blocks'])));
  }
  if (r.type === 'aws_security_group_rule')
    return b['type'] === 'ingress' && (world(b['cidr_blocks']) || world(b['ipv6_cidr_blocks']));
  if (r.type === 'aws_vpc_security_group_ingress_rule') return world(b['cidr_ipv4']) || world(b['cidr_ipv6']);
  return false;
}

/** A Lambda environment value that is a credential: an AWS key id, a PEM private key, or a long token under a secret name. */
function secretVariables(vars: Obj): string[] {
  return Object.entries(vars)
    .filter(([name, v]) => {
      if (typeof v !== 'string') return false;
      if (/A(KIA|SIA)[0-9A-Z]{16}/.test(v) || v.includes('PRIVATE KEY-----')) return true;
      return /SECRET|TOKEN|PASSWORD|_KEY$/i.test(name) && !/^arn:/.test(v) && /^[A-Za-z0-9/+=]{20,}$/.test(v);
    })
    .map(([name]) => name);
}

/** Policy violations found in the JSON, one string each (empty = complies). */
export function oracleViolations(json: Obj): string[] {
  const out: string[] = [];
  const providerTags = (() => {
    const aws = ((json['provider'] ?? {}) as Obj)['aws'];
    const first = Array.isArray(aws) ? (aws[0] as Obj) : undefined;
    return (one(first?.['default_tags'])?.['tags'] ?? {}) as Obj;
  })();
  const key = (r: JsonResource, attr: string, v: unknown) => {
    if (!isDeclaredKeyRef(json, v))
      out.push(`${r.path}: ${attr} is ${JSON.stringify(v)}, not a declared customer-managed key`);
  };
  for (const r of resourcesOf(json)) {
    const b = r.body;
    if (TAGGABLE.has(r.type)) {
      const tags = { ...providerTags, ...((b['tags'] as Obj | undefined) ?? {}) };
      for (const [k, v] of Object.entries(REQUIRED_TAGS)) {
        if (tags[k] !== v) out.push(`${r.path}: tag ${k} is ${JSON.stringify(tags[k])}, want ${v}`);
      }
    } else if (NOT_TAGGABLE.has(r.type)) {
      if (b['tags'] !== undefined) out.push(`${r.path}: ${r.type} takes no tags but has some`);
    } else {
      out.push(
        `${r.path}: the oracle does not know whether ${r.type} takes tags (add it to TAGGABLE or NOT_TAGGABLE)`,
      );
    }
    const policyAttribute = RESOURCE_POLICIES[r.type];
    if (policyAttribute !== undefined)
      for (const p of publicStatements(b[policyAttribute])) out.push(`${r.path}: ${policyAttribute} ${p}`);
    if (internetIngress(r)) out.push(`${r.path}: ingress from the whole internet`);
    switch (r.type) {
      case 'aws_api_gateway_deployment':
        if (typeof b['stage_name'] === 'string' && b['stage_name'] !== '')
          out.push(`${r.path}: the deployment creates stage ${b['stage_name']} itself`);
        break;
      case 'aws_cloudwatch_log_group': {
        const days = b['retention_in_days'];
        // 0 is CloudWatch Logs' "never expire": it keeps more than any minimum.
        if (typeof days !== 'number' || (days !== 0 && days < RETENTION_DAYS))
          out.push(`${r.path}: retention ${JSON.stringify(days)} < ${RETENTION_DAYS}`);
        key(r, 'kms_key_id', b['kms_key_id']);
        break;
      }
      case 'aws_sns_topic':
      case 'aws_sqs_queue':
        key(r, 'kms_master_key_id', b['kms_master_key_id']);
        break;
      case 'aws_secretsmanager_secret':
        key(r, 'kms_key_id', b['kms_key_id']);
        break;
      case 'aws_xray_encryption_config':
        if (b['type'] !== 'KMS') out.push(`${r.path}: type ${JSON.stringify(b['type'])}`);
        key(r, 'key_id', b['key_id']);
        break;
      case 'aws_s3_bucket_server_side_encryption_configuration': {
        const rules = Array.isArray(b['rule']) ? (b['rule'] as unknown[]) : [b['rule']];
        for (const rule of rules) {
          const d = one(one(rule)?.['apply_server_side_encryption_by_default']);
          if (d?.['sse_algorithm'] !== 'aws:kms')
            out.push(`${r.path}: sse_algorithm ${JSON.stringify(d?.['sse_algorithm'])}`);
          key(r, 'kms_master_key_id', d?.['kms_master_key_id']);
        }
        break;
      }
      case 'aws_lambda_function': {
        if (one(b['tracing_config'])?.['mode'] !== 'Active') out.push(`${r.path}: tracing not Active`);
        const vars = one(b['environment'])?.['variables'];
        if (isObj(vars) && Object.keys(vars).length > 0) key(r, 'kms_key_arn', b['kms_key_arn']);
        if (isObj(vars))
          for (const name of secretVariables(vars))
            out.push(`${r.path}: environment variable ${name} holds a secret`);
        break;
      }
      case 'aws_api_gateway_stage':
        if (b['xray_tracing_enabled'] !== true)
          out.push(`${r.path}: xray_tracing_enabled ${JSON.stringify(b['xray_tracing_enabled'])}`);
        break;
      case 'aws_synthetics_canary': {
        if (one(b['run_config'])?.['active_tracing'] !== true)
          out.push(`${r.path}: canary active_tracing not true`);
        const enc = one(one(b['artifact_config'])?.['s3_encryption']);
        if (enc?.['encryption_mode'] !== 'SSE_KMS') out.push(`${r.path}: artifacts not SSE_KMS`);
        key(r, 'artifact_config.s3_encryption.kms_key_arn', enc?.['kms_key_arn']);
        break;
      }
      case 'aws_rds_cluster':
        if (b['storage_encrypted'] !== true)
          out.push(`${r.path}: storage_encrypted ${JSON.stringify(b['storage_encrypted'])}`);
        key(r, 'kms_key_id', b['kms_key_id']);
        if (b['manage_master_user_password'] === true)
          key(r, 'master_user_secret_kms_key_id', b['master_user_secret_kms_key_id']);
        if (b['performance_insights_enabled'] === true)
          key(r, 'performance_insights_kms_key_id', b['performance_insights_kms_key_id']);
        break;
      case 'aws_rds_cluster_instance':
        if (b['performance_insights_enabled'] === true)
          key(r, 'performance_insights_kms_key_id', b['performance_insights_kms_key_id']);
        break;
    }
  }
  return out;
}

/** The value at a dotted path of a resource body; single nested blocks may be objects or 1-element arrays. */
export function valueAt(body: Obj, dotted: string): unknown {
  let cur: unknown = body;
  for (const part of dotted.split('.')) {
    const o = Array.isArray(cur) ? cur[0] : cur;
    if (!isObj(o)) return undefined;
    cur = o[part];
  }
  return cur;
}
