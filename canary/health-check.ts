/**
 * The health check the canary runs, as a plain function usable outside the Synthetics runtime.
 *
 * Healthy means: HTTP 200, a JSON body whose `status` is "ok", all within `timeoutMs` (connect + headers +
 * body). Anything else is a failure with a machine-readable reason. It never throws.
 */
import * as http from 'node:http';
import * as https from 'node:https';

export type HealthFailure = 'timeout' | 'http_status' | 'invalid_body' | 'unhealthy_status' | 'network_error';

export interface HealthCheckResult {
  ok: boolean;
  url: string;
  status?: number;
  latencyMs: number;
  reason?: HealthFailure;
  detail?: string;
}

/** The subset of `fetch` the check needs (so tests, or runtimes without global fetch, can inject one). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

export interface HealthCheckOptions {
  timeoutMs: number;
  fetchImpl?: FetchLike;
  headers?: Record<string, string>;
}

const MAX_BODY_CHARS = 64 * 1024;

export async function checkHealth(url: string, options: HealthCheckOptions): Promise<HealthCheckResult> {
  const started = Date.now();
  const fetchImpl = options.fetchImpl ?? defaultFetch();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const done = (r: Omit<HealthCheckResult, 'url' | 'latencyMs'>): HealthCheckResult => ({
    url,
    latencyMs: Date.now() - started,
    ...r,
  });
  try {
    const res = await fetchImpl(url, {
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': 'payments-health-canary', ...options.headers },
      signal: controller.signal,
    });
    const text = await res.text();
    if (res.status !== 200) {
      return done({
        ok: false,
        status: res.status,
        reason: 'http_status',
        detail: `expected 200, got ${res.status}`,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text.slice(0, MAX_BODY_CHARS));
    } catch {
      return done({ ok: false, status: res.status, reason: 'invalid_body', detail: 'body is not JSON' });
    }
    const status = (body as { status?: unknown } | null)?.status;
    if (status !== 'ok') {
      return done({
        ok: false,
        status: res.status,
        reason: 'unhealthy_status',
        detail: `expected status "ok", got ${JSON.stringify(status ?? null).slice(0, 40)}`,
      });
    }
    return done({ ok: true, status: res.status });
  } catch (err) {
    if (controller.signal.aborted) {
      return done({
        ok: false,
        reason: 'timeout',
        detail: `no complete answer within ${options.timeoutMs} ms`,
      });
    }
    return done({ ok: false, reason: 'network_error', detail: errorMessage(err) });
  } finally {
    clearTimeout(timer);
  }
}

/** The message of any thrown value (Node core errors may come from another realm: no instanceof). */
function errorMessage(err: unknown): string {
  const m = (err as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : String(err);
}

function defaultFetch(): FetchLike {
  const globalFetch = (globalThis as { fetch?: FetchLike }).fetch;
  return typeof globalFetch === 'function' ? globalFetch : nodeFetch;
}

/** Minimal GET over node:http(s), for runtimes without global fetch. */
export const nodeFetch: FetchLike = (url, init) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    const req = lib.request(target, { method: init.method, headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY_CHARS * 4) chunks.push(c);
      });
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, text: async () => text });
      });
      res.on('error', reject);
    });
    const onAbort = (): void => {
      req.destroy(new Error('aborted'));
    };
    if (init.signal.aborted) onAbort();
    else init.signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', reject);
    req.end();
  });
