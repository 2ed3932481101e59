/**
 * The stack's one typed, validated configuration.
 *
 * Sources, highest precedence first: environment variables (`PAYMENTS_*`), the `payments` object of the
 * `context` in `cdktf.json` (read with `app.node.tryGetContext('payments')`), then working defaults that
 * need no AWS account (example.com addresses, the documentation phone number, account 123456789012).
 *
 * `loadConfig` is pure: it takes its sources as arguments, never reads `process.env` itself, and either
 * returns a frozen config or throws one `ConfigError` listing every problem with its fix.
 */

/** AWS commercial regions this stack knows, with the availability-zone letters each one offers. */
export const KNOWN_REGIONS: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['a', 'b', 'c', 'd', 'e', 'f'],
  'us-east-2': ['a', 'b', 'c'],
  'us-west-1': ['a', 'b', 'c'],
  'us-west-2': ['a', 'b', 'c', 'd'],
  'ca-central-1': ['a', 'b', 'd'],
  'ca-west-1': ['a', 'b', 'c'],
  'sa-east-1': ['a', 'b', 'c'],
  'eu-west-1': ['a', 'b', 'c'],
  'eu-west-2': ['a', 'b', 'c'],
  'eu-west-3': ['a', 'b', 'c'],
  'eu-central-1': ['a', 'b', 'c'],
  'eu-central-2': ['a', 'b', 'c'],
  'eu-north-1': ['a', 'b', 'c'],
  'eu-south-1': ['a', 'b', 'c'],
  'eu-south-2': ['a', 'b', 'c'],
  'ap-east-1': ['a', 'b', 'c'],
  'ap-south-1': ['a', 'b', 'c'],
  'ap-south-2': ['a', 'b', 'c'],
  'ap-northeast-1': ['a', 'c', 'd'],
  'ap-northeast-2': ['a', 'b', 'c', 'd'],
  'ap-northeast-3': ['a', 'b', 'c'],
  'ap-southeast-1': ['a', 'b', 'c'],
  'ap-southeast-2': ['a', 'b', 'c'],
  'ap-southeast-3': ['a', 'b', 'c'],
  'ap-southeast-4': ['a', 'b', 'c'],
  'me-south-1': ['a', 'b', 'c'],
  'me-central-1': ['a', 'b', 'c'],
  'il-central-1': ['a', 'b', 'c'],
  'af-south-1': ['a', 'b', 'c'],
};

export interface AlertingConfig {
  /** Addresses subscribed to the on-call (paging) topic; at least 2. */
  readonly pageEmails: readonly string[];
  /** Addresses subscribed to the low-urgency (ticket) topic; at least 2. @default pageEmails */
  readonly ticketEmails: readonly string[];
  /** E.164 number that receives the on-call SMS. */
  readonly smsNumber: string;
}

export interface DatabaseConfig {
  /** Initial database name. @default payments */
  readonly name: string;
  /** Listener port; not 5432 (the engine default). @default 5433 */
  readonly port: number;
  /** Master user; not `postgres` (the engine default). @default payments_admin */
  readonly masterUsername: string;
  /** Aurora PostgreSQL engine version. @default 16.6 */
  readonly engineVersion: string;
  /** Serverless v2 capacity range in ACUs. @default 0.5 .. 4 */
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Writer plus readers; 2 puts one in each AZ. @default 2 */
  readonly instanceCount: number;
  /** Days of automated backups (7..35). @default 14 */
  readonly backupRetentionDays: number;
  /**
   * DatabaseConnections above which the ticket alarm fires. Default derived from the configuration:
   * `lambda.reservedConcurrency x lambda.dbPoolMax` (the most connections the payment handler can ever
   * hold) plus {@link DB_CONNECTIONS_HEADROOM} (RDS's own sessions, an operator, a migration). Above it,
   * something other than the handler holds connections. @default 50 x 2 + 10 = 110
   */
  readonly connectionsAlarmThreshold: number;
  /**
   * Who owns the account-wide `RDSOSMetrics` log group (Enhanced Monitoring; one per account and region).
   * - `external` (default): not this stack; RDS creates it on first use (with its own retention) or it
   *   already exists. The first apply cannot collide with it.
   * - `create`: this stack creates it, with the logs key and 90 days (a region where it does not exist yet;
   *   apply fails with ResourceAlreadyExistsException where it does).
   * - `import`: it exists; a Terraform import block adopts it and the apply sets the logs key and 90 days.
   */
  readonly osMetricsLogGroup: AccountLogGroupMode;
}

