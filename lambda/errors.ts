/**
 * Error inspection that does not rely on `instanceof Error`: errors raised by Node core (net, dns) can come
 * from another realm (e.g. a test sandbox) where `instanceof` is false, and a thrown value may be any type.
 */
import { types } from 'node:util';

export interface ErrorInfo {
  name: string;
  message: string;
  code?: string | number;
}

export function errorInfo(err: unknown): ErrorInfo | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const e = err as { name?: unknown; message?: unknown; code?: unknown };
  if (!types.isNativeError(err) && typeof e.message !== 'string') return undefined;
  const code = e.code;
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : '',
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
  };
}
