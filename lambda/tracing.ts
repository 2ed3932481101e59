/**
 * X-Ray tracing with aws-xray-sdk-core in automatic (cls-hooked) mode.
 *
 * Invariants
 * - Annotations go on subsegments only: in Lambda `getSegment()` is an immutable facade that drops them.
 * - Every subsegment opened here is closed on every path; on a throw it gets `addError` (a sanitised copy of
 *   the error: name, redacted message, no stack values) and is then closed, and the error is re-thrown.
 * - Nothing that could be card data goes into a trace: no amounts, no tokens, SQL text without parameters.
 *
 * In Lambda (LAMBDA_TASK_ROOT set) the SDK provides the facade segment and streams each subsegment as it
 * closes. Anywhere else (tests, local runs) {@link Tracer.runInvocation} creates a plain segment per call and
 * closes it at the end, which sends the whole document. The daemon address comes from the standard
 * AWS_XRAY_DAEMON_ADDRESS variable (read by the SDK), so a test can point it at a local UDP listener.
 */
import * as AWSXRay from 'aws-xray-sdk-core';
import { errorInfo } from './errors';
import type { Logger } from './logger';
import { redactString } from './redact';

type XSegment = AWSXRay.Segment | AWSXRay.Subsegment;
export type AnnotationValue = string | number | boolean;

export interface Span {
  annotate(key: string, value: AnnotationValue): void;
  /** Marks a client-side (4xx) outcome: the X-Ray `error` flag. */
  markClientError(): void;
}

/** SQL metadata for a database subsegment. Only the statement text with $n placeholders, never values. */
export interface SqlInfo {
  url: string;
  databaseType: string;
  driverVersion: string;
  user?: string;
  sanitizedQuery: string;
}

