/**
 * Each mutator, directly: what it injects where a value was left out, and that it keeps explicit
 * values (right or wrong) and tokens. Reads the synthesized JSON of a real stack.
 */
import { App, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { XrayEncryptionConfig } from '@cdktf/provider-aws/lib/xray-encryption-config';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SyntheticsCanary } from '@cdktf/provider-aws/lib/synthetics-canary';
import { KinesisFirehoseDeliveryStream } from '@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import type { IAspect } from 'cdktf';
import { Aspects } from 'cdktf';
import {
  KmsKeyMutator,
  LogRetentionMutator,
  RequiredTagsMutator,
  TracingMutator,
  paymentsPolicy,
} from '../../aspects';

const KEYS = {
  logs: 'arn:aws:kms:us-east-1:123456789012:key/logs',
  alerting: 'arn:aws:kms:us-east-1:123456789012:key/alerting',
  data: 'arn:aws:kms:us-east-1:123456789012:key/data',
};
const policy = paymentsPolicy({ keys: KEYS });

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

/** Synthesizes `build` with one mutator (no checker) and returns the resource bodies by type and id. */
function mutate(aspect: IAspect, build: (s: Construct) => void): Json['resource'] {
  const app = Testing.app();
  const stack = new TerraformStack(app, 's');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  Aspects.of(stack).add(aspect);
  return (JSON.parse(Testing.synth(stack)) as Json).resource;
}

const lambdaProps = {
  functionName: 'f',
  role: 'arn:aws:iam::123456789012:role/r',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  s3Bucket: 'b',
  s3Key: 'k',
};

