/**
 * The application behind the Lambda handler: routing, the per-invocation trace, the summary log line and
 * the single metrics batch. Everything it talks to can be injected (tests), with production defaults built
 * from the configuration: the real pg pool (credentials from Secrets Manager, client instrumented with
 * captureAWSv3Client), the CloudWatch client (sent after the answer, outside the trace) and the X-Ray
 * tracer.
 *
 * Routes: POST /payments, GET /health. Unknown paths get 404, other methods 405 (the path is never echoed:
 * it is user input). An EventBridge event {"source":"aws.events","detail":{"action":"sweep-abandoned"}}
 * runs the sweep of abandoned payments (payments.ts sweepAbandoned).
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Pool } from 'pg';
import type { Config } from './config';
import { createPool, HealthTimeoutError, PgPaymentStore, type PaymentStore } from './db';
import { errorInfo } from './errors';
import { createLogger, describeError, type LogFields, type Logger, type LogSink } from './logger';
import { createCloudWatchPublisher, InvocationMetrics, type MetricsPublisher } from './metrics';
import { processPayment, sweepAbandoned, type FlowResponse } from './payments';
import { simulatedProcessor, type PaymentProcessor } from './processor';
import { secretsManagerCredentials, staticCredentials, type CredentialsProvider } from './secrets';
import { createXRayTracer, type Tracer } from './tracing';
import { SWEEP_EVENT } from './contract';

export interface AppOptions {
  config: Config;
  logSink?: LogSink;
  tracer?: Tracer;
  store?: PaymentStore;
  metrics?: MetricsPublisher;
  processor?: PaymentProcessor;
  credentials?: CredentialsProvider;
  now?: () => Date;
  newId?: () => string;
}

export interface App {
  handle(event: APIGatewayProxyEvent, context?: Partial<Context>): Promise<APIGatewayProxyResult>;
  /** Ends the database pool (tests, local runs). */
  close(): Promise<void>;
}

const ROUTES = { '/payments': 'POST', '/health': 'GET' } as const;
type Route = keyof typeof ROUTES;

