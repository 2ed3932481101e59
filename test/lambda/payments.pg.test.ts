/**
 * The payment Lambda against a real PostgreSQL 15 (started by the test): schema migration, persistence,
 * idempotent retries (sequential and concurrent), key reuse with another body, declines and faults, and
 * GET /health when the database is up, down, or stalled.
 */
import { Pool } from 'pg';
import type * as AppModule from '../../lambda/app';
import type * as ConfigModule from '../../lambda/config';
import type * as DbModule from '../../lambda/db';
import { keyHash } from '../../lambda/payments';
import { healthEvent, lambdaContext, paymentEvent } from '../support/lambda-events';
import { makeApp, type TestApp } from '../support/payment-harness';
import { startPostgres, type PostgresInstance } from '../support/postgres';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startXRayListener, type XRayListener } from '../support/udp-xray';

let pg: PostgresInstance;
let xray: XRayListener;
let mods: { app: typeof AppModule; config: typeof ConfigModule; db: typeof DbModule };
const apps: TestApp[] = [];
const proxies: TcpProxy[] = [];

function newApp(env: Record<string, string> = {}): TestApp {
  const t = makeApp(mods, { ...pg.lambdaEnv, ...env });
  apps.push(t);
  return t;
}

interface PaymentRow {
  id: string;
  key_hash: string;
  status: string;
  amount_minor: string;
  currency: string;
  response_status: number;
  as_text: string;
}

const rowsFor = (key: string): Promise<PaymentRow[]> =>
  pg.query<PaymentRow>('SELECT p.*, row_to_json(p)::text AS as_text FROM payments p WHERE key_hash = $1', [
    keyHash(key),
  ]);

beforeAll(async () => {
  pg = await startPostgres();
  xray = await startXRayListener();
  process.env.AWS_XRAY_DAEMON_ADDRESS = xray.address;
  mods = {
    app: await import('../../lambda/app'),
    config: await import('../../lambda/config'),
    db: await import('../../lambda/db'),
  };
});

afterAll(async () => {
  await Promise.allSettled(apps.map((a) => a.app.close()));
  await Promise.allSettled(proxies.map((p) => p.close()));
  await xray?.close();
  await pg?.stop();
});

describe('schema migration', () => {
  it('creates the payments table with a key unique per caller, and is idempotent under concurrent cold starts', async () => {
    const pool = new Pool({ connectionString: pg.connectionString, max: 6 });
    try {
      const applied = await Promise.all(Array.from({ length: 6 }, () => mods.db.migratePool(pool)));
      expect(applied.sort()).toEqual([0, 0, 0, 0, 0, mods.db.MIGRATIONS.length]); // one cold start migrates
      expect(await mods.db.migratePool(pool)).toBe(0);
      const constraints = await pg.query<{ conname: string; contype: string }>(
        "SELECT conname, contype FROM pg_constraint WHERE conrelid = 'payments'::regclass",
      );
      expect(constraints).toEqual(
        expect.arrayContaining([{ conname: 'payments_caller_key_uniq', contype: 'u' }]),
      );
      expect(constraints.map((c) => c.conname)).not.toContain('payments_idempotency_key_uniq');
      const columns = await pg.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'payments'",
      );
      expect(columns.map((c) => c.column_name)).not.toContain('idempotency_key'); // the raw key is never stored
      const tables = await pg.query("SELECT 1 FROM pg_tables WHERE tablename = 'payments'");
      expect(tables).toHaveLength(1);
    } finally {
      await pool.end();
    }
  });
  it("holds the migrated schema's status lists to the code's (OPEN_STATUSES, FINAL_STATUSES): the check, the final-has-response rule, the open index", async () => {
    const pool = new Pool({ connectionString: pg.connectionString, max: 1 });
    try {
      await mods.db.migratePool(pool);
    } finally {
      await pool.end();
    }
    // PostgreSQL's own rendering of what was migrated: every quoted status, in order.
    const statusesIn = (definition: string) => [...definition.matchAll(/'([a-z]+)'/g)].map((m) => m[1]);
    const [check] = await pg.query<{ def: string }>(
      "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'payments_status_check'",
    );
    expect(statusesIn(check.def).sort()).toEqual(
      [...mods.db.OPEN_STATUSES, ...mods.db.FINAL_STATUSES].sort(),
    );
    const [final] = await pg.query<{ def: string }>(
      "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'payments_final_has_response'",
    );
    expect(statusesIn(final.def)).toEqual([...mods.db.FINAL_STATUSES]);
    const [index] = await pg.query<{ def: string }>(
      "SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'payments_open_idx'",
    );
    expect(statusesIn(index.def.slice(index.def.indexOf('WHERE')))).toEqual([...mods.db.OPEN_STATUSES]);
  });

  it('skips the migration when DB_MIGRATE=false (schema managed out of band), and runs it by default', async () => {
    await pg.query('CREATE DATABASE nomigrate');
    const skip = newApp({ DB_NAME: 'nomigrate', DB_MIGRATE: 'false' });
    const res = await skip.app.handle(paymentEvent(), lambdaContext());
    expect(res.statusCode).toBe(500); // relation "payments" does not exist: a real fault
    const { app } = newApp({ DB_NAME: 'nomigrate' });
    expect((await app.handle(paymentEvent(), lambdaContext())).statusCode).toBe(201);
  });
});