describe('KmsKeyMutator', () => {
  const kms = new KmsKeyMutator(policy);

  it('injects the key of each purpose where it was left out', () => {
    const r = mutate(kms, (s) => {
      new CloudwatchLogGroup(s, 'group', { name: '/g' });
      new SnsTopic(s, 'topic', { name: 't' });
      new SecretsmanagerSecret(s, 'secret', { name: 's' });
      new LambdaFunction(s, 'fn', { ...lambdaProps, environment: { variables: { A: 'b' } } });
      new XrayEncryptionConfig(s, 'xray', { type: 'KMS' });
      new RdsCluster(s, 'db', {
        engine: 'aurora-postgresql',
        manageMasterUserPassword: true,
        performanceInsightsEnabled: true,
      });
      new RdsClusterInstance(s, 'inst', {
        clusterIdentifier: 'c',
        instanceClass: 'db.serverless',
        engine: 'aurora-postgresql',
        performanceInsightsEnabled: true,
      });
      new S3BucketServerSideEncryptionConfigurationA(s, 'sse', {
        bucket: 'b',
        rule: [{ bucketKeyEnabled: true }],
      });
      new S3BucketServerSideEncryptionConfigurationA(s, 'sse-kms', {
        bucket: 'b',
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }],
      });
      new SyntheticsCanary(s, 'canary', {
        name: 'c',
        artifactS3Location: 's3://b/',
        executionRoleArn: 'r',
        handler: 'h',
        runtimeVersion: 'syn-nodejs-puppeteer-9.1',
        schedule: { expression: 'rate(5 minutes)' },
      });
      new KinesisFirehoseDeliveryStream(s, 'firehose', {
        name: 'f',
        destination: 'extended_s3',
        extendedS3Configuration: { bucketArn: 'arn:aws:s3:::b', roleArn: 'r' },
      });
    });
    expect(r.aws_cloudwatch_log_group.group.kms_key_id).toBe(KEYS.logs);
    expect(r.aws_sns_topic.topic.kms_master_key_id).toBe(KEYS.alerting);
    expect(r.aws_secretsmanager_secret.secret.kms_key_id).toBe(KEYS.data);
    expect(r.aws_lambda_function.fn.kms_key_arn).toBe(KEYS.data);
    expect(r.aws_xray_encryption_config.xray.key_id).toBe(KEYS.data);
    const db = r.aws_rds_cluster.db;
    expect([
      db.storage_encrypted,
      db.kms_key_id,
      db.master_user_secret_kms_key_id,
      db.performance_insights_kms_key_id,
    ]).toEqual([true, KEYS.data, KEYS.data, KEYS.data]);
    expect(r.aws_rds_cluster_instance.inst.performance_insights_kms_key_id).toBe(KEYS.data);
    expect(r.aws_s3_bucket_server_side_encryption_configuration.sse.rule).toEqual([
      {
        apply_server_side_encryption_by_default: { kms_master_key_id: KEYS.logs, sse_algorithm: 'aws:kms' },
        bucket_key_enabled: true,
      },
    ]);
    expect(r.aws_s3_bucket_server_side_encryption_configuration['sse-kms'].rule).toEqual([
      { apply_server_side_encryption_by_default: { kms_master_key_id: KEYS.logs, sse_algorithm: 'aws:kms' } },
    ]);
    expect(r.aws_synthetics_canary.canary.artifact_config).toEqual({
      s3_encryption: { encryption_mode: 'SSE_KMS', kms_key_arn: KEYS.logs },
    });
    expect(r.aws_kinesis_firehose_delivery_stream.firehose.server_side_encryption).toEqual({
      enabled: true,
      key_arn: KEYS.logs,
      key_type: 'CUSTOMER_MANAGED_CMK',
    });
  });

  it('keeps explicit choices (even wrong ones) and does not encrypt what the author turned off', () => {
    const r = mutate(kms, (s) => {
      new CloudwatchLogGroup(s, 'group', { name: '/g', kmsKeyId: 'alias/aws/logs' });
      new LambdaFunction(s, 'no-env', lambdaProps);
      new XrayEncryptionConfig(s, 'xray', { type: 'NONE' });
      new RdsCluster(s, 'db', { engine: 'aurora-postgresql', storageEncrypted: false });
      new S3BucketServerSideEncryptionConfigurationA(s, 'sse', {
        bucket: 'b',
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      });
      new SyntheticsCanary(s, 'canary', {
        name: 'c',
        artifactS3Location: 's3://b/',
        executionRoleArn: 'r',
        handler: 'h',
        runtimeVersion: 'syn-nodejs-puppeteer-9.1',
        schedule: { expression: 'rate(5 minutes)' },
        artifactConfig: { s3Encryption: { encryptionMode: 'SSE_S3' } },
      });
      new KinesisFirehoseDeliveryStream(s, 'kinesis', {
        name: 'k',
        destination: 'extended_s3',
        kinesisSourceConfiguration: {
          kinesisStreamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s',
          roleArn: 'r',
        },
        extendedS3Configuration: { bucketArn: 'arn:aws:s3:::b', roleArn: 'r' },
      });
    });
    expect(r.aws_cloudwatch_log_group.group.kms_key_id).toBe('alias/aws/logs');
    expect(r.aws_lambda_function['no-env'].kms_key_arn).toBeUndefined();
    expect(r.aws_xray_encryption_config.xray.key_id).toBeUndefined();
    expect(r.aws_rds_cluster.db.storage_encrypted).toBe(false);
    expect(r.aws_rds_cluster.db.kms_key_id).toBeUndefined();
    expect(r.aws_rds_cluster.db.master_user_secret_kms_key_id).toBeUndefined();
    expect(r.aws_s3_bucket_server_side_encryption_configuration.sse.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
    expect(r.aws_synthetics_canary.canary.artifact_config).toEqual({
      s3_encryption: { encryption_mode: 'SSE_S3' },
    });
    expect(r.aws_kinesis_firehose_delivery_stream.kinesis.server_side_encryption).toBeUndefined();
  });

  it('injects nothing for a purpose the policy declares no key for', () => {
    const r = mutate(new KmsKeyMutator(paymentsPolicy({ keys: { logs: KEYS.logs } })), (s) => {
      new SnsTopic(s, 'topic', { name: 't' });
    });
    expect(r.aws_sns_topic.topic.kms_master_key_id).toBeUndefined();
  });
});

describe('LogRetentionMutator', () => {
  it('sets the policy retention where it was left out, keeps an explicit value and a token', () => {
    const r = mutate(new LogRetentionMutator(paymentsPolicy({ logRetentionDays: 365 })), (s) => {
      new CloudwatchLogGroup(s, 'omitted', { name: '/a' });
      new CloudwatchLogGroup(s, 'explicit', { name: '/b', retentionInDays: 30 });
      const v = new TerraformVariable(s, 'days', { type: 'number' });
      new CloudwatchLogGroup(s, 'token', { name: '/c', retentionInDays: Token.asNumber(v.value) });
    });
    expect(r.aws_cloudwatch_log_group.omitted.retention_in_days).toBe(365);
    expect(r.aws_cloudwatch_log_group.explicit.retention_in_days).toBe(30);
    expect(r.aws_cloudwatch_log_group.token.retention_in_days).toBe('${var.days}');
  });
});

