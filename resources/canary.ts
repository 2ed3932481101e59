import { Construct } from 'constructs';
import { AssetType, Fn, TerraformAsset } from 'cdktf';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { SyntheticsCanary } from '@cdktf/provider-aws/lib/synthetics-canary';
import type { Arns } from './arns';
import { HardenedBucket } from './bucket';
import { ServiceRole, type Statement } from './iam';
import type { BundleOutput } from './lambda';
import { EncryptedLogGroup } from './logging';
import type { Naming } from './naming';

export interface HealthCanaryProps {
  readonly naming: Naming;
  readonly arns: Arns;
  /** Bundle whose dir holds `<file>.js` at its root (Playwright runtimes); handler `<file>.handler`. */
  readonly code: BundleOutput;
  /** URL the canary GETs. */
  readonly healthUrl: string;
  /**
   * API key the canary sends as `x-api-key`. Stored in a Secrets Manager secret encrypted with the data
   * key; the canary reads it at run time (env HEALTH_API_KEY_SECRET_ARN names the secret, never the key).
   * @default none
   */
  readonly apiKey?: string;
  /**
   * Synthetics runtime. syn-nodejs-playwright-8.0 runs on Lambda Node.js 22.x
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Library_nodejs_playwright.html);
   * the gate judges it against aspects/core/runtime-facts.ts. @default syn-nodejs-playwright-8.0
   */
  readonly runtimeVersion?: string;
  /** @default rate(5 minutes) */
  readonly schedule?: string;
  /** The `logs` key: artifacts (SSE-KMS), artifact bucket, the canary's log group. */
  readonly logsKeyArn: string;
  /** The `data` key: X-Ray encryption (the canary traces actively) and the API key secret. */
  readonly dataKeyArn: string;
  /**
   * Days artifacts (run logs, HAR files; screenshots are off) stay in the bucket. The policy holds every
   * bucket to the 365-day archive minimum, so they are kept like the audit archive. @default 400
   */
  readonly artifactExpireAfterDays?: number;
}

/**
 * A Synthetics canary that GETs `/health` every 5 minutes with active tracing, artifacts SSE-KMS
 * encrypted in a hardened, lifecycle-managed bucket.
 *
 * Its log group: Synthetics creates a function `cwsyn-<name>-<uuid>`, the uuid known only after the
 * canary exists, and no Synthetics setting sets the group's key or retention. So the stack declares
 * `/aws/lambda/<function name>` from `engine_arn` (7th `:` field) right after the canary, with the logs
 * key and 90 days, and the canary role has no `logs:CreateLogGroup`: the function cannot create the
 * group itself, so it never exists unencrypted. What a run logs in the seconds between the canary's
 * creation and the group's is lost (documented limitation).
 */
export const DEFAULT_CANARY_RUNTIME = 'syn-nodejs-playwright-8.0';

export class HealthCanary extends Construct {
  readonly canary: SyntheticsCanary;
  readonly artifacts: HardenedBucket;
  readonly logGroup: EncryptedLogGroup;
  readonly name: string;
  /** The secret holding the API key (when there is one). */
  readonly apiKeySecret?: SecretsmanagerSecret;

