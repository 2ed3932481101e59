import { Construct } from 'constructs';
import { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { MonitoredSystem } from './monitored-system';
import type { Naming } from './naming';

/**
 * Who gets what, so one incident pages once:
 * - page topic (on-call: email + SMS): only the composite `api-unhealthy` = ALARM(api 5xx rate) OR
 *   ALARM(api 5xx rate from the access log) OR ALARM(failing-invocation rate) OR ALARM(canary). A
 *   composite notifies on its own state change, so an outage that trips every child pages once; it
 *   re-pages only after it went back to OK.
 * - The two API legs measure the same thing through independent pipelines: API Gateway's own metrics,
 *   and the stage's access log through metric filters (`Api5xxErrors` / `ApiRequests`). Either one seeing
 *   more than 5% pages, so a delay or gap in one of them does not hide an outage.
 * - The failing-invocation leg counts what the handler answered with a 5xx (a log metric filter, see
 *   handler-log-metrics.ts) plus `AWS/Lambda` `Errors` (unhandled errors, timeouts, crashes), over
 *   `Invocations`: `Errors` alone almost never fires, because the handler catches its failures.
 * - ticket topic (email, business hours): every child alarm above (context for the responder, no
 *   page), plus p99 latency, database connections and the payment-volume anomaly: degradations that
 *   need a look, not a wake-up.
 */
export interface PaymentAlarmsProps extends MonitoredSystem {
  readonly naming: Naming;
  readonly pageTopicArn: string;
  readonly ticketTopicArn: string;
  /** @default 5 (% of requests answered 5xx) */
  readonly api5xxRatePercent?: number;
  /** @default 10 (% of invocations that failed: answered 5xx, or an unhandled error / timeout / crash) */
  readonly lambdaErrorRatePercent?: number;
  /** @default 2000 */
  readonly p99LatencyMs?: number;
  /** @default 90 (% of canary runs that passed) */
  readonly canarySuccessPercent?: number;
  readonly dbConnectionsThreshold: number;
  /** Requests per 5 minutes below which rates are not judged (one error in two calls is not 50%). @default 10 */
  readonly minRequestsForRate?: number;
}

const PERIOD = 300;

export class PaymentAlarms extends Construct {
  readonly apiErrorRate: CloudwatchMetricAlarm;
  readonly accessLogErrorRate: CloudwatchMetricAlarm;
  readonly lambdaErrorRate: CloudwatchMetricAlarm;
  readonly canary: CloudwatchMetricAlarm;
  readonly apiUnhealthy: CloudwatchCompositeAlarm;
  readonly p99Latency: CloudwatchMetricAlarm;
  readonly dbConnections: CloudwatchMetricAlarm;
  readonly paymentVolume: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: PaymentAlarmsProps) {
    super(scope, id);
    const { naming } = props;
    const ticket = [props.ticketTopicArn];
    const apiDims = { ApiName: props.api.name, Stage: props.api.stage };
    const minRequests = props.minRequestsForRate ?? 10;

    this.apiErrorRate = new CloudwatchMetricAlarm(this, 'api-5xx-rate', {
      alarmName: naming.name('api-5xx-rate', 'generic'),
      alarmDescription: `More than ${props.api5xxRatePercent ?? 5}% of payments API requests answered 5xx (2 of 3 periods of 5 min). Ticket; pages through api-unhealthy.`,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: props.api5xxRatePercent ?? 5,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: 'notBreaching',
      metricQuery: [
        metric('errors', 'AWS/ApiGateway', '5XXError', 'Sum', apiDims),
        metric('requests', 'AWS/ApiGateway', 'Count', 'Sum', apiDims),
        {
          id: 'rate',
          label: 'API 5xx rate (%)',
          expression: `IF(requests >= ${minRequests}, 100 * errors / requests, 0)`,
          returnData: true,
        },
      ],
      alarmActions: ticket,
      okActions: ticket,
    });

    const accessLogRate = props.api5xxRatePercent ?? 5;
    this.accessLogErrorRate = new CloudwatchMetricAlarm(this, 'api-5xx-rate-access-log', {
      alarmName: naming.name('api-5xx-rate-access-log', 'generic'),
      alarmDescription: `More than ${accessLogRate}% of payments API requests answered 5xx according to the stage's access log (metric filters; 2 of 3 periods of 5 min). Ticket; pages through api-unhealthy.`,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: accessLogRate,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: 'notBreaching',
      metricQuery: [
        metric('errors', props.accessLogNamespace, 'Api5xxErrors', 'Sum', {}),
        metric('requests', props.accessLogNamespace, 'ApiRequests', 'Sum', {}),
        {
          id: 'rate',
          label: 'API 5xx rate from the access log (%)',
          expression: `IF(requests >= ${minRequests}, 100 * errors / requests, 0)`,
          returnData: true,
        },
      ],
      alarmActions: ticket,
      okActions: ticket,
    });

    const fnDims = { FunctionName: props.functionName };
    this.lambdaErrorRate = new CloudwatchMetricAlarm(this, 'lambda-error-rate', {
      alarmName: naming.name('lambda-error-rate', 'generic'),
      alarmDescription: `More than ${props.lambdaErrorRatePercent ?? 10}% of payment handler invocations failed: answered 5xx (log metric filter) or ended in an unhandled error, timeout or crash (Errors), 2 of 3 periods of 5 min. Ticket; pages through api-unhealthy.`,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: props.lambdaErrorRatePercent ?? 10,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: 'notBreaching',
      metricQuery: [
        metric('answered5xx', props.handlerFailures.namespace, props.handlerFailures.metricName, 'Sum', {}),
        metric('errors', 'AWS/Lambda', 'Errors', 'Sum', fnDims),
        metric('invocations', 'AWS/Lambda', 'Invocations', 'Sum', fnDims),
        {
          // A missing input counts as 0 in metric math arithmetic, so a period with invocations but no
          // filter datapoint yet still yields a rate from Errors alone.
          id: 'rate',
          label: 'Failing invocations (%)',
          expression: `IF(invocations >= ${minRequests}, 100 * (answered5xx + errors) / invocations, 0)`,
          returnData: true,
        },
      ],
      alarmActions: ticket,
      okActions: ticket,
    });

    this.canary = new CloudwatchMetricAlarm(this, 'canary', {
      alarmName: naming.name('canary-health', 'generic'),
      alarmDescription: `Health canary ${props.canaryName} passed less than ${props.canarySuccessPercent ?? 90}% of runs for 10 minutes; no runs count as failing. Ticket; pages through api-unhealthy.`,
      namespace: 'CloudWatchSynthetics',
      metricName: 'SuccessPercent',
      dimensions: { CanaryName: props.canaryName },
      statistic: 'Average',
      period: PERIOD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      comparisonOperator: 'LessThanThreshold',
      threshold: props.canarySuccessPercent ?? 90,
      treatMissingData: 'breaching',
      alarmActions: ticket,
      okActions: ticket,
    });

    const page = [props.pageTopicArn];
    this.apiUnhealthy = new CloudwatchCompositeAlarm(this, 'api-unhealthy', {
      alarmName: naming.name('api-unhealthy', 'generic'),
      alarmDescription:
        'Payments API unhealthy: 5xx rate (API Gateway metrics or access log), failing-invocation rate or the health canary is in ALARM. The only alarm that pages on-call.',
      alarmRule: this.pagingChildren.map((a) => `ALARM("${a.alarmName}")`).join(' OR '),
      actionsEnabled: true,
      alarmActions: page,
      okActions: page,
    });

    this.p99Latency = new CloudwatchMetricAlarm(this, 'api-p99-latency', {
      alarmName: naming.name('api-p99-latency', 'generic'),
      alarmDescription: `Payments API p99 latency above ${props.p99LatencyMs ?? 2000} ms (3 of 3 periods of 5 min). Ticket.`,
      namespace: 'AWS/ApiGateway',
      metricName: 'Latency',
      dimensions: apiDims,
      extendedStatistic: 'p99',
      period: PERIOD,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: props.p99LatencyMs ?? 2000,
      treatMissingData: 'notBreaching',
      alarmActions: ticket,
      okActions: ticket,
    });

    this.dbConnections = new CloudwatchMetricAlarm(this, 'db-connections', {
      alarmName: naming.name('db-connections', 'generic'),
      alarmDescription: `Aurora cluster ${props.clusterIdentifier} holds more than ${props.dbConnectionsThreshold} connections (2 of 3 periods of 5 min). Ticket.`,
      namespace: 'AWS/RDS',
      metricName: 'DatabaseConnections',
      dimensions: { DBClusterIdentifier: props.clusterIdentifier },
      statistic: 'Maximum',
      period: PERIOD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: props.dbConnectionsThreshold,
      treatMissingData: 'notBreaching',
      alarmActions: ticket,
      okActions: ticket,
    });

    // Anomaly detection: the band is the threshold (threshold_metric_id), so no `threshold`; both the
    // metric and the band are returned, as CloudWatch requires for anomaly-detection alarms.
    this.paymentVolume = new CloudwatchMetricAlarm(this, 'payment-volume-anomaly', {
      alarmName: naming.name('payment-volume-anomaly', 'generic'),
      alarmDescription:
        'Payment volume (PaymentCount per 5 min) outside its expected band (2 standard deviations) for 15 minutes. Ticket.',
      comparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      thresholdMetricId: 'band',
      treatMissingData: 'notBreaching',
      metricQuery: [
        { ...metric('m1', props.metricsNamespace, 'PaymentCount', 'Sum', {}), returnData: true },
        {
          id: 'band',
          label: 'PaymentCount (expected)',
          expression: 'ANOMALY_DETECTION_BAND(m1, 2)',
          returnData: true,
        },
      ],
      alarmActions: ticket,
      okActions: ticket,
    });
  }

  /** The children of the paging composite. */
  get pagingChildren(): CloudwatchMetricAlarm[] {
    return [this.apiErrorRate, this.accessLogErrorRate, this.lambdaErrorRate, this.canary];
  }

  /** Every alarm, metric and composite. */
  get all(): Array<CloudwatchMetricAlarm | CloudwatchCompositeAlarm> {
    return [
      this.apiUnhealthy,
      this.apiErrorRate,
      this.accessLogErrorRate,
      this.lambdaErrorRate,
      this.canary,
      this.p99Latency,
      this.dbConnections,
      this.paymentVolume,
    ];
  }

  /** The alarms whose state changes are audited (EventBridge): the paging one and its children. */
  get critical(): Array<CloudwatchMetricAlarm | CloudwatchCompositeAlarm> {
    return [this.apiUnhealthy, ...this.pagingChildren];
  }
}

function metric(
  id: string,
  namespace: string,
  metricName: string,
  stat: string,
  dimensions: Record<string, string>,
) {
  return {
    id,
    returnData: false,
    metric: {
      namespace,
      metricName,
      stat,
      period: PERIOD,
      ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
    },
  };
}
