import { Construct } from 'constructs';
import { CloudwatchContributorInsightRule } from '@cdktf/provider-aws/lib/cloudwatch-contributor-insight-rule';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import type { AccessLogMetricFilter } from './access-log-format';
import { ACCESS_LOG_METRIC_FILTERS } from './access-log-format';
import type { Naming } from './naming';

export interface AccessLogMetricsProps {
  readonly naming: Naming;
  /** The API access log group (JSON lines of `accessLogFormat()`). */
  readonly logGroupName: string;
  /** Namespace the filters publish to. */
  readonly namespace: string;
  /** @default ACCESS_LOG_METRIC_FILTERS */
  readonly filters?: readonly AccessLogMetricFilter[];
}

/**
 * Metrics read from the API access log: latency (`$.responseLatency`, for p50/p95/p99 statistics),
 * server errors (`$.status >= 500`), client errors and request count. No dimensions: every dimension
 * value would be a separate metric, and the only fields here with many values (IP, key) are for
 * Contributor Insights, not metrics.
 */
export class AccessLogMetrics extends Construct {
  readonly filters: CloudwatchLogMetricFilter[];

  constructor(scope: Construct, id: string, props: AccessLogMetricsProps) {
    super(scope, id);
    this.filters = (props.filters ?? ACCESS_LOG_METRIC_FILTERS).map(
      (f) =>
        new CloudwatchLogMetricFilter(this, f.id, {
          name: props.naming.name(`access-${f.id}`),
          logGroupName: props.logGroupName,
          pattern: f.pattern,
          metricTransformation: {
            name: f.metricName,
            namespace: props.namespace,
            value: f.value,
            unit: f.unit,
            ...(f.defaultValue !== undefined ? { defaultValue: String(f.defaultValue) } : {}),
          },
        }),
    );
  }
}

export interface TopCallersInsightProps {
  readonly naming: Naming;
  readonly logGroupName: string;
}

/** The Contributor Insights rule body: top (source IP, API key) pairs by request count. */
export function topCallersRule(logGroupName: string): string {
  return JSON.stringify({
    Schema: { Name: 'CloudWatchLogRule', Version: 1 },
    LogGroupNames: [logGroupName],
    LogFormat: 'JSON',
    Contribution: { Keys: ['$.sourceIp', '$.apiKeyId'], Filters: [] },
    AggregateOn: 'Count',
  });
}

/** Contributor Insights on the access log: who calls the payments API most (source IP and API key). */
export class TopCallersInsight extends Construct {
  readonly rule: CloudwatchContributorInsightRule;

  constructor(scope: Construct, id: string, props: TopCallersInsightProps) {
    super(scope, id);
    this.rule = new CloudwatchContributorInsightRule(this, 'rule', {
      ruleName: props.naming.name('api-top-callers', 'insightRule'),
      ruleState: 'ENABLED',
      ruleDefinition: topCallersRule(props.logGroupName),
    });
  }
}
