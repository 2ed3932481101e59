/**
 * Reproductions of the defects found in review of the first release, against the real PostgreSQL 15 the
 * test starts and a fake processor that counts the money it moves. Each of these failed on the first
 * release (see the commit that added this file) and passes now:
 *
 * 1. the database backend terminated during capture, or the invocation killed after capture: a retry with
 *    the same key charged the card a second time;
 * 2. a connection dropped while checked out crashed the process (no error listener);
 * 3. after a secret rotation, the migration's connect never dropped the cached credentials (503 for up to
 *    15 minutes);
 * 5. a read-only writer after a failover (SQLSTATE 25006) answered 500, not a retryable 503;
 * 6. the answer waited on PutMetricData;
 * 7. another caller replaying a key got the first caller's payment.
 * Plus: the server-side idle-in-transaction and statement timeouts are set on every connection.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type * as AppModule from '../../lambda/app';
import type * as ConfigModule from '../../lambda/config';
import { keyHash } from '../../lambda/payments';
import type { PaymentProcessor } from '../../lambda/processor';
import type { Tracer } from '../../lambda/tracing';
import { lambdaContext, paymentEvent } from '../support/lambda-events';
import { startHttpStub, type HttpStub } from '../support/http-stub';
import { fakeProcessor, makeApp, type FakeProcessor, type TestApp } from '../support/payment-harness';
import { PASSWORD_ROLE, startPostgres, type PostgresInstance } from '../support/postgres';

let pg: PostgresInstance;
let mods: { app: typeof AppModule; config: typeof ConfigModule };
const apps: TestApp[] = [];
const uncaught: unknown[] = [];
const onUncaught = (err: unknown): void => {
  uncaught.push(err);
};

beforeAll(async () => {
  pg = await startPostgres();
  mods = { app: await import('../../lambda/app'), config: await import('../../lambda/config') };
  process.on('uncaughtException', onUncaught);
});

afterAll(async () => {
  process.removeListener('uncaughtException', onUncaught);
  await Promise.allSettled(apps.map((a) => a.app.close()));
  await pg?.stop();
});

afterEach(() => {
  expect(uncaught).toEqual([]); // no process crash, whatever the test did
});

function newApp(
  processor: FakeProcessor,
  env: Record<string, string> = {},
  extra: Partial<AppModule.AppOptions> = {},
): TestApp {
  const t = makeApp(
    mods,
    { ...pg.lambdaEnv, DB_STATEMENT_TIMEOUT_MS: '1000', ...env },
    { processor: processor as unknown as PaymentProcessor, ...extra },
  );
  apps.push(t);
  return t;
}

/** Terminates every backend of the payment Lambda (application_name payment-api). */
const terminateBackends = (): Promise<unknown> =>
  pg.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'payment-api'");

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A client that retries with the same key until it gets a final answer (201/402/409 reused). */
async function retryUntilFinal(
  app: AppModule.App,
  event: () => APIGatewayProxyEvent,
  attempts = 8,
): Promise<APIGatewayProxyResult[]> {
  const answers: APIGatewayProxyResult[] = [];
  for (let i = 0; i < attempts; i++) {
    const res = await app.handle(event(), lambdaContext());
    answers.push(res);
    if (res.statusCode < 500 && res.statusCode !== 409) return answers;
    await sleep(50);
  }
  return answers;
}