describe('POST /payments', () => {
  it('captures a payment and persists one row holding a token fingerprint, never the token', async () => {
    const { app, metrics } = newApp();
    const key = 'persist-key-0001';
    const res = await app.handle(
      paymentEvent({ amount: 2599, currency: 'EUR', paymentMethodToken: 'tok_mastercard_77' }, key),
      lambdaContext(),
    );

    expect(res.statusCode).toBe(201);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ status: 'captured', amount: 2599, currency: 'EUR' });
    const rows = await rowsFor(key);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: body.paymentId,
      status: 'captured',
      amount_minor: '2599',
      currency: 'EUR',
      response_status: 201,
    });
    expect(rows[0].as_text).not.toContain('tok_mastercard_77');
    expect(metrics.batches).toHaveLength(1);
  });

  it('answers a sequential retry with the first result, byte for byte, and charges once', async () => {
    const { app } = newApp();
    const key = 'retry-key-0001';
    const first = await app.handle(paymentEvent({ amount: 700 }, key), lambdaContext());
    const second = await app.handle(paymentEvent({ amount: 700 }, key), lambdaContext());

    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.body).toBe(first.body);
    expect(second.headers?.['Idempotent-Replayed']).toBe('true');
    expect(first.headers?.['Idempotent-Replayed']).toBeUndefined();
    const rows = await rowsFor(key);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('captured');
  });

  it('treats the same payment with reordered JSON keys and whitespace as a retry, not a new body', async () => {
    const { app } = newApp();
    const key = 'reorder-key-0001';
    const first = await app.handle(paymentEvent({ amount: 42, currency: 'GBP' }, key), lambdaContext());
    const reordered = paymentEvent({}, key);
    reordered.body = '{ "paymentMethodToken": "tok_visa_4242",\n "currency": "GBP", "amount": 42 }';
    const second = await app.handle(reordered, lambdaContext());
    expect(second.statusCode).toBe(201);
    expect(second.body).toBe(first.body);
  });

  it('serialises 10 concurrent requests with one key (10 execution environments): one row, one charge, identical answers', async () => {
    const key = 'concurrent-key-0001';
    const instances = Array.from({ length: 10 }, () => newApp());
    const responses = await Promise.all(
      instances.map(({ app }) =>
        app.handle(paymentEvent({ amount: 12345, currency: 'USD' }, key), lambdaContext()),
      ),
    );

    const statuses = responses.map((r) => r.statusCode);
    expect(statuses).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses.filter((r) => r.headers?.['Idempotent-Replayed'] === 'true')).toHaveLength(9);
    const rows = await rowsFor(key);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('captured');
    // exactly one instance ran capture (one charge)
    const captures = instances.flatMap(({ logs }) => logs.entries()).filter((e) => e.outcome === 'captured');
    expect(captures).toHaveLength(1);
  });

  it('rejects a key reused with a different body with 409 and leaves the first payment untouched', async () => {
    const { app } = newApp();
    const key = 'reuse-key-0001';
    const first = await app.handle(paymentEvent({ amount: 1000 }, key), lambdaContext());
    const other = await app.handle(paymentEvent({ amount: 1001 }, key), lambdaContext());

    expect(first.statusCode).toBe(201);
    expect(other.statusCode).toBe(409);
    expect(JSON.parse(other.body)).toMatchObject({
      error: 'idempotency_key_reused',
      field: 'Idempotency-Key',
    });
    const rows = await rowsFor(key);
    expect(rows).toHaveLength(1);
    expect(rows[0].amount_minor).toBe('1000');
  });

  it('persists a decline (402 with reason) and replays it on retry', async () => {
    const { app } = newApp();
    const key = 'decline-key-0001';
    const first = await app.handle(
      paymentEvent({ paymentMethodToken: 'tok_decline_generic' }, key),
      lambdaContext(),
    );
    const retry = await app.handle(
      paymentEvent({ paymentMethodToken: 'tok_decline_generic' }, key),
      lambdaContext(),
    );

    expect(first.statusCode).toBe(402);
    expect(JSON.parse(first.body)).toMatchObject({ status: 'declined', reason: 'card_declined' });
    expect(retry.statusCode).toBe(402);
    expect(retry.body).toBe(first.body);
    expect((await rowsFor(key))[0]).toMatchObject({ status: 'declined', response_status: 402 });
  });

  it('declines at capture for tok_capture_fail and insufficient funds at authorize', async () => {
    const { app } = newApp();
    const cap = await app.handle(paymentEvent({ paymentMethodToken: 'tok_capture_fail_1' }), lambdaContext());
    const nsf = await app.handle(
      paymentEvent({ paymentMethodToken: 'tok_insufficient_funds_1' }),
      lambdaContext(),
    );
    expect([cap.statusCode, JSON.parse(cap.body).reason]).toEqual([402, 'capture_failed']);
    expect([nsf.statusCode, JSON.parse(nsf.body).reason]).toEqual([402, 'insufficient_funds']);
  });

  it('answers 502 on a processor fault and keeps the payment pending (committed), so a retry resumes it', async () => {
    const { app, logs } = newApp();
    const key = 'fault-key-0001';
    const res = await app.handle(
      paymentEvent({ paymentMethodToken: 'tok_processor_error' }, key),
      lambdaContext(),
    );
    expect(res.statusCode).toBe(502);
    expect(res.headers?.['Retry-After']).toBe('1');
    expect((await rowsFor(key)).map((r) => r.status)).toEqual(['pending']);
    const line = logs.entries().find((e) => e.message === 'payment request failed');
    expect(line).toMatchObject({ level: 'error', statusCode: 502, reason: 'processor_error' });
  });

  it('answers 400 naming the field for invalid input, without touching the database', async () => {
    const { app } = newApp();
    const res = await app.handle(paymentEvent({ amount: '10.50' }, 'invalid-key-0001'), lambdaContext());
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'invalid_request', field: 'amount' });
    expect(await rowsFor('invalid-key-0001')).toHaveLength(0);
  });
});

