import type { TfModel } from './model';
import { RUNTIME_FACTS } from './runtime-facts';
import { creatableLambdaRuntimes } from './runtime-verdict';

/**
 * The compliance policy: what the gate injects and what it enforces.
 *
 * A policy is plain data. `paymentsPolicy()` returns the payments defaults; teams change values
 * (another cost center, 365-day retention, their own key references) by passing overrides, never by
 * forking the gate.
 */

/** The purposes a customer-managed key is declared for. One key per purpose keeps grants narrow. */
export type KeyPurpose = 'logs' | 'alerting' | 'data';
const KEY_PURPOSES: Readonly<Record<KeyPurpose, true>> = { logs: true, alerting: true, data: true };

/**
 * Which key purpose the KMS mutator injects for each kind of encrypted setting.
 * - logs: CloudWatch log groups, S3 bucket default encryption (log archive, canary artifacts),
 *   canary artifacts
 * - alerting: SNS topics (alarms and EventBridge publish to them)
 * - data: Aurora storage, Performance Insights, the managed master secret, Secrets Manager secrets,
 *   Lambda environment variables, X-Ray encryption
 */
export const KEY_PURPOSE_OF = {
  logGroup: 'logs',
  s3Bucket: 'logs',
  canaryArtifacts: 'logs',
  firehose: 'logs',
  snsTopic: 'alerting',
  rdsStorage: 'data',
  performanceInsights: 'data',
  rdsMasterSecret: 'data',
  secretsManagerSecret: 'data',
  lambdaEnvironment: 'data',
  xray: 'data',
} as const satisfies Record<string, KeyPurpose>;

export interface Suppression {
  /** Rule id the suppression silences, e.g. `LogGroupRetentionOneYear`. */
  readonly ruleId: string;
  /** Why the finding is accepted: at least one full sentence, recorded in the report. */
  readonly reason: string;
  /** Last day (ISO `YYYY-MM-DD`, UTC) on which the suppression holds. After it, synthesis fails. */
  readonly expires: string;
}

export interface CompliancePolicy {
  /** Name shown in reports. */
  readonly name: string;
  /** Tags every taggable resource must carry, with these exact values. */
  readonly requiredTags: Readonly<Record<string, string>>;
  /** Retention every log group gets when it has none, and the minimum it must keep. */
  readonly logRetentionDays: number;
  /**
   * Customer-managed keys to inject, by purpose: a reference (`key.arn`) or a literal key ARN.
   * Declared before synthesis (in the stack, or by `declarePolicyKeys`), never by an aspect.
   */
  readonly keys: Readonly<Partial<Record<KeyPurpose, string>>>;
  /** Literal KMS key ARNs outside the stack that are known to be customer-managed. */
  readonly trustedKeyArns: readonly string[];
  /** Require active X-Ray tracing on Lambda functions, API Gateway stages and canaries. */
  readonly tracing: boolean;
  /** AWS region of the stack (for region-scoped service principals such as `logs.<region>.amazonaws.com`). */
  readonly region: string;
  /** Rule ids to leave out of the catalogue for this policy. Prefer a dated suppression. */
  readonly disabledRules: readonly string[];
  /** Minimum number of email subscriptions on a topic that alarms notify. */
  readonly minAlarmEmailSubscriptions: number;
  /** Days an archive bucket (lifecycle) must keep objects (PCI DSS v4.0 10.5.1: 12 months). */
  readonly archiveRetentionDays: number;
  /**
   * TCP ports a security group may open to the whole internet (0.0.0.0/0, ::/0), e.g. 443 on a public
   * load balancer. Empty for payments: nothing in the stack is reachable from the internet except through
   * API Gateway, which needs no security group.
   */
  readonly publicIngressTcpPorts: readonly number[];
  /**
   * Lambda runtimes accepted as current. Default: the Node.js runtimes Lambda still lets you create
   * functions on, on `today` (dated facts: aspects/core/runtime-facts.ts).
   */
  readonly allowedLambdaRuntimes: readonly string[];
  /**
   * Runtime ids (Lambda or Synthetics) missing from the runtime facts table that the team accepts anyway,
   * e.g. one AWS released after the table was last checked. Without it an unknown runtime fails.
   */
  readonly allowedUnknownRuntimes?: readonly string[];
  /** "Today" for suppression expiry (ISO date); tests pin it. Defaults to the current UTC date. */
  readonly today?: string;
  /** Write the JSON and SARIF reports into `<outdir>/compliance/`. */
  readonly writeReports: boolean;
}

