/**
 * Custom metrics, collected during one invocation into one batch, and sent with PutMetricData after the
 * answer (see {@link createCloudWatchPublisher}: queued, never awaited by the handler).
 *
 * | metric | unit | dimensions | when |
 * | --- | --- | --- | --- |
 * | PaymentCount | Count | (none) | every POST /payments (1) |
 * | PaymentFailures | Count | (none) | every POST /payments: 0 on success or replay, 1 otherwise |
 * | PaymentFailures | Count | Reason | 1 on failure; Reason is a fixed set ({@link FailureReason}) |
 * | PaymentAmount | None (minor units) | Currency | a new capture; Currency is allow-listed (validation.ts) |
 * | StageLatency | Milliseconds | Stage | each stage that ran (validate, reserve, authorize, capture, void, persist) |
 * | IdempotentReplays | Count | (none) | a retry answered from the stored first result |
 *
 * Every dimension value comes from a fixed set, so cardinality is bounded. A failed or slow call is logged
 * (no payload), retried with the next batch, and never delays or fails the payment.
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
  /**
   * Hands the batch over and returns at once: the response never waits on CloudWatch. Never throws;
   * a failed send is logged (no payload) and retried with the next batch.
   */
  publish(metrics: InvocationMetrics, logger: Logger): void;
  /** Resolves when no send is in flight (tests, shutdown). Never rejects. */
  drain?(): Promise<void>;
}

export interface CloudWatchPublisherOptions {
  client: Pick<CloudWatchClient, 'send'>;
  namespace: string;
  timeoutMs: number;
  /** Batches kept for a retry when sends fail (oldest dropped first, with a warning). @default 20 */
  maxQueuedBatches?: number;
}

/** PutMetricData accepts at most 1,000 datums per call (CloudWatch API reference, PutMetricData). */
const MAX_DATUMS_PER_CALL = 1000;

/**
 * Off the response path: `publish` queues the invocation's batch and starts a send without awaiting it.
 * In Lambda the environment is frozen once the handler returns, so a send still in flight resumes (or
 * times out and is retried) when the next invocation thaws it; batches keep their own timestamps, so a
 * late datum is still counted in its own minute. Sends are serialised: one PutMetricData call at a time,
 * carrying every queued batch (up to 1,000 datums). A call whose answer was lost may be sent twice
 * (a metric counted twice); a call that fails is kept for the next attempt (bounded queue).
 */
export function createCloudWatchPublisher(options: CloudWatchPublisherOptions): MetricsPublisher {
  const queue: MetricDatum[][] = [];
  const maxQueued = options.maxQueuedBatches ?? 20;
  let inFlight: Promise<void> | undefined;
  let logger: Logger | undefined;

  const sendAll = async (): Promise<void> => {
    while (queue.length > 0) {
      const batches: MetricDatum[][] = [];
      let size = 0;
      while (queue.length > 0 && size + queue[0].length <= MAX_DATUMS_PER_CALL) {
        const b = queue.shift() as MetricDatum[];
        batches.push(b);
        size += b.length;
      }
      if (batches.length === 0) batches.push((queue.shift() as MetricDatum[]).slice(0, MAX_DATUMS_PER_CALL));
      try {
        await options.client.send(
          new PutMetricDataCommand({ Namespace: options.namespace, MetricData: batches.flat() }),
          { abortSignal: AbortSignal.timeout(options.timeoutMs) },
        );
      } catch (err) {
        queue.unshift(...batches); // kept for the next publish
        const dropped = queue.length > maxQueued ? queue.splice(0, queue.length - maxQueued).length : 0;
        logger?.warn('metrics publish failed', {
          ...describeError(err),
          namespace: options.namespace,
          datums: size,
          queuedBatches: queue.length,
          droppedBatches: dropped,
          httpStatus: (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode,
        });
        return;
      }
    }
  };

  const start = (): void => {
    if (inFlight || queue.length === 0) return;
    inFlight = sendAll().finally(() => {
      inFlight = undefined;
    });
  };

  return {
    publish(metrics, log) {
      logger = log;
      if (metrics.size === 0) return;
      queue.push(metrics.toInput(options.namespace).MetricData ?? []);
      start();
    },
    async drain() {
      while (inFlight) await inFlight.catch(() => undefined);
    },
  };
}