describe('TracingMutator', () => {
  const build = (s: Construct) => {
    new LambdaFunction(s, 'fn', lambdaProps);
    new LambdaFunction(s, 'passthrough', {
      ...lambdaProps,
      functionName: 'g',
      tracingConfig: { mode: 'PassThrough' },
    });
    new ApiGatewayStage(s, 'stage', { restApiId: 'a', stageName: 'v1', deploymentId: 'd' });
    new ApiGatewayStage(s, 'off', {
      restApiId: 'a',
      stageName: 'v2',
      deploymentId: 'd',
      xrayTracingEnabled: false,
    });
    const canary = {
      artifactS3Location: 's3://b/',
      executionRoleArn: 'r',
      handler: 'h',
      runtimeVersion: 'syn-nodejs-puppeteer-9.1',
      schedule: { expression: 'rate(5 minutes)' },
    };
    new SyntheticsCanary(s, 'canary', { ...canary, name: 'c1' });
    new SyntheticsCanary(s, 'canary-timeout', { ...canary, name: 'c2', runConfig: { timeoutInSeconds: 60 } });
    new SyntheticsCanary(s, 'canary-off', { ...canary, name: 'c3', runConfig: { activeTracing: false } });
  };

  it('turns on active tracing where it was left out and keeps explicit choices', () => {
    const r = mutate(new TracingMutator(policy), build);
    expect(r.aws_lambda_function.fn.tracing_config).toEqual({ mode: 'Active' });
    expect(r.aws_lambda_function.passthrough.tracing_config).toEqual({ mode: 'PassThrough' });
    expect(r.aws_api_gateway_stage.stage.xray_tracing_enabled).toBe(true);
    expect(r.aws_api_gateway_stage.off.xray_tracing_enabled).toBe(false);
    expect(r.aws_synthetics_canary.canary.run_config).toEqual({ active_tracing: true });
    expect(r.aws_synthetics_canary['canary-timeout'].run_config).toEqual({
      active_tracing: true,
      timeout_in_seconds: 60,
    });
    expect(r.aws_synthetics_canary['canary-off'].run_config).toEqual({ active_tracing: false });
  });

  it('does nothing when the policy does not require tracing', () => {
    const r = mutate(new TracingMutator(paymentsPolicy({ tracing: false })), build);
    expect(r.aws_lambda_function.fn.tracing_config).toBeUndefined();
    expect(r.aws_api_gateway_stage.stage.xray_tracing_enabled).toBeUndefined();
    expect(r.aws_synthetics_canary.canary.run_config).toBeUndefined();
  });
});

describe('RequiredTagsMutator', () => {
  it("adds only the missing required tags, keeps the author's, skips untaggable types and provider defaults", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    new AwsProvider(stack, 'aws', {
      region: 'us-east-1',
      defaultTags: [{ tags: { CostCenter: 'payments' } }],
    });
    new CloudwatchLogGroup(stack, 'g', { name: '/g', tags: { Team: 'ledger', Environment: 'staging' } });
    new XrayEncryptionConfig(stack, 'xray', { type: 'KMS' });
    Aspects.of(stack).add(new RequiredTagsMutator(policy));
    const r = (JSON.parse(Testing.synth(stack)) as Json).resource;
    expect(r.aws_cloudwatch_log_group.g.tags).toEqual({ Team: 'ledger', Environment: 'staging' });
    expect(r.aws_xray_encryption_config.xray.tags).toBeUndefined();
  });

  it('uses the default_tags of the provider the resource uses (an alias), not the default provider', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const stack = new TerraformStack(app, 's');
    new AwsProvider(stack, 'aws', {
      region: 'us-east-1',
      defaultTags: [{ tags: { Environment: 'production', CostCenter: 'payments' } }],
    });
    const other = new AwsProvider(stack, 'eu', { region: 'eu-west-1', alias: 'eu' });
    new CloudwatchLogGroup(stack, 'home', { name: '/home' });
    new CloudwatchLogGroup(stack, 'away', { name: '/away', provider: other });
    Aspects.of(stack).add(new RequiredTagsMutator(policy));
    const r = (JSON.parse(Testing.synth(stack)) as Json).resource;
    expect(r.aws_cloudwatch_log_group.home.tags).toBeUndefined();
    expect(r.aws_cloudwatch_log_group.away.tags).toEqual({
      Environment: 'production',
      CostCenter: 'payments',
    });
  });
});