export type PolicyOverrides = Partial<Omit<CompliancePolicy, 'requiredTags' | 'keys'>> & {
  readonly requiredTags?: Readonly<Record<string, string>>;
  readonly keys?: Readonly<Partial<Record<KeyPurpose, string>>>;
};

export const PAYMENTS_DEFAULTS: CompliancePolicy = {
  name: 'payments',
  requiredTags: { Environment: 'production', CostCenter: 'payments' },
  logRetentionDays: 90,
  keys: {},
  trustedKeyArns: [],
  tracing: true,
  region: 'us-east-1',
  disabledRules: [],
  minAlarmEmailSubscriptions: 2,
  archiveRetentionDays: 365,
  publicIngressTcpPorts: [],
  allowedLambdaRuntimes: defaultLambdaRuntimes(new Date().toISOString().slice(0, 10)),
  writeReports: true,
};

/**
 * The payments default for `allowedLambdaRuntimes`: Node.js runtimes Lambda still lets you create
 * functions on, on `today` (derived from the dated runtime facts, so it moves with the calendar).
 */
export function defaultLambdaRuntimes(today: string): readonly string[] {
  return creatableLambdaRuntimes(today, ['nodejs']);
}

/** Retention values CloudWatch Logs accepts (`retention_in_days`). */
export const VALID_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * The payments policy with overrides. Invariants: the result is frozen; an invalid value throws
 * `PolicyError` naming the field and the fix.
 */
export function paymentsPolicy(overrides: PolicyOverrides = {}): CompliancePolicy {
  const today = overrides.today ?? new Date().toISOString().slice(0, 10);
  const policy: CompliancePolicy = {
    ...PAYMENTS_DEFAULTS,
    allowedLambdaRuntimes: isIsoDate(today) ? defaultLambdaRuntimes(today) : [],
    ...overrides,
    requiredTags: { ...(overrides.requiredTags ?? PAYMENTS_DEFAULTS.requiredTags) },
    keys: { ...PAYMENTS_DEFAULTS.keys, ...overrides.keys },
  };
  validatePolicy(policy);
  return Object.freeze(policy);
}

export class PolicyError extends Error {
  /** Each problem on its own, for one `[compliance/PolicyInvalid]` line per problem. */
  readonly problems: readonly string[];
  constructor(message: string | readonly string[]) {
    const problems = typeof message === 'string' ? [message] : [...message];
    super(`[compliance/PolicyInvalid] ${problems.join('; ')}`);
    this.name = 'PolicyError';
    this.problems = problems;
  }

  /** One line per problem: `[compliance/PolicyInvalid] <what is wrong and how to fix it>`. */
  lines(): string[] {
    return this.problems.map((p) => `[compliance/PolicyInvalid] ${p}`);
  }
}