export function createApp(options: AppOptions): App {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const logger = createLogger({
    sink: options.logSink,
    level: config.logLevel,
    bindings: { service: config.serviceName },
    now,
  });
  const tracer = options.tracer ?? createXRayTracer({ serviceName: config.serviceName, logger });

  const metrics =
    options.metrics ??
    createCloudWatchPublisher({
      // Not captured by X-Ray: the send runs after the answer, outside the request's trace (tracer.detached),
      // where the SDK would find no segment to attach to. Two attempts at most; failures are retried with
      // the next batch.
      client: new CloudWatchClient({ maxAttempts: 2 }),
      namespace: config.metricsNamespace,
      timeoutMs: config.metricsTimeoutMs,
    });

  const credentials =
    options.credentials ??
    (config.db.secretArn
      ? secretsManagerCredentials({
          client: tracer.captureClient(new SecretsManagerClient({ maxAttempts: 2 })),
          secretArn: config.db.secretArn,
          ttlMs: config.secretTtlMs,
        })
      : staticCredentials(config.db.user ?? 'postgres', config.db.password ?? ''));

  let pool: Promise<Pool> | undefined;
  let dbUser: string | undefined;
  /** Drops the pool (its connections end in the background): the next call connects afresh. */
  const resetPool = (why: string): void => {
    const old = pool;
    pool = undefined;
    if (old) {
      logger.warn('database pool reset', { reason: why });
      void old.then((p) => p.end()).catch(() => undefined);
    }
  };
  const getPool = (): Promise<Pool> => {
    pool ??= credentials.get().then(
      (c) => {
        dbUser = c.username;
        const password = async (): Promise<string> => (await credentials.get()).password;
        return createPool({ db: config.db, user: c.username, password }, logger);
      },
      (err: unknown) => {
        pool = undefined;
        throw err;
      },
    );
    return pool;
  };

  const store =
    options.store ??
    new PgPaymentStore({
      pool: getPool,
      tracer,
      db: config.db,
      logger,
      user: () => dbUser,
      // A rotated secret: forget the cached credentials AND the pool (its user name is fixed at creation).
      onAuthFailure: () => {
        credentials.invalidate();
        resetPool('authentication_failed');
      },
      // A failover (read-only writer, shutdown): new connections must resolve the cluster endpoint again.
      onStaleEndpoint: () => resetPool('stale_endpoint'),
    });
  const processor = options.processor ?? simulatedProcessor;

  const flowDeps = { store, processor, tracer, now, newId, timing: config.payments };

  /** Epoch ms at which this invocation ends: Lambda's remaining time, or the configured budget locally. */
  const endsAt = (context?: Partial<Context>): number => {
    const remaining = context?.getRemainingTimeInMillis?.();
    return (
      Date.now() +
      (typeof remaining === 'number' && remaining > 0 ? remaining : config.payments.invocationBudgetMs)
    );
  };

  /**
   * Idempotency keys are scoped per caller: the API key id API Gateway puts in the request context (every
   * route requires a key). Without one the caller is unknown: refused unless ALLOW_MISSING_API_KEY_ID.
   */
  const callerOf = (event: APIGatewayProxyEvent): string | undefined => {
    const id = event?.requestContext?.identity?.apiKeyId;
    if (typeof id === 'string' && id.length > 0 && id.length <= 128) return `apikey:${id}`;
    return config.allowMissingApiKeyId ? 'local' : undefined;
  };

  async function payments(
    event: APIGatewayProxyEvent,
    context: Partial<Context> | undefined,
    log: Logger,
    started: number,
  ): Promise<FlowResponse> {
    const m = new InvocationMetrics(now());
    m.paymentAttempt();
    const result = await processPayment(flowDeps, {
      request: event,
      caller: callerOf(event),
      endsAt: endsAt(context),
    });
    m.paymentResult(result.failure);
    for (const [stage, ms] of Object.entries(result.stageTimings)) m.stageLatency(stage, ms);
    if (result.capturedAmount !== undefined && result.currency)
      m.paymentAmount(result.currency, result.capturedAmount);
    if (result.replayed) m.replay();
    // Never awaited, and outside this invocation's trace: the answer does not wait on CloudWatch.
    tracer.detached(() => metrics.publish(m, log));
    const status = result.response.statusCode;
    const fields: LogFields = {
      route: 'POST /payments',
      statusCode: status,
      outcome: result.outcome,
      reason: result.failure,
      field: result.field,
      currency: result.currency,
      replayed: result.replayed,
      resumed: result.resumed,
      stageTimings: result.stageTimings,
      latencyMs: elapsed(started),
      ...(result.error !== undefined ? describeError(result.error) : {}),
    };
    if (status >= 500) log.error('payment request failed', fields);
    else log.info('payment request completed', fields);
    return result.response;
  }

  async function health(log: Logger, started: number): Promise<FlowResponse> {
    const t0 = performance.now();
    try {
      await tracer.stage('health', async (span) => {
        span.annotate('stage', 'health');
        try {
          await store.ping(config.healthTimeoutMs);
        } catch (err) {
          // `error` is one of the outcomes the X-Ray failures group filters on (resources/tracing.ts).
          span.annotate('outcome', 'error');
          span.annotate('reason', healthFailureReason(err));
          throw err;
        }
        span.annotate('outcome', 'ok');
      });
      const latencyMs = elapsed(t0);
      log.info('health check completed', { route: 'GET /health', statusCode: 200, outcome: 'ok', latencyMs });
      return { statusCode: 200, body: { status: 'ok', checks: { database: { status: 'ok', latencyMs } } } };
    } catch (err) {
      const reason = healthFailureReason(err);
      const latencyMs = elapsed(t0);
      log.warn('health check failed', {
        route: 'GET /health',
        statusCode: 503,
        outcome: 'unavailable',
        reason,
        latencyMs: elapsed(started),
        ...describeError(err),
      });
      return {
        statusCode: 503,
        headers: { 'Retry-After': '5' },
        body: { status: 'unavailable', checks: { database: { status: 'unavailable', reason, latencyMs } } },
      };
    }
  }

  return {
    async handle(event, context) {
      const started = performance.now();
      const requestId = context?.awsRequestId ?? newId();
      return tracer.runInvocation(async () => {
        const log = logger.child({ requestId, traceId: tracer.traceId() });
        let response: FlowResponse;
        try {
          if (isScheduledSweep(event)) {
            const swept = await sweepAbandoned(flowDeps, config.abandonAfterMs, endsAt(context));
            log.info('abandoned payments sweep', { outcome: swept ?? 'none' });
            return toApiGateway({ statusCode: 200, body: { swept: swept ?? null } }, requestId);
          }
          const route = resolveRoute(event);
          const method = (event?.httpMethod ?? '').toUpperCase();
          if (!route) {
            response = {
              statusCode: 404,
              body: { error: 'not_found', message: 'Unknown route. Available: POST /payments, GET /health' },
            };
          } else if (method !== ROUTES[route] && !(route === '/health' && method === 'HEAD')) {
            response = {
              statusCode: 405,
              headers: { Allow: ROUTES[route] },
              body: { error: 'method_not_allowed', message: `Use ${ROUTES[route]} ${route}` },
            };
          } else if (route === '/payments') {
            response = await payments(event, context, log, started);
          } else {
            response = await health(log, started);
          }
          if (response.statusCode === 404 || response.statusCode === 405) {
            log.info('request rejected', { statusCode: response.statusCode, latencyMs: elapsed(started) });
          }
        } catch (err) {
          log.error('unhandled error', {
            statusCode: 500,
            latencyMs: elapsed(started),
            ...describeError(err),
          });
          response = {
            statusCode: 500,
            body: { error: 'internal_error', message: 'An internal error occurred.' },
          };
        }
        return toApiGateway(response, requestId);
      });
    },
    async close() {
      await metrics.drain?.();
      const p = pool;
      pool = undefined;
      if (p) await (await p.catch(() => undefined))?.end();
    },
  };
}

