/**
 * Model-based property test of the payment Lambda under fault injection, on the real PostgreSQL 15 the
 * test starts (behind a TCP proxy that can stall) and a fake processor that deduplicates on idempotency
 * keys and counts the money it moves (test/support/payment-harness.ts).
 *
 * Commands (fast-check `commands`): a payment request for one of 2 callers x 3 client keys (the third a
 * card whose capture fails, so its payment must end voided, never charged); concurrent
 * retries of one key from several execution environments; arming a fault for the next request; restarting
 * the execution environment. Faults, each at one stage:
 * - terminate: every backend of the Lambda terminated (pg_terminate_backend) before the claim (reserve),
 *   before a state write (authorize record, persist), or AFTER a write committed with its answer lost
 *   (commit);
 * - stall: the database stops answering for 200 ms (a pause) or 1.5 s (beyond the timeouts);
 * - processor failure: the processor throws before or after doing its work (authorize, capture, void);
 * - timeout: the processor never answers (before or after doing its work), in an invocation with 700 ms
 *   left: Lambda kills it if it has not answered, and the next request runs in a new environment while
 *   the killed one may still finish in the background (a frozen environment thawing).
 *
 * After every command: at most one capture per caller and key (the processor's count); every answer is one
 * the API documents (201, 409 in use, 502, 503 with an error code and a message, or killed: API Gateway's
 * 504); every 201 of a key carries the same payment id; no uncaught exception. After every run: a client
 * that retries each key until its final answer ends with exactly one capture and one captured row (none
 * and a voided row for the failing card) and no authorization left open.
 *
 * Runs: 100 by default (test/support/fc.ts); FC_NUM_RUNS or FC_RUNS_FACTOR for a soak.
 */
import fc from 'fast-check';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type * as AppModule from '../../lambda/app';
import type * as ConfigModule from '../../lambda/config';
import { keyHash } from '../../lambda/payments';
import type { PaymentProcessor } from '../../lambda/processor';
import type { Tracer } from '../../lambda/tracing';
import { fcParams, numRuns } from '../support/fc';
import { lambdaContext, paymentEvent } from '../support/lambda-events';
import { fakeProcessor, makeApp, type FakeProcessor, type TestApp } from '../support/payment-harness';
import { startPostgres, type PostgresInstance } from '../support/postgres';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

const CALLERS = ['caller-a', 'caller-b'];
const KEYS = 3;
const BUDGET_MS = 700; // remaining time of every invocation

type DbPoint = 'reserve' | 'record' | 'commit';
type ProcPoint =
  'authorize-before' | 'authorize-after' | 'capture-before' | 'capture-after' | 'void-before' | 'void-after';
type Fault =
  | { kind: 'terminate'; at: DbPoint }
  | { kind: 'stall'; at: 'reserve' | 'record'; ms: number }
  | { kind: 'processor-fail'; at: ProcPoint }
  | { kind: 'timeout'; at: ProcPoint };

interface Real {
  run: number;
  env: TestApp;
  envs: TestApp[];
  background: Array<Promise<unknown>>;
  armed?: Fault;
  answers: Map<string, Array<APIGatewayProxyResult | 'killed'>>;
  fired: number;
}
type Model = Record<string, never>;

