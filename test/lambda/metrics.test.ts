/**
 * Custom metrics through the real @aws-sdk/client-cloudwatch (3.1164: AWS JSON 1.0 protocol with
 * awsQueryCompatible, `X-Amz-Target: GraniteServiceVersion20100801.PutMetricData`, JSON body) sent to a
 * local endpoint, and the database secret through the real Secrets Manager client. The exported `handler`
 * is used as is, configured only by environment variables.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import type * as HandlerModule from '../../lambda/handler';
import { keyHash } from '../../lambda/payments';
import { fakeAwsEnv, healthEvent, lambdaContext, paymentEvent } from '../support/lambda-events';
import { startHttpStub, type HttpStub, type RecordedRequest } from '../support/http-stub';
import { startPostgres, type PostgresInstance } from '../support/postgres';
import { startXRayListener, type XRayListener } from '../support/udp-xray';

interface Datum {
  MetricName: string;
  Value: number;
  Unit: string;
  Timestamp: number;
  Dimensions?: Array<{ Name: string; Value: string }>;
}
interface PutMetricDataBody {
  Namespace: string;
  MetricData: Datum[];
}

let pg: PostgresInstance;
let cloudwatch: HttpStub;
let secrets: HttpStub;
let xray: XRayListener;
let lambda: typeof HandlerModule;
const stdout: string[] = [];
let writeSpy: jest.SpyInstance;

const putMetricData = (r: RecordedRequest): boolean =>
  r.headers['x-amz-target'] === 'GraniteServiceVersion20100801.PutMetricData';
const parse = (r: RecordedRequest): PutMetricDataBody => JSON.parse(r.body) as PutMetricDataBody;
const dims = (d: Datum): Record<string, string> =>
  Object.fromEntries((d.Dimensions ?? []).map((x) => [x.Name, x.Value]));
const named = (b: PutMetricDataBody, name: string): Datum[] =>
  b.MetricData.filter((d) => d.MetricName === name);

async function invoke(event = paymentEvent()): Promise<APIGatewayProxyResult> {
  return lambda.handler(event, lambdaContext());
}

/**
 * The batches delivered so far, one per invocation, oldest first. The handler answers before the metrics
 * are sent, and sends queued batches together, so a batch is recognised in the stream of datums (in the
 * order they were sent) rather than by its HTTP request: it starts at each PaymentCount (the first datum
 * of every POST /payments) or where the timestamp changes. The timestamp alone is not enough: two quick
 * invocations can share a millisecond. `shutdown()` (which drains the sends) comes first.
 */
async function delivered(): Promise<PutMetricDataBody[]> {
  await lambda.shutdown();
  const batches: Datum[][] = [];
  let namespace = '';
  for (const r of cloudwatch.requests.filter(putMetricData)) {
    const b = parse(r);
    namespace = b.Namespace;
    for (const d of b.MetricData) {
      const last = batches[batches.length - 1];
      if (!last || d.MetricName === 'PaymentCount' || last[0].Timestamp !== d.Timestamp) batches.push([d]);
      else last.push(d);
    }
  }
  return batches
    .sort((a, b) => a[0].Timestamp - b[0].Timestamp) // stable: same-millisecond batches keep their order
    .map((MetricData) => ({ Namespace: namespace, MetricData }));
}

