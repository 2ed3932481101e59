/**
 * Generators of construct *factories* for the resource types of the flagship stack. A factory builds a
 * plain resource (with the companions a policy-compliant author declares alongside it) and randomly
 * leaves out the settings the gate injects, or sets compliant values the gate must keep. A factory
 * prints as a readable line, so a counterexample says what was generated.
 *
 * `explicit` lists the compliant values the author set (they must survive the gate unchanged).
 */
import * as fc from 'fast-check';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { SyntheticsCanary } from '@cdktf/provider-aws/lib/synthetics-canary';
import { XrayEncryptionConfig } from '@cdktf/provider-aws/lib/xray-encryption-config';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import type { Baseline } from '../support/baseline';
import { ACCOUNT, denyTopicWithoutTls } from '../support/baseline';
import type { PrivateSource, RuleForm } from './exposure';
import {
  PORTS,
  PRIVATE_SOURCES,
  RULE_FORMS,
  SAFE_ENVIRONMENTS,
  privateGrantArb,
  queueWithPolicy,
  securityGroupWith,
} from './exposure';

/** A compliant value the author set explicitly: `attribute` is a dotted path into the resource JSON. */
export interface Explicit {
  readonly path: string;
  readonly attribute: string;
  readonly value: unknown;
}

export interface Built {
  readonly explicit: Explicit[];
  /** Construct paths of the resources whose settings were left to the gate, by concern. */
  readonly reliesOn: { readonly path: string; readonly concern: 'tags' | 'kms' | 'retention' | 'tracing' }[];
}

export interface ResourceFactory {
  readonly kind: string;
  build(scope: Construct, id: string, base: Baseline): Built;
  toString(): string;
}

function factory(kind: string, settings: object, build: ResourceFactory['build']): ResourceFactory {
  const text = `${kind}(${JSON.stringify(settings)})`;
  return { kind, build, toString: () => text, [fc.toStringMethod]: () => text } as ResourceFactory;
}

/** undefined (left out for the gate) or one of the compliant values. */
const maybe = <T>(...values: T[]) => fc.option(fc.constantFrom(...values), { nil: undefined, freq: 2 });
const userTags = fc.option(
  fc.constantFrom<Record<string, string>>(
    { Team: 'ledger' },
    { Environment: 'production' },
    { CostCenter: 'payments', Owner: 'sre' },
  ),
  { nil: undefined },
);

/** Records what the author set and what they left to the gate. */
class Recorder {
  readonly explicit: Explicit[] = [];
  readonly reliesOn: Built['reliesOn'] = [];
  set<T>(
    path: string,
    attribute: string,
    value: T | undefined,
    concern: Built['reliesOn'][number]['concern'],
  ): T | undefined {
    if (value === undefined) this.reliesOn.push({ path, concern });
    else this.explicit.push({ path, attribute, value });
    return value;
  }
  tags(path: string, tags: Record<string, string> | undefined): Record<string, string> | undefined {
    this.reliesOn.push({ path, concern: 'tags' });
    if (tags)
      for (const [k, v] of Object.entries(tags))
        this.explicit.push({ path, attribute: `tags.${k}`, value: v });
    return tags;
  }
  done(): Built {
    return { explicit: this.explicit, reliesOn: this.reliesOn };
  }
}

// ------------------------------------------------------------------------------------- factories

export const logGroupArb = fc
  .record({ retention: maybe(0, 90, 180, 365, 731), useKey: fc.boolean(), tags: userTags })
  .map((s) =>
    factory('logGroup', s, (scope, id, base) => {
      const rec = new Recorder();
      const path = `${scope.node.path}/${id}`;
      new CloudwatchLogGroup(scope, id, {
        name: `/generated/${id}`,
        retentionInDays: rec.set(path, 'retention_in_days', s.retention, 'retention'),
        kmsKeyId: rec.set(path, 'kms_key_id', s.useKey ? base.keys.logs.arn : undefined, 'kms'),
        tags: rec.tags(path, s.tags),
      });
      return rec.done();
    }),
  );

