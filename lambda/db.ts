/**
 * PostgreSQL access: the pool, the versioned schema migration and the payment store.
 *
 * At most once (see payments.ts for the flow and README "The payment state machine")
 * - A payment row is inserted and COMMITTED (`pending`) before the processor is ever called, and every
 *   processor outcome is recorded in its own autocommitted statement (`authorized`, `voiding`, then a final
 *   `captured`, `declined` or `voided` with the stored answer). No transaction is ever held open across a
 *   processor call, so a dropped connection, a stalled database or a frozen execution environment can
 *   lose at most the last write, never the record that a payment was started.
 * - The row is unique per (caller, key hash): idempotency keys are scoped per caller (API key id).
 * - `claim` takes a time-bounded lease on a non-final row (lease_until = the attempt's deadline), so one
 *   attempt at a time drives a key; a retry after the lease expired (a crashed or timed-out attempt)
 *   takes over and resumes from the recorded stage. State changes are compare-and-set on `status`, so
 *   they are monotone whoever writes them.
 * - The raw Idempotency-Key is never stored: only SHA-256 of it (the processor gets another derived key).
 *
 * Connections
 * - One error listener for the whole checkout of a client (pg's pool removes its own at checkout): an
 *   'error' from a connection dropped between two queries marks the client broken instead of crashing the
 *   process; a broken client is destroyed, never reused.
 * - Every connection sets statement_timeout and idle_in_transaction_session_timeout server-side, and every
 *   query a client-side timeout no later than the caller's deadline.
 * - Migrations take the same connect path as requests: an authentication failure (28P01, after a secret
 *   rotation) drops the cached credentials and the pool, and the connect is retried once with fresh ones.
 * - A read-only writer after an Aurora failover (25006) or a server shutdown drops the pool, so the next
 *   connection resolves the cluster endpoint again.
 *
 * Every statement is a constant with $n placeholders; the traced SQL text therefore never holds values.
 */
import { Pool, type PoolClient, type QueryResult, type QueryResultRow } from 'pg';
import type { DbConfig } from './config';
import { errorInfo } from './errors';
import { describeError, type Logger } from './logger';
import type { SqlInfo, Tracer } from './tracing';

export const DRIVER_VERSION = 'node-postgres 8.23.1';
/** Name of the database node on the X-Ray service map. */
export const DB_TRACE_NAME = 'aurora-postgresql';
const MIGRATION_LOCK_ID = 4_242_000_001;

/** Ordered, append-only. Version n is applied once, in one transaction, under an advisory lock. */
export const MIGRATIONS: readonly string[] = [
  // 1: the original table (key unique globally, rows only committed when final)
  `CREATE TABLE IF NOT EXISTS payments (
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
)`,
  // 2: at most once: per-caller keys (hashed), durable stages, leases, processor references
  `ALTER TABLE payments ADD COLUMN caller varchar(128) NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN key_hash char(64);
UPDATE payments SET key_hash = encode(sha256(convert_to(idempotency_key, 'UTF8')), 'hex');
ALTER TABLE payments ALTER COLUMN key_hash SET NOT NULL;
ALTER TABLE payments DROP CONSTRAINT payments_idempotency_key_uniq;
ALTER TABLE payments DROP COLUMN idempotency_key;
ALTER TABLE payments ADD CONSTRAINT payments_caller_key_uniq UNIQUE (caller, key_hash);
ALTER TABLE payments ADD COLUMN processor_key char(64);
UPDATE payments SET processor_key = key_hash;
ALTER TABLE payments ALTER COLUMN processor_key SET NOT NULL;
ALTER TABLE payments ADD COLUMN authorization_id varchar(128);
ALTER TABLE payments ADD COLUMN capture_id varchar(128);
ALTER TABLE payments ADD COLUMN lease_owner uuid;
ALTER TABLE payments ADD COLUMN lease_until timestamptz;
ALTER TABLE payments ADD COLUMN attempts integer NOT NULL DEFAULT 1;
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
  CHECK (status IN ('pending', 'authorized', 'voiding', 'captured', 'declined', 'voided'));
ALTER TABLE payments ADD CONSTRAINT payments_final_has_response
  CHECK (status NOT IN ('captured', 'declined', 'voided') OR (response_status IS NOT NULL AND response_body IS NOT NULL));
CREATE INDEX payments_open_idx ON payments (updated_at) WHERE status IN ('pending', 'authorized', 'voiding')`,
];

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;

