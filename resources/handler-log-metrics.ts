import { Construct } from 'constructs';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import type { Naming } from './naming';

/**
 * Failing invocations of the payment handler, read from its own log group.
 *
 * Why a log metric filter: `AWS/Lambda` `Errors` counts only invocations that end in an unhandled error,
 * a timeout or a crash. The handler (lambda/app.ts) catches every failure and answers it with a 5xx
 * (500 internal, 502 processor, 503 database), so a broken payment path is a *successful* invocation to
 * Lambda and `Errors` stays at 0. What the handler does write, for every request it answers, is one JSON
 * summary line with the numeric `statusCode` it returned (`payment request failed` / `health check
 * failed` / `unhandled error`, lambda/app.ts), and, when its configuration cannot be loaded, one
 * `configuration error` line before answering 500 (lambda/handler.ts). The custom `PaymentFailures`
 * metric is not a substitute: it counts declined cards and invalid requests (4xx) too, and only for
 * POST /payments.
 *
 * So: FailedInvocations = lines with `statusCode >= 500` or the configuration-error line (value 1; 0 for
 * every other event of the group, so the metric has data whenever the function logs, START/END/REPORT
 * included). The alarm adds `Errors` (the invocations that never got to write that line) and divides by
 * `Invocations`. test/stack/handler-log-metrics.test.ts runs the real handler and checks that its lines
 * match (the contract between lambda/ and this filter).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export const HANDLER_FAILURE_FILTER = {
  id: 'failed-invocations',
  metricName: 'FailedInvocations',
  pattern: '{ $.statusCode >= 500 || $.message = "configuration error" }',
  value: '1',
  defaultValue: 0,
  unit: 'Count',
} as const;

export interface HandlerLogMetricsProps {
  readonly naming: Naming;
  /** The payment handler's log group. */
  readonly logGroupName: string;
  /** Namespace the filter publishes to (not the handler's own: its IAM condition pins that one). */
  readonly namespace: string;
}

export class HandlerLogMetrics extends Construct {
  readonly failedInvocations: CloudwatchLogMetricFilter;
  readonly namespace: string;
  readonly metricName: string;

  constructor(scope: Construct, id: string, props: HandlerLogMetricsProps) {
    super(scope, id);
    const f = HANDLER_FAILURE_FILTER;
    this.namespace = props.namespace;
    this.metricName = f.metricName;
    this.failedInvocations = new CloudwatchLogMetricFilter(this, f.id, {
      name: props.naming.name(`handler-${f.id}`),
      logGroupName: props.logGroupName,
      pattern: f.pattern,
      metricTransformation: {
        name: f.metricName,
        namespace: props.namespace,
        value: f.value,
        defaultValue: String(f.defaultValue),
        unit: f.unit,
      },
    });
  }
}