/** Who owns a log group whose name is fixed by AWS and shared by the whole account and region. */
export type AccountLogGroupMode = 'external' | 'create' | 'import';
export const ACCOUNT_LOG_GROUP_MODES: readonly AccountLogGroupMode[] = ['external', 'create', 'import'];

/** Connections beyond the handler's ceiling that are normal: rdsadmin/monitoring sessions, one operator or migration. */
export const DB_CONNECTIONS_HEADROOM = 10;

export interface LambdaConfig {
  /** @default nodejs22.x */
  readonly runtime: 'nodejs20.x' | 'nodejs22.x';
  /** @default 512 */
  readonly memoryMb: number;
  /** @default 10 (seconds; API Gateway's own limit is 29) */
  readonly timeoutSeconds: number;
  /** @default 50 */
  readonly reservedConcurrency: number;
  /** @default INFO */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * pg pool size per execution environment, passed to the function as DB_POOL_MAX (lambda/config.ts reads
   * it, 1..20, default 2) and used to derive the DB-connections alarm threshold. @default 2
   */
  readonly dbPoolMax: number;
}

export interface ApiConfig {
  /** @default v1 */
  readonly stageName: string;
  /** Stage-wide (`*\/*`) steady-state requests per second. @default 50 */
  readonly throttleRateLimit: number;
  /** @default 100 */
  readonly throttleBurstLimit: number;
  /** Usage-plan quota per API key and day. @default 100000 */
  readonly quotaPerDay: number;
  /** Execution-log level; ERROR keeps card-holder context out of logs. @default ERROR */
  readonly executionLoggingLevel: 'ERROR' | 'INFO';
  /** p99 latency (ms) above which the ticket alarm fires. @default 2000 */
  readonly p99LatencyAlarmMs: number;
  /**
   * The account-wide API Gateway CloudWatch role (one per account and region, used by every REST API's
   * stage logging there).
   * - `create` (default): this stack creates a role and sets it as the account's role. Needed in a fresh
   *   account, where stage logging fails without one. In an account that already has one this REPLACES
   *   it: the role created here may write every log group of the account and region (as AWS's
   *   AmazonAPIGatewayPushToCloudWatchLogs does), so other APIs keep logging, but the setting is then this
   *   stack's (destroying the stack leaves the account without a working role). The plan shows it as
   *   `aws_api_gateway_account` to create.
   * - an IAM role ARN: adopt the account's existing role; the stack creates neither a role nor the
   *   account setting (`aws apigateway get-account --query cloudwatchRoleArn` prints it).
   */
  readonly accountCloudwatchRole: 'create' | string;
  /**
   * Who owns `/aws/apigateway/welcome`, which API Gateway writes once when an account's CloudWatch role is
   * set. Same modes as `database.osMetricsLogGroup`. @default external
   */
  readonly welcomeLogGroup: AccountLogGroupMode;
}

export interface TracingConfig {
  /**
   * X-Ray's encryption setting (one per account and region, every application's traces): `manage` sets
   * it to the stack's data key, `external` leaves it alone (another stack owns it). @default manage
   */
  readonly accountEncryption: 'manage' | 'external';
}

export interface CanaryConfig {
  /**
   * Synthetics runtime: a Node.js Playwright one (the canary is packaged for Playwright). Whether AWS still
   * accepts it on the day is judged by the gate (CanaryRuntimeCurrent). @default syn-nodejs-playwright-8.0
   */
  readonly runtimeVersion: string;
}