export const lambdaArb = fc
  .record({
    tracing: fc.boolean(),
    env: fc.boolean(),
    variables: fc.constantFrom(...SAFE_ENVIRONMENTS),
    envKey: fc.boolean(),
    runtime: fc.constantFrom('nodejs22.x', 'nodejs24.x'),
    groupRetention: maybe(90, 365),
    tags: userTags,
  })
  .map((s) =>
    factory('lambda', s, (scope, id, base) => {
      const rec = new Recorder();
      const c = new Construct(scope, id);
      const name = `gen-${id}`.slice(0, 64);
      const role = new IamRole(c, 'role', {
        name: `${name}-role`,
        assumeRolePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        }),
      });
      rec.reliesOn.push({ path: role.node.path, concern: 'tags' });
      const group = new CloudwatchLogGroup(c, 'logs', {
        name: `/aws/lambda/${name}`,
        retentionInDays: s.groupRetention,
      });
      rec.reliesOn.push({ path: group.node.path, concern: 'kms' });
      const fnPath = `${c.node.path}/fn`;
      new LambdaFunction(c, 'fn', {
        functionName: name,
        role: role.arn,
        runtime: s.runtime,
        handler: 'index.handler',
        s3Bucket: 'artifacts-bucket',
        s3Key: `${name}.zip`,
        timeout: 10,
        memorySize: 256,
        reservedConcurrentExecutions: 5,
        vpcConfig: {
          subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
          securityGroupIds: ['sg-0aaaaaaaaaaaaaaa1'],
        },
        tracingConfig: s.tracing ? { mode: 'Active' } : undefined,
        environment: s.env ? { variables: s.variables.value } : undefined,
        kmsKeyArn: s.env && s.envKey ? base.keys.data.arn : undefined,
        tags: rec.tags(fnPath, s.tags),
        dependsOn: [group],
      });
      rec.set(fnPath, 'tracing_config.mode', s.tracing ? 'Active' : undefined, 'tracing');
      if (s.env) rec.set(fnPath, 'kms_key_arn', s.envKey ? base.keys.data.arn : undefined, 'kms');
      return rec.done();
    }),
  );

export const topicArb = fc
  .record({ useKey: fc.boolean(), tags: userTags, grant: fc.option(privateGrantArb, { nil: undefined }) })
  .map((s) =>
    factory('snsTopic', s, (scope, id, base) => {
      const rec = new Recorder();
      const path = `${scope.node.path}/${id}`;
      const topic = new SnsTopic(scope, id, {
        name: `gen-${id}`,
        kmsMasterKeyId: s.useKey ? base.keys.alerting.arn : undefined,
        tags: rec.tags(path, s.tags),
      });
      if (!s.useKey) rec.reliesOn.push({ path, concern: 'kms' });
      new SnsTopicPolicy(scope, `${id}-policy`, {
        arn: topic.arn,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            denyTopicWithoutTls(topic.arn),
            ...(s.grant ? [s.grant.value('sns:Publish', topic.arn)] : []),
          ],
        }),
      });
      return rec.done();
    }),
  );

/** A bucket with the companions the S3 rules require; the SSE key is left out or set. */
export function hardenedBucket(
  scope: Construct,
  id: string,
  base: Baseline,
  sse: 'omit-default' | 'kms-no-key' | 'full',
  /** More bucket-policy statements, given the bucket ARN (a grant to test the public-policy rule). */
  extra?: (bucketArn: string) => Record<string, unknown>[],
): S3Bucket {
  const bucket = new S3Bucket(scope, id, { bucket: `gen-${id}-${ACCOUNT}`.toLowerCase().slice(0, 63) });
  const byDefault =
    sse === 'omit-default'
      ? undefined
      : sse === 'kms-no-key'
        ? { sseAlgorithm: 'aws:kms' }
        : { sseAlgorithm: 'aws:kms', kmsMasterKeyId: base.keys.logs.arn };
  new S3BucketServerSideEncryptionConfigurationA(scope, `${id}-sse`, {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: byDefault, bucketKeyEnabled: true }],
  });
  new S3BucketPublicAccessBlock(scope, `${id}-pab`, {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketPolicy(scope, `${id}-policy`, {
    bucket: bucket.id,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyWithoutTls',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [bucket.arn, `${bucket.arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        ...(extra ? extra(bucket.arn) : []),
      ],
    }),
  });
  new S3BucketVersioningA(scope, `${id}-versioning`, {
    bucket: bucket.id,
    versioningConfiguration: { status: 'Enabled' },
  });
  new S3BucketLifecycleConfiguration(scope, `${id}-lifecycle`, {
    bucket: bucket.id,
    rule: [
      {
        id: 'archive',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        transition: [{ days: 90, storageClass: 'GLACIER' }],
        expiration: [{ days: 400 }],
        noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
      },
    ],
  });
  new S3BucketOwnershipControls(scope, `${id}-ownership`, {
    bucket: bucket.id,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });
  return bucket;
}

