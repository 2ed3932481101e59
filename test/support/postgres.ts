/**
 * A throwaway PostgreSQL cluster for one test file: initdb into a temp dir, trust auth on 127.0.0.1, a free
 * port, started with pg_ctl and probed until it answers. `stop()` stops the server and deletes the temp dir
 * (call it from afterAll). `stopServer()` / `startServer()` stop and restart the same cluster (to test an
 * outage and the recovery).
 *
 * initdb refuses to run as root: when the tests run as root, every PostgreSQL binary runs as the `postgres`
 * user through `runuser -u postgres --`, and the temp dir is handed to that user. Missing binaries fail
 * with a clear message (nothing is skipped).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

export interface PostgresInstance {
  host: string;
  port: number;
  user: string;
  database: string;
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` */
  connectionString: string;
  /** Environment variables for the payment Lambda (trust auth, TLS off). */
  lambdaEnv: Record<string, string>;
  /** Stops the server and removes the data directory. Idempotent. */
  stop(): Promise<void>;
  /** Fast shutdown of the server, keeping the cluster (simulates an outage). */
  stopServer(): Promise<void>;
  /** Starts the server again on the same port. */
  startServer(): Promise<void>;
  /** Runs SQL as the superuser on a fresh connection. */
  query<T = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<T[]>;
}

const PG_USER = 'postgres';
/** The one role that authenticates with a password (scram-sha-256); create it with CREATE ROLE ... PASSWORD. */
export const PASSWORD_ROLE = 'rotating_app';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function which(bin: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function asPostgres(cmd: string, args: string[]): string[] {
  return isRoot ? ['runuser', '-u', PG_USER, '--', cmd, ...args] : [cmd, ...args];
}

function run(cmd: string, args: string[], what: string): string {
  const [file, ...rest] = asPostgres(cmd, args);
  try {
    return execFileSync(file, rest, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${what} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** A currently free loopback port (bind to port 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const c = new Client({
      host: '127.0.0.1',
      port,
      user: PG_USER,
      database: 'postgres',
      connectionTimeoutMillis: 1000,
    });
    try {
      await c.connect();
      await c.query('SELECT 1');
      await c.end();
      return;
    } catch (err) {
      last = err;
      await c.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`PostgreSQL on port ${port} not ready after ${timeoutMs} ms: ${String(last)}`);
}

export async function startPostgres(): Promise<PostgresInstance> {
  const missing = ['initdb', 'pg_ctl', 'postgres'].filter((b) => !which(b));
  if (missing.length > 0) {
    throw new Error(
      `PostgreSQL server binaries not found on PATH: ${missing.join(', ')}. ` +
        'Install PostgreSQL 15 (initdb, pg_ctl, postgres) to run the Lambda database tests.',
    );
  }
  if (isRoot && !which('runuser'))
    throw new Error('running as root needs runuser to start PostgreSQL as postgres');

  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-test-'));
  const dataDir = path.join(base, 'data');
  const socketDir = path.join(base, 'sock');
  const logFile = path.join(base, 'server.log');
  fs.mkdirSync(socketDir);
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', PG_USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', PG_USER], { encoding: 'utf8' }).trim());
    fs.chownSync(base, uid, gid);
    fs.chownSync(socketDir, uid, gid);
  }

  let port = 0;
  let stopped = false;
  const cleanup = (): void => {
    fs.rmSync(base, { recursive: true, force: true });
  };

  try {
    run(
      'initdb',
      [
        '-D',
        dataDir,
        '-U',
        PG_USER,
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
        '--no-instructions',
      ],
      'initdb',
    );
  } catch (err) {
    cleanup();
    throw err;
  }

  // One role must log in with a password (scram), to test credential rotation; everyone else is trusted.
  // pg_hba.conf is read top-down, first match wins: the line goes first.
  const hba = path.join(dataDir, 'pg_hba.conf');
  fs.writeFileSync(
    hba,
    `host all ${PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n${fs.readFileSync(hba, 'utf8')}`,
  );

  const pgCtl = (args: string[], what: string): string => run('pg_ctl', ['-D', dataDir, ...args], what);
  const startServer = async (): Promise<void> => {
    const opts = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${socketDir}'`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=100',
    ].join(' ');
    pgCtl(['-w', '-t', '30', '-l', logFile, '-o', opts, 'start'], 'pg_ctl start');
    await waitReady(port, 15_000);
  };

  // Another process may grab the probed port between probe and bind: retry with a new one.
  let lastErr: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    port = await freePort();
    try {
      await startServer();
      lastErr = undefined;
      break;
    } catch (err) {
      lastErr = err;
      try {
        pgCtl(['-m', 'immediate', 'stop'], 'pg_ctl stop');
      } catch {
        // not running
      }
    }
  }
  if (lastErr) {
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    cleanup();
    throw new Error(`could not start PostgreSQL: ${String(lastErr)}\n${log}`);
  }

  const stopServer = async (): Promise<void> => {
    pgCtl(['-m', 'fast', '-w', 'stop'], 'pg_ctl stop');
  };

  const instance: PostgresInstance = {
    host: '127.0.0.1',
    port,
    user: PG_USER,
    database: 'postgres',
    connectionString: `postgresql://${PG_USER}@127.0.0.1:${port}/postgres`,
    lambdaEnv: {
      DB_HOST: '127.0.0.1',
      DB_PORT: String(port),
      DB_NAME: 'postgres',
      DB_USER: PG_USER,
      DB_PASSWORD: '',
      DB_SSLMODE: 'disable',
      // Direct invocations carry no API key id: they share the caller scope `local` (production refuses them).
      ALLOW_MISSING_API_KEY_ID: 'true',
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        pgCtl(['-m', 'immediate', '-w', 'stop'], 'pg_ctl stop');
      } catch {
        // already stopped
      }
      cleanup();
    },
    stopServer,
    startServer,
    async query<T>(sql: string, values: unknown[] = []): Promise<T[]> {
      const c = new Client({ host: '127.0.0.1', port, user: PG_USER, database: 'postgres' });
      await c.connect();
      try {
        return (await c.query(sql, values)).rows as T[];
      } finally {
        await c.end();
      }
    },
  };
  return instance;
}
