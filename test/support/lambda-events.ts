/**
 * API Gateway REST proxy events and Lambda contexts for handler tests, plus a log sink that keeps lines.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

export interface EventInput {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export function apiEvent(input: EventInput = {}): APIGatewayProxyEvent {
  const path = input.path ?? '/payments';
  const method = input.method ?? 'POST';
  return {
    resource: path,
    path,
    httpMethod: method,
    headers: input.headers ?? {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: input.body === undefined ? null : input.body,
    isBase64Encoded: input.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '203.0.113.10',
        user: null,
        userAgent: 'jest',
        userArn: null,
      },
      path: `/prod${path}`,
      stage: 'prod',
      requestId: randomUUID(),
      requestTimeEpoch: 0,
      resourceId: 'res1',
      resourcePath: path,
    },
  };
}

export interface PaymentInput {
  amount?: unknown;
  currency?: unknown;
  paymentMethodToken?: unknown;
  description?: unknown;
  [extra: string]: unknown;
}

/** A valid POST /payments event (override any field; pass `key: undefined` for no idempotency key). */
export function paymentEvent(
  body: PaymentInput = {},
  key: string | undefined = `key-${randomUUID()}`,
  extraHeaders: Record<string, string> = {},
): APIGatewayProxyEvent {
  const payload = { amount: 1050, currency: 'USD', paymentMethodToken: 'tok_visa_4242', ...body };
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extraHeaders };
  if (key !== undefined) headers['Idempotency-Key'] = key;
  return apiEvent({ method: 'POST', path: '/payments', headers, body: JSON.stringify(payload) });
}

export function healthEvent(): APIGatewayProxyEvent {
  return apiEvent({ method: 'GET', path: '/health', body: null });
}

export function lambdaContext(requestId: string = randomUUID()): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'payment-handler',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:payment-handler',
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/payment-handler',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface LogCapture {
  sink: (line: string) => void;
  lines: string[];
  entries(): Array<Record<string, unknown>>;
  reset(): void;
}

export function captureLogs(): LogCapture {
  const lines: string[] = [];
  return {
    sink: (line) => {
      lines.push(line);
    },
    lines,
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    reset: () => {
      lines.length = 0;
    },
  };
}

/** Environment for the real AWS SDK clients pointed at local stubs (fake credentials, us-east-1). */
export function fakeAwsEnv(endpoints: {
  cloudwatch?: string;
  secretsManager?: string;
}): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLETESTONLY0',
    AWS_SECRET_ACCESS_KEY: 'test-secret-access-key-not-real',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...(endpoints.cloudwatch ? { AWS_ENDPOINT_URL_CLOUDWATCH: endpoints.cloudwatch } : {}),
    ...(endpoints.secretsManager ? { AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager } : {}),
  };
}
