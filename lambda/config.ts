/**
 * Typed configuration read once per cold start from the environment. Pure: `loadConfig(env)` never reads
 * `process.env` itself, so tests pass their own map. Invalid values throw a ConfigError that names every
 * offending variable (never its value: some are secrets).
 *
 * | variable | meaning | default |
 * | --- | --- | --- |
 * | SERVICE_NAME | X-Ray segment name outside Lambda, `service` field of every log line | payment-api |
 * | METRICS_NAMESPACE | CloudWatch namespace of the custom metrics | Payments |
 * | METRICS_TIMEOUT_MS | budget of one PutMetricData call (sent after the answer, never awaited) | 1500 |
 * | LOG_LEVEL | debug, info, warn, error | info |
 * | DB_HOST | Aurora writer endpoint (required) | - |
 * | DB_PORT | port | 5432 |
 * | DB_NAME | database name | payments |
 * | DB_SECRET_ARN | Secrets Manager secret with {username,password} (RDS-managed master secret) | - |
 * | DB_USER / DB_PASSWORD | local and test use only: static credentials instead of DB_SECRET_ARN | - |
 * | DB_SSLMODE | verify-full (TLS, CA verified) or disable (local tests only) | verify-full |
 * | DB_POOL_MAX | pg.Pool size per execution environment | 2 |
 * | DB_CONNECT_TIMEOUT_MS | connect (and pool wait) timeout | 3000 |
 * | DB_STATEMENT_TIMEOUT_MS | server-side statement_timeout and client read timeout | 5000 |
 * | DB_IDLE_TX_TIMEOUT_MS | server-side idle_in_transaction_session_timeout: a frozen execution environment
 *   can never hold a row lock longer than this | 5000 |
 * | DB_MIGRATE | run the idempotent schema migration on the first payment of a cold start (false: the schema is
 *   managed out of band, so the function's database user needs no CREATE privilege) | true |
 * | HEALTH_TIMEOUT_MS | total budget of the GET /health database check | 2000 |
 * | SECRET_TTL_MS | how long the secret is cached before it is read again | 900000 |
 * | PROCESSOR_TIMEOUT_MS | upper bound of one processor call (the deadline may cut it shorter) | 8000 |
 * | RECORD_RESERVE_MS | time kept back from the invocation's remaining time to record an outcome and
 *   answer: processor calls end this long before the function would time out | 1500 |
 * | INVOCATION_BUDGET_MS | the deadline when no Lambda context gives the remaining time (local runs) | 10000 |
 * | IN_PROGRESS_WAIT_MS | how long a retry waits for a concurrent attempt of the same key before 409 | 3000 |
 * | ABANDON_AFTER_MS | an open payment untouched this long is voided by the scheduled sweep | 3600000 |
 * | ALLOW_MISSING_API_KEY_ID | true: a payment without an API key id (direct invocation, local runs) uses
 *   the caller scope `local`; false (production): it is refused with 403 | false |
 */
import { parseLogLevel, type LogLevel } from './logger';

export type SslMode = 'verify-full' | 'disable';

export interface DbConfig {
  host: string;
  port: number;
  database: string;
  secretArn?: string;
  user?: string;
  password?: string;
  sslMode: SslMode;
  poolMax: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  migrate: boolean;
}

export interface PaymentTimingConfig {
  processorTimeoutMs: number;
  recordReserveMs: number;
  invocationBudgetMs: number;
  inProgressWaitMs: number;
}

export interface Config {
  serviceName: string;
  metricsNamespace: string;
  metricsTimeoutMs: number;
  logLevel: LogLevel;
  healthTimeoutMs: number;
  secretTtlMs: number;
  allowMissingApiKeyId: boolean;
  abandonAfterMs: number;
  payments: PaymentTimingConfig;
  db: DbConfig;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const str = (name: string, fallback?: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : fallback;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer in [${min}, ${max}]`);
      return fallback;
    }
    return n;
  };

  const host = str('DB_HOST');
  if (!host) problems.push('DB_HOST is required');
  const secretArn = str('DB_SECRET_ARN');
  const password = env.DB_PASSWORD; // may legitimately be empty for trust auth in local tests
  if (!secretArn && password === undefined)
    problems.push('DB_SECRET_ARN is required (or DB_PASSWORD for local tests)');
  const sslRaw = str('DB_SSLMODE', 'verify-full');
  if (sslRaw !== 'verify-full' && sslRaw !== 'disable')
    problems.push('DB_SSLMODE must be verify-full or disable');
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = str(name, String(fallback))?.toLowerCase();
    if (raw !== 'true' && raw !== 'false') {
      problems.push(`${name} must be true or false`);
      return fallback;
    }
    return raw === 'true';
  };
  const migrate = bool('DB_MIGRATE', true);
  const namespace = str('METRICS_NAMESPACE', 'Payments') as string;
  if (namespace.startsWith('AWS/') || namespace.length > 255)
    problems.push('METRICS_NAMESPACE is not allowed');

  const config: Config = {
    serviceName: str('SERVICE_NAME', 'payment-api') as string,
    metricsNamespace: namespace,
    metricsTimeoutMs: int('METRICS_TIMEOUT_MS', 1500, 50, 30000),
    logLevel: parseLogLevel(str('LOG_LEVEL')),
    healthTimeoutMs: int('HEALTH_TIMEOUT_MS', 2000, 50, 30000),
    secretTtlMs: int('SECRET_TTL_MS', 900000, 0, 86400000),
    allowMissingApiKeyId: bool('ALLOW_MISSING_API_KEY_ID', false),
    abandonAfterMs: int('ABANDON_AFTER_MS', 3600000, 60000, 604800000),
    payments: {
      processorTimeoutMs: int('PROCESSOR_TIMEOUT_MS', 8000, 50, 900000),
      recordReserveMs: int('RECORD_RESERVE_MS', 1500, 50, 60000),
      invocationBudgetMs: int('INVOCATION_BUDGET_MS', 10000, 100, 900000),
      inProgressWaitMs: int('IN_PROGRESS_WAIT_MS', 3000, 0, 60000),
    },
    db: {
      host: host ?? '',
      port: int('DB_PORT', 5432, 1, 65535),
      database: str('DB_NAME', 'payments') as string,
      secretArn,
      user: str('DB_USER'),
      password,
      sslMode: sslRaw === 'disable' ? 'disable' : 'verify-full',
      poolMax: int('DB_POOL_MAX', 2, 1, 20),
      connectTimeoutMs: int('DB_CONNECT_TIMEOUT_MS', 3000, 50, 60000),
      statementTimeoutMs: int('DB_STATEMENT_TIMEOUT_MS', 5000, 50, 60000),
      idleInTransactionTimeoutMs: int('DB_IDLE_TX_TIMEOUT_MS', 5000, 100, 600000),
      migrate,
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