export interface PaymentsConfig {
  /** Prefix of every resource name: 2-12 characters, lowercase letters, digits, `-`. @default payments */
  readonly namePrefix: string;
  /** Deployment environment, used in descriptions. @default production */
  readonly environment: string;
  /** 12-digit AWS account id; builds ARNs without data sources. @default 123456789012 */
  readonly accountId: string;
  /** @default us-east-1 */
  readonly region: string;
  /** Derived from the region. */
  readonly partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  /** At least 2 zones of the region. @default [<region>a, <region>b] */
  readonly availabilityZones: readonly string[];
  /** @default 10.20.0.0/16 */
  readonly vpcCidr: string;
  /** Namespace of the custom payment metrics. @default Payments */
  readonly metricsNamespace: string;
  readonly alerting: AlertingConfig;
  readonly database: DatabaseConfig;
  readonly lambda: LambdaConfig;
  readonly api: ApiConfig;
  readonly canary: CanaryConfig;
  readonly tracing: TracingConfig;
  /** Days in CloudWatch Logs. Fixed by policy. */
  readonly logRetentionDays: 90;
  /** Archive lifecycle: to Glacier after, and expire after, these many days. */
  readonly archive: { readonly glacierAfterDays: number; readonly expireAfterDays: number };
}

export interface ConfigSources {
  /** The `payments` context object (from `cdktf.json` "context"), if any. */
  readonly context?: unknown;
  /** Environment variables (pass `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface ConfigProblem {
  /** Config key, e.g. `alertEmails`. */
  readonly key: string;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it (env var and context key). */
  readonly fix: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      [
        `Invalid payments configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was synthesized.`,
        ...problems.flatMap((p) => [`  - ${p.key}: ${p.problem}`, `    fix: ${p.fix}`]),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Every setting: its env var, its context key (inside `context.payments`), its default. */
const KEYS = {
  namePrefix: { env: 'PAYMENTS_NAME_PREFIX', ctx: 'namePrefix' },
  environment: { env: 'PAYMENTS_ENVIRONMENT', ctx: 'environment' },
  accountId: { env: 'PAYMENTS_ACCOUNT_ID', ctx: 'accountId' },
  region: { env: 'PAYMENTS_REGION', ctx: 'region' },
  availabilityZones: { env: 'PAYMENTS_AZS', ctx: 'availabilityZones' },
  vpcCidr: { env: 'PAYMENTS_VPC_CIDR', ctx: 'vpcCidr' },
  metricsNamespace: { env: 'PAYMENTS_METRICS_NAMESPACE', ctx: 'metricsNamespace' },
  alertEmails: { env: 'PAYMENTS_ALERT_EMAILS', ctx: 'alertEmails' },
  ticketEmails: { env: 'PAYMENTS_TICKET_EMAILS', ctx: 'ticketEmails' },
  smsNumber: { env: 'PAYMENTS_SMS_NUMBER', ctx: 'smsNumber' },
  dbName: { env: 'PAYMENTS_DB_NAME', ctx: 'database.name' },
  dbPort: { env: 'PAYMENTS_DB_PORT', ctx: 'database.port' },
  dbMasterUsername: { env: 'PAYMENTS_DB_MASTER_USERNAME', ctx: 'database.masterUsername' },
  dbEngineVersion: { env: 'PAYMENTS_DB_ENGINE_VERSION', ctx: 'database.engineVersion' },
  dbMinCapacity: { env: 'PAYMENTS_DB_MIN_ACU', ctx: 'database.minCapacity' },
  dbMaxCapacity: { env: 'PAYMENTS_DB_MAX_ACU', ctx: 'database.maxCapacity' },
  dbInstanceCount: { env: 'PAYMENTS_DB_INSTANCES', ctx: 'database.instanceCount' },
  dbBackupRetentionDays: { env: 'PAYMENTS_DB_BACKUP_DAYS', ctx: 'database.backupRetentionDays' },
  dbConnectionsAlarm: { env: 'PAYMENTS_DB_CONNECTIONS_ALARM', ctx: 'database.connectionsAlarmThreshold' },
  dbOsMetricsLogGroup: { env: 'PAYMENTS_DB_OS_METRICS_LOG_GROUP', ctx: 'database.osMetricsLogGroup' },
  lambdaRuntime: { env: 'PAYMENTS_LAMBDA_RUNTIME', ctx: 'lambda.runtime' },
  lambdaMemory: { env: 'PAYMENTS_LAMBDA_MEMORY_MB', ctx: 'lambda.memoryMb' },
  lambdaTimeout: { env: 'PAYMENTS_LAMBDA_TIMEOUT_SECONDS', ctx: 'lambda.timeoutSeconds' },
  lambdaConcurrency: { env: 'PAYMENTS_LAMBDA_RESERVED_CONCURRENCY', ctx: 'lambda.reservedConcurrency' },
  lambdaLogLevel: { env: 'PAYMENTS_LOG_LEVEL', ctx: 'lambda.logLevel' },
  lambdaDbPoolMax: { env: 'PAYMENTS_LAMBDA_DB_POOL_MAX', ctx: 'lambda.dbPoolMax' },
  apiStage: { env: 'PAYMENTS_API_STAGE', ctx: 'api.stageName' },
  apiRate: { env: 'PAYMENTS_API_RATE_LIMIT', ctx: 'api.throttleRateLimit' },
  apiBurst: { env: 'PAYMENTS_API_BURST_LIMIT', ctx: 'api.throttleBurstLimit' },
  apiQuota: { env: 'PAYMENTS_API_QUOTA_PER_DAY', ctx: 'api.quotaPerDay' },
  apiLogLevel: { env: 'PAYMENTS_API_LOGGING_LEVEL', ctx: 'api.executionLoggingLevel' },
  apiP99: { env: 'PAYMENTS_API_P99_ALARM_MS', ctx: 'api.p99LatencyAlarmMs' },
  apiAccountRole: { env: 'PAYMENTS_API_ACCOUNT_CLOUDWATCH_ROLE', ctx: 'api.accountCloudwatchRole' },
  apiWelcomeLogGroup: { env: 'PAYMENTS_API_WELCOME_LOG_GROUP', ctx: 'api.welcomeLogGroup' },
  canaryRuntime: { env: 'PAYMENTS_CANARY_RUNTIME', ctx: 'canary.runtimeVersion' },
  xrayAccountEncryption: { env: 'PAYMENTS_XRAY_ACCOUNT_ENCRYPTION', ctx: 'tracing.accountEncryption' },
} as const;
type Key = keyof typeof KEYS;

export const DEFAULTS = {
  namePrefix: 'payments',
  environment: 'production',
  accountId: '123456789012',
  region: 'us-east-1',
  vpcCidr: '10.20.0.0/16',
  metricsNamespace: 'Payments',
  alertEmails: ['payments-oncall@example.com', 'payments-lead@example.com'],
  smsNumber: '+15555550100',
} as const;

const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const E164 = /^\+[1-9]\d{7,14}$/;

/** Build the config, or throw a `ConfigError` naming every problem and its fix. */
export function loadConfig(sources: ConfigSources = {}): PaymentsConfig {
  const env = sources.env ?? {};
  const ctx = isRecord(sources.context) ? sources.context : {};
  const problems: ConfigProblem[] = [];
  const fixFor = (key: Key, example: string): string =>
    `set ${KEYS[key].env}=${example} or context.payments.${KEYS[key].ctx} in cdktf.json`;
  const fail = (key: Key, problem: string, example: string): void => {
    problems.push({ key: KEYS[key].ctx, problem, fix: fixFor(key, example) });
  };

  /** The raw value of a key: env var (string) wins over context (any JSON). */
  const raw = (key: Key): unknown => {
    const fromEnv = env[KEYS[key].env];
    if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv.trim();
    return getPath(ctx, KEYS[key].ctx);
  };
  const str = (key: Key, dflt: string): string => {
    const v = raw(key);
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'string' && typeof v !== 'number') {
      fail(key, `expected a string, got ${JSON.stringify(v)}`, dflt);
      return dflt;
    }
    return String(v);
  };
  const list = (key: Key, dflt: readonly string[]): string[] => {
    const v = raw(key);
    if (v === undefined || v === null) return [...dflt];
    if (typeof v === 'string')
      return v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v.map((s: string) => s.trim());
    fail(key, `expected a list of strings, got ${JSON.stringify(v)}`, dflt.join(','));
    return [...dflt];
  };
  const num = (key: Key, dflt: number, min: number, max: number, integer = true): number => {
    const v = raw(key);
    if (v === undefined || v === null) return dflt;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
      fail(
        key,
        `expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(v)}`,
        String(dflt),
      );
      return dflt;
    }
    return n;
  };
  const oneOf = <T extends string>(key: Key, dflt: T, allowed: readonly T[]): T => {
    const v = str(key, dflt);
    if (!(allowed as readonly string[]).includes(v)) {
      fail(key, `"${v}" is not one of ${allowed.join(', ')}`, dflt);
      return dflt;
    }
    return v as T;
  };