export const bucketArb = fc
  .record({
    sse: fc.constantFrom<'omit-default' | 'kms-no-key' | 'full'>('omit-default', 'kms-no-key', 'full'),
    grant: fc.option(privateGrantArb, { nil: undefined }),
  })
  .map((s) =>
    factory('bucket', s, (scope, id, base) => {
      const rec = new Recorder();
      const grant = s.grant?.value;
      const b = hardenedBucket(
        scope,
        id,
        base,
        s.sse,
        grant ? (arn) => [grant('s3:GetObject', `${arn}/*`)] : undefined,
      );
      rec.reliesOn.push({ path: b.node.path, concern: 'tags' });
      if (s.sse !== 'full') rec.reliesOn.push({ path: `${scope.node.path}/${id}-sse`, concern: 'kms' });
      return rec.done();
    }),
  );

export const alarmArb = fc.record({ composite: fc.boolean(), tags: userTags }).map((s) =>
  factory('alarm', s, (scope, id, base) => {
    const rec = new Recorder();
    const path = `${scope.node.path}/${id}`;
    const alarm = new CloudwatchMetricAlarm(scope, id, {
      alarmName: `gen-${id}`,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [base.alertTopic.arn],
      tags: rec.tags(path, s.tags),
    });
    if (s.composite) {
      const composite = new CloudwatchCompositeAlarm(scope, `${id}-composite`, {
        alarmName: `gen-${id}-composite`,
        alarmRule: `ALARM("${alarm.alarmName}")`,
        alarmActions: [base.alertTopic.arn],
      });
      rec.reliesOn.push({ path: composite.node.path, concern: 'tags' });
    }
    return rec.done();
  }),
);

export const rdsArb = fc
  .record({ storageEncrypted: fc.boolean(), key: fc.boolean(), secretKey: fc.boolean(), pi: fc.boolean() })
  .map((s) =>
    factory('aurora', s, (scope, id, base) => {
      const rec = new Recorder();
      const c = new Construct(scope, id);
      const clusterId = `gen-${id}`.toLowerCase();
      const group = new CloudwatchLogGroup(c, 'postgresql-logs', {
        name: `/aws/rds/cluster/${clusterId}/postgresql`,
      });
      rec.reliesOn.push({ path: group.node.path, concern: 'retention' });
      const clusterPath = `${c.node.path}/cluster`;
      const cluster = new RdsCluster(c, 'cluster', {
        clusterIdentifier: clusterId,
        engine: 'aurora-postgresql',
        engineVersion: '16.4',
        masterUsername: 'payments_admin',
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: s.secretKey ? base.keys.data.arn : undefined,
        storageEncrypted: s.storageEncrypted ? true : undefined,
        kmsKeyId: s.key ? base.keys.data.arn : undefined,
        iamDatabaseAuthenticationEnabled: true,
        deletionProtection: true,
        backupRetentionPeriod: 14,
        copyTagsToSnapshot: true,
        port: 5433,
        enabledCloudwatchLogsExports: ['postgresql'],
        dependsOn: [group],
      });
      rec.set(clusterPath, 'storage_encrypted', s.storageEncrypted ? true : undefined, 'kms');
      rec.reliesOn.push({ path: clusterPath, concern: 'tags' });
      new RdsClusterInstance(c, 'instance', {
        identifier: `${clusterId}-1`,
        clusterIdentifier: cluster.id,
        instanceClass: 'db.serverless',
        engine: 'aurora-postgresql',
        publiclyAccessible: false,
        performanceInsightsEnabled: s.pi ? true : undefined,
        autoMinorVersionUpgrade: true,
      });
      return rec.done();
    }),
  );

