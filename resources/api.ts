import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { Annotations, Fn } from 'cdktf';
import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { ApiGatewayApiKey } from '@cdktf/provider-aws/lib/api-gateway-api-key';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayModel } from '@cdktf/provider-aws/lib/api-gateway-model';
import { ApiGatewayRequestValidator } from '@cdktf/provider-aws/lib/api-gateway-request-validator';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { ApiGatewayUsagePlan } from '@cdktf/provider-aws/lib/api-gateway-usage-plan';
import { ApiGatewayUsagePlanKey } from '@cdktf/provider-aws/lib/api-gateway-usage-plan-key';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { accessLogFormat } from './access-log-format';
import type { Arns } from './arns';
import { ServiceRole } from './iam';
import type { AccountLogGroupMode } from './config';
import { EncryptedLogGroup, accountLogGroup } from './logging';
import type { Naming } from './naming';

/**
 * The account-level API Gateway setting that lets stages log at all: a CloudWatch role trusted by
 * apigateway.amazonaws.com. There is ONE per account and region, shared by every REST API there, so this
 * construct never takes it over silently (`api.accountCloudwatchRole` in resources/config.ts):
 * - `create`: the stack creates a role and sets it (a fresh account has none, and a stage with logging
 *   cannot be created without one). Because every API of the account logs through this role, it may write
 *   any log group of this account and region (other APIs' access-log groups can have any name), and create
 *   only API Gateway's own groups (`API-Gateway-Execution-Logs_*`, `/aws/apigateway/welcome`).
 * - an existing role ARN: adopted; nothing account-wide is created and stages rely on that role.
 * `/aws/apigateway/welcome` (API Gateway writes it once when the role is set) is declared only when the
 * configuration says this stack owns it (`api.welcomeLogGroup`).
 */
export interface ApiGatewayLoggingAccountProps {
  readonly naming: Naming;
  readonly arns: Arns;
  readonly logsKeyArn: string;
  /** `create`, or the ARN of the account's existing API Gateway CloudWatch role. */
  readonly cloudwatchRole: 'create' | string;
  /** Who owns `/aws/apigateway/welcome`. */
  readonly welcomeLogGroup: AccountLogGroupMode;
}

export class ApiGatewayLoggingAccount extends Construct {
  /** The account setting, when this stack sets it (`create`). */
  readonly account: ApiGatewayAccount | undefined;
  /** The role API Gateway logs with: created here, or the adopted ARN. */
  readonly cloudwatchRoleArn: string;
  readonly welcomeLogGroup: EncryptedLogGroup | undefined;

  constructor(scope: Construct, id: string, props: ApiGatewayLoggingAccountProps) {
    super(scope, id);
    const { arns } = props;
    this.welcomeLogGroup = accountLogGroup(this, 'welcome', {
      name: '/aws/apigateway/welcome',
      kmsKeyArn: props.logsKeyArn,
      mode: props.welcomeLogGroup,
    });
    if (props.cloudwatchRole !== 'create') {
      this.cloudwatchRoleArn = props.cloudwatchRole;
      this.account = undefined;
      return;
    }
    const ownGroups = [
      arns.logGroup('API-Gateway-Execution-Logs_*'),
      arns.logGroup('/aws/apigateway/welcome'),
    ];
    const role = new ServiceRole(this, 'cloudwatch-role', {
      name: props.naming.name('apigateway-cloudwatch', 'iamRole'),
      service: 'apigateway.amazonaws.com',
      description:
        'Account-wide API Gateway CloudWatch role: every REST API of this account and region logs through it',
      statements: [
        {
          Sid: 'CreateApiGatewayLogGroups',
          Effect: 'Allow',
          Action: 'logs:CreateLogGroup',
          Resource: ownGroups,
        },
        {
          // Every API of the account and region uses this role: a narrower scope would stop the others'
          // access and execution logs (the reason AWS's managed policy is not scoped to one API).
          Sid: 'WriteStageLogsOfThisAccountAndRegion',
          Effect: 'Allow',
          Action: [
            'logs:CreateLogStream',
            'logs:PutLogEvents',
            'logs:DescribeLogStreams',
            'logs:GetLogEvents',
            'logs:FilterLogEvents',
          ],
          Resource: `${arns.logGroup('*')}:*`,
        },
        {
          Sid: 'FindLogGroups',
          Effect: 'Allow',
          Action: 'logs:DescribeLogGroups',
          Resource: arns.logGroup('*'),
        },
      ],
    });
    this.cloudwatchRoleArn = role.arn;
    // Taking over an account-wide setting is said at every synth, not only in the README: an operator
    // whose account already has a role adopts it instead (the plan also shows the change).
    Annotations.of(this).addWarning(
      'This stack sets the account-wide API Gateway CloudWatch role (api.accountCloudwatchRole = create): every REST API of this account and region will log through the role it creates. If the account already has one, adopt it: PAYMENTS_API_ACCOUNT_CLOUDWATCH_ROLE=<its ARN>.',
    );
    this.account = new ApiGatewayAccount(this, 'account', {
      cloudwatchRoleArn: role.arn,
      dependsOn: [role.policy, ...(this.welcomeLogGroup ? [this.welcomeLogGroup.group] : [])],
    });
  }