describe('GET /health', () => {
  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const { app } = newApp();
    const res = await app.handle(healthEvent(), lambdaContext());
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'ok', checks: { database: { status: 'ok' } } });
  });

  it('answers 503 within the 2 s budget when the database stops answering, and 200 again once it does', async () => {
    const proxy = await startTcpProxy(pg.port);
    proxies.push(proxy);
    const { app, logs } = newApp({ DB_PORT: String(proxy.port) });
    expect((await app.handle(healthEvent(), lambdaContext())).statusCode).toBe(200); // pool holds a connection

    proxy.stall();
    const started = Date.now();
    const res = await app.handle(healthEvent(), lambdaContext());
    const elapsed = Date.now() - started;
    expect(res.statusCode).toBe(503);
    expect(JSON.parse(res.body)).toMatchObject({
      status: 'unavailable',
      checks: { database: { status: 'unavailable', reason: 'timeout' } },
    });
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(5000); // budget + generous slack: proves the budget, not the scheduler
    expect(logs.entries().some((e) => e.message === 'health check failed' && e.reason === 'timeout')).toBe(
      true,
    );

    proxy.resume();
    expect((await app.handle(healthEvent(), lambdaContext())).statusCode).toBe(200);
  });

  it('answers 503 within budget when a new connection is accepted but never answered', async () => {
    const proxy = await startTcpProxy(pg.port);
    proxies.push(proxy);
    proxy.stall();
    const { app } = newApp({ DB_PORT: String(proxy.port), HEALTH_TIMEOUT_MS: '500' });
    const started = Date.now();
    const res = await app.handle(healthEvent(), lambdaContext());
    expect(res.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(4000); // 500 ms budget + slack for a loaded machine
    expect(proxy.accepted()).toBeGreaterThan(0);
  });

  it('answers a payment during a stall with 503, then charges once when the retry succeeds', async () => {
    const proxy = await startTcpProxy(pg.port);
    proxies.push(proxy);
    const { app } = newApp({
      DB_PORT: String(proxy.port),
      DB_STATEMENT_TIMEOUT_MS: '400',
      DB_CONNECT_TIMEOUT_MS: '400',
    });
    await app.handle(healthEvent(), lambdaContext());
    const key = 'stall-key-0001';
    proxy.stall();
    const during = await app.handle(paymentEvent({ amount: 999 }, key), lambdaContext());
    expect(during.statusCode).toBe(503);
    expect(during.headers?.['Retry-After']).toBe('1');
    proxy.resume();
    const retry = await app.handle(paymentEvent({ amount: 999 }, key), lambdaContext());
    expect(retry.statusCode).toBe(201);
    expect(await rowsFor(key)).toHaveLength(1);
  });

  it('answers 503 quickly while the database is stopped, and recovers after a restart', async () => {
    const { app } = newApp();
    expect((await app.handle(healthEvent(), lambdaContext())).statusCode).toBe(200);
    await pg.stopServer();
    try {
      const started = Date.now();
      const res = await app.handle(healthEvent(), lambdaContext());
      expect(res.statusCode).toBe(503);
      expect(JSON.parse(res.body).status).toBe('unavailable');
      expect(Date.now() - started).toBeLessThan(5000);
      const pay = await app.handle(paymentEvent({}, 'down-key-0001'), lambdaContext());
      expect(pay.statusCode).toBe(503);
    } finally {
      await pg.startServer();
    }
    expect((await app.handle(healthEvent(), lambdaContext())).statusCode).toBe(200);
    expect((await app.handle(paymentEvent({}, 'down-key-0001'), lambdaContext())).statusCode).toBe(201);
  });
});