export type PaymentStatus = 'pending' | 'authorized' | 'voiding' | 'captured' | 'declined' | 'voided';
export const FINAL_STATUSES: readonly PaymentStatus[] = ['captured', 'declined', 'voided'];
export const OPEN_STATUSES: readonly PaymentStatus[] = ['pending', 'authorized', 'voiding'];
/**
 * The two lists as SQL literals, for the queries below (the migrations above are history and keep their
 * own text; a test holds their lists to these). The open list must read exactly as the partial index
 * payments_open_idx's predicate, so the planner can use that index for the sweep.
 */
const sqlList = (statuses: readonly PaymentStatus[]): string => statuses.map((s) => `'${s}'`).join(', ');
const OPEN_SQL = sqlList(OPEN_STATUSES);
const FINAL_SQL = sqlList(FINAL_STATUSES);

const COLUMNS = `id, caller, key_hash, request_hash, amount_minor, currency, processor_key, status,
  authorization_id, capture_id, decline_reason, response_status, response_body, lease_owner,
  (lease_until IS NOT NULL AND lease_until > clock_timestamp()) AS leased, attempts, created_at`;

const CLAIM = `INSERT INTO payments AS p
  (id, caller, key_hash, request_hash, amount_minor, currency, payment_method_fingerprint, processor_key,
   status, lease_owner, lease_until)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, clock_timestamp() + $10 * interval '1 millisecond')
ON CONFLICT (caller, key_hash) DO UPDATE
  SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until,
      attempts = p.attempts + 1, updated_at = now()
  WHERE p.request_hash = EXCLUDED.request_hash
    AND p.status IN (${OPEN_SQL})
    AND (p.lease_until IS NULL OR p.lease_until <= clock_timestamp())
RETURNING ${COLUMNS}`;
const SELECT_BY_KEY = `SELECT ${COLUMNS} FROM payments WHERE caller = $1 AND key_hash = $2`;
const ADVANCE = `UPDATE payments
SET status = $3::varchar, authorization_id = COALESCE($4, authorization_id), capture_id = COALESCE($5, capture_id),
    decline_reason = COALESCE($6, decline_reason), response_status = $7, response_body = $8,
    lease_owner = CASE WHEN $3::varchar IN (${FINAL_SQL}) THEN NULL ELSE lease_owner END,
    lease_until = CASE WHEN $3::varchar IN (${FINAL_SQL}) THEN NULL ELSE lease_until END,
    updated_at = now()
WHERE id = $1 AND status = ANY($2::text[])
RETURNING ${COLUMNS}`;
const RELEASE = `UPDATE payments SET lease_owner = NULL, lease_until = NULL
WHERE id = $1 AND lease_owner = $2 AND status IN (${OPEN_SQL})`;
const CLAIM_ABANDONED = `UPDATE payments SET lease_owner = $1,
    lease_until = clock_timestamp() + $2 * interval '1 millisecond', updated_at = now()
WHERE id = (SELECT id FROM payments
  WHERE status IN (${OPEN_SQL}) AND updated_at < clock_timestamp() - $3 * interval '1 millisecond'
    AND (lease_until IS NULL OR lease_until <= clock_timestamp())
  ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING ${COLUMNS}`;

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
    // Server-side bounds (startup parameters): no statement runs, and no transaction sits idle holding a
    // row lock (a frozen execution environment), longer than these.
    statement_timeout: db.statementTimeoutMs,
    idle_in_transaction_session_timeout: db.idleInTransactionTimeoutMs,
    query_timeout: db.statementTimeoutMs + 1000,
    keepAlive: true,
    application_name: settings.applicationName ?? 'payment-api',
    allowExitOnIdle: true,
  });
  // An idle client that loses its connection emits 'error' on the pool; unhandled, it would crash the process.
  pool.on('error', (err) => logger.warn('idle database connection failed', describeError(err)));
  // And every client keeps one listener of its own for its whole life: pg-pool attaches its idle listener
  // and a checkout attaches another, but a backend terminated in between (a failover, a connection just
  // made, one being released) would emit 'error' with no listener and end the process. The request that
  // holds the client still sees the failure through its own listener and the failed query.
  pool.on('connect', (client) => {
    client.on('error', (err) => logger.debug('database connection closed by the server', describeError(err)));
  });
  return pool;
}