  /** What a stage with logging must wait for. */
  get dependables(): ITerraformDependable[] {
    return this.account ? [this.account] : [];
  }
}

/** A route proxied to the Lambda function. */
export interface ApiRoute {
  readonly path: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Require an API key (usage plan). */
  readonly apiKeyRequired: boolean;
  /** JSON schema (draft 4) the request body must match. @default none (no body) */
  readonly bodySchema?: Record<string, unknown>;
  /** Request headers that must be present (checked by the request validator). @default none */
  readonly requiredHeaders?: readonly string[];
}

/**
 * JSON schema of `POST /payments`: API Gateway rejects structurally wrong bodies before they cost an
 * invocation. Deliberately shallow: no `enum`, `pattern` or `additionalProperties`, whose validation
 * errors echo the offending value or key back to the caller; a card number pasted into a field must
 * reach the handler, which rejects it without echoing it (lambda/validation.ts owns the full contract).
 */
export const PAYMENT_REQUEST_SCHEMA: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  title: 'PaymentRequest',
  type: 'object',
  required: ['amount', 'currency', 'paymentMethodToken'],
  properties: {
    amount: { type: 'integer' },
    currency: { type: 'string' },
    paymentMethodToken: { type: 'string' },
    description: { type: 'string' },
  },
};

export const PAYMENT_ROUTES: readonly ApiRoute[] = [
  // Health reports on the database too: callers need a key (the canary has its own, see monitoringKey).
  { path: 'health', method: 'GET', apiKeyRequired: true },
  {
    path: 'payments',
    method: 'POST',
    apiKeyRequired: true,
    bodySchema: PAYMENT_REQUEST_SCHEMA,
    requiredHeaders: ['Idempotency-Key'],
  },
];

export interface PaymentsApiProps {
  readonly naming: Naming;
  readonly arns: Arns;
  readonly logsKeyArn: string;
  /** Lambda that serves every route (AWS_PROXY). */
  readonly handler: { readonly functionName: string; readonly invokeArn: string };
  /** Account CloudWatch role: stages must not log before it exists. */
  readonly account: ApiGatewayLoggingAccount;
  /** @default v1 */
  readonly stageName?: string;
  /** @default PAYMENT_ROUTES */
  readonly routes?: readonly ApiRoute[];
  /** Stage-wide throttling (`*\/*`) and the usage plan's. */
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
  /** Requests per API key and day. */
  readonly quotaPerDay: number;
  /** @default ERROR */
  readonly executionLoggingLevel?: 'ERROR' | 'INFO';
}

/**
 * The payments REST API: regional endpoint, routes proxied to one Lambda, a body validator, API keys
 * with a usage plan, a stage with X-Ray tracing and JSON access logs, execution logs without request
 * or response bodies (`data_trace_enabled = false`: card data must never reach logs).
 */
export class PaymentsApi extends Construct {
  readonly restApi: ApiGatewayRestApi;
  readonly stage: ApiGatewayStage;
  readonly deployment: ApiGatewayDeployment;
  readonly accessLogGroup: EncryptedLogGroup;
  readonly executionLogGroup: EncryptedLogGroup;
  readonly usagePlan: ApiGatewayUsagePlan;
  readonly apiKey: ApiGatewayApiKey;
  /** The health canary's key, in its own tightly throttled plan so it cannot eat a client's quota. */
  readonly monitoringKey: ApiGatewayApiKey;
  readonly stageName: string;
  readonly apiName: string;