describe('defect 1: a failure between capture and the record of it never leads to a second charge', () => {
  it('the backend terminated while the processor captures: the retry is answered from the one capture', async () => {
    const processor = fakeProcessor();
    processor.hook = async (op, point) => {
      if (op === 'capture' && point === 'after') await terminateBackends();
    };
    const { app } = newApp(processor);
    const event = (): APIGatewayProxyEvent =>
      paymentEvent({ paymentMethodToken: 'tok_repro_terminate' }, 'repro-terminate-0001');
    const first = await app.handle(event(), lambdaContext());
    expect([201, 503]).toContain(first.statusCode);
    processor.hook = undefined;
    const answers = await retryUntilFinal(app, event);
    expect(answers.at(-1)?.statusCode).toBe(201);
    expect(processor.charges.get('tok_repro_terminate')).toBe(1);
    if (first.statusCode === 201)
      expect(JSON.parse(answers.at(-1)?.body ?? '{}').paymentId).toBe(JSON.parse(first.body).paymentId);
  });

  it('the invocation killed after the processor captured (it never heard back): a retry in a new environment charges nothing more', async () => {
    const processor = fakeProcessor();
    let hang = true;
    processor.hook = (op, point) =>
      op === 'capture' && point === 'after' && hang ? new Promise<void>(() => undefined) : undefined;
    const frozen = newApp(processor, { RECORD_RESERVE_MS: '200' });
    const event = (): APIGatewayProxyEvent =>
      paymentEvent({ paymentMethodToken: 'tok_repro_timeout' }, 'repro-timeout-0001');
    // Lambda kills the invocation at its deadline (600 ms); API Gateway answers 504 to the client.
    const ctx = { ...lambdaContext(), getRemainingTimeInMillis: () => 600 };
    const killed = await Promise.race([
      frozen.app.handle(event(), ctx),
      sleep(600).then(() => 'killed' as const),
    ]);
    if (killed !== 'killed') expect([502, 503]).toContain(killed.statusCode); // answered in time: processor timeout (or 503 under load)
    hang = false;
    const fresh = newApp(processor);
    await sleep(700); // the killed attempt's lease ends with its invocation
    const answers = await retryUntilFinal(fresh.app, event);
    expect(answers.at(-1)?.statusCode).toBe(201);
    expect(processor.charges.get('tok_repro_timeout')).toBe(1);
    expect(processor.openHolds('tok_repro_timeout')).toBe(0);
  });
});

describe('defect 2: a connection dropped while checked out never crashes the process', () => {
  it('the backend terminated between two queries of one checkout: 503, then the retry succeeds', async () => {
    const processor = fakeProcessor();
    let armed = true;
    // After the migration's BEGIN the client is checked out and idle: kill its backend and let the
    // 'error' event arrive before the next query.
    const tracer: Tracer = {
      runInvocation: (fn) => fn(),
      stage: (_n, fn) => fn({ annotate: () => undefined, markClientError: () => undefined }),
      remote: async (_n, sql, fn) => {
        const r = await fn();
        if (armed && sql.sanitizedQuery === 'BEGIN') {
          armed = false;
          await terminateBackends();
          await sleep(100);
        }
        return r;
      },
      traceId: () => undefined,
      detached: (fn) => fn(),
      captureClient: (c) => c,
    };
    await pg.query('CREATE DATABASE repro_checkout');
    const { app, logs } = newApp(processor, { DB_NAME: 'repro_checkout' }, { tracer });
    const event = (): APIGatewayProxyEvent =>
      paymentEvent({ paymentMethodToken: 'tok_repro_checkout' }, 'repro-checkout-0001');
    const first = await app.handle(event(), lambdaContext());
    expect(armed).toBe(false); // the fault was injected
    expect(first.statusCode).toBe(503);
    expect(logs.entries().some((e) => e.message === 'database connection failed while checked out')).toBe(
      true,
    );
    const answers = await retryUntilFinal(app, event);
    expect(answers.at(-1)?.statusCode).toBe(201);
    expect(processor.charges.get('tok_repro_checkout')).toBe(1);
  });
});

describe('defect 3: secret rotation recovers on the next call, migrations included', () => {
  let secrets: HttpStub;
  afterAll(async () => secrets?.close());

  it('a rotated password during the cold-start migration: the secret is read again and the payment goes through', async () => {
    let password = 'first-Passw0rd-1';
    await pg.query(`CREATE ROLE ${PASSWORD_ROLE} LOGIN PASSWORD '${password}'`);
    await pg.query(`CREATE DATABASE rotation OWNER ${PASSWORD_ROLE}`);
    secrets = await startHttpStub(() => ({
      status: 200,
      body: JSON.stringify({
        ARN: 'arn',
        Name: 'db',
        SecretString: JSON.stringify({ username: PASSWORD_ROLE, password }),
      }),
    }));
    const { secretsManagerCredentials } = await import('../../lambda/secrets');
    const credentials = secretsManagerCredentials({
      client: new SecretsManagerClient({
        endpoint: secrets.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEXAMPLETESTONLY0', secretAccessKey: 'not-real' },
      }),
      secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
      ttlMs: 900_000,
    });
    const processor = fakeProcessor();
    const { app } = newApp(processor, { DB_NAME: 'rotation' }, { credentials });
    await credentials.get(); // cached before the rotation, as in a warm environment

    password = 'second-Passw0rd-2'; // Secrets Manager rotates: new secret value, then the database password
    await pg.query(`ALTER ROLE ${PASSWORD_ROLE} PASSWORD '${password}'`);
    const res = await app.handle(paymentEvent({ paymentMethodToken: 'tok_rotation_1' }), lambdaContext());
    expect(res.statusCode).toBe(201);
    const reads = secrets.requests.filter(
      (r) => r.headers['x-amz-target'] === 'secretsmanager.GetSecretValue',
    );
    expect(reads).toHaveLength(2);
  });
});

