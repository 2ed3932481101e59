/**
 * The payments observability stack: composition root and CLI entry point (`cdktf synth` runs
 * `npx tsx main.ts`).
 *
 * Order of events: config is loaded and validated first (bad config: a multi-line message on stderr,
 * exit code 1, nothing written); the Lambda and canary are bundled; the stack is composed from the plain
 * constructs in `resources/`; the compliance gate (`aspects/`) is applied to the stack with the keys the
 * stack declared; `synthOrExit` writes the stack, or prints one line per violation and exits 1.
 *
 * Offline planning: the provider reads the Terraform variable `offline` (default false). When true
 * (`npm run plan` without AWS credentials passes `-var offline=true`, and fake credentials), the provider
 * skips credential validation, the account-id lookup and the metadata API, so `terraform plan` needs no
 * network and no AWS account. The synthesized JSON is the same either way.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { Construct } from 'constructs';
import { App, Fn, TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { applyPolicy, paymentsPolicy, synthOrExit } from '@payments-compliance/gate';
import { PaymentAlarms } from './resources/alarms';
import { AlertTopic } from './resources/alerting';
import { ApiGatewayLoggingAccount, PaymentsApi } from './resources/api';
import { LogArchive } from './resources/archive';
import { Arns } from './resources/arns';
import { HealthCanary } from './resources/canary';
import type { PaymentsConfig } from './resources/config';
import { ConfigError, configSourcesFrom, loadConfig } from './resources/config';
import { PaymentsDashboard } from './resources/dashboard';
import { PaymentsDatabase } from './resources/database';
import { AlarmAuditTrail } from './resources/events';
import { HandlerLogMetrics } from './resources/handler-log-metrics';
import { AccessLogMetrics, TopCallersInsight } from './resources/insights';
import { EncryptionKeys } from './resources/kms';
import type { BundleOutput } from './resources/lambda';
import { PaymentFunction } from './resources/lambda';
import { AbandonedPaymentSweep } from './resources/sweep';
import { Naming } from './resources/naming';
import { PrivateNetwork, allowTcp } from './resources/network';
import { PaymentTracing } from './resources/tracing';

export const STACK_NAME = 'payments-observability';

export interface PaymentsStackProps {
  readonly config: PaymentsConfig;
  /** Bundled programs (scripts/bundle.ts). */
  readonly code: { readonly lambda: BundleOutput; readonly canary: BundleOutput };
}

/** One stack: every construct of `resources/`, wired together. No compliance logic here. */
export class PaymentsStack extends TerraformStack {
  readonly keys: EncryptionKeys;
  readonly api: PaymentsApi;
  readonly handler: PaymentFunction;
  readonly database: PaymentsDatabase;
  readonly canary: HealthCanary;
  readonly alarms: PaymentAlarms;
  readonly pageTopic: AlertTopic;
  readonly ticketTopic: AlertTopic;
  readonly archive: LogArchive;
  readonly dashboard: PaymentsDashboard;
  readonly offline: TerraformVariable;

