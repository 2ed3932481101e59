/**
 * A traffic model of the payments API, period by period, and what AWS counts from it in each metric the
 * alarms read. The stack's names (API, stage, function, canary, cluster, queue, stream) and its metric
 * filters (patterns, values, defaults, namespaces, the log groups they read) all come from cdk.tf.json:
 * an alarm that reads a metric under another name or dimension than the stack publishes is refused.
 *
 * What each source counts (per 5-minute period):
 * - AWS/ApiGateway (ApiName, Stage): Count = every request, the ones API Gateway itself rejects (no key,
 *   body schema, throttling: 4xx) included; 5XXError / 4XXError = requests answered 5xx / 4xx; Latency =
 *   the response latency of each request. No request, no datapoint.
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html
 * - AWS/Lambda (FunctionName): Invocations = requests that reached the function; Errors = invocations
 *   that ended in an unhandled error, a timeout or a crash (for those, API Gateway answers 502). A
 *   failure the handler catches and answers with a 5xx is a successful invocation: Errors does not count
 *   it. No invocation, no datapoint.
 *   https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 * - Metric filters: every log event of the filtered group publishes the transformation value when it
 *   matches the pattern, else the default value when one is set; the period's Sum adds them. The access
 *   log has one line per request (the stage's format from cdk.tf.json, rendered); the handler's group has
 *   START / END / REPORT lines per invocation, plus the handler's JSON summary line with the status it
 *   answered (the contract pinned by test/stack/handler-log-metrics.test.ts), or the runtime's timeout
 *   line for an unhandled failure. No event, no datapoint.
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringPolicyExamples.html
 * - CloudWatchSynthetics SuccessPercent (CanaryName): one run per period (rate 5 minutes): 100 when
 *   GET /health answered 200, 0 otherwise; a canary that does not run publishes nothing. Its request is
 *   part of the API and Lambda traffic (a failing /health is a handled 503).
 * - AWS/RDS DatabaseConnections (DBClusterIdentifier): the given maximum; AWS/SQS and AWS/Firehose: a
 *   healthy audit DLQ (0 messages) and healthy archive delivery (success 1), so those alarms evaluate
 *   too. Lambda throttling is not modelled.
 */
import { renderAccessLogLine } from '../../../resources/access-log-format';
import { matches, metricValue } from '../../stack/filter-pattern';
import { SimRefusal, type Series } from './metric-math';
import type { MetricRef, MetricSource } from './alarms';

export interface PeriodTraffic {
  /** Client requests the handler answered 2xx. */
  readonly ok: number;
  /** Client requests the handler answered 4xx (validation, decline, idempotency conflict). */
  readonly handler4xx: number;
  /** Client requests API Gateway rejected itself (no key, body schema, throttling): never invoke. */
  readonly gateway4xx: number;
  /** Client requests whose failure the handler caught and answered 5xx (500, 502, 503). */
  readonly handled5xx: number;
  /** Client requests whose invocation timed out or crashed (Lambda Errors; API Gateway answers 502). */
  readonly unhandled: number;
  /** The canary's run: /health answered 200, answered 503 (database down), or no run at all. */
  readonly canary: 'ok' | 'failing' | 'not-run';
  /** Response latency of every request in the period. @default 120 */
  readonly latencyMs?: number;
  /** DatabaseConnections (Maximum) in the period. @default 12 */
  readonly dbConnections?: number;
}

/** Totals AWS sees for one period (for the test's own arithmetic). */
export function totals(p: PeriodTraffic): {
  requests: number;
  invocations: number;
  api5xx: number;
  failingInvocations: number;
} {
  const canaryRequest = p.canary === 'not-run' ? 0 : 1;
  const canaryFails = p.canary === 'failing' ? 1 : 0;
  const requests = p.ok + p.handler4xx + p.gateway4xx + p.handled5xx + p.unhandled + canaryRequest;
  const invocations = requests - p.gateway4xx;
  const api5xx = p.handled5xx + p.unhandled + canaryFails;
  return { requests, invocations, api5xx, failingInvocations: api5xx };
}

type Json = Record<string, unknown>;
type Resources = Record<string, Record<string, Json>>;

const one = (json: { resource: Resources }, type: string): Json => {
  const all = Object.values(json.resource[type] ?? {});
  if (all.length !== 1)
    throw new SimRefusal(`the traffic model expects one ${type}, the stack has ${all.length}`);
  return all[0];
};
const block = (v: unknown): Json => (Array.isArray(v) ? (v[0] as Json) : (v as Json));

/** A group name from a `${aws_cloudwatch_log_group.X.name|arn}` reference. */
function groupName(json: { resource: Resources }, reference: unknown): string {
  const m = /^\$\{aws_cloudwatch_log_group\.([^.]+)\.(name|arn)\}$/.exec(String(reference));
  if (!m) throw new SimRefusal(`not a log group reference: ${String(reference)}`);
  return String(json.resource['aws_cloudwatch_log_group'][m[1]]['name']);
}