describe('defect 5: a read-only writer after a failover (SQLSTATE 25006)', () => {
  it('answers a retryable 503, and recovers once the writer is writable again', async () => {
    await pg.query('CREATE DATABASE failover');
    const processor = fakeProcessor();
    const warm = newApp(processor, { DB_NAME: 'failover' });
    const event = (): APIGatewayProxyEvent =>
      paymentEvent({ paymentMethodToken: 'tok_failover_1' }, 'failover-key-0001');
    expect((await warm.app.handle(paymentEvent(), lambdaContext())).statusCode).toBe(201); // schema + pool ready
    await pg.query('ALTER DATABASE failover SET default_transaction_read_only = on');
    await terminateBackends(); // the old writer's sessions end; new ones land on a read-only node
    const during = await warm.app.handle(event(), lambdaContext());
    expect(during.statusCode).toBe(503);
    expect(during.headers?.['Retry-After']).toBe('1');
    await pg.query('ALTER DATABASE failover SET default_transaction_read_only = off');
    const answers = await retryUntilFinal(warm.app, event);
    expect(answers.at(-1)?.statusCode).toBe(201);
    expect(
      warm.logs.entries().some((e) => e.message === 'database pool reset' && e.reason === 'stale_endpoint'),
    ).toBe(true);
  });
});

describe('defect 6: the answer does not wait on CloudWatch', () => {
  it('answers while PutMetricData is still unanswered, and the batch is delivered afterwards', async () => {
    let answer!: () => void;
    const cloudwatch = await startHttpStub(
      () => new Promise((r) => (answer = () => r({ status: 200, body: '{}' }))),
    );
    try {
      const { createCloudWatchPublisher } = await import('../../lambda/metrics');
      const metrics = createCloudWatchPublisher({
        client: new CloudWatchClient({
          endpoint: cloudwatch.url,
          region: 'us-east-1',
          credentials: { accessKeyId: 'AKIDEXAMPLETESTONLY0', secretAccessKey: 'not-real' },
        }),
        namespace: 'Test',
        timeoutMs: 30_000,
      });
      const processor = fakeProcessor();
      const t = makeApp(mods, pg.lambdaEnv, { processor: processor as unknown as PaymentProcessor, metrics });
      apps.push(t);
      // CloudWatch never answers on its own here (the send's own timeout is 30 s): an answer within 5 s
      // means the handler did not wait for it.
      const res = await Promise.race([
        t.app.handle(paymentEvent(), lambdaContext()),
        sleep(5000).then(() => 'still waiting' as const),
      ]);
      expect(res === 'still waiting' ? res : res.statusCode).toBe(201);
      for (let i = 0; i < 100 && cloudwatch.requests.length === 0; i++) await sleep(20);
      expect(cloudwatch.requests).toHaveLength(1); // sent, not answered: the handler did not wait for it
      answer();
      await metrics.drain?.();
    } finally {
      await cloudwatch.close();
    }
  });
});