  constructor(scope: Construct, id: string, props: PaymentsStackProps) {
    super(scope, id);
    const { config } = props;
    const naming = new Naming({
      prefix: config.namePrefix,
      accountId: config.accountId,
      region: config.region,
    });
    const arns = new Arns({
      partition: config.partition,
      region: config.region,
      accountId: config.accountId,
    });

    this.offline = new TerraformVariable(this, 'offline', {
      type: 'bool',
      default: false,
      nullable: false,
      description:
        'Plan without AWS: skip credential validation, account lookup and metadata API (fake credentials)',
    });
    const offline = this.offline.booleanValue;
    new AwsProvider(this, 'aws', {
      region: config.region,
      skipCredentialsValidation: offline,
      skipRequestingAccountId: offline,
      skipMetadataApiCheck: Token.asString(Fn.conditional(offline, 'true', Token.nullValue())),
      maxRetries: Token.asNumber(Fn.conditional(offline, 1, Token.nullValue())),
      allowedAccountIds: Token.asList(Fn.conditional(offline, Token.nullValue(), [config.accountId])),
    });

    this.keys = new EncryptionKeys(this, 'keys', { naming, arns });
    const logsKey = this.keys.logs.arn;
    const dataKey = this.keys.data.arn;

    const network = new PrivateNetwork(this, 'network', {
      naming,
      arns,
      cidr: config.vpcCidr,
      availabilityZones: config.availabilityZones,
      logsKeyArn: logsKey,
    });
    const handlerSg = network.securityGroup(
      'handler',
      'payment-handler',
      'Payment handler: egress to endpoints and the database only',
    );
    const databaseSg = network.securityGroup(
      'database',
      'db',
      'Payments database: ingress from the payment handler only',
    );
    network.allowEndpointAccessFrom('handler', handlerSg.id);
    allowTcp(this, 'handler-to-database', {
      from: handlerSg.id,
      to: databaseSg.id,
      port: config.database.port,
      description: 'PostgreSQL from the payment handler',
    });

    this.database = new PaymentsDatabase(this, 'database', {
      naming,
      arns,
      settings: config.database,
      subnetIds: network.subnetIds,
      securityGroup: databaseSg,
      logsKeyArn: logsKey,
      dataKeyArn: dataKey,
    });

    this.handler = new PaymentFunction(this, 'handler', {
      naming,
      arns,
      code: props.code.lambda,
      runtime: config.lambda.runtime,
      memoryMb: config.lambda.memoryMb,
      timeoutSeconds: config.lambda.timeoutSeconds,
      reservedConcurrency: config.lambda.reservedConcurrency,
      dbPoolMax: config.lambda.dbPoolMax,
      logLevel: config.lambda.logLevel,
      subnetIds: network.subnetIds,
      securityGroupId: handlerSg.id,
      logsKeyArn: logsKey,
      dataKeyArn: dataKey,
      metricsNamespace: config.metricsNamespace,
      database: {
        secretArn: this.database.secretArn,
        host: this.database.endpoint,
        port: config.database.port,
        name: config.database.name,
      },
    });

    new AbandonedPaymentSweep(this, 'payment-sweep', {
      naming,
      functionName: this.handler.fn.functionName,
      functionArn: this.handler.fn.arn,
    });

    const apiAccount = new ApiGatewayLoggingAccount(this, 'api-account', {
      naming,
      arns,
      logsKeyArn: logsKey,
      cloudwatchRole: config.api.accountCloudwatchRole,
      welcomeLogGroup: config.api.welcomeLogGroup,
    });
    this.api = new PaymentsApi(this, 'api', {
      naming,
      arns,
      logsKeyArn: logsKey,
      handler: { functionName: this.handler.fn.functionName, invokeArn: this.handler.invokeArn },
      account: apiAccount,
      stageName: config.api.stageName,
      throttleRateLimit: config.api.throttleRateLimit,
      throttleBurstLimit: config.api.throttleBurstLimit,
      quotaPerDay: config.api.quotaPerDay,
      executionLoggingLevel: config.api.executionLoggingLevel,
    });

    const accessLogNamespace = `${config.metricsNamespace}/ApiAccessLogs`;
    new AccessLogMetrics(this, 'access-log-metrics', {
      naming,
      logGroupName: this.api.accessLogGroup.name,
      namespace: accessLogNamespace,
    });
    new TopCallersInsight(this, 'top-callers', { naming, logGroupName: this.api.accessLogGroup.name });
    const handlerLogMetrics = new HandlerLogMetrics(this, 'handler-log-metrics', {
      naming,
      logGroupName: this.handler.logGroup.name,
      namespace: `${config.metricsNamespace}/HandlerLogs`,
    });

    new PaymentTracing(this, 'tracing', {
      naming,
      dataKeyArn: dataKey,
      apiName: this.api.apiName,
      stageName: this.api.stageName,
      accountEncryption: config.tracing.accountEncryption,
    });

    this.canary = new HealthCanary(this, 'canary', {
      naming,
      arns,
      code: props.code.canary,
      healthUrl: `${this.api.invokeUrl}/health`,
      apiKey: this.api.monitoringKey.value,
      runtimeVersion: config.canary.runtimeVersion,
      logsKeyArn: logsKey,
      dataKeyArn: dataKey,
    });

    this.pageTopic = new AlertTopic(this, 'page', {
      naming,
      arns,
      purpose: 'page',
      displayName: 'Payments on-call',
      kmsKeyArn: this.keys.alerting.arn,
      emails: config.alerting.pageEmails,
      smsNumbers: [config.alerting.smsNumber],
    });
    this.ticketTopic = new AlertTopic(this, 'ticket', {
      naming,
      arns,
      purpose: 'ticket',
      displayName: 'Payments tickets',
      kmsKeyArn: this.keys.alerting.arn,
      emails: config.alerting.ticketEmails,
    });

    this.alarms = new PaymentAlarms(this, 'alarms', {
      naming,
      pageTopicArn: this.pageTopic.arn,
      ticketTopicArn: this.ticketTopic.arn,
      api: { name: this.api.apiName, stage: this.api.stageName },
      functionName: this.handler.functionName,
      clusterIdentifier: this.database.clusterIdentifier,
      canaryName: this.canary.name,
      metricsNamespace: config.metricsNamespace,
      accessLogNamespace,
      handlerFailures: { namespace: handlerLogMetrics.namespace, metricName: handlerLogMetrics.metricName },
      p99LatencyMs: config.api.p99LatencyAlarmMs,
      dbConnectionsThreshold: config.database.connectionsAlarmThreshold,
    });

    const audit = new AlarmAuditTrail(this, 'alarm-audit', {
      naming,
      alarmArns: this.alarms.critical.map((a) => a.arn),
      logsKeyArn: logsKey,
      alertingKeyArn: this.keys.alerting.arn,
      ticketTopicArn: this.ticketTopic.arn,
    });

    // Every log group is declared by now: stream them all to the 12-month archive.
    this.archive = new LogArchive(this, 'log-archive', {
      naming,
      arns,
      kmsKeyArn: logsKey,
      glacierAfterDays: config.archive.glacierAfterDays,
      expireAfterDays: config.archive.expireAfterDays,
      alarmTopicArn: this.ticketTopic.arn,
    });
    this.archive.subscribeAll(this);

    this.dashboard = new PaymentsDashboard(this, 'dashboard', {
      name: naming.name('overview', 'dashboard'),
      region: config.region,
      api: { name: this.api.apiName, stage: this.api.stageName },
      functionName: this.handler.functionName,
      clusterIdentifier: this.database.clusterIdentifier,
      canaryName: this.canary.name,
      metricsNamespace: config.metricsNamespace,
      accessLogNamespace,
      handlerFailures: { namespace: handlerLogMetrics.namespace, metricName: handlerLogMetrics.metricName },
      alarmArns: [...this.alarms.all, audit.deadLetterAlarm, this.archive.deliveryAlarm].map((a) => a.arn),
    });

    new TerraformOutput(this, 'api_url', {
      value: this.api.invokeUrl,
      description: 'Invoke URL of the payments API stage',
    });
    new TerraformOutput(this, 'dashboard_url', {
      value: this.dashboard.url,
      description: 'Console link to the dashboard',
    });
    new TerraformOutput(this, 'canary_name', { value: this.canary.canary.name });
    new TerraformOutput(this, 'page_topic_arn', {
      value: this.pageTopic.arn,
      description: 'On-call topic (composite alarm)',
    });
    new TerraformOutput(this, 'ticket_topic_arn', {
      value: this.ticketTopic.arn,
      description: 'Low-urgency topic',
    });
    new TerraformOutput(this, 'api_key_id', {
      value: this.api.apiKey.id,
      description: 'Id of the first client API key (value: aws apigateway get-api-key --include-value)',
    });
  }
}

