/**
 * Database credentials: from the RDS-managed Secrets Manager secret (JSON `{"username","password",...}`),
 * cached across warm invocations for `ttlMs`, or static ones for local tests (DB_USER / DB_PASSWORD).
 * Secret contents never appear in an error message or a log line; the password is registered with the
 * redactor so even an accidental echo is scrubbed.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { registerSecret } from './redact';

export interface DbCredentials {
  username: string;
  password: string;
}

export interface CredentialsProvider {
  get(): Promise<DbCredentials>;
  /** Forgets the cached value (e.g. after an authentication failure following a rotation). */
  invalidate(): void;
}

export class SecretError extends Error {
  override readonly name = 'SecretError';
}

export function staticCredentials(username: string, password: string): CredentialsProvider {
  registerSecret(password);
  return { get: async () => ({ username, password }), invalidate: () => undefined };
}

/** Parses the secret string; errors say what is missing, never what is there. */
export function parseSecret(secretString: string | undefined): DbCredentials {
  if (!secretString) throw new SecretError('the database secret has no SecretString');
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw new SecretError('the database secret is not valid JSON');
  }
  const obj = (parsed ?? {}) as Record<string, unknown>;
  if (typeof obj.username !== 'string' || obj.username === '') {
    throw new SecretError('the database secret has no "username" string');
  }
  if (typeof obj.password !== 'string' || obj.password === '') {
    throw new SecretError('the database secret has no "password" string');
  }
  return { username: obj.username, password: obj.password };
}

export interface SecretsManagerCredentialsOptions {
  client: Pick<SecretsManagerClient, 'send'>;
  secretArn: string;
  ttlMs: number;
  now?: () => number;
}

export function secretsManagerCredentials(options: SecretsManagerCredentialsOptions): CredentialsProvider {
  const now = options.now ?? Date.now;
  let cached: { value: Promise<DbCredentials>; expires: number } | undefined;
  return {
    get(): Promise<DbCredentials> {
      if (cached && now() < cached.expires) return cached.value;
      const value = options.client
        .send(new GetSecretValueCommand({ SecretId: options.secretArn }))
        .then((out) => {
          const creds = parseSecret(out.SecretString);
          registerSecret(creds.password);
          return creds;
        });
      cached = { value, expires: now() + options.ttlMs };
      value.catch(() => {
        if (cached?.value === value) cached = undefined; // do not cache failures
      });
      return value;
    },
    invalidate(): void {
      cached = undefined;
    },
  };
}