export const apiStageArb = fc
  .record({
    tracing: fc.boolean(),
    dataTrace: fc.constantFrom<boolean | undefined>(false, undefined),
    tags: userTags,
  })
  .map((s) =>
    factory('apiStage', s, (scope, id) => {
      const rec = new Recorder();
      const c = new Construct(scope, id);
      const api = new ApiGatewayRestApi(c, 'api', { name: `gen-${id}` });
      const stageName = 'live';
      const access = new CloudwatchLogGroup(c, 'access-logs', { name: `/generated/${id}/access` });
      const execution = new CloudwatchLogGroup(c, 'execution-logs', {
        name: `API-Gateway-Execution-Logs_${api.id}/${stageName}`,
      });
      rec.reliesOn.push({ path: execution.node.path, concern: 'kms' });
      const deployment = new ApiGatewayDeployment(c, 'deployment', {
        restApiId: api.id,
        lifecycle: { createBeforeDestroy: true },
      });
      const stagePath = `${c.node.path}/stage`;
      const stage = new ApiGatewayStage(c, 'stage', {
        restApiId: api.id,
        stageName,
        deploymentId: deployment.id,
        xrayTracingEnabled: s.tracing ? true : undefined,
        accessLogSettings: {
          destinationArn: access.arn,
          format: JSON.stringify({ requestId: '$context.requestId', status: '$context.status' }),
        },
        tags: rec.tags(stagePath, s.tags),
        dependsOn: [access, execution],
      });
      rec.set(stagePath, 'xray_tracing_enabled', s.tracing ? true : undefined, 'tracing');
      new ApiGatewayMethodSettings(c, 'settings', {
        restApiId: api.id,
        stageName: stage.stageName,
        methodPath: '*/*',
        settings: { loggingLevel: 'INFO', metricsEnabled: true, dataTraceEnabled: s.dataTrace },
      });
      return rec.done();
    }),
  );

export const canaryArb = fc
  .record({
    artifacts: fc.constantFrom('omit', 'mode-only', 'full'),
    run: fc.constantFrom('omit', 'timeout-only', 'tracing'),
  })
  .map((s) =>
    factory('canary', s, (scope, id, base) => {
      const rec = new Recorder();
      const c = new Construct(scope, id);
      const bucket = hardenedBucket(c, 'artifacts', base, 'full');
      const role = new IamRole(c, 'role', {
        name: `gen-${id}-canary`,
        assumeRolePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        }),
      });
      const path = `${c.node.path}/canary`;
      new SyntheticsCanary(c, 'canary', {
        name: `gen-${id}`.toLowerCase().slice(0, 21),
        artifactS3Location: `s3://${bucket.bucket}/canary/`,
        executionRoleArn: role.arn,
        handler: 'health.handler',
        runtimeVersion: 'syn-nodejs-playwright-8.0',
        s3Bucket: 'code-bucket',
        s3Key: 'canary.zip',
        schedule: { expression: 'rate(5 minutes)' },
        deleteLambda: true,
        artifactConfig:
          s.artifacts === 'omit'
            ? undefined
            : {
                s3Encryption:
                  s.artifacts === 'mode-only'
                    ? { encryptionMode: 'SSE_KMS' }
                    : { encryptionMode: 'SSE_KMS', kmsKeyArn: base.keys.logs.arn },
              },
        runConfig:
          s.run === 'omit'
            ? undefined
            : s.run === 'timeout-only'
              ? { timeoutInSeconds: 60 }
              : { activeTracing: true, timeoutInSeconds: 60 },
      });
      if (s.run === 'timeout-only')
        rec.explicit.push({ path, attribute: 'run_config.timeout_in_seconds', value: 60 });
      rec.set(path, 'run_config.active_tracing', s.run === 'tracing' ? true : undefined, 'tracing');
      if (s.artifacts !== 'full') rec.reliesOn.push({ path, concern: 'kms' });
      return rec.done();
    }),
  );