export interface BuildOptions {
  readonly config: PaymentsConfig;
  readonly code: PaymentsStackProps['code'];
  /** @default cdktf.out (or what the CLI passes) */
  readonly outdir?: string;
}

/** The app with the stack and the compliance gate applied; `app.synth()` writes it. */
export function buildApp(options: BuildOptions): { app: App; stack: PaymentsStack } {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  const stack = new PaymentsStack(app, STACK_NAME, { config: options.config, code: options.code });
  applyPolicy(
    stack,
    paymentsPolicy({
      region: options.config.region,
      keys: { logs: stack.keys.logs.arn, alerting: stack.keys.alerting.arn, data: stack.keys.data.arn },
    }),
  );
  return { app, stack };
}

async function main(): Promise<void> {
  // Config first: a bad value stops here, before anything is bundled or written.
  let config: PaymentsConfig;
  try {
    // App's constructor creates its outdir, so this context-only App points at an existing directory.
    const probe = new App({ outdir: os.tmpdir(), skipValidation: true });
    config = loadConfig(configSourcesFrom((k) => probe.node.tryGetContext(k), process.env));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const { bundlePaymentLambda, bundleCanary } = await import('./scripts/bundle');
  const bundleRoot = path.join(__dirname, 'dist', 'bundles');
  const code = { lambda: bundlePaymentLambda(bundleRoot), canary: bundleCanary(bundleRoot) };
  // A gate configuration error while building (an invalid policy) prints one line per problem and exits
  // 2; a refused synthesis prints one line per violation, writes nothing for the stack and exits 1.
  synthOrExit(() => buildApp({ config, code }).app);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
