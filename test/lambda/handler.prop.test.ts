/**
 * Properties of the whole handler on the real validation path, with a real PostgreSQL and the real X-Ray
 * SDK emitting to a local listener:
 * - arbitrary requests (random JSON, random strings, random headers, methods, paths, base64) never crash
 *   it and never get a 5xx; every 4xx has an error code and a helpful message (400s name the field);
 * - a Luhn-valid card number, written any usual way and put anywhere in the request, is rejected with 400
 *   and appears in no response, no log line and no trace document.
 */
import fc from 'fast-check';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as AppModule from '../../lambda/app';
import type * as ConfigModule from '../../lambda/config';
import { CURRENCIES } from '../../lambda/validation';
import { fcParams } from '../support/fc';
import { apiEvent, lambdaContext } from '../support/lambda-events';
import { makeApp, type TestApp } from '../support/payment-harness';
import { formattedPan, leaksPan, type FormattedPan } from '../support/pan-arbitraries';
import { startPostgres, type PostgresInstance } from '../support/postgres';
import { startXRayListener, type XRayListener } from '../support/udp-xray';

let pg: PostgresInstance;
let xray: XRayListener;
let t: TestApp;

beforeAll(async () => {
  pg = await startPostgres();
  xray = await startXRayListener();
  process.env.AWS_XRAY_DAEMON_ADDRESS = xray.address;
  const mods = {
    app: (await import('../../lambda/app')) as typeof AppModule,
    config: (await import('../../lambda/config')) as typeof ConfigModule,
  };
  t = makeApp(mods, pg.lambdaEnv);
  // warm up: migration, pool
  await t.app.handle(apiEvent({ method: 'GET', path: '/health' }), lambdaContext());
});

afterAll(async () => {
  await t?.app.close();
  await xray?.close();
  await pg?.stop();
});

// ---------------------------------------------------------------------------------------------------------
// generators

const headerName = fc.oneof(
  fc.constantFrom(
    'Idempotency-Key',
    'idempotency-key',
    'Content-Type',
    'content-type',
    'Authorization',
    'X-Forwarded-For',
  ),
  fc.string({ minLength: 1, maxLength: 20 }),
);
const headers = fc.dictionary(headerName, fc.string({ maxLength: 60 }), { maxKeys: 5 });

/** A valid payment body, then (usually) one field replaced, removed or added: reaches every stage. */
const tokenArb = fc.oneof(
  fc.constantFrom('tok_visa_4242', 'tok_decline_1', 'tok_capture_fail_1', 'tok_insufficient_funds_1'),
  fc.string({ unit: fc.constantFrom(...'abcXYZ019_'), minLength: 4, maxLength: 30 }).map((s) => `tok_${s}`),
);
const validBody = fc.record({
  amount: fc.integer({ min: 1, max: 100_000_000 }),
  currency: fc.constantFrom(...CURRENCIES),
  paymentMethodToken: tokenArb,
  description: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
});
const mutation = fc.option(
  fc.record({
    field: fc.constantFrom('amount', 'currency', 'paymentMethodToken', 'description', 'extra'),
    value: fc.oneof(fc.jsonValue(), fc.string(), fc.integer(), fc.double(), fc.bigInt().map(String)),
    remove: fc.boolean(),
  }),
  { freq: 2 },
);
const nearValidBody = fc.tuple(validBody, mutation).map(([b, m]) => {
  const out: Record<string, unknown> = { ...b };
  if (m) {
    if (m.remove) delete out[m.field];
    else out[m.field] = m.value;
  }
  return JSON.stringify(out);
});

const chaosBody = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
);

const chaosEvent: fc.Arbitrary<APIGatewayProxyEvent> = fc
  .record({
    method: fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'HEAD'),
    path: fc.constantFrom('/payments', '/payments/', '/health', '/unknown', ''),
    headers,
    key: fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 300 }))),
    contentType: fc.option(
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/vnd.api+json',
      ),
    ),
    body: fc.oneof(chaosBody, nearValidBody),
    base64: fc.boolean(),
  })
  .map((r) => {
    const h: Record<string, string> = { ...r.headers };
    if (r.key !== null) h['Idempotency-Key'] = r.key;
    if (r.contentType !== null) h['Content-Type'] = r.contentType;
    const encoded = r.body !== null && r.base64 ? Buffer.from(r.body).toString('base64') : r.body;
    return apiEvent({
      method: r.method,
      path: r.path,
      headers: h,
      body: encoded,
      isBase64Encoded: r.base64 && r.body !== null,
    });
  });

