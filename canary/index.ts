/**
 * CloudWatch Synthetics canary entry point (`health-canary.handler`; the bundle is `health-canary.js` at
 * the zip root, the layout the Playwright runtimes take: "you don't need to save your scripts in a
 * specific folder structure", CloudWatch user guide, "Packaging your Node.js canary files for the
 * Playwright runtime").
 *
 * Checks GET $HEALTH_URL: 200 + `{"status":"ok"}` within HEALTH_TIMEOUT_MS (default 5000), sending the
 * API key as `x-api-key` (the stage requires a key on /health). The key is read at run time from the
 * Secrets Manager secret HEALTH_API_KEY_SECRET_ARN (KMS-encrypted with the stack's data key) with the
 * bundled AWS SDK v3, once per run; it is never in the canary's configuration, its environment or a log.
 * Runs as one Synthetics step ("health") so the step's SuccessPercent and Duration metrics are published;
 * a failed check throws, which fails the canary run.
 *
 * The Synthetics library exists only inside the AWS runtime: it is loaded lazily inside the handler
 * (`@aws/synthetics-playwright` from syn-nodejs-playwright-5.1, `@amzn/synthetics-playwright` before,
 * `Synthetics` on Puppeteer runtimes) and replaced by console logging and a plain call when absent.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
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

/** Library module names, newest first: Playwright (current and legacy namespace), then Puppeteer. */
export const SYNTHETICS_MODULES = ['@aws/synthetics-playwright', '@amzn/synthetics-playwright', 'Synthetics'];

function tryRequire(requireFn: RequireFn, id: string): unknown {
  try {
    return requireFn(id);
  } catch {
    return undefined;
  }
}

/** Loads the Synthetics runtime library if present; falls back to console otherwise. */
export function loadRuntime(requireFn: RequireFn = require): CanaryRuntime {
  let synthetics: SyntheticsLike | undefined;
  for (const id of SYNTHETICS_MODULES) {
    const mod = tryRequire(requireFn, id) as { synthetics?: SyntheticsLike } | SyntheticsLike | undefined;
    // The Playwright packages export `{ synthetics }`; the Puppeteer module is the object itself.
    const candidate = mod && 'synthetics' in mod && mod.synthetics ? mod.synthetics : (mod as SyntheticsLike);
    if (candidate && typeof candidate.executeStep === 'function') {
      synthetics = candidate;
      break;
    }
  }
  // Puppeteer runtimes route logs through SyntheticsLogger; Playwright runtimes capture the console.
  const logger = tryRequire(requireFn, 'SyntheticsLogger') as LogLike | undefined;
  return { synthetics, log: logger ?? console };
}

/** Where the run gets the API key: read once per run, however often it is asked. */
export interface ApiKeySource {
  get(): Promise<string>;
}

export class ApiKeyError extends Error {
  override readonly name = 'ApiKeyError';
}

/**
 * The API key from a Secrets Manager secret (SecretString), read with the AWS SDK v3 on first use and
 * kept for this source's lifetime (one run). Errors name the secret and the AWS error, never a value.
 */
export function secretApiKey(client: Pick<SecretsManagerClient, 'send'>, secretId: string): ApiKeySource {
  let value: Promise<string> | undefined;
  return {
    get: () =>
      (value ??= client.send(new GetSecretValueCommand({ SecretId: secretId })).then(
        (out) => {
          if (typeof out.SecretString !== 'string' || out.SecretString.length === 0) {
            throw new ApiKeyError(`the API key secret ${secretId} has no SecretString`);
          }
          return out.SecretString;
        },
        (err: unknown) => {
          const name = (err as { name?: unknown } | null)?.name;
          throw new ApiKeyError(
            `could not read the API key secret ${secretId}: ${typeof name === 'string' ? name : 'unknown error'}`,
          );
        },
      )),
  };
}

export interface CanaryOptions {
  env?: Readonly<Record<string, string | undefined>>;
  runtime?: CanaryRuntime;
  /** Secrets Manager client (default: a new SDK v3 client from the environment, region and credentials). */
  secretsClient?: Pick<SecretsManagerClient, 'send'>;
}

export async function runCanary(options: CanaryOptions = {}): Promise<HealthCheckResult> {
  const env = options.env ?? process.env;
  const { synthetics, log } = options.runtime ?? loadRuntime();
  const url = env.HEALTH_URL;
  if (!url) throw new Error('HEALTH_URL is not set on the canary run_config');
  const timeoutMs = Number(env.HEALTH_TIMEOUT_MS ?? 5000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new Error('HEALTH_TIMEOUT_MS must be a positive number');
  const secretId = env.HEALTH_API_KEY_SECRET_ARN;
  // A new source per run: the key is read once per run, so a rotated key is picked up by the next run.
  const apiKey = secretId
    ? secretApiKey(options.secretsClient ?? new SecretsManagerClient({ maxAttempts: 2 }), secretId)
    : undefined;

  // No browser page here: screenshots would only fail or waste time (Puppeteer runtimes).
  synthetics?.getConfiguration?.()?.setConfig?.({
    screenshotOnStepStart: false,
    screenshotOnStepSuccess: false,
    screenshotOnStepFailure: false,
  });

  const step = async (): Promise<HealthCheckResult> => {
    const headers: Record<string, string> = apiKey ? { 'x-api-key': await apiKey.get() } : {};
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
