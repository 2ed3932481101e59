import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ConfigError,
  DB_CONNECTIONS_HEADROOM,
  DEFAULTS,
  configKeys,
  loadConfig,
} from '../../resources/config';

/** The error loadConfig throws for `sources`, or fails the test. */
function configError(sources: Parameters<typeof loadConfig>[0]): ConfigError {
  try {
    loadConfig(sources);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  it('works with no sources at all: example.com addresses, the 555 number, account 123456789012, us-east-1', () => {
    const c = loadConfig({});
    expect(c.region).toBe('us-east-1');
    expect(c.partition).toBe('aws');
    expect(c.accountId).toBe('123456789012');
    expect(c.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(c.alerting.pageEmails).toEqual(DEFAULTS.alertEmails);
    expect(c.alerting.ticketEmails).toEqual(DEFAULTS.alertEmails);
    expect(c.alerting.smsNumber).toBe('+15555550100');
    expect(c.metricsNamespace).toBe('Payments');
    expect(c.logRetentionDays).toBe(90);
    expect(c.archive.expireAfterDays).toBeGreaterThanOrEqual(365);
    expect(c.database.port).not.toBe(5432);
    expect(c.database.masterUsername).not.toBe('postgres');
  });

  it('returns a frozen object', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.alerting.pageEmails)).toBe(true);
  });

  it('documents an env var and a context key for every setting', () => {
    for (const k of configKeys()) {
      expect(k.env).toMatch(/^PAYMENTS_[A-Z0-9_]+$/);
      expect(k.context).toMatch(/^payments\./);
    }
  });
});

describe('loadConfig: first-apply safety and derived thresholds (issue 12)', () => {
  it('creates no account-wide log group by default, and sets the API Gateway account role (a fresh account needs one)', () => {
    const c = loadConfig({});
    expect(c.database.osMetricsLogGroup).toBe('external');
    expect(c.api.welcomeLogGroup).toBe('external');
    expect(c.api.accountCloudwatchRole).toBe('create');
  });

  it('reads the account-wide modes and an adopted role ARN of the same account', () => {
    const c = loadConfig({
      env: {
        PAYMENTS_DB_OS_METRICS_LOG_GROUP: 'import',
        PAYMENTS_API_WELCOME_LOG_GROUP: 'create',
        PAYMENTS_API_ACCOUNT_CLOUDWATCH_ROLE: 'arn:aws:iam::123456789012:role/apigw-cloudwatch',
      },
    });
    expect(c.database.osMetricsLogGroup).toBe('import');
    expect(c.api.welcomeLogGroup).toBe('create');
    expect(c.api.accountCloudwatchRole).toBe('arn:aws:iam::123456789012:role/apigw-cloudwatch');
  });

  it.each([
    [
      'a role of another account',
      { PAYMENTS_API_ACCOUNT_CLOUDWATCH_ROLE: 'arn:aws:iam::999999999999:role/x' },
      'api.accountCloudwatchRole',
      /neither "create" nor the ARN of an IAM role in account 123456789012/,
    ],
    [
      'a role name instead of an ARN',
      { PAYMENTS_API_ACCOUNT_CLOUDWATCH_ROLE: 'apigw-cloudwatch' },
      'api.accountCloudwatchRole',
      /neither "create"/,
    ],
    [
      'an unknown log group mode',
      { PAYMENTS_DB_OS_METRICS_LOG_GROUP: 'true' },
      'database.osMetricsLogGroup',
      /not one of external, create, import/,
    ],
    [
      'a pool size the handler refuses',
      { PAYMENTS_LAMBDA_DB_POOL_MAX: '21' },
      'lambda.dbPoolMax',
      /integer from 1 to 20/,
    ],
  ])('rejects %s', (_what, env, key, problem) => {
    const hit = configError({ env }).problems.find((p) => p.key === key);
    expect(hit?.problem).toMatch(problem);
  });

  it('refuses the replaced manageOsMetricsLogGroup setting instead of ignoring it', () => {
    for (const sources of [
      { env: { PAYMENTS_DB_MANAGE_OS_METRICS_LOG_GROUP: 'true' } },
      { context: { database: { manageOsMetricsLogGroup: false } } },
    ]) {
      const err = configError(sources);
      expect(err.problems.map((p) => p.key)).toEqual(['database.manageOsMetricsLogGroup']);
      expect(err.message).toContain('PAYMENTS_DB_OS_METRICS_LOG_GROUP=create');
    }
  });

  it('derives the DB-connections alarm threshold: reserved concurrency x pool size + headroom', () => {
    expect(loadConfig({}).database.connectionsAlarmThreshold).toBe(50 * 2 + DB_CONNECTIONS_HEADROOM);
    const c = loadConfig({
      env: { PAYMENTS_LAMBDA_RESERVED_CONCURRENCY: '80', PAYMENTS_LAMBDA_DB_POOL_MAX: '3' },
    });
    expect(c.lambda.dbPoolMax).toBe(3);
    expect(c.database.connectionsAlarmThreshold).toBe(80 * 3 + DB_CONNECTIONS_HEADROOM);
    // An explicit value still wins.
    expect(
      loadConfig({ env: { PAYMENTS_DB_CONNECTIONS_ALARM: '400' } }).database.connectionsAlarmThreshold,
    ).toBe(400);
  });
});

