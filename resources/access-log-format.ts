/**
 * The API Gateway access-log format and the metric filters that read it, defined together so they
 * cannot drift: a filter may only reference a field this format emits, and the numeric filters only
 * numeric (unquoted) fields. Pure data and functions; no constructs.
 *
 * Numbers are emitted unquoted so metric-filter comparisons (`$.status >= 500`) and values
 * (`$.responseLatency`) work; fields that can be `-` (integration latency and status, which are absent
 * when no integration ran) are quoted so a line stays valid JSON.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
 */

export interface AccessLogField {
  /** JSON key in the log line. */
  readonly name: string;
  /** `$context` variable API Gateway substitutes. */
  readonly variable: string;
  /** Emit as a JSON string (`"..."`) or a bare number. */
  readonly quoted: boolean;
}

export const ACCESS_LOG_FIELDS: readonly AccessLogField[] = [
  { name: 'requestId', variable: '$context.requestId', quoted: true },
  { name: 'extendedRequestId', variable: '$context.extendedRequestId', quoted: true },
  { name: 'requestTime', variable: '$context.requestTime', quoted: true },
  { name: 'requestTimeEpoch', variable: '$context.requestTimeEpoch', quoted: false },
  { name: 'httpMethod', variable: '$context.httpMethod', quoted: true },
  { name: 'resourcePath', variable: '$context.resourcePath', quoted: true },
  { name: 'protocol', variable: '$context.protocol', quoted: true },
  { name: 'stage', variable: '$context.stage', quoted: true },
  { name: 'status', variable: '$context.status', quoted: false },
  { name: 'responseLength', variable: '$context.responseLength', quoted: true },
  { name: 'responseLatency', variable: '$context.responseLatency', quoted: false },
  { name: 'integrationLatency', variable: '$context.integration.latency', quoted: true },
  { name: 'integrationStatus', variable: '$context.integration.status', quoted: true },
  { name: 'sourceIp', variable: '$context.identity.sourceIp', quoted: true },
  { name: 'apiKeyId', variable: '$context.identity.apiKeyId', quoted: true },
  { name: 'caller', variable: '$context.identity.caller', quoted: true },
  { name: 'user', variable: '$context.identity.user', quoted: true },
  { name: 'errorMessage', variable: '$context.error.message', quoted: true },
  { name: 'xrayTraceId', variable: '$context.xrayTraceId', quoted: true },
];

/** The single-line JSON format string for `access_log_settings.format`. */
export function accessLogFormat(fields: readonly AccessLogField[] = ACCESS_LOG_FIELDS): string {
  const parts = fields.map((f) => `"${f.name}":${f.quoted ? `"${f.variable}"` : f.variable}`);
  return `{${parts.join(',')}}`;
}

/**
 * Render a log line the way API Gateway does: every `$context.*` variable replaced by its value
 * (missing values become `-`, as API Gateway writes them). For tests and documentation.
 */
export function renderAccessLogLine(
  format: string,
  values: Readonly<Record<string, string | number>>,
): string {
  return format.replace(/\$context\.[A-Za-z0-9_.]+[A-Za-z0-9_]/g, (variable) => {
    const v = values[variable];
    return v === undefined ? '-' : String(v);
  });
}

export interface AccessLogMetricFilter {
  /** Construct id and metric-filter name suffix. */
  readonly id: string;
  readonly metricName: string;
  /** CloudWatch Logs JSON filter pattern. */
  readonly pattern: string;
  /** A number, or `$.field` (a numeric field of the format). */
  readonly value: string;
  /** Published when a line does not match (only without dimensions). */
  readonly defaultValue?: number;
  readonly unit: 'Milliseconds' | 'Count';
  /** The access-log fields the pattern and value read. */
  readonly fields: readonly string[];
}

/**
 * Metric filters on the access log group. Percentiles (p50/p95/p99) are statistics on `ApiLatency`,
 * chosen where the metric is read (alarm, dashboard), not in the filter.
 */
export const ACCESS_LOG_METRIC_FILTERS: readonly AccessLogMetricFilter[] = [
  {
    id: 'latency',
    metricName: 'ApiLatency',
    pattern: '{ $.responseLatency >= 0 }',
    value: '$.responseLatency',
    unit: 'Milliseconds',
    fields: ['responseLatency'],
  },
  {
    id: 'server-errors',
    metricName: 'Api5xxErrors',
    pattern: '{ $.status >= 500 }',
    value: '1',
    defaultValue: 0,
    unit: 'Count',
    fields: ['status'],
  },
  {
    id: 'client-errors',
    metricName: 'Api4xxErrors',
    pattern: '{ $.status >= 400 && $.status < 500 }',
    value: '1',
    defaultValue: 0,
    unit: 'Count',
    fields: ['status'],
  },
  {
    id: 'requests',
    metricName: 'ApiRequests',
    pattern: '{ $.status >= 100 }',
    value: '1',
    unit: 'Count',
    fields: ['status'],
  },
];

/** Fields the format emits as bare numbers. */
export function numericFields(fields: readonly AccessLogField[] = ACCESS_LOG_FIELDS): string[] {
  return fields.filter((f) => !f.quoted).map((f) => f.name);
}