export const secretArb = fc.record({ key: fc.boolean() }).map((s) =>
  factory('secret', s, (scope, id, base) => {
    const rec = new Recorder();
    const path = `${scope.node.path}/${id}`;
    new SecretsmanagerSecret(scope, id, {
      name: `gen/${id}`,
      kmsKeyId: s.key ? base.keys.data.arn : undefined,
    });
    if (!s.key) rec.reliesOn.push({ path, concern: 'kms' });
    return rec.done();
  }),
);

export const vpcArb = fc.record({ tags: userTags }).map((s) =>
  factory('vpc', s, (scope, id) => {
    const rec = new Recorder();
    const c = new Construct(scope, id);
    const vpc = new Vpc(c, 'vpc', {
      cidrBlock: '10.20.0.0/16',
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: rec.tags(`${c.node.path}/vpc`, s.tags),
    });
    const group = new CloudwatchLogGroup(c, 'flow-logs', { name: `/generated/${id}/flow-logs` });
    const role = new IamRole(c, 'flow-role', {
      name: `gen-${id}-flow`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    });
    new FlowLog(c, 'flow-log', {
      vpcId: vpc.id,
      trafficType: 'ALL',
      logDestination: group.arn,
      iamRoleArn: role.arn,
    });
    new DefaultSecurityGroup(c, 'default-sg', { vpcId: vpc.id });
    return rec.done();
  }),
);

/** The X-Ray encryption config is a per-account singleton: at most one per generated stack. */
export const xrayArb = fc.record({ key: fc.boolean() }).map((s) =>
  factory('xrayEncryption', s, (scope, id, base) => {
    const rec = new Recorder();
    new XrayEncryptionConfig(scope, id, { type: 'KMS', keyId: s.key ? base.keys.data.arn : undefined });
    if (!s.key) rec.reliesOn.push({ path: `${scope.node.path}/${id}`, concern: 'kms' });
    return rec.done();
  }),
);

/** An SQS queue (data key) whose access policy may grant to everyone under a limiting condition. */
export const queueArb = fc.record({ grant: fc.option(privateGrantArb, { nil: undefined }) }).map((s) =>
  factory('queue', s, (scope, id, base) => {
    const rec = new Recorder();
    const q = queueWithPolicy(scope, id, base, s.grant?.value);
    rec.reliesOn.push({ path: q.node.path, concern: 'tags' });
    return rec.done();
  }),
);

/** A security group whose ingress rule (inline or its own resource) admits a private source only. */
export const securityGroupArb = fc
  .record({
    form: fc.constantFrom<RuleForm>(...RULE_FORMS),
    source: fc.constantFrom<PrivateSource>(...PRIVATE_SOURCES),
    port: fc.constantFrom(...PORTS),
  })
  .map((s) =>
    factory('securityGroup', s, (scope, id) => {
      const rec = new Recorder();
      const { group } = securityGroupWith(scope, id, s);
      rec.reliesOn.push({ path: group.node.path, concern: 'tags' });
      return rec.done();
    }),
  );

export const ANY_RESOURCE = fc.oneof(
  logGroupArb,
  lambdaArb,
  topicArb,
  bucketArb,
  alarmArb,
  rdsArb,
  apiStageArb,
  canaryArb,
  secretArb,
  vpcArb,
  queueArb,
  securityGroupArb,
);

export interface GeneratedStack {
  readonly factories: readonly ResourceFactory[];
  readonly xray?: ResourceFactory;
}

/** A random stack: 1 to `max` resources of the flagship's types, plus maybe the X-Ray singleton. */
export function stackArb(max = 6): fc.Arbitrary<GeneratedStack> {
  return fc
    .record({
      factories: fc.array(ANY_RESOURCE, { minLength: 1, maxLength: max }),
      xray: fc.option(xrayArb, { nil: undefined }),
    })
    .map((g) => g);
}