describe('loadConfig sources', () => {
  it('reads comma-separated env vars', () => {
    const c = loadConfig({
      env: {
        PAYMENTS_ALERT_EMAILS: 'a@corp.io, b@corp.io',
        PAYMENTS_SMS_NUMBER: '+442071234567',
        PAYMENTS_ACCOUNT_ID: '210987654321',
        PAYMENTS_REGION: 'eu-west-1',
        PAYMENTS_AZS: 'eu-west-1b,eu-west-1c',
      },
    });
    expect(c.alerting.pageEmails).toEqual(['a@corp.io', 'b@corp.io']);
    expect(c.alerting.smsNumber).toBe('+442071234567');
    expect(c.accountId).toBe('210987654321');
    expect(c.region).toBe('eu-west-1');
    expect(c.availabilityZones).toEqual(['eu-west-1b', 'eu-west-1c']);
  });

  it('reads the payments context object (cdktf.json "context"), nested keys included', () => {
    const c = loadConfig({
      context: {
        alertEmails: ['x@corp.io', 'y@corp.io', 'z@corp.io'],
        region: 'us-west-2',
        database: { port: 6543, instanceCount: 1 },
      },
    });
    expect(c.alerting.pageEmails).toHaveLength(3);
    expect(c.region).toBe('us-west-2');
    expect(c.availabilityZones).toEqual(['us-west-2a', 'us-west-2b']);
    expect(c.database.port).toBe(6543);
    expect(c.database.instanceCount).toBe(1);
  });

  it('lets env vars override the context', () => {
    const c = loadConfig({ context: { region: 'us-west-2' }, env: { PAYMENTS_REGION: 'us-east-2' } });
    expect(c.region).toBe('us-east-2');
  });

  it('ignores empty env vars', () => {
    expect(loadConfig({ env: { PAYMENTS_REGION: '  ' } }).region).toBe('us-east-1');
  });
});