/** A point in time (epoch ms) that bounds a piece of work. */
export interface Deadline {
  readonly at: number;
}

export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
  constructor(what: string) {
    super(`${what} did not finish before the invocation's deadline`);
  }
}

export class HealthTimeoutError extends Error {
  override readonly name = 'HealthTimeoutError';
  constructor(budgetMs: number) {
    super(`database did not answer within ${budgetMs} ms`);
  }
}

export interface NewPayment {
  id: string;
  caller: string;
  keyHash: string;
  requestHash: string;
  amount: number;
  currency: string;
  paymentMethodFingerprint: string;
  processorKey: string;
}

export interface StoredResponse {
  status: number;
  body: Record<string, unknown>;
}

export interface PaymentRecord {
  id: string;
  caller: string;
  keyHash: string;
  requestHash: string;
  amount: number;
  currency: string;
  processorKey: string;
  status: PaymentStatus;
  authorizationId?: string;
  captureId?: string;
  declineReason?: string;
  response?: StoredResponse;
  leaseOwner?: string;
  /** A live lease (not expired) is held by `leaseOwner`. */
  leased: boolean;
  attempts: number;
  createdAt: Date;
}

export type ClaimResult =
  /** This attempt holds the lease: drive the payment from `record.status`. */
  | { kind: 'claimed'; record: PaymentRecord; resumed: boolean }
  /** The key is answered for good. */
  | { kind: 'final'; record: PaymentRecord }
  /** Another attempt holds a live lease. */
  | { kind: 'busy'; record: PaymentRecord }
  /** The key was used with another request body. */
  | { kind: 'conflict' };

export interface Transition {
  status: PaymentStatus;
  authorizationId?: string;
  captureId?: string;
  declineReason?: string;
  response?: StoredResponse;
}

export interface Advanced {
  record: PaymentRecord;
  /** False when the row was no longer in `from` (`record` is then the current row, unchanged). */
  moved: boolean;
}

export interface PaymentStore {
  claim(p: NewPayment, owner: string, deadline: Deadline): Promise<ClaimResult>;
  get(caller: string, keyHash: string, deadline: Deadline): Promise<PaymentRecord | undefined>;
  /**
   * Compare-and-set: moves the row from one of `from` to `t.status`. Returns the new row, or the current
   * row unchanged when it was no longer in `from` (another attempt moved it first).
   */
  advance(id: string, from: readonly PaymentStatus[], t: Transition, deadline: Deadline): Promise<Advanced>;
  /** Gives up this attempt's lease so a retry can resume at once (best effort). */
  release(id: string, owner: string, deadline: Deadline): Promise<void>;
  /** Leases the oldest open row not updated for `idleMs` (an abandoned payment), if any. */
  claimAbandoned(owner: string, idleMs: number, deadline: Deadline): Promise<PaymentRecord | undefined>;
  /** Resolves when the database answers `SELECT 1` within `budgetMs`; rejects otherwise. */
  ping(budgetMs: number): Promise<void>;
}

export interface PgPaymentStoreOptions {
  /** Returns the (lazily created, cached) pool. */
  pool: () => Promise<Pool>;
  tracer: Tracer;
  db: DbConfig;
  logger?: Logger;
  user?: () => string | undefined;
  /** Called on authentication failure (SQLSTATE 28P01): drop cached credentials and the pool (rotation). */
  onAuthFailure?: () => void;
  /** Called when the pool's connections point at the wrong node or a dead one (failover): drop the pool. */
  onStaleEndpoint?: () => void;
  now?: () => number;
}

interface Row {
  id: string;
  caller: string;
  key_hash: string;
  request_hash: string;
  amount_minor: string;
  currency: string;
  processor_key: string;
  status: PaymentStatus;
  authorization_id: string | null;
  capture_id: string | null;
  decline_reason: string | null;
  response_status: number | null;
  response_body: Record<string, unknown> | null;
  lease_owner: string | null;
  leased: boolean;
  attempts: number;
  created_at: Date;
}