const paymentishEvent: fc.Arbitrary<APIGatewayProxyEvent> = fc
  .record({
    key: fc.oneof(
      { arbitrary: fc.uuid(), weight: 5 },
      { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
    ),
    body: nearValidBody,
    headers,
  })
  .map((r) =>
    apiEvent({
      method: 'POST',
      path: '/payments',
      headers: { ...r.headers, 'Content-Type': 'application/json', 'Idempotency-Key': r.key },
      body: r.body,
    }),
  );

const arbitraryEvent = fc.oneof(
  { arbitrary: paymentishEvent, weight: 2 },
  { arbitrary: chaosEvent, weight: 1 },
);

type Placement =
  | 'description'
  | 'unknownField'
  | 'key'
  | 'nested'
  | 'token'
  | 'currency'
  | 'amount'
  | 'escaped'
  | 'malformed'
  | 'idempotencyKey'
  | 'base64';

const placement = fc.constantFrom<Placement>(
  'description',
  'unknownField',
  'key',
  'nested',
  'token',
  'currency',
  'amount',
  'escaped',
  'malformed',
  'idempotencyKey',
  'base64',
);

const noise = fc.string({ unit: fc.constantFrom(...'abc XYZ:#/.'), maxLength: 12 });

function panEvent(pan: FormattedPan, where: Placement, before: string, after: string): APIGatewayProxyEvent {
  const text = `${before}${pan.text}${after}`;
  const base = { amount: 1050, currency: 'USD', paymentMethodToken: 'tok_visa_4242' };
  const headersFor = (key = `prop-${Math.random().toString(36).slice(2)}-key`): Record<string, string> => ({
    'Content-Type': 'application/json',
    'Idempotency-Key': key,
  });
  const json = (b: unknown): APIGatewayProxyEvent =>
    apiEvent({ headers: headersFor(), body: JSON.stringify(b) });
  switch (where) {
    case 'description':
      return json({ ...base, description: text });
    case 'unknownField':
      return json({ ...base, note: text });
    case 'key':
      return json({ ...base, [text]: 'x' });
    case 'nested':
      return json({ ...base, meta: { list: [1, { card: text }] } });
    case 'token':
      return json({ ...base, paymentMethodToken: `tok_${pan.text}` });
    case 'currency':
      return json({ ...base, currency: text });
    case 'amount':
      return apiEvent({
        headers: headersFor(),
        body: `{"amount":${pan.digits},"currency":"USD","paymentMethodToken":"tok_visa_4242"}`,
      });
    case 'escaped': {
      const escaped = [...text]
        .map((c) => (/\d/.test(c) ? `\\u00${c.charCodeAt(0).toString(16)}` : c))
        .join('');
      return apiEvent({
        headers: headersFor(),
        body: `{"amount":1050,"currency":"USD","paymentMethodToken":"tok_visa_4242","description":"${escaped.replace(/"/g, '')}"}`,
      });
    }
    case 'malformed':
      return apiEvent({ headers: headersFor(), body: `{"amount": 1050, "description": "${text}` });
    case 'idempotencyKey':
      return apiEvent({ headers: headersFor(`k-${pan.text}`), body: JSON.stringify(base) });
    case 'base64':
      return apiEvent({
        headers: headersFor(),
        body: Buffer.from(JSON.stringify({ ...base, description: text })).toString('base64'),
        isBase64Encoded: true,
      });
  }
}

// ---------------------------------------------------------------------------------------------------------

function expectWellFormed(status: number, rawBody: string): void {
  expect(status).toBeLessThan(500);
  const b = JSON.parse(rawBody) as Record<string, unknown>;
  expect(typeof b).toBe('object');
  if (status >= 400 && status !== 402) {
    expect(typeof b.error).toBe('string');
    expect(String(b.message).length).toBeGreaterThanOrEqual(10);
  }
  if (status === 400 && b.error === 'invalid_request') expect(typeof b.field).toBe('string');
}

describe('handler properties', () => {
  it('never crashes and never answers 5xx for arbitrary requests; 4xx answers explain themselves', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(arbitraryEvent, async (event) => {
        t.logs.reset();
        const res = await t.app.handle(event, lambdaContext());
        seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
        expectWellFormed(res.statusCode, res.body);
        const entries = t.logs.entries(); // every line is valid JSON
        expect(entries.some((e) => e.statusCode === res.statusCode)).toBe(true);
        expect(entries.every((e) => e.level !== 'error')).toBe(true);
      }),
      fcParams(),
    );
    // the generator reaches the database path, not only validation
    expect(seen.get(201) ?? 0).toBeGreaterThan(0);
    expect(seen.get(400) ?? 0).toBeGreaterThan(0);
  });

  it('rejects a card number anywhere in the request with 400, and it reaches no response, log line or trace', async () => {
    await fc.assert(
      fc.asyncProperty(formattedPan, placement, noise, noise, async (pan, where, before, after) => {
        t.logs.reset();
        xray.reset();
        const res = await t.app.handle(panEvent(pan, where, before, after), lambdaContext());
        expect(res.statusCode).toBe(400);
        expect(JSON.parse(res.body)).toMatchObject({ error: 'card_data_not_allowed' });
        expect(leaksPan(res.body, pan)).toBe(false);
        expect(t.logs.lines.length).toBeGreaterThan(0);
        for (const line of t.logs.lines) expect(leaksPan(line, pan)).toBe(false);
        await xray.waitFor((docs) => docs.some((d) => d.name === 'payment-api'));
        for (const datagram of xray.raw) expect(leaksPan(datagram, pan)).toBe(false);
      }),
      fcParams(),
    );
  });

  it('keeps a card number in any other header out of logs and traces (headers are never logged)', async () => {
    await fc.assert(
      fc.asyncProperty(formattedPan, fc.uuid(), async (pan, key) => {
        t.logs.reset();
        xray.reset();
        const event = apiEvent({
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, 'X-Card': pan.text },
          body: JSON.stringify({ amount: 100, currency: 'EUR', paymentMethodToken: 'tok_visa_4242' }),
        });
        const res = await t.app.handle(event, lambdaContext());
        expect(res.statusCode).toBeLessThan(500);
        for (const line of t.logs.lines) expect(leaksPan(line, pan)).toBe(false);
        await xray.waitFor((docs) => docs.some((d) => d.name === 'payment-api'));
        for (const datagram of xray.raw) expect(leaksPan(datagram, pan)).toBe(false);
      }),
      fcParams(),
    );
  });
});
