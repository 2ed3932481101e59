/**
 * KmsKeyMutator (aspects/cdk/mutators/kms.ts): the key of each purpose injected where it was left out;
 * explicit choices (right or wrong) and tokens kept; nothing injected for a purpose without a key or
 * where the author turned encryption off. Reads the synthesized JSON of a real stack.
 */
import type { Construct } from 'constructs';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
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
import { KmsKeyMutator, paymentsPolicy } from '@payments-compliance/gate';
import {
  KEYS,
  canaryProps,
  firehoseProps,
  lambdaProps,
  mutate,
  synth,
  tokenOf,
} from '../../../support/mutator-harness';

const policy = paymentsPolicy({ keys: KEYS });
const noKeys = paymentsPolicy({ keys: {} });

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

describe('KmsKeyMutator: tokens, missing keys and explicit values', () => {
  it('encrypts Lambda environment variables only when there are some (or a token)', () => {
    const r = synth([new KmsKeyMutator(policy)], (s) => {
      new LambdaFunction(s, 'empty', { ...lambdaProps, environment: { variables: {} } });
      new LambdaFunction(s, 'token', {
        ...lambdaProps,
        environment: { variables: tokenOf(s, 'vars') as Record<string, string> },
      });
    }).resource;
    expect(r.aws_lambda_function.empty.kms_key_arn).toBeUndefined();
    expect(r.aws_lambda_function.token.kms_key_arn).toBe(KEYS.data);
  });

  it('sets Performance Insights keys only where Performance Insights is on', () => {
    const r = synth([new KmsKeyMutator(policy)], (s) => {
      new RdsCluster(s, 'db', { engine: 'aurora-postgresql', performanceInsightsEnabled: false });
      new RdsClusterInstance(s, 'inst', {
        clusterIdentifier: 'c',
        instanceClass: 'db.serverless',
        engine: 'aurora-postgresql',
      });
    }).resource;
    expect(r.aws_rds_cluster.db.performance_insights_kms_key_id).toBeUndefined();
    expect(r.aws_rds_cluster.db.kms_key_id).toBe(KEYS.data);
    expect(r.aws_rds_cluster_instance.inst.performance_insights_kms_key_id).toBeUndefined();
  });

  it('leaves S3 default encryption alone without a logs key, with a token, or with an explicit key', () => {
    const sse = (s: Construct, id: string, rule: unknown) =>
      new S3BucketServerSideEncryptionConfigurationA(s, id, {
        bucket: 'b',
        rule: rule as S3BucketServerSideEncryptionConfigurationA['rule'] & object[],
      });
    const build = (s: Construct) => {
      sse(s, 'bare', [{ bucketKeyEnabled: true }]);
      sse(s, 'rules-token', tokenOf(s, 'rules'));
      sse(s, 'rule-token', [tokenOf(s, 'rule'), { bucketKeyEnabled: true }]);
      sse(s, 'default-token', [{ applyServerSideEncryptionByDefault: tokenOf(s, 'default') }]);
      sse(s, 'explicit', [
        {
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: 'aws:kms',
            kmsMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:key/mine',
          },
        },
      ]);
    };
    const without = synth([new KmsKeyMutator(noKeys)], build).resource;
    expect(without.aws_s3_bucket_server_side_encryption_configuration.bare.rule).toEqual([
      { bucket_key_enabled: true },
    ]);
    const r = synth([new KmsKeyMutator(policy)], build).resource;
    const rules = r.aws_s3_bucket_server_side_encryption_configuration;
    expect(rules['rules-token'].rule).toBe('${var.rules}');
    expect(rules['rule-token'].rule).toEqual([
      '${var.rule}',
      {
        apply_server_side_encryption_by_default: { kms_master_key_id: KEYS.logs, sse_algorithm: 'aws:kms' },
        bucket_key_enabled: true,
      },
    ]);
    expect(rules['default-token'].rule).toEqual([
      { apply_server_side_encryption_by_default: '${var.default}' },
    ]);
    expect(rules.explicit.rule).toEqual([
      {
        apply_server_side_encryption_by_default: {
          kms_master_key_id: 'arn:aws:kms:us-east-1:123456789012:key/mine',
          sse_algorithm: 'aws:kms',
        },
      },
    ]);
  });

  it('completes canary artifact encryption that is SSE-KMS (stated or by default) without a key', () => {
    const r = synth([new KmsKeyMutator(policy)], (s) => {
      new SyntheticsCanary(s, 'kms', {
        ...canaryProps,
        name: 'c1',
        artifactConfig: { s3Encryption: { encryptionMode: 'SSE_KMS' } },
      });
      new SyntheticsCanary(s, 'mode-unset', {
        ...canaryProps,
        name: 'c2',
        artifactConfig: { s3Encryption: {} },
      });
      new SyntheticsCanary(s, 'own-key', {
        ...canaryProps,
        name: 'c3',
        artifactConfig: { s3Encryption: { encryptionMode: 'SSE_KMS', kmsKeyArn: 'arn:mine' } },
      });
    }).resource.aws_synthetics_canary;
    const full = { s3_encryption: { encryption_mode: 'SSE_KMS', kms_key_arn: KEYS.logs } };
    expect(r.kms.artifact_config).toEqual(full);
    expect(r['mode-unset'].artifact_config).toEqual(full);
    expect(r['own-key'].artifact_config).toEqual({
      s3_encryption: { encryption_mode: 'SSE_KMS', kms_key_arn: 'arn:mine' },
    });
  });

  it('injects nothing into canaries and Firehose streams when the policy declares no logs key', () => {
    const r = synth([new KmsKeyMutator(noKeys)], (s) => {
      new SyntheticsCanary(s, 'canary', { ...canaryProps, name: 'c' });
      new KinesisFirehoseDeliveryStream(s, 'firehose', { ...firehoseProps, name: 'f' });
      new LambdaFunction(s, 'fn', { ...lambdaProps, environment: { variables: { A: 'b' } } });
    }).resource;
    expect(r.aws_synthetics_canary.canary.artifact_config).toBeUndefined();
    expect(r.aws_kinesis_firehose_delivery_stream.firehose.server_side_encryption).toBeUndefined();
    expect(r.aws_lambda_function.fn.kms_key_arn).toBeUndefined();
  });

  it('keeps explicit Firehose encryption and skips MSK-sourced streams', () => {
    const r = synth([new KmsKeyMutator(policy)], (s) => {
      new KinesisFirehoseDeliveryStream(s, 'off', {
        ...firehoseProps,
        name: 'a',
        serverSideEncryption: { enabled: false },
      });
      new KinesisFirehoseDeliveryStream(s, 'msk', {
        ...firehoseProps,
        name: 'c',
        mskSourceConfiguration: {
          mskClusterArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/c/1',
          topicName: 't',
          authenticationConfiguration: { connectivity: 'PRIVATE', roleArn: 'r' },
        },
      });
    }).resource.aws_kinesis_firehose_delivery_stream;
    expect(r.off.server_side_encryption).toEqual({ enabled: false });
    expect(r.msk.server_side_encryption).toBeUndefined();
  });
});

describe('KmsKeyMutator: a policy key declared in another stack', () => {
  it('is not injected, and without a context to report to, the synth still succeeds', () => {
    const app = Testing.app();
    const keys = new TerraformStack(app, 'keys');
    new AwsProvider(keys, 'aws', { region: 'us-east-1' });
    const key = new KmsKey(keys, 'logs-key', { enableKeyRotation: true });
    const stack = new TerraformStack(app, 'ledger');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new CloudwatchLogGroup(stack, 'group', { name: '/g' });
    Aspects.of(stack).add(new KmsKeyMutator(paymentsPolicy({ keys: { logs: key.arn } })));
    const r = JSON.parse(Testing.synth(stack)).resource;
    expect(r.aws_cloudwatch_log_group.group).toEqual({ name: '/g' });
  });
});
