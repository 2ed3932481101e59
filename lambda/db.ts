/**
 * PostgreSQL access: the pool, the schema migration and the idempotent payment store.
 *
 * Idempotency (exactly one charge per key)
 * - `reserve` opens a transaction and inserts a `pending` row keyed by the idempotency key with
 *   `INSERT ... ON CONFLICT (idempotency_key) DO NOTHING`. The unique index makes a concurrent request with
 *   the same key wait until the first transaction commits (or rolls back), so only one request per key ever
 *   reaches authorize/capture. The row is completed and committed by `persist`; the others then read it.
 * - A committed row is always complete (pending rows are never committed), so a replay returns exactly the
 *   first answer. A different request hash for a known key is a conflict (409).
 * - On any fault the transaction is abandoned (connection destroyed => server-side rollback), so a retry
 *   can charge: nothing was committed.
 *
 * Every statement is a constant with $n placeholders; the traced SQL text therefore never holds values.
 */
import { Pool, type PoolClient, type QueryResult, type QueryResultRow } from 'pg';
import type { DbConfig } from './config';
import { describeError, type Logger } from './logger';
import type { SqlInfo, Tracer } from './tracing';

export const DRIVER_VERSION = 'node-postgres 8.23.1';
/** Name of the database node on the X-Ray service map. */
export const DB_TRACE_NAME = 'aurora-postgresql';
const MIGRATION_LOCK_ID = 4_242_000_001;

export const MIGRATION_SQL = `
CREATE TABLE IF NOT EXISTS payments (
  id                          uuid PRIMARY KEY,
  idempotency_key             varchar(255) NOT NULL,
  request_hash                char(64) NOT NULL,
  amount_minor                bigint NOT NULL CHECK (amount_minor > 0),
  currency                    char(3) NOT NULL,
  payment_method_fingerprint  char(64) NOT NULL,
  status                      varchar(16) NOT NULL CHECK (status IN ('pending', 'captured', 'declined')),
  decline_reason              varchar(64),
  response_status             smallint,
  response_body               json,  -- json, not jsonb: keeps the exact text, so a replay is byte-identical
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payments_idempotency_key_uniq UNIQUE (idempotency_key)
)`;

const INSERT_PENDING = `INSERT INTO payments
  (id, idempotency_key, request_hash, amount_minor, currency, payment_method_fingerprint, status)
VALUES ($1, $2, $3, $4, $5, $6, 'pending')
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING id`;
const SELECT_BY_KEY = `SELECT request_hash, status, response_status, response_body
FROM payments WHERE idempotency_key = $1`;
const COMPLETE = `UPDATE payments
SET status = $2, decline_reason = $3, response_status = $4, response_body = $5, updated_at = now()
WHERE id = $1`;

export interface PoolSettings {
  db: DbConfig;
  user: string;
  password: string | (() => Promise<string>);
  applicationName?: string;
}

export function createPool(settings: PoolSettings, logger: Logger): Pool {
  const { db } = settings;
  const pool = new Pool({
    host: db.host,
    port: db.port,
    database: db.database,
    user: settings.user,
    password: settings.password,
    ssl: db.sslMode === 'disable' ? false : { rejectUnauthorized: true },
    max: db.poolMax,
    connectionTimeoutMillis: db.connectTimeoutMs,
    idleTimeoutMillis: 60_000,
    statement_timeout: db.statementTimeoutMs,
    query_timeout: db.statementTimeoutMs + 1000,
    keepAlive: true,
    application_name: settings.applicationName ?? 'payment-api',
    allowExitOnIdle: true,
  });
  // An idle client that loses its connection emits 'error' on the pool; unhandled, it would crash the process.
  pool.on('error', (err) => logger.warn('idle database connection failed', describeError(err)));
  return pool;
}

/** Idempotent schema migration; an advisory lock serialises concurrent cold starts (CREATE ... IF NOT EXISTS races). */
export async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query(MIGRATION_SQL);
    await client.query('COMMIT');
    client.release();
  } catch (err) {
    client.release(true);
    throw err;
  }
}

export interface NewPayment {
  id: string;
  idempotencyKey: string;
  requestHash: string;
  amount: number;
  currency: string;
  paymentMethodFingerprint: string;
}

export interface StoredResponse {
  status: number;
  body: Record<string, unknown>;
}

export interface Completion {
  status: 'captured' | 'declined';
  declineReason?: string;
  response: StoredResponse;
}

export interface Reservation {
  /** Writes the final result and commits: the key is now answered for good. */
  complete(c: Completion): Promise<void>;
  /** Abandons the reservation (rollback): nothing about this attempt is kept. */
  abort(): Promise<void>;
}

export type ReserveResult =
  | { kind: 'reserved'; reservation: Reservation }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'conflict' }
  | { kind: 'in_progress' };

export interface PaymentStore {
  reserve(p: NewPayment): Promise<ReserveResult>;
  /** Resolves when the database answers `SELECT 1` within `budgetMs`; rejects otherwise. */
  ping(budgetMs: number): Promise<void>;
}

