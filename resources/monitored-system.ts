/** What the alarms and the dashboard watch: the names and metric namespaces of the payment system's parts. */
export interface MonitoredSystem {
  readonly api: { readonly name: string; readonly stage: string };
  readonly functionName: string;
  readonly clusterIdentifier: string;
  readonly canaryName: string;
  /** Namespace of the handler's PaymentCount, PaymentAmount, PaymentFailures, StageLatency. */
  readonly metricsNamespace: string;
  /** Namespace of the access-log metric filters (ApiLatency, Api5xxErrors, ApiRequests, ...). */
  readonly accessLogNamespace: string;
  /** The handler's failing-invocation metric (a log metric filter on its group; see handler-log-metrics.ts). */
  readonly handlerFailures: { readonly namespace: string; readonly metricName: string };
}
