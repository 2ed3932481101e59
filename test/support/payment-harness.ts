/**
 * Builds payment apps for tests on top of `createApp`, with captured logs and an in-process metrics
 * recorder. The lambda modules are passed in (loaded by the test with a dynamic import after it has set
 * AWS_XRAY_DAEMON_ADDRESS, which the X-Ray SDK reads once at load time).
 */
import type { PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type * as AppModule from '../../lambda/app';
import type * as ConfigModule from '../../lambda/config';
import type { MetricsPublisher } from '../../lambda/metrics';
import { captureLogs, type LogCapture } from './lambda-events';

export interface RecordingMetrics extends MetricsPublisher {
  batches: PutMetricDataCommandInput[];
}

export function recordingMetrics(namespace = 'Payments'): RecordingMetrics {
  const batches: PutMetricDataCommandInput[] = [];
  return {
    batches,
    async publish(m) {
      batches.push(m.toInput(namespace));
      return true;
    },
  };
}

export interface TestApp {
  app: AppModule.App;
  logs: LogCapture;
  metrics: RecordingMetrics;
}

export function makeApp(
  mods: { app: typeof AppModule; config: typeof ConfigModule },
  env: Record<string, string>,
  overrides: Partial<AppModule.AppOptions> = {},
): TestApp {
  const logs = captureLogs();
  const metrics = recordingMetrics();
  const app = mods.app.createApp({
    config: mods.config.loadConfig(env),
    logSink: logs.sink,
    metrics,
    ...overrides,
  });
  return { app, logs, metrics };
}