  constructor(scope: Construct, id: string, props: HealthCanaryProps) {
    super(scope, id);
    const { naming, arns } = props;
    this.name = naming.name('health', 'canary');
    const artifactPrefix = 'canary';

    this.artifacts = new HardenedBucket(this, 'artifacts', {
      name: naming.globalName('canary-artifacts'),
      kmsKeyArn: props.logsKeyArn,
      lifecycle: { expireAfterDays: props.artifactExpireAfterDays ?? 400, noncurrentExpireAfterDays: 30 },
    });
    const bucketArn = this.artifacts.arn;
    const fnLogGroups = arns.logGroup(`/aws/lambda/cwsyn-${this.name}-*`);

    // The API key lives in Secrets Manager, not in the canary's environment (which the Synthetics and
    // Lambda consoles and APIs show in clear text to anyone who may read the configuration).
    let secretVersion: SecretsmanagerSecretVersion | undefined;
    if (props.apiKey !== undefined) {
      this.apiKeySecret = new SecretsmanagerSecret(this, 'api-key', {
        name: naming.name('health-canary-api-key'),
        description: 'API key the health canary sends to /health (read at run time)',
        kmsKeyId: props.dataKeyArn,
      });
      secretVersion = new SecretsmanagerSecretVersion(this, 'api-key-value', {
        secretId: this.apiKeySecret.id,
        secretString: props.apiKey,
      });
    }
    const secretArn = this.apiKeySecret?.arn;
    const apiKeyStatements: Statement[] =
      secretArn === undefined
        ? []
        : [
            {
              Sid: 'ReadApiKeySecret',
              Effect: 'Allow',
              Action: 'secretsmanager:GetSecretValue',
              Resource: secretArn,
            },
            {
              // Only through Secrets Manager and only for this secret (its ARN is the encryption context).
              // https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
              Sid: 'DecryptApiKeySecret',
              Effect: 'Allow',
              Action: 'kms:Decrypt',
              Resource: props.dataKeyArn,
              Condition: {
                StringEquals: {
                  'kms:ViaService': `secretsmanager.${arns.region}.${arns.dnsSuffix}`,
                  'kms:EncryptionContext:SecretARN': secretArn,
                },
              },
            },
          ];

    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries_Roles.html
    const role = new ServiceRole(this, 'role', {
      name: naming.name('health-canary', 'iamRole'),
      service: 'lambda.amazonaws.com',
      description: 'Synthetics health canary: artifacts, its own logs, metrics, traces',
      statements: [
        {
          Sid: 'WriteArtifacts',
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:GetObject'],
          Resource: `${bucketArn}/${artifactPrefix}/*`,
        },
        {
          Sid: 'LocateArtifactBucket',
          Effect: 'Allow',
          Action: ['s3:GetBucketLocation', 's3:ListBucket'],
          Resource: bucketArn,
        },
        {
          // ListAllMyBuckets has no resource ARN; Synthetics calls it to validate the artifact location.
          Sid: 'ListBucketsForArtifactCheck',
          Effect: 'Allow',
          Action: 's3:ListAllMyBuckets',
          Resource: '*',
        },
        {
          Sid: 'EncryptArtifacts',
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: props.logsKeyArn,
          Condition: { StringEquals: { 'kms:ViaService': `s3.${arns.region}.${arns.dnsSuffix}` } },
        },
        {
          // No logs:CreateLogGroup: the stack declares the group (see class comment).
          Sid: 'WriteOwnLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${fnLogGroups}:*`,
        },
        {
          Sid: 'PublishCanaryMetrics',
          Effect: 'Allow',
          Action: 'cloudwatch:PutMetricData',
          Resource: '*',
          Condition: { StringEquals: { 'cloudwatch:namespace': 'CloudWatchSynthetics' } },
        },
        {
          Sid: 'WriteTraces',
          Effect: 'Allow',
          Action: 'xray:PutTraceSegments',
          Resource: '*',
        },
        ...apiKeyStatements,
        {
          // X-Ray stores traces with the data key (aws_xray_encryption_config); writers need it.
          Sid: 'EncryptTraces',
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: props.dataKeyArn,
          Condition: { StringEquals: { 'kms:ViaService': `xray.${arns.region}.${arns.dnsSuffix}` } },
        },
      ],
    });

    const asset = new TerraformAsset(this, 'code', { path: props.code.dir, type: AssetType.ARCHIVE });
    this.canary = new SyntheticsCanary(this, 'canary', {
      name: this.name,
      runtimeVersion: props.runtimeVersion ?? DEFAULT_CANARY_RUNTIME,
      handler: props.code.handler,
      zipFile: asset.path,
      executionRoleArn: role.arn,
      artifactS3Location: `s3://${this.artifacts.name}/${artifactPrefix}/`,
      artifactConfig: { s3Encryption: { encryptionMode: 'SSE_KMS', kmsKeyArn: props.logsKeyArn } },
      schedule: { expression: props.schedule ?? 'rate(5 minutes)' },
      runConfig: {
        activeTracing: true,
        timeoutInSeconds: 60,
        memoryInMb: 960,
        environmentVariables: {
          HEALTH_URL: props.healthUrl,
          ...(secretArn !== undefined ? { HEALTH_API_KEY_SECRET_ARN: secretArn } : {}),
        },
      },
      successRetentionPeriod: 31,
      failureRetentionPeriod: 31,
      deleteLambda: true,
      startCanary: true,
      // The first run reads the key: its value must exist before the canary starts.
      dependsOn: [
        role.policy,
        this.artifacts.policy,
        this.artifacts.encryption,
        ...(secretVersion ? [secretVersion] : []),
      ],
    });

    this.logGroup = new EncryptedLogGroup(this, 'logs', {
      name: `/aws/lambda/${Fn.element(Fn.split(':', this.canary.engineArn), 6)}`,
      kmsKeyArn: props.logsKeyArn,
    });
  }
}
