import { STAGES } from '../lambda/contract';
import { Construct } from 'constructs';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import type { MonitoredSystem } from './monitored-system';

/** Every graph aggregates over 5 minutes. */
export const DASHBOARD_PERIOD = 300;

/** The stages the payment Lambda times (`StageLatency`, dimension `Stage`; lambda/contract.ts STAGES), in order. */
export const PAYMENT_STAGES = STAGES;

export interface DashboardInput extends MonitoredSystem {
  readonly region: string;
  /** Alarms shown in the alarm-status widget. */
  readonly alarmArns: readonly string[];
}

type MetricLine = unknown[];
interface Widget {
  readonly type: 'metric' | 'alarm' | 'text';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

/**
 * The dashboard body (pure). Every metric widget sets `period: 300`, and `periodOverride: inherit` keeps
 * it when the viewer changes the time range. There is no body field for auto-refresh: it is a per-viewer
 * console setting (see `dashboardConsoleUrl`).
 */
export function dashboardBody(input: DashboardInput): string {
  const { region } = input;
  const api = ['ApiName', input.api.name, 'Stage', input.api.stage];
  const fn = ['FunctionName', input.functionName];
  const ns = input.metricsNamespace;
  const graph = (
    title: string,
    metrics: MetricLine[],
    pos: { x: number; y: number; w?: number; h?: number },
    extra: Record<string, unknown> = {},
  ): Widget => ({
    type: 'metric',
    x: pos.x,
    y: pos.y,
    width: pos.w ?? 8,
    height: pos.h ?? 6,
    properties: {
      title,
      region,
      view: 'timeSeries',
      stacked: false,
      period: DASHBOARD_PERIOD,
      metrics,
      ...extra,
    },
  });

  const widgets: Widget[] = [
    {
      type: 'text',
      x: 0,
      y: 0,
      width: 24,
      height: 2,
      properties: {
        markdown: `# Payments API (${input.api.name}/${input.api.stage})\nAPI Gateway -> Lambda \`${input.functionName}\` -> Aurora \`${input.clusterIdentifier}\`. Every graph: 5-minute periods. Auto-refresh is a per-viewer console setting (refresh menu, top right).`,
      },
    },
    graph(
      'API latency p50 / p95 / p99 (ms)',
      [
        ['AWS/ApiGateway', 'Latency', ...api, { stat: 'p50', label: 'p50' }],
        ['AWS/ApiGateway', 'Latency', ...api, { stat: 'p95', label: 'p95' }],
        ['AWS/ApiGateway', 'Latency', ...api, { stat: 'p99', label: 'p99' }],
      ],
      { x: 0, y: 2 },
    ),
    graph(
      'API requests and 5xx error rate',
      [
        ['AWS/ApiGateway', 'Count', ...api, { stat: 'Sum', id: 'requests', label: 'requests' }],
        ['AWS/ApiGateway', '5XXError', ...api, { stat: 'Sum', id: 'errors5xx', label: '5xx' }],
        ['AWS/ApiGateway', '4XXError', ...api, { stat: 'Sum', id: 'errors4xx', label: '4xx' }],
        [
          {
            expression: 'IF(requests > 0, 100 * errors5xx / requests, 0)',
            id: 'rate',
            label: '5xx rate (%)',
            yAxis: 'right',
          },
        ],
      ],
      { x: 8, y: 2 },
    ),
    graph(
      'Access-log latency p50 / p95 / p99 (ms)',
      [
        [input.accessLogNamespace, 'ApiLatency', { stat: 'p50', label: 'p50' }],
        [input.accessLogNamespace, 'ApiLatency', { stat: 'p95', label: 'p95' }],
        [input.accessLogNamespace, 'ApiLatency', { stat: 'p99', label: 'p99' }],
      ],
      { x: 16, y: 2 },
    ),
    graph(
      'Lambda invocations and failing invocations',
      [
        ['AWS/Lambda', 'Invocations', ...fn, { stat: 'Sum', id: 'invocations', label: 'invocations' }],
        [
          'AWS/Lambda',
          'Errors',
          ...fn,
          { stat: 'Sum', id: 'errors', label: 'unhandled errors, timeouts, crashes' },
        ],
        [
          input.handlerFailures.namespace,
          input.handlerFailures.metricName,
          { stat: 'Sum', id: 'answered5xx', label: 'answered 5xx' },
        ],
        [
          {
            expression: 'IF(invocations > 0, 100 * (answered5xx + errors) / invocations, 0)',
            id: 'rate',
            label: 'failing invocations (%)',
            yAxis: 'right',
          },
        ],
      ],
      { x: 0, y: 8 },
    ),
    graph(
      'Lambda duration (ms) and throttles',
      [
        ['AWS/Lambda', 'Duration', ...fn, { stat: 'p50', label: 'duration p50' }],
        ['AWS/Lambda', 'Duration', ...fn, { stat: 'p99', label: 'duration p99' }],
        ['AWS/Lambda', 'Throttles', ...fn, { stat: 'Sum', label: 'throttles', yAxis: 'right' }],
        [
          'AWS/Lambda',
          'ConcurrentExecutions',
          ...fn,
          { stat: 'Maximum', label: 'concurrency', yAxis: 'right' },
        ],
      ],
      { x: 8, y: 8 },
    ),
    graph(
      'Aurora connections and capacity',
      [
        [
          'AWS/RDS',
          'DatabaseConnections',
          'DBClusterIdentifier',
          input.clusterIdentifier,
          { stat: 'Maximum', label: 'connections' },
        ],
        [
          'AWS/RDS',
          'ServerlessDatabaseCapacity',
          'DBClusterIdentifier',
          input.clusterIdentifier,
          { stat: 'Average', label: 'ACU', yAxis: 'right' },
        ],
      ],
      { x: 16, y: 8 },
    ),
    graph(
      'Health canary success (%)',
      [
        [
          'CloudWatchSynthetics',
          'SuccessPercent',
          'CanaryName',
          input.canaryName,
          { stat: 'Average', label: 'success %' },
        ],
      ],
      { x: 0, y: 14 },
      { yAxis: { left: { min: 0, max: 100 } } },
    ),
    graph(
      'Payments: count, failures, failure rate',
      [
        [ns, 'PaymentCount', { stat: 'Sum', id: 'count', label: 'payments' }],
        [ns, 'PaymentFailures', { stat: 'Sum', id: 'failures', label: 'failures' }],
        [
          {
            expression: 'IF(count > 0, 100 * failures / count, 0)',
            id: 'rate',
            label: 'failure rate (%)',
            yAxis: 'right',
          },
        ],
      ],
      { x: 8, y: 14 },
    ),
    graph(
      'Payment amount by currency (minor units)',
      [
        [
          {
            expression: `SEARCH('{${ns},Currency} MetricName="PaymentAmount"', 'Sum', ${DASHBOARD_PERIOD})`,
            id: 'amounts',
            label: '',
          },
        ],
      ],
      { x: 16, y: 14 },
    ),
    graph(
      'Stage latency p99 (ms)',
      PAYMENT_STAGES.map((stage) => [ns, 'StageLatency', 'Stage', stage, { stat: 'p99', label: stage }]),
      { x: 0, y: 20, w: 16 },
    ),
    graph(
      'Error rate from the access log (metric filters)',
      [
        [input.accessLogNamespace, 'ApiRequests', { stat: 'Sum', id: 'requests', label: 'requests' }],
        [input.accessLogNamespace, 'Api5xxErrors', { stat: 'Sum', id: 'errors5xx', label: '5xx' }],
        [input.accessLogNamespace, 'Api4xxErrors', { stat: 'Sum', id: 'errors4xx', label: '4xx' }],
        [
          {
            expression: 'IF(requests > 0, 100 * errors5xx / requests, 0)',
            id: 'rate5xx',
            label: '5xx rate (%)',
            yAxis: 'right',
          },
        ],
        [
          {
            expression: 'IF(requests > 0, 100 * errors4xx / requests, 0)',
            id: 'rate4xx',
            label: '4xx rate (%)',
            yAxis: 'right',
          },
        ],
      ],
      { x: 0, y: 26, w: 12 },
    ),
    {
      type: 'alarm',
      x: 16,
      y: 20,
      width: 8,
      height: 6,
      properties: {
        title: 'Alarm status',
        alarms: [...input.alarmArns],
        sortBy: 'stateUpdatedTimestamp',
        states: [],
      },
    },
  ];

  return JSON.stringify({ start: '-PT6H', periodOverride: 'inherit', widgets });
}

/**
 * A console link that opens the dashboard. It does not (cannot) set auto-refresh: CloudWatch documents
 * no URL parameter or body field for it; each viewer picks it in the console's refresh menu.
 */
export function dashboardConsoleUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${name}`;
}

export interface PaymentsDashboardProps extends DashboardInput {
  readonly name: string;
}

export class PaymentsDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;
  readonly url: string;

  constructor(scope: Construct, id: string, props: PaymentsDashboardProps) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: props.name,
      dashboardBody: dashboardBody(props),
    });
    this.url = dashboardConsoleUrl(props.region, props.name);
  }
}