describe('defect 7: idempotency keys are scoped per caller', () => {
  it('another API key replaying the same key and body gets its own payment, not the first caller’s', async () => {
    const processor = fakeProcessor();
    const { app } = newApp(processor, { ALLOW_MISSING_API_KEY_ID: 'false' });
    const as = (apiKeyId: string): APIGatewayProxyEvent => {
      const e = paymentEvent({ paymentMethodToken: 'tok_scope_1' }, 'shared-key-0001');
      e.requestContext.identity.apiKeyId = apiKeyId;
      return e;
    };
    const a = await app.handle(as('key-id-a'), lambdaContext());
    const b = await app.handle(as('key-id-b'), lambdaContext());
    const a2 = await app.handle(as('key-id-a'), lambdaContext());
    expect([a.statusCode, b.statusCode, a2.statusCode]).toEqual([201, 201, 201]);
    expect(JSON.parse(b.body).paymentId).not.toBe(JSON.parse(a.body).paymentId);
    expect(a2.body).toBe(a.body);
    expect(b.headers?.['Idempotent-Replayed']).toBeUndefined();
    // without an API key id (production setting) the caller is unknown: refused
    const none = await app.handle(paymentEvent(), lambdaContext());
    expect(none.statusCode).toBe(403);
  });
});

describe('server-side timeouts on every connection', () => {
  it('sets idle_in_transaction_session_timeout and statement_timeout from the configuration', async () => {
    const { createPool } = await import('../../lambda/db');
    const { createLogger } = await import('../../lambda/logger');
    const config = mods.config.loadConfig({
      ...pg.lambdaEnv,
      DB_STATEMENT_TIMEOUT_MS: '1234',
      DB_IDLE_TX_TIMEOUT_MS: '2345',
    });
    const pool = createPool(
      { db: config.db, user: 'postgres', password: '' },
      createLogger({ sink: () => undefined }),
    );
    try {
      const idle = await pool.query('SHOW idle_in_transaction_session_timeout');
      const stmt = await pool.query('SHOW statement_timeout');
      expect([idle.rows[0].idle_in_transaction_session_timeout, stmt.rows[0].statement_timeout]).toEqual([
        '2345ms',
        '1234ms',
      ]);
    } finally {
      await pool.end();
    }
  });
});

describe('the scheduled sweep of abandoned payments', () => {
  const sweepEvent = {
    source: 'aws.events',
    'detail-type': 'Scheduled Event',
    detail: { action: 'sweep-abandoned' },
  };
  const age = (key: string): Promise<unknown> =>
    pg.query("UPDATE payments SET updated_at = now() - interval '2 hours' WHERE key_hash = $1", [
      keyHash(key),
    ]);
  const sweep = async (app: AppModule.App): Promise<unknown> =>
    JSON.parse((await app.handle(sweepEvent as unknown as APIGatewayProxyEvent, lambdaContext())).body).swept;

  it('voids an authorization left open, reconciles one the processor captured, and answers late retries from the record', async () => {
    const processor = fakeProcessor();
    const { app } = newApp(processor);
    const fail = (at: 'before' | 'after') => {
      processor.hook = (op, point) => {
        if (op === 'capture' && point === at) throw new Error('processor: connection reset');
      };
    };
    const open = (): APIGatewayProxyEvent =>
      paymentEvent({ paymentMethodToken: 'tok_sweep_open' }, 'sweep-open-0001');
    const done = (): APIGatewayProxyEvent =>
      paymentEvent({ paymentMethodToken: 'tok_sweep_done' }, 'sweep-done-0001');
    fail('before'); // authorized, never captured
    expect([502, 503]).toContain((await app.handle(open(), lambdaContext())).statusCode);
    fail('after'); // captured at the processor, the answer lost
    expect([502, 503]).toContain((await app.handle(done(), lambdaContext())).statusCode);
    processor.hook = undefined;

    expect(await sweep(app)).toBeNull(); // nothing is old enough yet
    await age('sweep-open-0001');
    await age('sweep-done-0001');
    expect([await sweep(app), await sweep(app), await sweep(app)].sort()).toEqual(
      ['captured', 'voided', null].sort(),
    );
    expect(processor.openHolds('tok_sweep_open')).toBe(0);
    expect(processor.charges.get('tok_sweep_open')).toBeUndefined();
    expect(processor.charges.get('tok_sweep_done')).toBe(1);

    const lateOpen = await app.handle(open(), lambdaContext());
    expect([lateOpen.statusCode, JSON.parse(lateOpen.body).error]).toEqual([402, 'payment_abandoned']);
    const lateDone = await app.handle(done(), lambdaContext());
    expect(lateDone.statusCode).toBe(201);
    expect(processor.charges.get('tok_sweep_done')).toBe(1);
  });
});