export interface Tracer {
  /** Runs one invocation inside a trace context (a new segment outside Lambda, the facade in Lambda). */
  runInvocation<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` inside a subsegment named `name` (AWS SDK calls inside nest under it). */
  stage<T>(name: string, fn: (span: Span) => Promise<T>): Promise<T>;
  /** A downstream call (namespace `remote`) with SQL metadata. */
  remote<T>(name: string, sql: SqlInfo, fn: () => Promise<T>): Promise<T>;
  /** The current trace id (`1-xxxxxxxx-...`), when there is one. */
  traceId(): string | undefined;
  /**
   * Runs `fn` outside the current invocation's trace: work that outlives the response (the metrics send)
   * must not attach subsegments to a segment that is already closed (or, in Lambda, to the next
   * invocation's trace).
   */
  detached<T>(fn: () => T): T;
  /** Instruments an AWS SDK v3 client so its calls show on the service map. */
  captureClient<C extends { middlewareStack: { remove: unknown; use: unknown }; config: unknown }>(
    client: C,
  ): C;
}

const noopSpan: Span = { annotate: () => undefined, markClientError: () => undefined };

export const noopTracer: Tracer = {
  runInvocation: (fn) => fn(),
  stage: (_name, fn) => fn(noopSpan),
  remote: (_name, _sql, fn) => fn(),
  traceId: () => undefined,
  detached: (fn) => fn(),
  captureClient: (c) => c,
};

/** What goes into a trace for an error: its type and a redacted message; database errors by SQLSTATE only. */
export function sanitizeError(err: unknown): Error {
  const e = new Error();
  const info = errorInfo(err);
  if (info) {
    const isDb =
      typeof info.code === 'string' && /^[0-9A-Z]{5}$/.test(info.code) && 'severity' in (err as object);
    e.name = info.name;
    e.message = isDb ? `database error SQLSTATE ${info.code}` : redactString(info.message);
  } else {
    e.name = 'Error';
    e.message = redactString(String(err));
  }
  e.stack = `${e.name}: ${e.message}`;
  return e;
}

let sdkConfigured = false;

function configureSdk(logger?: Logger): void {
  if (sdkConfigured) return;
  sdkConfigured = true;
  // SDK diagnostics go through our redacting logger; its debug output (whole segments) is dropped.
  AWSXRay.setLogger({
    debug: () => undefined,
    info: () => undefined,
    warn: (message: string) => logger?.warn('xray sdk', { detail: String(message) }),
    error: (message: string) => logger?.warn('xray sdk error', { detail: String(message) }),
  });
  if (!process.env.AWS_XRAY_CONTEXT_MISSING) AWSXRay.setContextMissingStrategy('IGNORE_ERROR');
}

export interface XRayTracerOptions {
  serviceName: string;
  logger?: Logger;
}

export function createXRayTracer(options: XRayTracerOptions): Tracer {
  configureSdk(options.logger);
  const inLambda = Boolean(process.env.LAMBDA_TASK_ROOT);
  const ns = AWSXRay.getNamespace();

  const current = (): XSegment | undefined => {
    if (!ns.active) return undefined;
    if (!ns.get('segment')) return undefined;
    return AWSXRay.getSegment(); // in Lambda this also refreshes the facade's trace data
  };

  const runInContext = <T>(segment: XSegment, fn: () => Promise<T>): Promise<T> =>
    ns.runAndReturn(() => {
      AWSXRay.setSegment(segment);
      return (async () => fn())();
    });

  const close = (sub: AWSXRay.Subsegment, err?: unknown, remote = false): void => {
    try {
      if (err !== undefined) sub.addError(sanitizeError(err), remote);
      sub.close();
    } catch {
      // tracing must never fail a payment
    }
  };

  return {
    async runInvocation<T>(fn: () => Promise<T>): Promise<T> {
      if (inLambda) {
        if (ns.active) AWSXRay.getSegment(); // resolve this invocation's trace header onto the facade
        return fn();
      }
      const segment = new AWSXRay.Segment(options.serviceName);
      try {
        return await runInContext(segment, fn);
      } finally {
        segment.close();
      }
    },

    async stage<T>(name: string, fn: (span: Span) => Promise<T>): Promise<T> {
      const parent = current();
      if (!parent) return fn(noopSpan);
      const sub = parent.addNewSubsegment(name);
      const span: Span = {
        annotate: (key, value) => sub.addAnnotation(key, value),
        markClientError: () => sub.addErrorFlag(),
      };
      let result: T;
      try {
        result = await runInContext(sub, () => fn(span));
      } catch (err) {
        close(sub, err);
        throw err;
      }
      close(sub);
      return result;
    },

    async remote<T>(name: string, sql: SqlInfo, fn: () => Promise<T>): Promise<T> {
      const parent = current();
      if (!parent) return fn();
      const sub = parent.addNewSubsegment(name);
      sub.addAttribute('namespace', 'remote');
      sub.addSqlData({
        url: sql.url,
        database_type: sql.databaseType,
        driver_version: sql.driverVersion,
        ...(sql.user ? { user: sql.user } : {}),
        preparation: 'statement',
        sanitized_query: sql.sanitizedQuery,
      });
      let result: T;
      try {
        result = await fn();
      } catch (err) {
        close(sub, err, true);
        throw err;
      }
      close(sub);
      return result;
    },

    traceId(): string | undefined {
      const seg = current();
      const root = seg && 'segment' in seg && seg.segment ? seg.segment : seg;
      const id = (root as { trace_id?: string } | undefined)?.trace_id;
      if (id && !/^1-0{8}-0{24}$/.test(id)) return id;
      const header = process.env._X_AMZN_TRACE_ID;
      const m = header ? /Root=([^;]+)/.exec(header) : null;
      return m ? m[1] : undefined;
    },

    detached<T>(fn: () => T): T {
      if (!ns.active) return fn();
      return ns.runAndReturn(() => {
        ns.set('segment', undefined);
        return fn();
      });
    },

    captureClient(client) {
      return AWSXRay.captureAWSv3Client(client as never) as typeof client;
    },
  };
}
