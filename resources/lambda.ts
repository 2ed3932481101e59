import { Construct } from 'constructs';
import { AssetType, TerraformAsset } from 'cdktf';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { Arns } from './arns';
import { ServiceRole } from './iam';
import { EncryptedLogGroup } from './logging';
import type { Naming } from './naming';

/** A bundled program: a directory to zip and the handler inside it (what `scripts/bundle.ts` returns). */
export interface BundleOutput {
  readonly dir: string;
  readonly handler: string;
}

export interface PaymentFunctionProps {
  readonly naming: Naming;
  readonly arns: Arns;
  readonly code: BundleOutput;
  /** @default nodejs22.x */
  readonly runtime?: 'nodejs20.x' | 'nodejs22.x';
  /** @default 512 */
  readonly memoryMb?: number;
  /** Seconds; below API Gateway's 29 s integration timeout. @default 10 */
  readonly timeoutSeconds?: number;
  /** Caps the function so a traffic spike cannot exhaust the account or the database. @default 50 */
  readonly reservedConcurrency?: number;
  /** pg pool size per execution environment (DB_POOL_MAX). @default 2 */
  readonly dbPoolMax?: number;
  /** debug, info, warn or error (case-insensitive). @default info */
  readonly logLevel?: string;
  /** Private subnets (one per AZ) and the function's own security group. */
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  /** The `logs` key for the function's log group. */
  readonly logsKeyArn: string;
  /** The `data` key: environment encryption, the DB secret, X-Ray. */
  readonly dataKeyArn: string;
  /** Namespace the handler publishes PaymentCount, PaymentAmount, PaymentFailures, StageLatency to. */
  readonly metricsNamespace: string;
  readonly database: {
    readonly secretArn: string;
    readonly host: string;
    readonly port: number;
    readonly name: string;
  };
}

/**
 * The payment handler: from the bundle, in the VPC's private subnets, X-Ray active tracing, explicit
 * timeout, memory and reserved concurrency, environment encrypted with the data key, its log group
 * declared first. It is invoked synchronously by API Gateway only, so it has no DLQ or async
 * failure destination (a failed call is returned to the client, not retried by Lambda).
 */
export class PaymentFunction extends Construct {
  readonly fn: LambdaFunction;
  readonly role: ServiceRole;
  readonly logGroup: EncryptedLogGroup;
  readonly functionName: string;

  constructor(scope: Construct, id: string, props: PaymentFunctionProps) {
    super(scope, id);
    const { naming, arns } = props;
    this.functionName = naming.name('payment-handler', 'lambda');
    const ec2Arn = (resource: string): string =>
      `arn:${arns.partition}:ec2:${arns.region}:${arns.accountId}:${resource}`;

    this.logGroup = new EncryptedLogGroup(this, 'logs', {
      name: `/aws/lambda/${this.functionName}`,
      kmsKeyArn: props.logsKeyArn,
    });

    this.role = new ServiceRole(this, 'role', {
      name: naming.name('payment-handler', 'iamRole'),
      service: 'lambda.amazonaws.com',
      description: 'Payment handler: its log group, X-Ray, its metrics namespace, the DB secret',
      statements: [
        {
          // No logs:CreateLogGroup: the group is declared by the stack, encrypted and with retention.
          Sid: 'WriteOwnLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${this.logGroup.arn}:*`,
        },
        {
          // X-Ray trace APIs have no resource ARN.
          Sid: 'WriteTraces',
          Effect: 'Allow',
          Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          Resource: '*',
        },
        {
          // PutMetricData has no resource ARN; the namespace condition is the boundary.
          Sid: 'PublishPaymentMetrics',
          Effect: 'Allow',
          Action: 'cloudwatch:PutMetricData',
          Resource: '*',
          Condition: { StringEquals: { 'cloudwatch:namespace': props.metricsNamespace } },
        },
        {
          Sid: 'ReadDatabaseSecret',
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: props.database.secretArn,
        },
        {
          // The secret, the environment and X-Ray traces are encrypted with the data key.
          Sid: 'UseDataKey',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: props.dataKeyArn,
        },
        {
          // Describe calls have no resource-level permissions.
          Sid: 'DescribeNetworkInterfaces',
          Effect: 'Allow',
          Action: 'ec2:DescribeNetworkInterfaces',
          Resource: '*',
        },
        {
          // Lambda creates the function's VPC ENIs with this role: only in its subnets, with its group.
          Sid: 'CreateOwnNetworkInterfaces',
          Effect: 'Allow',
          Action: 'ec2:CreateNetworkInterface',
          Resource: [
            ec2Arn('network-interface/*'),
            ...props.subnetIds.map((id) => ec2Arn(`subnet/${id}`)),
            ec2Arn(`security-group/${props.securityGroupId}`),
          ],
        },
        {
          Sid: 'ManageNetworkInterfaces',
          Effect: 'Allow',
          Action: [
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          Resource: ec2Arn('network-interface/*'),
        },
      ],
    });

    const asset = new TerraformAsset(this, 'code', { path: props.code.dir, type: AssetType.ARCHIVE });
    this.fn = new LambdaFunction(this, 'function', {
      functionName: this.functionName,
      description: 'Authorizes and records payments',
      role: this.role.arn,
      runtime: props.runtime ?? 'nodejs22.x',
      architectures: ['arm64'],
      handler: props.code.handler,
      filename: asset.path,
      sourceCodeHash: asset.assetHash,
      memorySize: props.memoryMb ?? 512,
      timeout: props.timeoutSeconds ?? 10,
      reservedConcurrentExecutions: props.reservedConcurrency ?? 50,
      kmsKeyArn: props.dataKeyArn,
      tracingConfig: { mode: 'Active' },
      vpcConfig: { subnetIds: [...props.subnetIds], securityGroupIds: [props.securityGroupId] },
      // Text: the handler writes its own JSON lines to stdout, so each event is exactly that object.
      loggingConfig: { logFormat: 'Text', logGroup: this.logGroup.name },
      environment: {
        variables: {
          METRICS_NAMESPACE: props.metricsNamespace,
          DB_SECRET_ARN: props.database.secretArn,
          DB_HOST: props.database.host,
          DB_PORT: String(props.database.port),
          DB_NAME: props.database.name,
          // The alarm threshold on DatabaseConnections is derived from this and the reserved concurrency.
          DB_POOL_MAX: String(props.dbPoolMax ?? 2),
          LOG_LEVEL: (props.logLevel ?? 'info').toLowerCase(),
          // Node.js 20+ runtimes load the Amazon RDS CA bundle only when asked; the handler verifies the
          // database certificate (DB_SSLMODE defaults to verify-full).
          NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
        },
      },
      dependsOn: [this.logGroup.group, this.role.policy],
    });
  }

  get arn(): string {
    return this.fn.arn;
  }

  get invokeArn(): string {
    return this.fn.invokeArn;
  }
}
