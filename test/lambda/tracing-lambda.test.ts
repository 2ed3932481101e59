/**
 * Tracing in Lambda mode: LAMBDA_TASK_ROOT and _X_AMZN_TRACE_ID are set before the X-Ray SDK loads, so it
 * builds the immutable facade segment exactly as in AWS and streams each subsegment as it closes. The
 * exported `handler` runs unchanged; a local UDP listener plays the daemon.
 */
import type * as HandlerModule from '../../lambda/handler';
import { fakeAwsEnv, lambdaContext, paymentEvent } from '../support/lambda-events';
import { startHttpStub, type HttpStub } from '../support/http-stub';
import { startPostgres, type PostgresInstance } from '../support/postgres';
import { startXRayListener, type XRayListener } from '../support/udp-xray';

let pg: PostgresInstance;
let xray: XRayListener;
let cloudwatch: HttpStub;
let lambda: typeof HandlerModule;
let writeSpy: jest.SpyInstance;
const stdout: string[] = [];

const STAGES = ['validate', 'reserve', 'authorize', 'capture', 'persist'];

function traceHeader(n: number): { root: string; parent: string; header: string } {
  const root = `1-6a000000-${String(n).padStart(24, '0')}`;
  const parent = `${String(n).padStart(8, '0')}abcdef12`;
  return { root, parent, header: `Root=${root};Parent=${parent};Sampled=1` };
}

beforeAll(async () => {
  pg = await startPostgres();
  xray = await startXRayListener();
  cloudwatch = await startHttpStub(() => ({ status: 200, body: '{}' }));
  Object.assign(process.env, pg.lambdaEnv, fakeAwsEnv({ cloudwatch: cloudwatch.url }), {
    AWS_XRAY_DAEMON_ADDRESS: xray.address,
    LAMBDA_TASK_ROOT: '/var/task',
    AWS_LAMBDA_FUNCTION_NAME: 'payment-handler',
    _X_AMZN_TRACE_ID: traceHeader(1).header,
  });
  lambda = await import('../../lambda/handler');
  writeSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterAll(async () => {
  writeSpy?.mockRestore();
  await lambda?.shutdown();
  await Promise.allSettled([xray?.close(), cloudwatch?.close()]);
  await pg?.stop();
});

it('streams one closed, annotated subsegment per stage under the facade, with the invocation trace id', async () => {
  for (const n of [2, 3]) {
    const { root, parent, header } = traceHeader(n);
    process.env._X_AMZN_TRACE_ID = header;
    const res = await lambda.handler(
      paymentEvent({ currency: 'SEK', paymentMethodToken: 'tok_lambda_mode_1' }),
      lambdaContext(),
    );
    expect(res.statusCode).toBe(201);

    const docs = await xray.waitFor((all) =>
      STAGES.every((s) => all.some((d) => d.trace_id === root && d.name === s && d.parent_id === parent)),
    );
    const mine = xray.documents.filter((d) => d.trace_id === root);
    // The facade itself is never sent; everything is a streamed subsegment.
    expect(mine.every((d) => d.type === 'subsegment')).toBe(true);
    const stages = mine.filter((d) => STAGES.includes(d.name));
    expect(stages.map((d) => d.name).sort()).toEqual([...STAGES].sort());
    for (const s of stages) {
      expect(s.parent_id).toBe(parent);
      expect(s.in_progress).toBeUndefined();
      expect(s.end_time).toEqual(expect.any(Number));
      expect(s.annotations).toMatchObject({ stage: s.name, currency: 'SEK', outcome: expect.any(String) });
    }
    // Database calls stream as children of a stage.
    const stageIds = new Set(stages.map((s) => s.id));
    const db = docs.filter((d) => d.trace_id === root && d.name === 'aurora-postgresql');
    expect(db.length).toBeGreaterThan(0);
    expect(db.every((d) => stageIds.has(d.parent_id as string) && d.namespace === 'remote')).toBe(true);
    // The log line carries the same trace id.
    const line = stdout
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.message === 'payment request completed')
      .pop();
    expect(line?.traceId).toBe(root);
  }
  expect(xray.raw.join('\n')).not.toContain('tok_lambda_mode_1');
});