let pg: PostgresInstance;
let proxy: TcpProxy;
let mods: { app: typeof AppModule; config: typeof ConfigModule };
let processor: FakeProcessor;
let current: Real | undefined;
const uncaught: unknown[] = [];
const onUncaught = (err: unknown): void => {
  uncaught.push(err);
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const terminate = (): Promise<unknown> =>
  pg.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'payment-api'");

/** Runs the armed database fault at its point; `after` is the statement's own work. */
const tracer: Tracer = {
  runInvocation: (fn) => fn(),
  stage: (_n, fn) => fn({ annotate: () => undefined, markClientError: () => undefined }),
  remote: async (_n, sql, fn) => {
    const q = sql.sanitizedQuery;
    const point: DbPoint | undefined = q.startsWith('INSERT INTO payments AS p')
      ? 'reserve'
      : q.startsWith('UPDATE payments SET status')
        ? 'record'
        : undefined;
    const f = current?.armed;
    if (!point || !f || (f.kind !== 'terminate' && f.kind !== 'stall')) return fn();
    if (f.kind === 'terminate' && f.at === 'commit' && point === 'record') {
      (current as Real).armed = undefined;
      (current as Real).fired++;
      await fn(); // committed ...
      await terminate(); // ... and the answer never arrives
      await sleep(20);
      throw new Error('Connection terminated unexpectedly');
    }
    if (f.at !== point) return fn();
    (current as Real).armed = undefined;
    (current as Real).fired++;
    if (f.kind === 'terminate') {
      await terminate();
      await sleep(20); // the 'error' of the checked-out client arrives first
    } else {
      proxy.stall();
      setTimeout(() => proxy.resume(), f.ms);
    }
    return fn();
  },
  traceId: () => undefined,
  detached: (fn) => fn(),
  captureClient: (c) => c,
};

function newEnv(real: Real): TestApp {
  const t = makeApp(
    mods,
    {
      ...pg.lambdaEnv,
      DB_PORT: String(proxy.port),
      DB_STATEMENT_TIMEOUT_MS: '300',
      DB_CONNECT_TIMEOUT_MS: '500',
      RECORD_RESERVE_MS: '200',
      IN_PROGRESS_WAIT_MS: '300',
      ALLOW_MISSING_API_KEY_ID: 'false',
    },
    { processor: processor as unknown as PaymentProcessor, tracer },
  );
  real.envs.push(t);
  return t;
}

/** Key 2 of each caller is a card whose capture fails: its payment ends voided (402), never charged. */
const CAPTURE_FAILS = 2;
const tokenOf = (run: number, c: number, k: number): string =>
  k === CAPTURE_FAILS ? `tok_capture_fail_model_${run}_${c}` : `tok_model_${run}_${c}_${k}`;
const keyOf = (run: number, k: number): string => `model-${run}-key-${k}`;
const slot = (c: number, k: number): string => `${c}/${k}`;

function event(real: Real, c: number, k: number) {
  const e = paymentEvent(
    { amount: 100 + k, currency: 'EUR', paymentMethodToken: tokenOf(real.run, c, k) },
    keyOf(real.run, k),
  );
  e.requestContext.identity.apiKeyId = CALLERS[c];
  return e;
}

/** One invocation; Lambda kills it at its deadline (the caller then sees API Gateway's 504). */
async function invoke(
  real: Real,
  env: TestApp,
  c: number,
  k: number,
): Promise<APIGatewayProxyResult | 'killed'> {
  const ctx = { ...lambdaContext(), getRemainingTimeInMillis: () => BUDGET_MS };
  const running = env.app.handle(event(real, c, k), ctx);
  const outcome = await Promise.race([running, sleep(BUDGET_MS + 50).then(() => 'killed' as const)]);
  if (outcome === 'killed') {
    real.background.push(running.catch(() => undefined)); // the frozen environment may still finish
    real.env = newEnv(real); // the next request lands in a new execution environment
  }
  return outcome;
}

function armProcessor(real: Real): void {
  processor.hook = async (op, point) => {
    const f = real.armed;
    if (!f || (f.kind !== 'processor-fail' && f.kind !== 'timeout') || f.at !== `${op}-${point}`) return;
    real.armed = undefined;
    real.fired++;
    if (f.kind === 'processor-fail') throw new Error('processor: connection reset by peer');
    await new Promise<void>(() => undefined); // never answers
  };
}

const DOCUMENTED = new Map<number, string[]>([
  [201, []],
  [402, ['payment_declined']],
  [409, ['idempotency_key_in_use']],
  [502, ['processor_unavailable']],
  [503, ['service_unavailable']],
]);

function checkAnswer(real: Real, c: number, k: number, a: APIGatewayProxyResult | 'killed'): void {
  real.answers.set(slot(c, k), [...(real.answers.get(slot(c, k)) ?? []), a]);
  if (a === 'killed') return;
  expect([...DOCUMENTED.keys()]).toContain(a.statusCode);
  const body = JSON.parse(a.body) as Record<string, unknown>;
  if (a.statusCode === 201) {
    expect(k).not.toBe(CAPTURE_FAILS);
    expect(body).toMatchObject({ status: 'captured', amount: 100 + k, currency: 'EUR' });
  } else if (a.statusCode === 402) {
    expect(k).toBe(CAPTURE_FAILS);
    expect(body).toMatchObject({ status: 'declined', reason: 'capture_failed', error: 'payment_declined' });
  } else {
    expect(DOCUMENTED.get(a.statusCode)).toContain(body.error);
    expect(String(body.message).length).toBeGreaterThan(20);
    if (a.statusCode !== 201) expect(a.headers?.['Retry-After']).toBe('1');
  }
}

function checkInvariants(real: Real): void {
  for (let c = 0; c < CALLERS.length; c++)
    for (let k = 0; k < KEYS; k++) {
      expect(processor.charges.get(tokenOf(real.run, c, k)) ?? 0).toBeLessThanOrEqual(1);
      const ids = new Set(
        (real.answers.get(slot(c, k)) ?? []).flatMap((a) =>
          a !== 'killed' && (a.statusCode === 201 || a.statusCode === 402)
            ? [JSON.parse(a.body).paymentId as string]
            : [],
        ),
      );
      expect(ids.size).toBeLessThanOrEqual(1);
    }
  expect(uncaught).toEqual([]);
}

class Pay implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly c: number,
    readonly k: number,
  ) {}
  check = (): boolean => true;
  async run(_m: Model, real: Real): Promise<void> {
    checkAnswer(real, this.c, this.k, await invoke(real, real.env, this.c, this.k));
    checkInvariants(real);
  }
  toString = (): string => `pay(${this.c},${this.k})`;
}