function toRecord(r: Row): PaymentRecord {
  return {
    id: r.id,
    caller: r.caller,
    keyHash: r.key_hash,
    requestHash: r.request_hash,
    amount: Number(r.amount_minor),
    currency: r.currency,
    processorKey: r.processor_key,
    status: r.status,
    ...(r.authorization_id !== null ? { authorizationId: r.authorization_id } : {}),
    ...(r.capture_id !== null ? { captureId: r.capture_id } : {}),
    ...(r.decline_reason !== null ? { declineReason: r.decline_reason } : {}),
    ...(r.response_status !== null && r.response_body !== null
      ? { response: { status: r.response_status, body: r.response_body } }
      : {}),
    ...(r.lease_owner !== null ? { leaseOwner: r.lease_owner } : {}),
    leased: r.leased,
    attempts: r.attempts,
    createdAt: r.created_at,
  };
}

/** SQLSTATEs after which the pool's connections cannot be trusted to reach a usable writer. */
const STALE_ENDPOINT = /^(25006|57P0[1-3]|08)/;

type Q = <R extends QueryResultRow = QueryResultRow>(
  text: string,
  values?: unknown[],
) => Promise<QueryResult<R>>;

/** Applies the pending migrations in one transaction under an advisory lock (concurrent cold starts). */
export async function migrate(query: Q): Promise<number> {
  await query('BEGIN');
  try {
    await query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await query(MIGRATIONS_TABLE);
    const done = await query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    // A database migrated by the first release has the table and no schema_migrations row: version 1 is
    // CREATE TABLE IF NOT EXISTS (a no-op there), so starting from 0 upgrades it too.
    const version = done.rows[0]?.v ?? 0;
    for (let v = version + 1; v <= MIGRATIONS.length; v++) {
      await query(MIGRATIONS[v - 1]);
      await query('INSERT INTO schema_migrations (version) VALUES ($1)', [v]);
    }
    await query('COMMIT');
    return MIGRATIONS.length - version;
  } catch (err) {
    await query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** `migrate` on a plain pool (tests, tools): one client, destroyed on failure. */
export async function migratePool(pool: Pool): Promise<number> {
  const client = await pool.connect();
  try {
    const n = await migrate((text, values) => client.query(text, values));
    client.release();
    return n;
  } catch (err) {
    client.release(true);
    throw err;
  }
}

export class PgPaymentStore implements PaymentStore {
  private schemaReady?: Promise<void>;
  private readonly now: () => number;

  constructor(private readonly opts: PgPaymentStoreOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Runs the migration once per store (i.e. per cold start) through the request connect path. */
  ensureSchema(deadline: Deadline): Promise<void> {
    if (!this.opts.db.migrate) return Promise.resolve();
    this.schemaReady ??= this.withClient(deadline, (q) =>
      this.opts.tracer.remote(DB_TRACE_NAME, this.sqlInfo('-- migrate'), () => migrate(q)),
    ).then(
      () => undefined,
      (err: unknown) => {
        this.schemaReady = undefined;
        throw err;
      },
    );
    return this.schemaReady;
  }

  async claim(p: NewPayment, owner: string, deadline: Deadline): Promise<ClaimResult> {
    await this.ensureSchema(deadline);
    return this.withClient(deadline, async (q) => {
      const leaseMs = Math.max(1, deadline.at - this.now());
      const claimed = await q<Row>(CLAIM, [
        p.id,
        p.caller,
        p.keyHash,
        p.requestHash,
        p.amount,
        p.currency,
        p.paymentMethodFingerprint,
        p.processorKey,
        owner,
        leaseMs,
      ]);
      if (claimed.rowCount === 1) {
        const record = toRecord(claimed.rows[0]);
        return { kind: 'claimed', record, resumed: record.id !== p.id };
      }
      const existing = await q<Row>(SELECT_BY_KEY, [p.caller, p.keyHash]);
      const row = existing.rows[0];
      if (!row) throw new Error('payment row vanished between claim and read'); // rows are never deleted
      const record = toRecord(row);
      if (record.requestHash !== p.requestHash) return { kind: 'conflict' };
      if (FINAL_STATUSES.includes(record.status)) return { kind: 'final', record };
      return { kind: 'busy', record };
    });
  }

  async get(caller: string, keyHash: string, deadline: Deadline): Promise<PaymentRecord | undefined> {
    return this.withClient(deadline, async (q) => {
      const r = await q<Row>(SELECT_BY_KEY, [caller, keyHash]);
      return r.rows[0] ? toRecord(r.rows[0]) : undefined;
    });
  }

  async advance(
    id: string,
    from: readonly PaymentStatus[],
    t: Transition,
    deadline: Deadline,
  ): Promise<Advanced> {
    return this.withClient(deadline, async (q) => {
      const r = await q<Row>(ADVANCE, [
        id,
        from,
        t.status,
        t.authorizationId ?? null,
        t.captureId ?? null,
        t.declineReason ?? null,
        t.response?.status ?? null,
        t.response ? JSON.stringify(t.response.body) : null,
      ]);
      if (r.rows[0]) return { record: toRecord(r.rows[0]), moved: true };
      const current = await q<Row>(`SELECT ${COLUMNS} FROM payments WHERE id = $1`, [id]);
      if (!current.rows[0]) throw new Error('payment row vanished');
      return { record: toRecord(current.rows[0]), moved: false };
    });
  }

  async release(id: string, owner: string, deadline: Deadline): Promise<void> {
    await this.withClient(deadline, (q) => q(RELEASE, [id, owner]));
  }

  async claimAbandoned(
    owner: string,
    idleMs: number,
    deadline: Deadline,
  ): Promise<PaymentRecord | undefined> {
    await this.ensureSchema(deadline);
    return this.withClient(deadline, async (q) => {
      const r = await q<Row>(CLAIM_ABANDONED, [owner, Math.max(1, deadline.at - this.now()), idleMs]);
      return r.rows[0] ? toRecord(r.rows[0]) : undefined;
    });
  }

  async ping(budgetMs: number): Promise<void> {
    const deadline = { at: this.now() + budgetMs };
    try {
      await this.withClient(deadline, (q) => q('SELECT 1'));
    } catch (err) {
      if (err instanceof DeadlineExceededError) throw new HealthTimeoutError(budgetMs);
      throw err;
    }
  }

  /**
   * Checks a client out for `fn` and always gives it back: a client that failed, timed out or emitted
   * 'error' (connection dropped while checked out) is destroyed. Queries are bounded by `deadline`.
   */
  private async withClient<T>(deadline: Deadline, fn: (q: Q) => Promise<T>): Promise<T> {
    const client = await this.connect(deadline);
    let broken: Error | undefined;
    const onError = (err: Error): void => {
      broken ??= err;
      this.opts.logger?.warn('database connection failed while checked out', describeError(err));
    };
    client.on('error', onError);
    const q: Q = (text, values = []) => {
      if (broken) return Promise.reject(broken);
      const remaining = deadline.at - this.now();
      if (remaining <= 0) return Promise.reject(new DeadlineExceededError('a database call'));
      return this.query(client, text, values, remaining);
    };
    try {
      return await fn(q);
    } catch (err) {
      broken ??= err instanceof Error ? err : new Error(String(err));
      this.noteFailure(err);
      throw err;
    } finally {
      client.removeListener('error', onError);
      client.release(broken); // destroyed when broken
    }
  }

  private noteFailure(err: unknown): void {
    const code = String(errorInfo(err)?.code ?? '');
    if (STALE_ENDPOINT.test(code)) this.opts.onStaleEndpoint?.();
  }

  /** Pool checkout bounded by the deadline; one retry with fresh credentials after 28P01. */
  private async connect(deadline: Deadline): Promise<PoolClient> {
    try {
      return await this.checkout(deadline);
    } catch (err) {
      if ((err as { code?: string }).code !== '28P01') {
        this.noteFailure(err);
        throw err;
      }
      this.opts.onAuthFailure?.(); // drops cached credentials and the pool: the next pool reads the secret
      return this.checkout(deadline);
    }
  }

  private async checkout(deadline: Deadline): Promise<PoolClient> {
    const remaining = deadline.at - this.now();
    if (remaining <= 0) throw new DeadlineExceededError('a database connection');
    const pool = await this.opts.pool();
    const pending = pool.connect();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeadlineExceededError('a database connection')), remaining);
    });
    try {
      return await Promise.race([pending, late]);
    } catch (err) {
      // A connection that arrives after we gave up goes straight back (destroyed: state unknown).
      pending.then((c) => c.release(true)).catch(() => undefined);
      throw err;
    } finally {
      clearTimeout(timer);
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
    values: unknown[],
    timeoutMs: number,
  ): Promise<QueryResult<R>> {
    const config = {
      text,
      values,
      query_timeout: Math.min(timeoutMs, this.opts.db.statementTimeoutMs + 1000),
    };
    return this.opts.tracer.remote(DB_TRACE_NAME, this.sqlInfo(text), () => client.query<R>(config));
  }
}