  constructor(scope: Construct, id: string, props: PaymentsApiProps) {
    super(scope, id);
    const { naming } = props;
    const stageName = props.stageName ?? 'v1';
    const routes = props.routes ?? PAYMENT_ROUTES;
    this.stageName = stageName;
    this.apiName = naming.name('api');

    this.restApi = new ApiGatewayRestApi(this, 'api', {
      name: this.apiName,
      description: 'Payments API',
      endpointConfiguration: { types: ['REGIONAL'] },
      apiKeySource: 'HEADER',
    });
    const restApiId = this.restApi.id;

    const validator = new ApiGatewayRequestValidator(this, 'validator', {
      restApiId,
      name: 'body-and-parameters',
      validateRequestBody: true,
      validateRequestParameters: true,
    });

    const deployed: ITerraformDependable[] = [];
    const ids: string[] = [];
    for (const route of routes) {
      const rid = `${route.method.toLowerCase()}-${route.path}`;
      const resource = new ApiGatewayResource(this, `${route.path}-resource`, {
        restApiId,
        parentId: this.restApi.rootResourceId,
        pathPart: route.path,
      });
      const model = route.bodySchema
        ? new ApiGatewayModel(this, `${rid}-model`, {
            restApiId,
            name: `${route.path.replace(/[^A-Za-z0-9]/g, '')}Request`,
            contentType: 'application/json',
            schema: JSON.stringify(route.bodySchema),
          })
        : undefined;
      const method = new ApiGatewayMethod(this, `${rid}-method`, {
        restApiId,
        resourceId: resource.id,
        httpMethod: route.method,
        authorization: 'NONE',
        apiKeyRequired: route.apiKeyRequired,
        requestValidatorId: validator.id,
        ...(model ? { requestModels: { 'application/json': model.name } } : {}),
        ...(route.requiredHeaders?.length
          ? {
              requestParameters: Object.fromEntries(
                route.requiredHeaders.map((h) => [`method.request.header.${h}`, true]),
              ),
            }
          : {}),
      });
      const integration = new ApiGatewayIntegration(this, `${rid}-integration`, {
        restApiId,
        resourceId: resource.id,
        httpMethod: method.httpMethod,
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: props.handler.invokeArn,
        timeoutMilliseconds: 29000,
      });
      new LambdaPermission(this, `${rid}-permission`, {
        statementId: `AllowApiGateway-${route.method}-${route.path}`,
        action: 'lambda:InvokeFunction',
        functionName: props.handler.functionName,
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${this.restApi.executionArn}/${stageName}/${route.method}/${route.path}`,
      });
      deployed.push(resource, method, integration, ...(model ? [model] : []));
      ids.push(resource.id, method.id, integration.id, ...(model ? [model.id] : []));
    }

    // Redeploy whenever a route's definition (hashed here) or any route resource id changes.
    const definitionHash = createHash('sha1').update(JSON.stringify(routes)).digest('hex');
    this.deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId,
      description: `routes ${definitionHash.slice(0, 12)}`,
      triggers: { routes: definitionHash, resources: Fn.sha1(Fn.jsonencode([validator.id, ...ids])) },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: deployed,
    });

    this.accessLogGroup = new EncryptedLogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${this.apiName}/${stageName}/access`,
      kmsKeyArn: props.logsKeyArn,
    });
    // API Gateway's fixed name for execution logs: the API *id*, then the stage.
    this.executionLogGroup = new EncryptedLogGroup(this, 'execution-logs', {
      name: `API-Gateway-Execution-Logs_${restApiId}/${stageName}`,
      kmsKeyArn: props.logsKeyArn,
    });

    this.stage = new ApiGatewayStage(this, 'stage', {
      restApiId,
      stageName,
      deploymentId: this.deployment.id,
      description: 'Payments API stage',
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: accessLogFormat() },
      dependsOn: [...props.account.dependables, this.accessLogGroup.group, this.executionLogGroup.group],
    });

    new ApiGatewayMethodSettings(this, 'all-methods', {
      restApiId,
      stageName: this.stage.stageName,
      methodPath: '*/*',
      settings: {
        metricsEnabled: true,
        loggingLevel: props.executionLoggingLevel ?? 'ERROR',
        dataTraceEnabled: false,
        throttlingRateLimit: props.throttleRateLimit,
        throttlingBurstLimit: props.throttleBurstLimit,
        cachingEnabled: false,
      },
      dependsOn: [...props.account.dependables, this.executionLogGroup.group],
    });

    this.usagePlan = new ApiGatewayUsagePlan(this, 'usage-plan', {
      name: naming.name('api-clients'),
      description: 'Payment clients: throttled and with a daily quota per key',
      apiStages: [{ apiId: restApiId, stage: this.stage.stageName }],
      throttleSettings: { rateLimit: props.throttleRateLimit, burstLimit: props.throttleBurstLimit },
      quotaSettings: { limit: props.quotaPerDay, period: 'DAY' },
    });
    this.apiKey = new ApiGatewayApiKey(this, 'client-key', {
      name: naming.name('api-client'),
      description:
        'Key of the first payment client (value generated by API Gateway; it is kept in Terraform state)',
      enabled: true,
    });
    new ApiGatewayUsagePlanKey(this, 'client-key-plan', {
      keyId: this.apiKey.id,
      keyType: 'API_KEY',
      usagePlanId: this.usagePlan.id,
    });

    const monitoringPlan = new ApiGatewayUsagePlan(this, 'monitoring-plan', {
      name: naming.name('api-monitoring'),
      description: 'Synthetic monitoring: a canary run every 5 minutes needs little',
      apiStages: [{ apiId: restApiId, stage: this.stage.stageName }],
      throttleSettings: { rateLimit: 1, burstLimit: 5 },
      quotaSettings: { limit: 1000, period: 'DAY' },
    });
    this.monitoringKey = new ApiGatewayApiKey(this, 'monitoring-key', {
      name: naming.name('api-monitoring'),
      description: 'Key of the health canary (value generated by API Gateway; kept in Terraform state)',
      enabled: true,
    });
    new ApiGatewayUsagePlanKey(this, 'monitoring-key-plan', {
      keyId: this.monitoringKey.id,
      keyType: 'API_KEY',
      usagePlanId: monitoringPlan.id,
    });
  }

  /** `https://<id>.execute-api.<region>.amazonaws.com/<stage>` */
  get invokeUrl(): string {
    return this.stage.invokeUrl;
  }
}