class Concurrent implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly c: number,
    readonly k: number,
    readonly n: number,
  ) {}
  check = (): boolean => true;
  async run(_m: Model, real: Real): Promise<void> {
    const envs = [real.env, ...Array.from({ length: this.n - 1 }, () => newEnv(real))];
    const answers = await Promise.all(envs.map((e) => invoke(real, e, this.c, this.k)));
    for (const a of answers) checkAnswer(real, this.c, this.k, a);
    checkInvariants(real);
  }
  toString = (): string => `concurrent(${this.c},${this.k})x${this.n}`;
}

class Arm implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fault: Fault) {}
  check = (): boolean => true;
  async run(_m: Model, real: Real): Promise<void> {
    real.armed = this.fault;
  }
  toString = (): string => `arm(${JSON.stringify(this.fault)})`;
}

class Restart implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true;
  async run(_m: Model, real: Real): Promise<void> {
    real.env = newEnv(real);
  }
  toString = (): string => 'restart';
}

const caller = fc.integer({ min: 0, max: CALLERS.length - 1 });
const key = fc.integer({ min: 0, max: KEYS - 1 });
const procPoint = fc.constantFrom<ProcPoint>(
  'authorize-before',
  'authorize-after',
  'capture-before',
  'capture-after',
  'void-before',
  'void-after',
);
const fault: fc.Arbitrary<Fault> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom<DbPoint>('reserve', 'record', 'commit')
      .map((at) => ({ kind: 'terminate' as const, at })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('stall' as const),
      at: fc.constantFrom<'reserve' | 'record'>('reserve', 'record'),
      ms: fc.constantFrom(200, 200, 1500),
    }),
  },
  { weight: 3, arbitrary: procPoint.map((at) => ({ kind: 'processor-fail' as const, at })) },
  { weight: 1, arbitrary: procPoint.map((at) => ({ kind: 'timeout' as const, at })) },
);
const commands = fc.commands(
  [
    fc.tuple(caller, key).map(([c, k]) => new Pay(c, k)),
    fc.tuple(caller, key, fc.integer({ min: 2, max: 4 })).map(([c, k, n]) => new Concurrent(c, k, n)),
    fault.map((f) => new Arm(f)),
    fault.map((f) => new Arm(f)),
    fc.constant(new Restart()),
  ],
  { maxCommands: 8 },
);

beforeAll(async () => {
  pg = await startPostgres();
  proxy = await startTcpProxy(pg.port);
  mods = { app: await import('../../lambda/app'), config: await import('../../lambda/config') };
  processor = fakeProcessor(); // one processor for every run (tokens are unique per run)
  process.on('uncaughtException', onUncaught);
});

afterAll(async () => {
  process.removeListener('uncaughtException', onUncaught);
  await proxy?.close();
  await pg?.stop();
});

/** A client that retries every key it used until it gets its answer; the run must converge. */
async function converge(real: Real): Promise<void> {
  real.armed = undefined;
  proxy.resume();
  const env = newEnv(real);
  for (const s of real.answers.keys()) {
    const [c, k] = s.split('/').map(Number);
    let last: APIGatewayProxyResult | 'killed' = 'killed';
    for (let i = 0; i < 20; i++) {
      last = await invoke(real, env, c, k);
      checkAnswer(real, c, k, last);
      if (last !== 'killed' && (last.statusCode === 201 || last.statusCode === 402)) break;
      await sleep(100); // Retry-After (1 s) shortened: leases of killed attempts end with their invocation
    }
    const fails = k === CAPTURE_FAILS;
    expect(last === 'killed' ? last : last.statusCode).toBe(fails ? 402 : 201);
    const token = tokenOf(real.run, c, k);
    expect(processor.charges.get(token) ?? 0).toBe(fails ? 0 : 1);
    expect(processor.openHolds(token)).toBe(0);
    const rows = await pg.query<{ status: string }>(
      'SELECT status FROM payments WHERE caller = $1 AND key_hash = $2',
      [`apikey:${CALLERS[c]}`, keyHash(keyOf(real.run, k))],
    );
    expect(rows).toEqual([{ status: fails ? 'voided' : 'captured' }]);
  }
  checkInvariants(real);
}

it(
  'charges at most once per caller and key under faults, and exactly once for a client that retries',
  async () => {
    let runs = 0;
    let faultsFired = 0;
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const real: Real = {
          run: ++runs,
          env: undefined as unknown as TestApp,
          envs: [],
          background: [],
          answers: new Map(),
          fired: 0,
        };
        current = real;
        real.env = newEnv(real);
        armProcessor(real);
        try {
          await fc.asyncModelRun(() => ({ model: {}, real }), cmds);
          await converge(real);
          faultsFired += real.fired;
        } finally {
          proxy.resume();
          processor.hook = undefined;
          await Promise.allSettled(real.background);
          await Promise.allSettled(real.envs.map((e) => e.app.close()));
        }
      }),
      fcParams(),
    );
    expect(faultsFired).toBeGreaterThan(0); // the generator does inject faults
  },
  60_000 + numRuns() * 2_000,
); // a soak (FC_NUM_RUNS) needs more than jest's default per-test timeout