/** An EventBridge schedule asking for the sweep of abandoned payments (`{"action":"sweep-abandoned"}`). */
export function isScheduledSweep(event: unknown): boolean {
  const e = event as { source?: unknown; detail?: { action?: unknown } } | undefined;
  return e?.source === SWEEP_EVENT.source && e.detail?.action === SWEEP_EVENT.detail.action;
}

function resolveRoute(event: APIGatewayProxyEvent | undefined): Route | undefined {
  const candidates = [event?.resource, event?.path];
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    const path = c.length > 1 ? c.replace(/\/+$/, '') : c;
    if (path === '/payments' || path === '/health') return path;
  }
  return undefined;
}

function healthFailureReason(err: unknown): string {
  if (err instanceof HealthTimeoutError) return 'timeout';
  const info = errorInfo(err);
  if (info?.code === 'ECONNREFUSED') return 'connection_refused';
  if (info?.code === '28P01') return 'authentication_failed';
  if (info?.name === 'SecretError' || (err as { $metadata?: unknown })?.$metadata !== undefined) {
    return 'credentials_unavailable';
  }
  if (info && /timeout/i.test(info.message)) return 'timeout';
  return 'error';
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 1000) / 1000;
}

function toApiGateway(r: FlowResponse, requestId: string): APIGatewayProxyResult {
  return {
    statusCode: r.statusCode,
    headers: {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'X-Request-Id': requestId,
      ...r.headers,
    },
    body: JSON.stringify(r.body),
  };
}
