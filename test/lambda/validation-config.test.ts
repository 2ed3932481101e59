import { ConfigError, loadConfig } from '../../lambda/config';
import { CURRENCY_TABLE, formatMajor, maxMinor } from '../../lambda/money';
import {
  requestHash,
  tokenFingerprint,
  validatePaymentRequest,
  type HttpRequestLike,
} from '../../lambda/validation';

const KEY = 'idem-key-0001';
const req = (
  body: unknown,
  headers: Record<string, string> = { 'Idempotency-Key': KEY },
): HttpRequestLike => ({
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const valid = { amount: 1050, currency: 'USD', paymentMethodToken: 'tok_visa_4242' };

describe('validatePaymentRequest', () => {
  it('accepts a valid request and returns the typed payment', () => {
    expect(validatePaymentRequest(req({ ...valid, description: 'Order 42' }))).toEqual({
      ok: true,
      value: {
        idempotencyKey: KEY,
        amount: 1050,
        currency: 'USD',
        paymentMethodToken: 'tok_visa_4242',
        description: 'Order 42',
      },
    });
  });

  it('finds the idempotency key header whatever its case, and accepts a base64-encoded body', () => {
    const r = validatePaymentRequest({
      headers: { 'idempotency-key': KEY },
      body: Buffer.from(JSON.stringify(valid)).toString('base64'),
      isBase64Encoded: true,
    });
    expect(r.ok).toBe(true);
  });

  it.each<[string, unknown, Record<string, string> | undefined, number, string | undefined]>([
    ['no body', null, undefined, 400, 'body'],
    ['malformed JSON', '{"amount":', undefined, 400, 'body'],
    ['a JSON array', [valid], undefined, 400, 'body'],
    ['an unknown field', { ...valid, cardNumber: 'x' }, undefined, 400, 'cardNumber'],
    ['no idempotency key', valid, {}, 400, 'Idempotency-Key'],
    ['a short idempotency key', valid, { 'Idempotency-Key': 'short' }, 400, 'Idempotency-Key'],
    ['a missing amount', { currency: 'USD', paymentMethodToken: 'tok_visa_4242' }, undefined, 400, 'amount'],
    ['an amount as a string', { ...valid, amount: '1050' }, undefined, 400, 'amount'],
    ['a decimal amount', { ...valid, amount: 10.5 }, undefined, 400, 'amount'],
    ['a zero amount', { ...valid, amount: 0 }, undefined, 400, 'amount'],
    ['a negative amount', { ...valid, amount: -5 }, undefined, 400, 'amount'],
    ['an amount over the limit', { ...valid, amount: 100_000_001 }, undefined, 400, 'amount'],
    ['a lower-case currency', { ...valid, currency: 'usd' }, undefined, 400, 'currency'],
    ['a currency outside the list', { ...valid, currency: 'XXX' }, undefined, 400, 'currency'],
    [
      'a token without the tok_ prefix',
      { ...valid, paymentMethodToken: 'pm_123456' },
      undefined,
      400,
      'paymentMethodToken',
    ],
    [
      'a token with odd characters',
      { ...valid, paymentMethodToken: 'tok_ab cd' },
      undefined,
      400,
      'paymentMethodToken',
    ],
    ['a long description', { ...valid, description: 'x'.repeat(201) }, undefined, 400, 'description'],
    ['a body over 16 KiB', { ...valid, description: 'x'.repeat(17000) }, undefined, 413, 'body'],
  ])('rejects %s, naming the field', (_what, body, headers, status, field) => {
    const r = validatePaymentRequest(req(body === null ? '' : body, headers ?? { 'Idempotency-Key': KEY }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status).toBe(status);
    expect(r.field).toBe(field);
    expect(r.message.length).toBeGreaterThan(10);
    if (field && field !== 'body') expect(r.message).toContain(field);
  });

  it('limits the amount per currency in major units, with the ISO 4217 exponent in the example', () => {
    // USD 1,000,000.00 is 100,000,000 cents; JPY has no minor unit: 150,000,000 yen is the JPY limit
    expect(validatePaymentRequest(req({ ...valid, amount: 100_000_000 })).ok).toBe(true);
    expect(validatePaymentRequest(req({ ...valid, amount: 100_000_001 }))).toMatchObject({
      ok: false,
      field: 'amount',
    });
    expect(validatePaymentRequest(req({ ...valid, currency: 'JPY', amount: 150_000_000 })).ok).toBe(true);
    const yen = validatePaymentRequest(req({ ...valid, currency: 'JPY', amount: 150_000_001 }));
    expect(yen).toMatchObject({ ok: false, field: 'amount' });
    if (!yen.ok) expect(yen.message).toContain('e.g. 500 for 500 JPY');
    const decimal = validatePaymentRequest(req({ ...valid, currency: 'JPY', amount: 10.5 }));
    if (!decimal.ok) expect(decimal.message).toContain('500 for 500 JPY');
    const cents = validatePaymentRequest(req({ ...valid, currency: 'EUR', amount: '10.50' }));
    if (!cents.ok) expect(cents.message).toContain('1050 for 10.50 EUR');
    expect(decimal.ok || cents.ok).toBe(false);
  });

  it('rejects a non-JSON content type with 415', () => {
    const r = validatePaymentRequest({
      headers: { 'content-type': 'text/plain', 'Idempotency-Key': KEY },
      body: '{}',
    });
    expect(r).toMatchObject({ ok: false, status: 415, field: 'Content-Type' });
  });

  it.each([
    ['a PAN in the description', { ...valid, description: 'card 4111 1111 1111 1111' }, 'description'],
    ['a PAN as the token', { ...valid, paymentMethodToken: '4111111111111111' }, 'paymentMethodToken'],
    ['a PAN as the amount', { ...valid, amount: 4111111111111111 }, 'amount'],
    ['a PAN as a key', { ...valid, '4111111111111111': 'x' }, '(key)'],
    [
      'a PAN in an unknown nested field',
      { ...valid, card: { number: '4111-1111-1111-1111' } },
      'card.number',
    ],
  ])('rejects %s as card data, before any other check', (_what, body, field) => {
    expect(validatePaymentRequest(req(body))).toMatchObject({
      ok: false,
      status: 400,
      error: 'card_data_not_allowed',
      field,
    });
  });

  it('rejects a PAN hidden behind JSON unicode escapes, in malformed JSON, and in the idempotency key', () => {
    const escaped =
      '{"amount":1050,"currency":"USD","paymentMethodToken":"tok_visa_4242","description":"\\u0034111111111111111"}';
    expect(validatePaymentRequest(req(escaped))).toMatchObject({
      error: 'card_data_not_allowed',
      field: 'description',
    });
    expect(validatePaymentRequest(req('{"pan": 4111 1111 1111 1111'))).toMatchObject({
      error: 'card_data_not_allowed',
    });
    expect(validatePaymentRequest(req(valid, { 'Idempotency-Key': 'k-4111111111111111' }))).toMatchObject({
      error: 'card_data_not_allowed',
      field: 'Idempotency-Key',
    });
  });

  it('never quotes the rejected input in its message', () => {
    const r = validatePaymentRequest(req('{"x": "secret-ish-value"'));
    expect(JSON.stringify(r)).not.toContain('secret-ish-value');
  });
});

describe('money (ISO 4217)', () => {
  it('knows the minor units of every accepted currency: 0 for JPY, 2 for the others', () => {
    const exponents = Object.fromEntries(Object.entries(CURRENCY_TABLE).map(([c, i]) => [c, i.minorUnits]));
    expect(Object.entries(exponents).filter(([, e]) => e !== 2)).toEqual([['JPY', 0]]);
    expect(Object.keys(exponents)).toHaveLength(15);
  });
  it('formats minor units in major units and converts limits with the exponent', () => {
    expect([formatMajor('USD', 1050), formatMajor('USD', 5), formatMajor('JPY', 500)]).toEqual([
      '10.50',
      '0.05',
      '500',
    ]);
    expect([maxMinor('USD'), maxMinor('JPY')]).toEqual([100_000_000, 150_000_000]);
  });
});

describe('requestHash and tokenFingerprint', () => {
  const p = { idempotencyKey: 'k', amount: 1, currency: 'USD' as const, paymentMethodToken: 'tok_abcd' };
  it('depends on every payment field but not on the key', () => {
    const h = requestHash(p);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash({ ...p, idempotencyKey: 'other' })).toBe(h);
    for (const change of [
      { amount: 2 },
      { currency: 'EUR' as const },
      { paymentMethodToken: 'tok_abce' },
      { description: 'x' },
    ]) {
      expect(requestHash({ ...p, ...change })).not.toBe(h);
    }
  });
  it('fingerprints a token without containing it', () => {
    expect(tokenFingerprint('tok_abcd')).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenFingerprint('tok_abcd')).not.toContain('abcd');
  });
});

describe('loadConfig', () => {
  const base = { DB_HOST: 'db.internal', DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:db' };

  it('applies the documented defaults', () => {
    expect(loadConfig(base)).toEqual({
      serviceName: 'payment-api',
      metricsNamespace: 'Payments',
      metricsTimeoutMs: 1500,
      logLevel: 'info',
      healthTimeoutMs: 2000,
      secretTtlMs: 900000,
      allowMissingApiKeyId: false,
      abandonAfterMs: 3600000,
      payments: {
        processorTimeoutMs: 8000,
        recordReserveMs: 1500,
        invocationBudgetMs: 10000,
        inProgressWaitMs: 3000,
      },
      db: {
        host: 'db.internal',
        port: 5432,
        database: 'payments',
        secretArn: base.DB_SECRET_ARN,
        user: undefined,
        password: undefined,
        sslMode: 'verify-full',
        poolMax: 2,
        connectTimeoutMs: 3000,
        statementTimeoutMs: 5000,
        idleInTransactionTimeoutMs: 5000,
        migrate: true,
      },
    });
  });

  it('reads overrides', () => {
    const c = loadConfig({
      ...base,
      METRICS_NAMESPACE: 'Pay/Prod',
      DB_PORT: '6543',
      LOG_LEVEL: 'DEBUG',
      DB_SSLMODE: 'disable',
      DB_MIGRATE: 'false',
    });
    expect([c.metricsNamespace, c.db.port, c.logLevel, c.db.sslMode, c.db.migrate]).toEqual([
      'Pay/Prod',
      6543,
      'debug',
      'disable',
      false,
    ]);
  });

  it('names every invalid variable, never its value', () => {
    let caught: unknown;
    try {
      loadConfig({
        DB_PORT: 'abc',
        DB_SSLMODE: 'prefer',
        METRICS_NAMESPACE: 'AWS/Lambda',
        DB_POOL_MAX: '0',
        DB_MIGRATE: 'yes',
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join(' | ');
    for (const name of [
      'DB_HOST',
      'DB_SECRET_ARN',
      'DB_PORT',
      'DB_SSLMODE',
      'METRICS_NAMESPACE',
      'DB_POOL_MAX',
      'DB_MIGRATE',
    ]) {
      expect(problems).toContain(name);
    }
    expect(problems).not.toContain('abc');
  });
});
