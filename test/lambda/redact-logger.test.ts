import fc from 'fast-check';
import { createLogger, describeError } from '../../lambda/logger';
import { redact, redactString, registerSecret } from '../../lambda/redact';
import { fcParams } from '../support/fc';
import { formattedPan, leaksPan } from '../support/pan-arbitraries';

describe('redact', () => {
  it('replaces values under secret-looking keys, at any depth', () => {
    const out = redact({
      password: 'hunter2hunter2',
      headers: { Authorization: 'Bearer abc.def', 'x-api-key': 'k-123', cookie: 'sid=1' },
      db: { Password: 'x', dbPassword: 'y', secretString: 'z' },
      paymentMethodToken: 'tok_abc',
      cvv: '123',
      company: 'ACME', // "pan" inside a word is not a secret key
    });
    expect(out).toEqual({
      password: '[REDACTED]',
      headers: { Authorization: '[REDACTED]', 'x-api-key': '[REDACTED]', cookie: '[REDACTED]' },
      db: { Password: '[REDACTED]', dbPassword: '[REDACTED]', secretString: '[REDACTED]' },
      paymentMethodToken: '[REDACTED]',
      cvv: '[REDACTED]',
      company: 'ACME',
    });
  });

  it.each([
    ['card 4111 1111 1111 1111', 'card [REDACTED:PAN]'],
    ['using tok_visa_4242 now', 'using [REDACTED:TOKEN] now'],
    ['Authorization: Bearer eyJhbGciOi.x.y', 'Authorization: [REDACTED] [REDACTED]'],
    ['header Bearer eyJhbGciOi.x.y', 'header Bearer [REDACTED]'],
    ['password=hunter2&user=a', 'password=[REDACTED]&user=a'],
    ['{"api_key": "abcd"}', '{"api_key": "[REDACTED]"}'],
    ['postgres://app:s3cret@db:5432/payments', 'postgres://app:[REDACTED]@db:5432/payments'],
    ['key AKIAABCDEFGHIJKLMNOP', 'key [REDACTED]'],
  ])('scrubs %j', (input, expected) => {
    expect(redactString(input)).toBe(expected);
  });

  it('scrubs a registered secret value wherever it appears', () => {
    registerSecret('correct-horse-battery');
    expect(redactString('login failed for correct-horse-battery!')).toBe('login failed for [REDACTED]!');
  });

  it('turns errors into name + redacted message (no stack), handles cycles, numbers and dates', () => {
    const err = Object.assign(new Error('bad card 4111111111111111'), { code: 'E1' });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redact({ err, cyclic, n: 4111111111111111, small: 1050, d: new Date(0) })).toEqual({
      err: { name: 'Error', message: 'bad card [REDACTED:PAN]', code: 'E1' },
      cyclic: { a: 1, self: '[Circular]' },
      n: '[REDACTED:PAN]',
      small: 1050,
      d: '1970-01-01T00:00:00.000Z',
    });
  });

  it('keeps platform ids whose exact format is known, and redacts look-alikes elsewhere', () => {
    const traceId = '1-6a000000-000000004111111111111111';
    expect(redact({ traceId })).toEqual({ traceId });
    expect(redact({ note: traceId })).toEqual({ note: '1-6a[REDACTED:PAN]' }); // the digits run across the dash
    expect(redact({ traceId: 'x 4111111111111111' })).toEqual({ traceId: 'x [REDACTED:PAN]' });
  });

  it('never lets a PAN through, wherever it is put in a log entry', () => {
    const placements = fc.constantFrom('value', 'key', 'nested', 'array', 'error', 'number');
    fc.assert(
      fc.property(formattedPan, placements, fc.string(), (pan, where, noise) => {
        const text = `${noise}${pan.text}${noise}`;
        const entry =
          where === 'value'
            ? { note: text }
            : where === 'key'
              ? { [text]: 1 }
              : where === 'nested'
                ? { a: { b: { c: text } } }
                : where === 'array'
                  ? { list: [noise, text] }
                  : where === 'error'
                    ? { err: new Error(text) }
                    : { n: Number(pan.digits) };
        const line = JSON.stringify(redact(entry));
        if (where === 'number' && String(Number(pan.digits)) !== pan.digits) return; // beyond 2^53: not this PAN
        expect(leaksPan(line, pan)).toBe(false);
      }),
      fcParams(),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const once = redact(v);
        expect(redact(once)).toEqual(once);
      }),
      fcParams(),
    );
  });
});

describe('logger', () => {
  const fixed = (): Date => new Date('2026-01-02T03:04:05.000Z');

  it('writes one JSON object per line with timestamp, level, message, bindings and fields', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l), now: fixed }).child({
      requestId: 'r1',
      traceId: 't1',
    });
    log.info('payment request completed', {
      statusCode: 201,
      latencyMs: 12.5,
      stageTimings: { validate: 1 },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(JSON.parse(lines[0])).toEqual({
      timestamp: '2026-01-02T03:04:05.000Z',
      level: 'info',
      message: 'payment request completed',
      requestId: 'r1',
      traceId: 't1',
      statusCode: 201,
      latencyMs: 12.5,
      stageTimings: { validate: 1 },
    });
  });

  it('redacts every part of the line, including the message and bindings', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l) }).child({ authorization: 'Bearer x' });
    log.warn('saw 4111-1111-1111-1111 and tok_abcdef', {
      password: 'p',
      nested: { pan: '4111111111111111' },
    });
    const entry = JSON.parse(lines[0]);
    expect(entry.message).toBe('saw [REDACTED:PAN] and [REDACTED:TOKEN]');
    expect(entry.authorization).toBe('[REDACTED]');
    expect(entry.password).toBe('[REDACTED]');
    expect(entry.nested.pan).toBe('[REDACTED]');
  });

  it('filters by level, protects reserved keys, and survives a failing sink', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l), level: 'warn', now: fixed });
    log.debug('d');
    log.info('i');
    log.error('e', { level: 'info', message: 'spoof', timestamp: 'x' });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { timestamp: '2026-01-02T03:04:05.000Z', level: 'error', message: 'e' },
    ]);
    const broken = createLogger({
      sink: () => {
        throw new Error('disk full');
      },
    });
    expect(() => broken.error('still fine')).not.toThrow();
  });

  it('describes errors without stack traces', () => {
    const e = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(describeError(e)).toEqual({
      errorName: 'Error',
      errorCode: 'ECONNREFUSED',
      errorMessage: 'connect ECONNREFUSED 127.0.0.1:5432',
    });
    expect(describeError('boom')).toEqual({ errorName: 'string', errorMessage: 'boom' });
  });
});