export function validatePolicy(policy: CompliancePolicy): void {
  const problems: string[] = [];
  if (!VALID_RETENTION_DAYS.includes(policy.logRetentionDays)) {
    problems.push(
      `logRetentionDays=${policy.logRetentionDays} is not a value CloudWatch Logs accepts; use one of ${VALID_RETENTION_DAYS.join(', ')}`,
    );
  }
  for (const [k, v] of Object.entries(policy.requiredTags)) {
    // AWS reserves the aws: prefix in any case, for keys and values alike.
    if (!k || k.length > 128 || k.toLowerCase().startsWith('aws:'))
      problems.push(`required tag key "${k}" is invalid (1-128 characters, not "aws:")`);
    if (typeof v !== 'string' || v.length > 256)
      problems.push(`required tag "${k}" must have a string value of at most 256 characters`);
    else if (v.toLowerCase().startsWith('aws:'))
      problems.push(`required tag "${k}" has value "${v}", which starts with the reserved prefix "aws:"`);
  }
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(policy.region)) {
    problems.push(`region "${policy.region}" is not an AWS region name such as us-east-1`);
  }
  if (!Number.isInteger(policy.minAlarmEmailSubscriptions) || policy.minAlarmEmailSubscriptions < 1) {
    problems.push('minAlarmEmailSubscriptions must be a positive integer');
  }
  if (!Number.isInteger(policy.archiveRetentionDays) || policy.archiveRetentionDays < 1) {
    problems.push('archiveRetentionDays must be a positive integer');
  }
  if (Array.isArray(policy.allowedLambdaRuntimes) && policy.allowedLambdaRuntimes.length === 0) {
    // With an invalid `today` the default is empty too; the date's own problem says what to fix.
    if (policy.today === undefined || isIsoDate(policy.today))
      problems.push(
        `allowedLambdaRuntimes is empty: the payments default comes from the runtime facts (last checked ${RUNTIME_FACTS.lastChecked}), which list no Node.js runtime creatable on ${policy.today ?? new Date().toISOString().slice(0, 10)}; an empty list would refuse every function: pass allowedLambdaRuntimes explicitly, or update the gate for newer runtime facts`,
      );
  } else if (
    !Array.isArray(policy.allowedLambdaRuntimes) ||
    policy.allowedLambdaRuntimes.some((r) => typeof r !== 'string' || r === '')
  ) {
    problems.push(
      'allowedLambdaRuntimes must be a non-empty list of runtime names (e.g. ["nodejs22.x"]); an empty list would refuse every function',
    );
  }
  if (!Array.isArray(policy.disabledRules) || policy.disabledRules.some((r) => typeof r !== 'string')) {
    problems.push('disabledRules must be a list of rule ids (e.g. ["VpcFlowLogs"])');
  }
  if (!Array.isArray(policy.trustedKeyArns) || policy.trustedKeyArns.some((r) => typeof r !== 'string')) {
    problems.push('trustedKeyArns must be a list of KMS key ARNs');
  }
  for (const [purpose, key] of Object.entries(policy.keys ?? {})) {
    if (key === undefined) continue;
    if (typeof key !== 'string' || key === '') {
      problems.push(`keys.${purpose} must be a key reference (key.arn) or a key ARN`);
    } else if (/(^|:)alias\/aws\//.test(key)) {
      problems.push(
        `keys.${purpose} is "${key}", an AWS-managed key: the policy demands customer-managed keys; declare an aws_kms_key and pass key.arn`,
      );
    } else if (!(purpose in KEY_PURPOSES)) {
      problems.push(
        `keys.${purpose} is not a key purpose; use one of ${Object.keys(KEY_PURPOSES).join(', ')}`,
      );
    }
  }
  const ports: unknown = policy.publicIngressTcpPorts;
  if (!Array.isArray(ports)) {
    problems.push('publicIngressTcpPorts must be a list of TCP port numbers, e.g. [443]');
  } else {
    const bad = ports.filter((p) => !Number.isInteger(p) || (p as number) < 0 || (p as number) > 65535);
    if (bad.length > 0) {
      problems.push(
        `publicIngressTcpPorts has ${bad.map((p) => JSON.stringify(p)).join(', ')}, not a TCP port number (an integer from 0 to 65535)`,
      );
    }
  }
  if (policy.today !== undefined && !isIsoDate(policy.today)) {
    problems.push(`today "${policy.today}" must be an ISO date YYYY-MM-DD`);
  }
  if (problems.length > 0) throw new PolicyError(problems);
}

/**
 * Whether a value is a real calendar date written YYYY-MM-DD. `Date.parse` alone is not enough: it rolls
 * impossible days over (2027-02-30 is March 2), so the date must also read back unchanged.
 */
export function isIsoDate(value: unknown): value is string {
  // Reading back also pins the form: toISOString writes exactly YYYY-MM-DD for years 0000-9999, so
  // lenient inputs Date.parse accepts (+002027-01-31, 2027-01-31 (note) ...) never equal it.
  const t = Date.parse(`${String(value)}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/**
 * Where the policy disagrees with the configuration it judges: an `aws` provider whose region is a
 * literal other than the policy's `region` (the gate would demand `logs.<policy region>` grants for
 * resources in another region). One line each; an alias in a deliberate second region is named too, so
 * a multi-region stack needs a policy per region or the provider region set from the policy.
 */
export function regionProblems(model: TfModel, policy: CompliancePolicy): string[] {
  const out: string[] = [];
  for (const { alias, region } of model.providerRegions()) {
    if (region !== undefined && region !== policy.region) {
      out.push(
        `the policy's region is ${policy.region} but provider ${alias} is configured for ${region}: pass region: '${region}' in the policy (it names region-scoped service principals such as logs.${region}.amazonaws.com)`,
      );
    }
  }
  return out;
}

/**
 * The rules a policy judges with: the catalogue minus `disabledRules`, and the disabled ids the catalogue
 * does not know (each caller refuses those in its own words).
 */
export function activeRules<R extends { readonly id: string }>(
  policy: CompliancePolicy,
  catalogue: readonly R[],
): { rules: R[]; unknownDisabled: string[] } {
  const known = new Set(catalogue.map((r) => r.id));
  return {
    rules: catalogue.filter((r) => !policy.disabledRules.includes(r.id)),
    unknownDisabled: policy.disabledRules.filter((id) => !known.has(id)),
  };
}
