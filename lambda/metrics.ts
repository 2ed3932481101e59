/**
 * Custom metrics, collected during one invocation and sent in ONE PutMetricData call at its end.
 *
 * | metric | unit | dimensions | when |
 * | --- | --- | --- | --- |
 * | PaymentCount | Count | (none) | every POST /payments (1) |
 * | PaymentFailures | Count | (none) | every POST /payments: 0 on success or replay, 1 otherwise |
 * | PaymentFailures | Count | Reason | 1 on failure; Reason is a fixed set ({@link FailureReason}) |
 * | PaymentAmount | None (minor units) | Currency | a new capture; Currency is allow-listed (validation.ts) |
 * | StageLatency | Milliseconds | Stage | each stage that ran (validate, reserve, authorize, capture, persist) |
 * | IdempotentReplays | Count | (none) | a retry answered from the stored first result |
 *
 * Every dimension value comes from a fixed set, so cardinality is bounded. A failed or slow call is logged
 * (no payload) and never fails the payment.
 */
import {
  PutMetricDataCommand,
  type CloudWatchClient,
  type MetricDatum,
  type PutMetricDataCommandInput,
  type StandardUnit,
} from '@aws-sdk/client-cloudwatch';
import { describeError, type Logger } from './logger';

export type FailureReason =
  | 'invalid_request'
  | 'card_data_rejected'
  | 'idempotency_conflict'
  | 'card_declined'
  | 'insufficient_funds'
  | 'capture_failed'
  | 'processor_error'
  | 'database_unavailable'
  | 'internal_error';

export const METRIC_NAMES = [
  'PaymentCount',
  'PaymentFailures',
  'PaymentAmount',
  'StageLatency',
  'IdempotentReplays',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export class InvocationMetrics {
  private readonly data: MetricDatum[] = [];

  constructor(private readonly timestamp: Date) {}

  private add(
    name: MetricName,
    value: number,
    unit: StandardUnit,
    dimensions: Record<string, string> = {},
  ): void {
    this.data.push({
      MetricName: name,
      Value: value,
      Unit: unit,
      Timestamp: this.timestamp,
      ...(Object.keys(dimensions).length > 0
        ? { Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) }
        : {}),
    });
  }

  paymentAttempt(): void {
    this.add('PaymentCount', 1, 'Count');
  }

  /** Records the attempt's result: `undefined` for success (publishes a 0 so failure-rate math has data). */
  paymentResult(failure: FailureReason | undefined): void {
    this.add('PaymentFailures', failure ? 1 : 0, 'Count');
    if (failure) this.add('PaymentFailures', 1, 'Count', { Reason: failure });
  }

  paymentAmount(currency: string, amountMinor: number): void {
    this.add('PaymentAmount', amountMinor, 'None', { Currency: currency });
  }

  stageLatency(stage: string, ms: number): void {
    this.add('StageLatency', Math.max(0, Math.round(ms * 1000) / 1000), 'Milliseconds', { Stage: stage });
  }

  replay(): void {
    this.add('IdempotentReplays', 1, 'Count');
  }

  get size(): number {
    return this.data.length;
  }

  toInput(namespace: string): PutMetricDataCommandInput {
    return { Namespace: namespace, MetricData: [...this.data] };
  }
}

export interface MetricsPublisher {
  /** Sends the batch; resolves true on success, false on failure (already logged). Never rejects. */
  publish(metrics: InvocationMetrics, logger: Logger): Promise<boolean>;
}

export interface CloudWatchPublisherOptions {
  client: Pick<CloudWatchClient, 'send'>;
  namespace: string;
  timeoutMs: number;
}

export function createCloudWatchPublisher(options: CloudWatchPublisherOptions): MetricsPublisher {
  return {
    async publish(metrics, logger) {
      if (metrics.size === 0) return true;
      try {
        await options.client.send(new PutMetricDataCommand(metrics.toInput(options.namespace)), {
          abortSignal: AbortSignal.timeout(options.timeoutMs),
        });
        return true;
      } catch (err) {
        logger.warn('metrics publish failed', {
          ...describeError(err),
          namespace: options.namespace,
          datums: metrics.size,
          httpStatus: (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode,
        });
        return false;
      }
    },
  };
}