export class HealthTimeoutError extends Error {
  override readonly name = 'HealthTimeoutError';
  constructor(budgetMs: number) {
    super(`database did not answer within ${budgetMs} ms`);
  }
}

export interface PgPaymentStoreOptions {
  /** Returns the (lazily created, cached) pool. */
  pool: () => Promise<Pool>;
  tracer: Tracer;
  db: DbConfig;
  user?: () => string | undefined;
  /** Called on authentication failure (SQLSTATE 28P01), e.g. to drop cached credentials after a rotation. */
  onAuthFailure?: () => void;
}

interface PendingRow {
  request_hash: string;
  status: string;
  response_status: number | null;
  response_body: Record<string, unknown> | null;
}

export class PgPaymentStore implements PaymentStore {
  private schemaReady?: Promise<void>;

  constructor(private readonly opts: PgPaymentStoreOptions) {}

  /** Runs the migration once per store (i.e. per cold start); a failed attempt is retried next time. */
  ensureSchema(): Promise<void> {
    if (!this.opts.db.migrate) return Promise.resolve();
    this.schemaReady ??= this.opts
      .pool()
      .then((pool) => this.traced('migrate', () => migrate(pool)))
      .catch((err: unknown) => {
        this.schemaReady = undefined;
        throw err;
      });
    return this.schemaReady;
  }

  async reserve(p: NewPayment): Promise<ReserveResult> {
    await this.ensureSchema();
    const client = await this.connect();
    let owned = true;
    try {
      await this.query(client, 'BEGIN');
      const inserted = await this.query(client, INSERT_PENDING, [
        p.id,
        p.idempotencyKey,
        p.requestHash,
        p.amount,
        p.currency,
        p.paymentMethodFingerprint,
      ]);
      if (inserted.rowCount === 1) {
        owned = false;
        return { kind: 'reserved', reservation: this.reservation(client, p.id) };
      }
      const existing = await this.query<PendingRow>(client, SELECT_BY_KEY, [p.idempotencyKey]);
      await this.query(client, 'COMMIT');
      owned = false;
      client.release();
      const row = existing.rows[0];
      if (!row || row.status === 'pending' || row.response_status === null || row.response_body === null) {
        return { kind: 'in_progress' };
      }
      if (row.request_hash !== p.requestHash) return { kind: 'conflict' };
      return { kind: 'replay', response: { status: row.response_status, body: row.response_body } };
    } catch (err) {
      if (owned) client.release(true);
      throw err;
    }
  }

  async ping(budgetMs: number): Promise<void> {
    const deadline = Date.now() + budgetMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HealthTimeoutError(budgetMs)), budgetMs);
    });
    const work = (async () => {
      const client = await this.connect();
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        client.release(true);
        throw new HealthTimeoutError(budgetMs);
      }
      try {
        await this.query(client, 'SELECT 1', [], remaining);
        client.release();
      } catch (err) {
        client.release(true); // a timed-out query leaves the connection busy: never reuse it
        throw err;
      }
    })();
    try {
      await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private reservation(client: PoolClient, id: string): Reservation {
    let finished = false;
    const finish = (err?: unknown): void => {
      finished = true;
      client.release(err === undefined ? undefined : true);
    };
    return {
      complete: async (c) => {
        if (finished) throw new Error('reservation already finished');
        try {
          await this.query(client, COMPLETE, [
            id,
            c.status,
            c.declineReason ?? null,
            c.response.status,
            JSON.stringify(c.response.body),
          ]);
          await this.query(client, 'COMMIT');
        } catch (err) {
          finish(err);
          throw err;
        }
        finish();
      },
      abort: async () => {
        if (finished) return;
        try {
          await this.query(client, 'ROLLBACK');
          finish();
        } catch (err) {
          finish(err);
        }
      },
    };
  }

  private async connect(): Promise<PoolClient> {
    const pool = await this.opts.pool();
    try {
      return await pool.connect();
    } catch (err) {
      if ((err as { code?: string }).code === '28P01') this.opts.onAuthFailure?.();
      throw err;
    }
  }

  private sqlInfo(text: string): SqlInfo {
    const { db } = this.opts;
    return {
      url: `postgresql://${db.host}:${db.port}/${db.database}`,
      databaseType: 'PostgreSQL',
      driverVersion: DRIVER_VERSION,
      user: this.opts.user?.(),
      sanitizedQuery: text.replace(/\s+/g, ' ').trim(),
    };
  }

  private query<R extends QueryResultRow = QueryResultRow>(
    client: PoolClient,
    text: string,
    values: unknown[] = [],
    timeoutMs?: number,
  ): Promise<QueryResult<R>> {
    const config = { text, values, ...(timeoutMs ? { query_timeout: timeoutMs } : {}) };
    return this.opts.tracer.remote(DB_TRACE_NAME, this.sqlInfo(text), () => client.query<R>(config));
  }

  private traced<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return this.opts.tracer.remote(DB_TRACE_NAME, this.sqlInfo(`-- ${label}\n${MIGRATION_SQL}`), fn);
  }
}
