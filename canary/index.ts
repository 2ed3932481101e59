/**
 * CloudWatch Synthetics canary entry point (`health-canary.handler` in the bundle, which lives at
 * `nodejs/node_modules/health-canary.js` in the zip as the Node.js runtimes require).
 *
 * Checks GET $HEALTH_URL: 200 + `{"status":"ok"}` within HEALTH_TIMEOUT_MS (default 5000), sending the
 * API key from HEALTH_API_KEY as `x-api-key` when set (the stage requires a key on /health). Runs as one
 * Synthetics step ("health") so the step's SuccessPercent and Duration metrics are published; a failed
 * check throws, which fails the canary run.
 *
 * The `Synthetics` and `SyntheticsLogger` modules exist only inside the AWS runtime: they are loaded lazily
 * inside the handler and replaced by console logging (and a plain call) when absent.
 */
import { checkHealth, type HealthCheckResult } from './health-check';

interface SyntheticsLike {
  executeStep<T>(name: string, fn: () => Promise<T>): Promise<T>;
  getConfiguration?: () => { setConfig?: (c: Record<string, unknown>) => void };
}

interface LogLike {
  info(message: string): void;
  error(message: string): void;
}

export interface CanaryRuntime {
  synthetics?: SyntheticsLike;
  log: LogLike;
}

type RequireFn = (id: string) => unknown;

/** Loads the Synthetics runtime modules if present; falls back to console otherwise. */
export function loadRuntime(requireFn: RequireFn = require): CanaryRuntime {
  let synthetics: SyntheticsLike | undefined;
  let log: LogLike = console;
  try {
    synthetics = requireFn('Synthetics') as SyntheticsLike;
  } catch {
    synthetics = undefined;
  }
  try {
    log = requireFn('SyntheticsLogger') as LogLike;
  } catch {
    log = console;
  }
  return { synthetics, log };
}

export interface CanaryOptions {
  env?: Readonly<Record<string, string | undefined>>;
  runtime?: CanaryRuntime;
}

export async function runCanary(options: CanaryOptions = {}): Promise<HealthCheckResult> {
  const env = options.env ?? process.env;
  const { synthetics, log } = options.runtime ?? loadRuntime();
  const url = env.HEALTH_URL;
  if (!url) throw new Error('HEALTH_URL is not set on the canary run_config');
  const timeoutMs = Number(env.HEALTH_TIMEOUT_MS ?? 5000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new Error('HEALTH_TIMEOUT_MS must be a positive number');

  // No browser page here: screenshots would only fail or waste time.
  synthetics?.getConfiguration?.()?.setConfig?.({
    screenshotOnStepStart: false,
    screenshotOnStepSuccess: false,
    screenshotOnStepFailure: false,
  });

  const step = async (): Promise<HealthCheckResult> => {
    const headers: Record<string, string> = env.HEALTH_API_KEY ? { 'x-api-key': env.HEALTH_API_KEY } : {};
    const result = await checkHealth(url, { timeoutMs, headers });
    const summary = JSON.stringify({ check: 'health', ...result });
    if (!result.ok) {
      log.error(summary);
      throw new Error(`health check failed: ${result.reason}${result.detail ? ` (${result.detail})` : ''}`);
    }
    log.info(summary);
    return result;
  };
  return synthetics ? synthetics.executeStep('health', step) : step();
}

export const handler = async (): Promise<HealthCheckResult> => runCanary();