describe('loadConfig rejects bad input with a clear, multi-line message', () => {
  it.each([
    [
      'one alert email',
      { PAYMENTS_ALERT_EMAILS: 'only@corp.io' },
      'alertEmails',
      /at least 2 email addresses.*got 1/,
    ],
    [
      'a malformed email',
      { PAYMENTS_ALERT_EMAILS: 'a@corp.io,not-an-email' },
      'alertEmails',
      /"not-an-email" is not a valid email/,
    ],
    ['the same email twice', { PAYMENTS_ALERT_EMAILS: 'a@corp.io,A@corp.io' }, 'alertEmails', /twice/],
    ['one ticket email', { PAYMENTS_TICKET_EMAILS: 'only@corp.io' }, 'ticketEmails', /at least 2/],
    ['a phone number without +', { PAYMENTS_SMS_NUMBER: '5555550100' }, 'smsNumber', /not an E\.164/],
    ['a phone number with letters', { PAYMENTS_SMS_NUMBER: '+1555CALLNOW' }, 'smsNumber', /not an E\.164/],
    ['an unknown region', { PAYMENTS_REGION: 'us-central-9' }, 'region', /not a known AWS region/],
    [
      'an AZ of another region',
      { PAYMENTS_AZS: 'us-east-1a,us-west-2b' },
      'availabilityZones',
      /"us-west-2b" is not an availability zone of us-east-1/,
    ],
    [
      'an AZ the region lacks',
      { PAYMENTS_AZS: 'us-east-1a,us-east-1z' },
      'availabilityZones',
      /"us-east-1z"/,
    ],
    ['a single AZ', { PAYMENTS_AZS: 'us-east-1a' }, 'availabilityZones', /at least 2 availability zones/],
    ['an 11-digit account', { PAYMENTS_ACCOUNT_ID: '12345678901' }, 'accountId', /12-digit/],
    ['the default PostgreSQL port', { PAYMENTS_DB_PORT: '5432' }, 'database.port', /engine default port/],
    [
      'the postgres master user',
      { PAYMENTS_DB_MASTER_USERNAME: 'postgres' },
      'database.masterUsername',
      /default name/,
    ],
    [
      'a prefix too long for the canary name',
      { PAYMENTS_NAME_PREFIX: 'payments-platform' },
      'namePrefix',
      /2-12 characters/,
    ],
    [
      'a deprecated canary runtime',
      { PAYMENTS_CANARY_RUNTIME: 'syn-nodejs-puppeteer-6.2' },
      'canary.runtimeVersion',
      /deprecated/,
    ],
    [
      'a metrics namespace under AWS/',
      { PAYMENTS_METRICS_NAMESPACE: 'AWS/Payments' },
      'metricsNamespace',
      /AWS\//,
    ],
    [
      'a non-numeric timeout',
      { PAYMENTS_LAMBDA_TIMEOUT_SECONDS: 'ten' },
      'lambda.timeoutSeconds',
      /integer from 1 to 29/,
    ],
    [
      'an unknown Lambda runtime',
      { PAYMENTS_LAMBDA_RUNTIME: 'nodejs16.x' },
      'lambda.runtime',
      /not one of nodejs20\.x, nodejs22\.x/,
    ],
  ])('rejects %s', (_what, env, key, problem) => {
    const err = configError({ env });
    const hit = err.problems.find((p) => p.key === key);
    expect(hit).toBeDefined();
    expect(hit?.problem).toMatch(problem);
    // The message says what is wrong and how to fix it: the env var and the context key.
    expect(err.message).toContain(`- ${key}: `);
    expect(err.message).toMatch(/fix: set PAYMENTS_[A-Z_]+=.* or context\.payments\./);
    expect(err.message.split('\n').length).toBeGreaterThanOrEqual(3);
  });

  it('reports every problem at once, not only the first', () => {
    const err = configError({
      env: { PAYMENTS_ALERT_EMAILS: 'one@corp.io', PAYMENTS_SMS_NUMBER: '12', PAYMENTS_REGION: 'mars-1' },
    });
    expect(err.problems.map((p) => p.key).sort()).toEqual(['alertEmails', 'region', 'smsNumber']);
    expect(err.message).toMatch(/^Invalid payments configuration \(3 problems\); nothing was synthesized\./);
  });

  it('names the context key when the bad value came from cdktf.json', () => {
    const err = configError({ context: { alertEmails: 'solo@corp.io' } });
    expect(err.message).toContain('context.payments.alertEmails in cdktf.json');
  });

  it('rejects a context value of the wrong JSON type', () => {
    const err = configError({ context: { alertEmails: [1, 2] } });
    expect(err.problems[0].problem).toMatch(/expected a list of strings/);
  });
});

describe('main.ts with bad configuration', () => {
  it('exits non-zero with the message and writes nothing', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'payments-badcfg-')), 'out');
    const repo = path.resolve(__dirname, '..', '..');
    const r = spawnSync(
      process.execPath,
      [path.join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'main.ts'],
      {
        cwd: repo,
        encoding: 'utf8',
        env: {
          ...process.env,
          CDKTF_OUTDIR: outdir,
          PAYMENTS_ALERT_EMAILS: 'only@corp.io',
          PAYMENTS_REGION: 'xx-nowhere-1',
        },
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Invalid payments configuration (2 problems)');
    expect(r.stderr).toContain('PAYMENTS_ALERT_EMAILS');
    expect(r.stderr).toContain('PAYMENTS_REGION');
    expect(fs.existsSync(outdir)).toBe(false);
  });
});