/** A multiset of log lines for one period: line -> count. */
type Lines = Map<string, number>;
const add = (lines: Lines, line: string, n: number) => {
  if (n > 0) lines.set(line, (lines.get(line) ?? 0) + n);
};

export function trafficSource(
  json: { resource: Resources },
  periods: readonly PeriodTraffic[],
): MetricSource {
  const api = one(json, 'aws_api_gateway_rest_api');
  const stage = one(json, 'aws_api_gateway_stage');
  const fn = one(json, 'aws_lambda_function');
  const canary = one(json, 'aws_synthetics_canary');
  const cluster = one(json, 'aws_rds_cluster');
  const queue = one(json, 'aws_sqs_queue');
  const stream = one(json, 'aws_kinesis_firehose_delivery_stream');
  const apiDims = { ApiName: String(api['name']), Stage: String(stage['stage_name']) };
  const fnDims = { FunctionName: String(fn['function_name']) };
  const accessGroup = groupName(json, block(stage['access_log_settings'])['destination_arn']);
  const accessFormat = String(block(stage['access_log_settings'])['format']);
  const handlerGroup = groupName(json, block(fn['logging_config'])['log_group']);
  const fnTimeout = Number(fn['timeout']);

  const accessLine = (status: number, latency: number) =>
    renderAccessLogLine(accessFormat, {
      '$context.status': status,
      '$context.responseLatency': latency,
      '$context.requestTimeEpoch': 1764633600000,
      '$context.httpMethod': 'POST',
      '$context.resourcePath': '/payments',
    });
  const handlerLine = (status: number) =>
    JSON.stringify({
      timestamp: '2026-12-02T00:00:00.000Z',
      level: status >= 500 ? 'error' : 'info',
      message: status >= 500 ? 'payment request failed' : 'payment request completed',
      requestId: 'r',
      statusCode: status,
      latencyMs: 12.5,
    });

  /** Log events of each group, per period. */
  const logs = periods.map((p) => {
    const latency = p.latencyMs ?? 120;
    const access: Lines = new Map();
    const handler: Lines = new Map();
    const invocations = totals(p).invocations;
    add(access, accessLine(200, latency), p.ok + (p.canary === 'ok' ? 1 : 0));
    add(access, accessLine(400, latency), p.handler4xx);
    add(access, accessLine(403, latency), p.gateway4xx);
    add(access, accessLine(503, latency), p.handled5xx + (p.canary === 'failing' ? 1 : 0));
    add(access, accessLine(502, latency), p.unhandled);
    // Every invocation: START, END, REPORT (text, no JSON pattern matches them).
    add(handler, 'START RequestId: r Version: $LATEST', invocations);
    add(handler, 'END RequestId: r', invocations);
    add(handler, 'REPORT RequestId: r Duration: 12.50 ms Billed Duration: 13 ms', invocations);
    add(handler, handlerLine(200), p.ok + (p.canary === 'ok' ? 1 : 0));
    add(handler, handlerLine(400), p.handler4xx);
    add(handler, handlerLine(503), p.handled5xx + (p.canary === 'failing' ? 1 : 0));
    add(handler, `2026-12-02T00:00:00.000Z r Task timed out after ${fnTimeout}.00 seconds`, p.unhandled);
    return new Map([
      [accessGroup, access],
      [handlerGroup, handler],
    ]);
  });

  /** Every metric the stack's filters publish: namespace/name -> per-period published values. */
  const filterMetrics = new Map<string, Array<Map<number, number>>>();
  const matchCache = new Map<string, boolean>();
  for (const f of Object.values(json.resource['aws_cloudwatch_log_metric_filter'] ?? {})) {
    const group = groupName(json, f['log_group_name']);
    const t = block(f['metric_transformation']);
    const key = `${String(t['namespace'])}|${String(t['name'])}`;
    if (t['dimensions'] !== undefined)
      throw new SimRefusal(`metric filter ${key}: dimensions are not modelled`);
    const pattern = String(f['pattern']);
    const dflt = t['default_value'] === undefined ? undefined : Number(t['default_value']);
    const perPeriod = logs.map((byGroup) => {
      const published = new Map<number, number>(); // value -> count
      for (const [line, count] of byGroup.get(group) ?? new Map<string, number>()) {
        const ck = `${pattern}\u0000${line}`;
        let hit = matchCache.get(ck);
        if (hit === undefined) {
          hit = matches(pattern, line);
          matchCache.set(ck, hit);
        }
        const v = hit ? metricValue(String(t['value']), line) : dflt;
        if (v !== undefined) published.set(v, (published.get(v) ?? 0) + count);
      }
      return published;
    });
    if (filterMetrics.has(key)) throw new SimRefusal(`two metric filters publish ${key}`);
    filterMetrics.set(key, perPeriod);
  }

  const stat = (values: Map<number, number>, name: string): number | undefined => {
    const n = [...values.values()].reduce((a, b) => a + b, 0);
    if (n === 0) return undefined;
    const sorted = [...values.entries()].sort(([a], [b]) => a - b);
    switch (name) {
      case 'Sum':
        return sorted.reduce((s, [v, c]) => s + v * c, 0);
      case 'SampleCount':
        return n;
      case 'Average':
        return sorted.reduce((s, [v, c]) => s + v * c, 0) / n;
      case 'Maximum':
        return sorted[sorted.length - 1][0];
      case 'Minimum':
        return sorted[0][0];
      default: {
        const p = /^p(\d+(?:\.\d+)?)$/.exec(name);
        if (!p) throw new SimRefusal(`statistic ${name} is not modelled`);
        let rank = Math.ceil((Number(p[1]) / 100) * n);
        for (const [v, c] of sorted) {
          rank -= c;
          if (rank <= 0) return v;
        }
        return sorted[sorted.length - 1][0];
      }
    }
  };
  const counted = (f: (p: PeriodTraffic) => Map<number, number>) => (s: string) =>
    periods.map((p) => stat(f(p), s));
  const requestsOf = (p: PeriodTraffic) => totals(p).requests;
  const invocationsOf = (p: PeriodTraffic) => totals(p).invocations;
  /** A Sum/Count-like metric published only when `present` (as AWS does: no traffic, no datapoint). */
  const countMetric = (value: (p: PeriodTraffic) => number, present: (p: PeriodTraffic) => boolean) =>
    counted((p) => (present(p) ? new Map([[value(p), 1]]) : new Map()));

  type Producer = { dims: Record<string, string>; series: (stat: string) => Series };
  const producers = new Map<string, Producer>([
    ['AWS/ApiGateway|Count', { dims: apiDims, series: countMetric(requestsOf, (p) => requestsOf(p) > 0) }],
    [
      'AWS/ApiGateway|5XXError',
      {
        dims: apiDims,
        series: countMetric(
          (p) => totals(p).api5xx,
          (p) => requestsOf(p) > 0,
        ),
      },
    ],
    [
      'AWS/ApiGateway|4XXError',
      {
        dims: apiDims,
        series: countMetric(
          (p) => p.handler4xx + p.gateway4xx,
          (p) => requestsOf(p) > 0,
        ),
      },
    ],
    [
      'AWS/ApiGateway|Latency',
      {
        dims: apiDims,
        series: counted((p) =>
          requestsOf(p) > 0 ? new Map([[p.latencyMs ?? 120, requestsOf(p)]]) : new Map(),
        ),
      },
    ],
    [
      'AWS/Lambda|Invocations',
      { dims: fnDims, series: countMetric(invocationsOf, (p) => invocationsOf(p) > 0) },
    ],
    [
      'AWS/Lambda|Errors',
      {
        dims: fnDims,
        series: countMetric(
          (p) => p.unhandled,
          (p) => invocationsOf(p) > 0,
        ),
      },
    ],
    [
      'CloudWatchSynthetics|SuccessPercent',
      {
        dims: { CanaryName: String(canary['name']) },
        series: counted((p) =>
          p.canary === 'not-run' ? new Map() : new Map([[p.canary === 'ok' ? 100 : 0, 1]]),
        ),
      },
    ],
    [
      'AWS/RDS|DatabaseConnections',
      {
        dims: { DBClusterIdentifier: String(cluster['cluster_identifier']) },
        series: counted((p) => new Map([[p.dbConnections ?? 12, 1]])),
      },
    ],
    [
      'AWS/SQS|ApproximateNumberOfMessagesVisible',
      { dims: { QueueName: String(queue['name']) }, series: counted(() => new Map([[0, 1]])) },
    ],
    [
      'AWS/Firehose|DeliveryToS3.Success',
      { dims: { DeliveryStreamName: String(stream['name']) }, series: counted(() => new Map([[1, 1]])) },
    ],
  ]);
  for (const [key, perPeriod] of filterMetrics) {
    producers.set(key, { dims: {}, series: (s) => perPeriod.map((values) => stat(values, s)) });
  }

  return {
    periods: periods.length,
    periodSeconds: 300,
    series(q: MetricRef): Series {
      const key = `${q.namespace}|${q.metricName}`;
      const producer = producers.get(key);
      if (!producer) throw new SimRefusal(`the traffic model does not produce ${key}`);
      const want = JSON.stringify(Object.entries(q.dimensions).sort());
      const have = JSON.stringify(Object.entries(producer.dims).sort());
      if (want !== have) {
        throw new SimRefusal(
          `${key} is published with dimensions ${have}; the alarm reads ${want} (no datapoint would ever match)`,
        );
      }
      return producer.series(q.stat);
    },
  };
}