describe('the database pool (lambda/db.ts createPool)', () => {
  it("gives every client an error listener for its whole life, so a backend terminated between pg-pool's listeners cannot end the process", async () => {
    const lines: string[] = [];
    const logger = (await import('../../lambda/logger')).createLogger({
      sink: (l: string) => lines.push(l),
      level: 'debug',
    });
    const pool = mods.db.createPool(
      {
        db: {
          host: pg.host,
          port: pg.port,
          database: pg.database,
          sslMode: 'disable',
          poolMax: 2,
          connectTimeoutMs: 5000,
          statementTimeoutMs: 5000,
          idleInTransactionTimeoutMs: 5000,
          migrate: false,
        },
        user: pg.user,
        password: '',
      },
      logger,
    );
    try {
      // Checked out: pg-pool has removed its idle listener. Without a listener of the client's own, this
      // emit would throw (an 'error' event nobody listens to), as a terminated backend's would.
      const client = await pool.connect();
      expect(client.listenerCount('error')).toBeGreaterThanOrEqual(1);
      expect(() =>
        client.emit('error', new Error('terminating connection due to administrator command')),
      ).not.toThrow();
      client.release(true);
      expect(lines.some((l) => l.includes('database connection closed by the server'))).toBe(true);
    } finally {
      await pool.end();
    }
  });
});
