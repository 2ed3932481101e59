/**
 * Lambda entry point (`index.handler` in the bundle). The app, its pg pool, cached credentials and AWS SDK
 * clients are created on the first invocation and reused by every warm invocation of this environment.
 * Configuration comes from the environment (see config.ts); a configuration error answers 500 and is
 * logged on every invocation until fixed.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createApp, type App } from './app';
import { loadConfig } from './config';
import { createLogger, describeError } from './logger';

let app: App | undefined;

export async function handler(
  event: APIGatewayProxyEvent,
  context?: Context,
): Promise<APIGatewayProxyResult> {
  if (!app) {
    try {
      app = createApp({ config: loadConfig(process.env) });
    } catch (err) {
      createLogger().error('configuration error', {
        requestId: context?.awsRequestId,
        ...describeError(err),
      });
      return {
        statusCode: 500,
        headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
        body: JSON.stringify({ error: 'internal_error', message: 'The service is misconfigured.' }),
      };
    }
  }
  return app.handle(event, context);
}

/** Releases the pool and forgets the app (tests and local runs; Lambda never calls it). */
export async function shutdown(): Promise<void> {
  const current = app;
  app = undefined;
  await current?.close();
}

export { migratePool as migrate } from './db';
