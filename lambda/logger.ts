/**
 * Structured JSON-lines logger. Every line is `redact()`ed as a whole (message, bindings and fields) before
 * it is serialised, so no caller can put a PAN, a token or a secret into CloudWatch Logs by mistake.
 *
 * Line shape (one JSON object per line, numbers unquoted so metric filters can compare them):
 *   {"timestamp":"2026-01-01T00:00:00.000Z","level":"info","message":"...","requestId":"...","traceId":"...",...}
 *
 * The default sink writes straight to stdout (not console.log) so that, with the function's default Text
 * log format, each CloudWatch event is exactly this JSON object with no runtime prefix.
 */
import { errorInfo } from './errors';
import { redact, redactString } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;
export type LogSink = (line: string) => void;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines also carry `bindings` (e.g. requestId, traceId). */
  child(bindings: LogFields): Logger;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const RESERVED = new Set(['timestamp', 'level', 'message']);

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const v = (value ?? '').toLowerCase();
  return v in LEVELS ? (v as LogLevel) : fallback;
}

export interface LoggerOptions {
  sink?: LogSink;
  level?: LogLevel;
  bindings?: LogFields;
  now?: () => Date;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const sink = options.sink ?? stdoutSink;
  const threshold = LEVELS[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const make = (bindings: LogFields): Logger => {
    const write = (level: LogLevel, message: string, fields?: LogFields): void => {
      if (LEVELS[level] < threshold) return;
      const entry: LogFields = { timestamp: now().toISOString(), level, message: redactString(message) };
      for (const source of [bindings, fields ?? {}]) {
        for (const [k, v] of Object.entries(source)) {
          if (!RESERVED.has(k) && v !== undefined) entry[k] = v;
        }
      }
      let line: string;
      try {
        line = JSON.stringify(redact(entry));
      } catch {
        line = JSON.stringify({ timestamp: entry.timestamp, level, message: 'unserialisable log entry' });
      }
      try {
        sink(line);
      } catch {
        // Logging must never break a payment.
      }
    };
    return {
      debug: (m, f) => write('debug', m, f),
      info: (m, f) => write('info', m, f),
      warn: (m, f) => write('warn', m, f),
      error: (m, f) => write('error', m, f),
      child: (extra) => make({ ...bindings, ...extra }),
    };
  };
  return make(options.bindings ?? {});
}

/** A short, log-safe description of an error: name, code and a redacted message, never a stack or SQL values. */
export function describeError(err: unknown): LogFields {
  const info = errorInfo(err);
  if (info) {
    return { errorName: info.name, errorCode: info.code, errorMessage: redactString(info.message) };
  }
  return { errorName: typeof err, errorMessage: redactString(String(err)) };
}
