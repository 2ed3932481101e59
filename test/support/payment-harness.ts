/**
 * Builds payment apps for tests on top of `createApp`, with captured logs and an in-process metrics
 * recorder. The lambda modules are passed in (loaded by the test with a dynamic import after it has set
 * AWS_XRAY_DAEMON_ADDRESS, which the X-Ray SDK reads once at load time).
 *
 * Also: a fake card processor that behaves like a real one (deduplicates on the idempotency key it is
 * given, counts the money it moves, can be told to fail, hang or run a hook at each call), and an
 * in-memory PaymentStore with the same compare-and-set semantics as the PostgreSQL one (flow tests, bench).
 */
import type { PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type * as AppModule from '../../lambda/app';
import type * as ConfigModule from '../../lambda/config';
import type {
  Advanced,
  ClaimResult,
  Deadline,
  NewPayment,
  PaymentRecord,
  PaymentStatus,
  PaymentStore,
  Transition,
} from '../../lambda/db';
import type { InvocationMetrics, MetricsPublisher } from '../../lambda/metrics';
import { captureLogs, type LogCapture } from './lambda-events';

export interface RecordingMetrics extends MetricsPublisher {
  batches: PutMetricDataCommandInput[];
}

export function recordingMetrics(namespace = 'Payments'): RecordingMetrics {
  const batches: PutMetricDataCommandInput[] = [];
  return {
    batches,
    publish(m: InvocationMetrics) {
      batches.push(m.toInput(namespace));
    },
  };
}

export interface TestApp {
  app: AppModule.App;
  logs: LogCapture;
  metrics: RecordingMetrics;
}

export function makeApp(
  mods: { app: typeof AppModule; config: typeof ConfigModule },
  env: Record<string, string>,
  overrides: Partial<AppModule.AppOptions> = {},
): TestApp {
  const logs = captureLogs();
  const metrics = recordingMetrics();
  const app = mods.app.createApp({
    config: mods.config.loadConfig(env),
    logSink: logs.sink,
    metrics,
    ...overrides,
  });
  return { app, logs, metrics };
}

// ---------------------------------------------------------------------------------------------------------
// A fake processor

export type ProcessorOp = 'authorize' | 'capture' | 'void';
/** When a hook runs relative to the processor's own work: before it (nothing happened) or after it. */
export type HookPoint = 'before' | 'after';
export type ProcessorHook = (op: ProcessorOp, point: HookPoint) => Promise<void> | void;

interface Authorization {
  id: string;
  token: string;
  amount: number;
  state: 'authorized' | 'captured' | 'voided';
  captureId?: string;
}

/**
 * A processor with a real processor's semantics: a repeated call with the same idempotency key returns
 * the first result and moves no money. Each authorization can be captured once. `charges` counts money
 * actually moved per payment-method token (tests use one token per client key), independent of keys:
 * it is the oracle of "at most one charge". Works with the interface of the first release too (no
 * idempotencyKey: then each call is new, as a processor sees calls with a fresh payment id each time).
 */
export interface FakeProcessor {
  authorize(req: Record<string, unknown>, opts?: { signal?: AbortSignal }): Promise<unknown>;
  capture(req: Record<string, unknown>, opts?: { signal?: AbortSignal }): Promise<unknown>;
  void(req: Record<string, unknown>, opts?: { signal?: AbortSignal }): Promise<unknown>;
  /** Captures (money moved) per token. */
  charges: Map<string, number>;
  /** Authorizations still holding funds per token (neither captured nor voided). */
  openHolds(token: string): number;
  calls: Array<{ op: ProcessorOp; key?: string }>;
  hook?: ProcessorHook;
}

let seq = 0;

export function fakeProcessor(): FakeProcessor {
  const byKey = new Map<string, unknown>();
  const auths = new Map<string, Authorization>();
  const charges = new Map<string, number>();
  const self: FakeProcessor = {
    charges,
    calls: [],
    openHolds: (token) =>
      [...auths.values()].filter((a) => a.token === token && a.state === 'authorized').length,
    async authorize(req) {
      return idempotent('authorize', req, () => {
        const token = String(req.token);
        if (token.startsWith('tok_decline')) return { approved: false, reason: 'card_declined' };
        const id = `auth_${++seq}`;
        auths.set(id, { id, token, amount: Number(req.amount), state: 'authorized' });
        return { approved: true, authorizationId: id };
      });
    },
    async capture(req) {
      return idempotent('capture', req, () => {
        const a = auths.get(String(req.authorizationId));
        if (!a || a.state === 'voided') return { captured: false, reason: 'capture_failed' };
        if (a.token.startsWith('tok_capture_fail')) return { captured: false, reason: 'capture_failed' };
        if (a.state === 'captured') return { captured: true, captureId: a.captureId }; // same authorization
        a.state = 'captured';
        a.captureId = `cap_${++seq}`;
        charges.set(a.token, (charges.get(a.token) ?? 0) + 1);
        return { captured: true, captureId: a.captureId };
      });
    },
    async void(req) {
      return idempotent('void', req, () => {
        const a = auths.get(String(req.authorizationId));
        if (a?.state === 'captured') return { voided: false, alreadyCaptured: true, captureId: a.captureId };
        if (a) a.state = 'voided';
        return { voided: true };
      });
    },
  };

  async function idempotent(
    op: ProcessorOp,
    req: Record<string, unknown>,
    work: () => unknown,
  ): Promise<unknown> {
    const key = typeof req.idempotencyKey === 'string' ? req.idempotencyKey : undefined;
    self.calls.push({ op, key });
    await self.hook?.(op, 'before');
    let result: unknown;
    if (key !== undefined && byKey.has(`${op}:${key}`)) result = byKey.get(`${op}:${key}`);
    else {
      result = work();
      if (key !== undefined) byKey.set(`${op}:${key}`, result);
    }
    await self.hook?.(op, 'after');
    return result;
  }
  return self;
}

// ---------------------------------------------------------------------------------------------------------
// An in-memory store

const FINAL: readonly PaymentStatus[] = ['captured', 'declined', 'voided'];

/** The PostgreSQL store's semantics without a database: leases, compare-and-set transitions. */
export function memoryStore(
  clock: () => number = Date.now,
): PaymentStore & { rows: Map<string, PaymentRecord & { leaseUntil?: number }> } {
  const rows = new Map<string, PaymentRecord & { leaseUntil?: number }>();
  const live = (r: { leaseUntil?: number }): boolean => r.leaseUntil !== undefined && r.leaseUntil > clock();
  const view = (r: PaymentRecord & { leaseUntil?: number }): PaymentRecord => ({ ...r, leased: live(r) });
  const byId = (id: string): PaymentRecord & { leaseUntil?: number } => {
    for (const r of rows.values()) if (r.id === id) return r;
    throw new Error('payment row vanished');
  };
  return {
    rows,
    async claim(p: NewPayment, owner: string, deadline: Deadline): Promise<ClaimResult> {
      const k = `${p.caller}\n${p.keyHash}`;
      const existing = rows.get(k);
      if (!existing) {
        const r = {
          id: p.id,
          caller: p.caller,
          keyHash: p.keyHash,
          requestHash: p.requestHash,
          amount: p.amount,
          currency: p.currency,
          processorKey: p.processorKey,
          status: 'pending' as PaymentStatus,
          leaseOwner: owner,
          leaseUntil: deadline.at,
          leased: true,
          attempts: 1,
          createdAt: new Date(clock()),
        };
        rows.set(k, r);
        return { kind: 'claimed', record: view(r), resumed: false };
      }
      if (existing.requestHash !== p.requestHash) return { kind: 'conflict' };
      if (FINAL.includes(existing.status)) return { kind: 'final', record: view(existing) };
      if (live(existing)) return { kind: 'busy', record: view(existing) };
      existing.leaseOwner = owner;
      existing.leaseUntil = deadline.at;
      existing.attempts++;
      return { kind: 'claimed', record: view(existing), resumed: true };
    },
    async get(caller, keyHash) {
      const r = rows.get(`${caller}\n${keyHash}`);
      return r ? view(r) : undefined;
    },
    async advance(id: string, from: readonly PaymentStatus[], t: Transition): Promise<Advanced> {
      const r = byId(id);
      if (!from.includes(r.status)) return { record: view(r), moved: false };
      r.status = t.status;
      if (t.authorizationId) r.authorizationId = t.authorizationId;
      if (t.captureId) r.captureId = t.captureId;
      if (t.declineReason) r.declineReason = t.declineReason;
      if (t.response) r.response = JSON.parse(JSON.stringify(t.response));
      if (FINAL.includes(t.status)) {
        r.leaseOwner = undefined;
        r.leaseUntil = undefined;
      }
      return { record: view(r), moved: true };
    },
    async release(id: string, owner: string) {
      const r = byId(id);
      if (r.leaseOwner === owner && !FINAL.includes(r.status)) {
        r.leaseOwner = undefined;
        r.leaseUntil = undefined;
      }
    },
    async claimAbandoned() {
      return undefined;
    },
    async ping() {
      return undefined;
    },
  };
}