  // Replaced settings are refused, not ignored: a value someone set must not silently stop applying.
  if (
    env['PAYMENTS_DB_MANAGE_OS_METRICS_LOG_GROUP'] !== undefined ||
    getPath(ctx, 'database.manageOsMetricsLogGroup') !== undefined
  ) {
    problems.push({
      key: 'database.manageOsMetricsLogGroup',
      problem: 'was replaced by database.osMetricsLogGroup (external, create or import; true meant create)',
      fix: fixFor('dbOsMetricsLogGroup', 'create'),
    });
  }
  const namePrefix = str('namePrefix', DEFAULTS.namePrefix);
  if (!/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/.test(namePrefix) || namePrefix.includes('--')) {
    fail(
      'namePrefix',
      `"${namePrefix}" must be 2-12 characters: lowercase letters, digits and single hyphens, starting with a letter (it prefixes names limited to 21 characters, such as the canary)`,
      'payments',
    );
  }
  const environment = str('environment', DEFAULTS.environment);
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(environment)) {
    fail(
      'environment',
      `"${environment}" must be lowercase letters, digits and hyphens (1-32)`,
      'production',
    );
  }
  const accountId = str('accountId', DEFAULTS.accountId);
  if (!/^\d{12}$/.test(accountId)) {
    fail('accountId', `"${accountId}" is not a 12-digit AWS account id`, '123456789012');
  }
  const region = str('region', DEFAULTS.region);
  const zoneLetters = KNOWN_REGIONS[region];
  if (zoneLetters === undefined) {
    fail(
      'region',
      `"${region}" is not a known AWS region (known: ${Object.keys(KNOWN_REGIONS).join(', ')})`,
      'us-east-1',
    );
  }
  const availabilityZones = list('availabilityZones', [`${region}a`, `${region}b`]);
  if (availabilityZones.length < 2) {
    fail(
      'availabilityZones',
      `needs at least 2 availability zones, got ${availabilityZones.length}`,
      `${region}a,${region}b`,
    );
  }
  if (new Set(availabilityZones).size !== availabilityZones.length) {
    fail('availabilityZones', `lists a zone twice: ${availabilityZones.join(', ')}`, `${region}a,${region}b`);
  }
  if (zoneLetters !== undefined) {
    for (const az of availabilityZones) {
      const letter = az.startsWith(region) ? az.slice(region.length) : '';
      if (!zoneLetters.includes(letter)) {
        fail(
          'availabilityZones',
          `"${az}" is not an availability zone of ${region} (zones: ${zoneLetters.map((l) => region + l).join(', ')})`,
          `${region}${zoneLetters[0]},${region}${zoneLetters[1]}`,
        );
      }
    }
  }
  const vpcCidr = str('vpcCidr', DEFAULTS.vpcCidr);
  const cidr = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(vpcCidr);
  if (
    !cidr ||
    cidr.slice(1, 5).some((o) => Number(o) > 255) ||
    Number(cidr[5]) < 16 ||
    Number(cidr[5]) > 20
  ) {
    fail('vpcCidr', `"${vpcCidr}" must be an IPv4 CIDR with a /16 to /20 mask`, '10.20.0.0/16');
  }
  const metricsNamespace = str('metricsNamespace', DEFAULTS.metricsNamespace);
  if (!/^[A-Za-z0-9._/#:-]{1,200}$/.test(metricsNamespace) || metricsNamespace.startsWith('AWS/')) {
    fail(
      'metricsNamespace',
      `"${metricsNamespace}" must be 1-200 of A-Z a-z 0-9 . _ / # : - and not start with AWS/`,
      'Payments',
    );
  }

  const checkEmails = (key: 'alertEmails' | 'ticketEmails', emails: string[]): void => {
    const example = 'oncall@yourco.com,lead@yourco.com';
    if (emails.length < 2) {
      fail(
        key,
        `needs at least 2 email addresses so one absence cannot silence an alarm, got ${emails.length}${emails.length ? ` (${emails.join(', ')})` : ''}`,
        example,
      );
    }
    for (const e of emails) if (!EMAIL.test(e)) fail(key, `"${e}" is not a valid email address`, example);
    if (new Set(emails.map((e) => e.toLowerCase())).size !== emails.length)
      fail(key, 'lists an address twice', example);
  };
  const pageEmails = list('alertEmails', DEFAULTS.alertEmails);
  checkEmails('alertEmails', pageEmails);
  const ticketEmails = list('ticketEmails', pageEmails);
  if (raw('ticketEmails') !== undefined) checkEmails('ticketEmails', ticketEmails);
  const smsNumber = str('smsNumber', DEFAULTS.smsNumber).replace(/[\s()-]/g, '');
  if (!E164.test(smsNumber)) {
    fail(
      'smsNumber',
      `"${smsNumber}" is not an E.164 phone number (+ then country code and number, 8-15 digits)`,
      '+15555550100',
    );
  }

  const dbName = str('dbName', 'payments');
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(dbName))
    fail(
      'dbName',
      `"${dbName}" must be lowercase letters, digits, _ (1-63), starting with a letter`,
      'payments',
    );
  const dbPort = num('dbPort', 5433, 1150, 65535);
  if (dbPort === 5432) fail('dbPort', '5432 is the engine default port; pick another', '5433');
  const dbMasterUsername = str('dbMasterUsername', 'payments_admin');
  if (
    !/^[a-z][a-z0-9_]{0,15}$/.test(dbMasterUsername) ||
    ['postgres', 'admin', 'rdsadmin', 'root'].includes(dbMasterUsername)
  ) {
    fail(
      'dbMasterUsername',
      `"${dbMasterUsername}" must be 1-16 lowercase letters, digits, _ and not a default name (postgres, admin, root)`,
      'payments_admin',
    );
  }
  const dbEngineVersion = str('dbEngineVersion', '16.6');
  if (!/^\d{2}\.\d{1,2}$/.test(dbEngineVersion))
    fail('dbEngineVersion', `"${dbEngineVersion}" is not an Aurora PostgreSQL version such as 16.6`, '16.6');
  const minCapacity = num('dbMinCapacity', 0.5, 0.5, 256, false);
  const maxCapacity = num('dbMaxCapacity', 4, 1, 256, false);
  if (minCapacity * 2 !== Math.round(minCapacity * 2) || maxCapacity * 2 !== Math.round(maxCapacity * 2)) {
    fail('dbMinCapacity', 'capacities are in steps of 0.5 ACU', '0.5');
  }
  if (minCapacity > maxCapacity)
    fail('dbMaxCapacity', `max ${maxCapacity} ACU is below min ${minCapacity} ACU`, '4');

  const lambdaRuntime = oneOf('lambdaRuntime', 'nodejs22.x', ['nodejs20.x', 'nodejs22.x'] as const);
  const lambdaConcurrency = num('lambdaConcurrency', 50, 1, 1000);
  const lambdaDbPoolMax = num('lambdaDbPoolMax', 2, 1, 20);
  const accountCloudwatchRole = str('apiAccountRole', 'create');
  const roleArn = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/.exec(
    accountCloudwatchRole,
  );
  if (accountCloudwatchRole !== 'create' && (!roleArn || roleArn[2] !== accountId)) {
    fail(
      'apiAccountRole',
      `"${accountCloudwatchRole}" is neither "create" nor the ARN of an IAM role in account ${accountId} (the role API Gateway already uses there: aws apigateway get-account --query cloudwatchRoleArn)`,
      'create',
    );
  }
  const apiStage = str('apiStage', 'v1');
  if (!/^[a-zA-Z0-9_]{1,64}$/.test(apiStage))
    fail('apiStage', `"${apiStage}" must be letters, digits, _ (1-64)`, 'v1');
  const apiRate = num('apiRate', 50, 1, 10000);
  const apiBurst = num('apiBurst', 100, 1, 5000);
  const canaryRuntime = str('canaryRuntime', 'syn-nodejs-playwright-8.0');
  if (!/^syn-nodejs-playwright-\d+\.\d+$/.test(canaryRuntime)) {
    fail(
      'canaryRuntime',
      `"${canaryRuntime}" is not a Node.js Playwright runtime (syn-nodejs-playwright-<major>.<minor>): the canary is packaged for Playwright, and the Puppeteer runtimes it ran on before are deprecated or run on a deprecated Lambda Node.js`,
      'syn-nodejs-playwright-8.0',
    );
  }

  const config: PaymentsConfig = {
    namePrefix,
    environment,
    accountId,
    region,
    partition: region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws',
    availabilityZones,
    vpcCidr,
    metricsNamespace,
    alerting: { pageEmails, ticketEmails, smsNumber },
    database: {
      name: dbName,
      port: dbPort,
      masterUsername: dbMasterUsername,
      engineVersion: dbEngineVersion,
      minCapacity,
      maxCapacity,
      instanceCount: num('dbInstanceCount', 2, 1, 15),
      backupRetentionDays: num('dbBackupRetentionDays', 14, 7, 35),
      connectionsAlarmThreshold: num(
        'dbConnectionsAlarm',
        lambdaConcurrency * lambdaDbPoolMax + DB_CONNECTIONS_HEADROOM,
        1,
        100000,
      ),
      osMetricsLogGroup: oneOf('dbOsMetricsLogGroup', 'external', ACCOUNT_LOG_GROUP_MODES),
    },
    lambda: {
      runtime: lambdaRuntime,
      memoryMb: num('lambdaMemory', 512, 128, 10240),
      timeoutSeconds: num('lambdaTimeout', 10, 1, 29),
      reservedConcurrency: lambdaConcurrency,
      logLevel: oneOf('lambdaLogLevel', 'INFO', ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const),
      dbPoolMax: lambdaDbPoolMax,
    },
    api: {
      stageName: apiStage,
      throttleRateLimit: apiRate,
      throttleBurstLimit: apiBurst,
      quotaPerDay: num('apiQuota', 100000, 1, 100_000_000),
      executionLoggingLevel: oneOf('apiLogLevel', 'ERROR', ['ERROR', 'INFO'] as const),
      p99LatencyAlarmMs: num('apiP99', 2000, 10, 29000),
      accountCloudwatchRole,
      welcomeLogGroup: oneOf('apiWelcomeLogGroup', 'external', ACCOUNT_LOG_GROUP_MODES),
    },
    canary: { runtimeVersion: canaryRuntime },
    tracing: {
      accountEncryption: oneOf('xrayAccountEncryption', 'manage', ['manage', 'external'] as const),
    },
    logRetentionDays: 90,
    archive: { glacierAfterDays: 90, expireAfterDays: 400 },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

/** Read the config sources of a running app: the `payments` context object and `process.env`. */
export function configSourcesFrom(
  tryGetContext: (key: string) => unknown,
  env: Readonly<Record<string, string | undefined>>,
): ConfigSources {
  return { context: tryGetContext('payments'), env };
}

/** The env var and context key of every setting, for documentation and error messages. */
export function configKeys(): ReadonlyArray<{ readonly env: string; readonly context: string }> {
  return Object.values(KEYS).map((k) => ({ env: k.env, context: `payments.${k.ctx}` }));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function getPath(obj: Record<string, unknown>, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