beforeAll(async () => {
  pg = await startPostgres();
  cloudwatch = await startHttpStub(() => ({ status: 200, body: '{}' }));
  secrets = await startHttpStub(() => ({ status: 400, body: '{"__type":"ResourceNotFoundException"}' }));
  xray = await startXRayListener();
  Object.assign(
    process.env,
    pg.lambdaEnv,
    fakeAwsEnv({ cloudwatch: cloudwatch.url, secretsManager: secrets.url }),
    {
      METRICS_NAMESPACE: 'PaymentsTest',
      METRICS_TIMEOUT_MS: '400',
      AWS_XRAY_DAEMON_ADDRESS: xray.address,
    },
  );
  lambda = await import('../../lambda/handler');
  writeSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterAll(async () => {
  writeSpy?.mockRestore();
  await lambda?.shutdown();
  await Promise.allSettled([cloudwatch?.close(), secrets?.close(), xray?.close()]);
  await pg?.stop();
});

beforeEach(async () => {
  await lambda.shutdown(); // drains sends still in flight from the previous test
  cloudwatch.reset();
  cloudwatch.respondWith(() => ({ status: 200, body: '{}' }));
  stdout.length = 0;
});

describe('PutMetricData, one batch per invocation, sent after the answer', () => {
  it('sends one request for a captured payment, with names, units and low-cardinality dimensions', async () => {
    const res = await invoke(paymentEvent({ amount: 4321, currency: 'EUR' }));
    expect(res.statusCode).toBe(201);

    const [body, ...others] = await delivered();
    expect(others).toEqual([]);
    expect(cloudwatch.requests).toHaveLength(1);
    const [req] = cloudwatch.requests;
    expect(req.method).toBe('POST');
    expect(putMetricData(req)).toBe(true);
    expect(req.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/us-east-1\/monitoring\/aws4_request/,
    );
    expect(body.Namespace).toBe('PaymentsTest');

    expect(named(body, 'PaymentCount')).toEqual([expect.objectContaining({ Value: 1, Unit: 'Count' })]);
    expect(named(body, 'PaymentCount')[0].Dimensions).toBeUndefined();
    expect(named(body, 'PaymentFailures').map((d) => [d.Value, dims(d)])).toEqual([[0, {}]]);
    expect(named(body, 'PaymentAmount').map((d) => [d.Value, d.Unit, dims(d)])).toEqual([
      [4321, 'None', { Currency: 'EUR' }],
    ]);
    const stages = named(body, 'StageLatency');
    expect(stages.map((d) => dims(d).Stage)).toEqual([
      'validate',
      'reserve',
      'authorize',
      'capture',
      'persist',
    ]);
    for (const d of stages) {
      expect(d.Unit).toBe('Milliseconds');
      expect(d.Value).toBeGreaterThanOrEqual(0);
      expect(Object.keys(dims(d))).toEqual(['Stage']);
    }
    const dimensionNames = new Set(body.MetricData.flatMap((d) => (d.Dimensions ?? []).map((x) => x.Name)));
    expect([...dimensionNames].sort()).toEqual(['Currency', 'Stage']);
    // one timestamp per invocation, as epoch seconds
    expect(new Set(body.MetricData.map((d) => d.Timestamp)).size).toBe(1);
  });

  it('counts a decline as a failure with its Reason, without an amount', async () => {
    const res = await invoke(paymentEvent({ paymentMethodToken: 'tok_decline_metrics' }));
    expect(res.statusCode).toBe(402);
    const [body, ...others] = await delivered();
    expect(others).toEqual([]);
    expect(named(body, 'PaymentFailures').map((d) => [d.Value, dims(d)])).toEqual([
      [1, {}],
      [1, { Reason: 'card_declined' }],
    ]);
    expect(named(body, 'PaymentAmount')).toEqual([]);
    expect(named(body, 'StageLatency').map((d) => dims(d).Stage)).toEqual([
      'validate',
      'reserve',
      'authorize',
      'persist',
    ]);
  });

  it('records a rejected request (Reason invalid_request) and a replay (IdempotentReplays, no second amount)', async () => {
    expect((await invoke(paymentEvent({ currency: 'usd' }))).statusCode).toBe(400);
    const event = paymentEvent({ amount: 10 }, 'metrics-replay-0001');
    expect((await invoke(event)).statusCode).toBe(201);
    expect((await invoke(event)).statusCode).toBe(201);

    const batches = await delivered();
    expect(batches).toHaveLength(3);
    const [rejected, , replay] = batches;
    expect(named(rejected, 'PaymentFailures').map(dims)).toEqual([{}, { Reason: 'invalid_request' }]);
    expect(named(rejected, 'StageLatency').map((d) => dims(d).Stage)).toEqual(['validate']);
    expect(named(replay, 'IdempotentReplays').map((d) => d.Value)).toEqual([1]);
    expect(named(replay, 'PaymentAmount')).toEqual([]);
    expect(named(replay, 'PaymentFailures').map((d) => d.Value)).toEqual([0]);
  });

  it('sends nothing for GET /health', async () => {
    expect((await invoke(healthEvent())).statusCode).toBe(200);
    expect(await delivered()).toEqual([]);
    expect(cloudwatch.requests).toHaveLength(0);
  });

  it('keeps the payment successful when the metrics endpoint answers 500, and logs the failure without payload', async () => {
    cloudwatch.respondWith(() => ({
      status: 500,
      headers: { 'x-amzn-query-error': 'InternalServiceError;Receiver' },
      body: '{"__type":"InternalServiceFault","message":"boom"}',
    }));
    const key = 'metrics-500-0001';
    const res = await invoke(paymentEvent({ amount: 777 }, key));
    expect(res.statusCode).toBe(201);
    const logged = (): boolean => stdout.join('').includes('"metrics publish failed"');
    for (let i = 0; i < 200 && !logged(); i++) await new Promise((r) => setTimeout(r, 20));
    const rows = await pg.query<{ status: string }>('SELECT status FROM payments WHERE key_hash = $1', [
      keyHash(key),
    ]);
    expect(rows).toEqual([{ status: 'captured' }]);
    // the SDK may retry once (maxAttempts 2), never more
    expect(cloudwatch.requests.length).toBeGreaterThanOrEqual(1);
    expect(cloudwatch.requests.length).toBeLessThanOrEqual(2);
    const lines = stdout
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const warn = lines.find((l) => l.message === 'metrics publish failed');
    expect(warn).toMatchObject({ level: 'warn', namespace: 'PaymentsTest' });
    expect(JSON.stringify(warn)).not.toContain('MetricData');
    expect(lines.find((l) => l.message === 'payment request completed')).toMatchObject({ statusCode: 201 });
    // the failed batch is kept and goes out with the next one
    cloudwatch.respondWith(() => ({ status: 200, body: '{}' }));
    cloudwatch.reset();
    expect((await invoke(paymentEvent({ amount: 779 }))).statusCode).toBe(201);
    const amounts = (await delivered()).flatMap((b) => named(b, 'PaymentAmount').map((d) => d.Value));
    expect(amounts).toEqual([777, 779]);
  });

  it('keeps the payment successful and fast when the metrics endpoint never answers', async () => {
    cloudwatch.respondWith(() => ({ status: 200, hang: true }));
    const started = Date.now();
    const res = await invoke(paymentEvent({ amount: 778 }));
    expect(res.statusCode).toBe(201);
    expect(Date.now() - started).toBeLessThan(5000); // METRICS_TIMEOUT_MS=400 (slack for a loaded machine)
  });
});

describe('database credentials from Secrets Manager', () => {
  it('reads the RDS secret once per cold start through the real client, and never logs the password', async () => {
    const password = 'Sup3r-Secret-Passw0rd!';
    secrets.reset();
    secrets.respondWith((r) =>
      r.headers['x-amz-target'] === 'secretsmanager.GetSecretValue'
        ? {
            status: 200,
            body: JSON.stringify({
              ARN: 'arn',
              Name: 'db',
              SecretString: JSON.stringify({ username: 'postgres', password, engine: 'postgres' }),
            }),
          }
        : { status: 400, body: '{"__type":"InvalidRequestException"}' },
    );
    const { createApp } = await import('../../lambda/app');
    const { loadConfig } = await import('../../lambda/config');
    const lines: string[] = [];
    const env: Record<string, string | undefined> = {
      ...pg.lambdaEnv,
      DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
    };
    delete env.DB_PASSWORD;
    const app = createApp({ config: loadConfig(env), logSink: (l) => lines.push(l) });
    try {
      for (let i = 0; i < 3; i++)
        expect((await app.handle(paymentEvent(), lambdaContext())).statusCode).toBe(201);
      expect((await app.handle(healthEvent(), lambdaContext())).statusCode).toBe(200);
    } finally {
      await app.close();
    }
    const gets = secrets.requests.filter(
      (r) => r.headers['x-amz-target'] === 'secretsmanager.GetSecretValue',
    );
    expect(gets).toHaveLength(1);
    expect(JSON.parse(gets[0].body)).toEqual({ SecretId: env.DB_SECRET_ARN });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(password);
  });
});
