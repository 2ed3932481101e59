/**
 * The mutators' edges that mutators.test.ts leaves out: tokens (only Terraform knows them, so they are
 * never touched), purposes without a declared key, explicit values that must survive, things that are
 * not taggable resources (data sources, other providers), and the helpers in mutators/util.ts.
 */
import { Aspects, TerraformProvider, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import type { IAspect } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCloudwatchLogGroup } from '@cdktf/provider-aws/lib/data-aws-cloudwatch-log-group';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SyntheticsCanary } from '@cdktf/provider-aws/lib/synthetics-canary';
import { KinesisFirehoseDeliveryStream } from '@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream';
import { XrayEncryptionConfig } from '@cdktf/provider-aws/lib/xray-encryption-config';
import {
  KmsKeyMutator,
  LogRetentionMutator,
  RequiredTagsMutator,
  acceptsTags,
  paymentsPolicy,
} from '../../aspects';
import { blockValue, isToken, mutable, put, resourceType } from '../../aspects/cdk/mutators/util';

const KEYS = {
  logs: 'arn:aws:kms:us-east-1:123456789012:key/logs',
  alerting: 'arn:aws:kms:us-east-1:123456789012:key/alerting',
  data: 'arn:aws:kms:us-east-1:123456789012:key/data',
};
const policy = paymentsPolicy({ keys: KEYS });
const noKeys = paymentsPolicy({ keys: {} });

type Resources = Record<string, Record<string, Record<string, unknown>>>;
interface Synth {
  resource: Resources;
  data?: Resources;
}

/** Synthesizes `build` with the given aspects (no checker) and returns the JSON. */
function synth(aspects: IAspect[], build: (s: Construct) => void): Synth {
  const stack = new TerraformStack(Testing.app(), 's');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  for (const a of aspects) Aspects.of(stack).add(a);
  return JSON.parse(Testing.synth(stack)) as Synth;
}

/** An unresolved value of any shape, as a block or map the author computed in Terraform. */
function tokenOf(s: Construct, id: string): unknown {
  return Token.asAny(new TerraformVariable(s, id, { type: 'any' }).value);
}

const lambdaProps = {
  functionName: 'f',
  role: 'arn:aws:iam::123456789012:role/r',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  s3Bucket: 'b',
  s3Key: 'k',
};
const canaryProps = {
  artifactS3Location: 's3://b/',
  executionRoleArn: 'r',
  handler: 'h',
  runtimeVersion: 'syn-nodejs-puppeteer-9.1',
  schedule: { expression: 'rate(5 minutes)' },
};
const firehoseProps = {
  destination: 'extended_s3',
  extendedS3Configuration: { bucketArn: 'arn:aws:s3:::b', roleArn: 'r' },
};

class OtherProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, { terraformResourceType: 'random' });
  }
}

describe('KmsKeyMutator edges', () => {
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

describe('LogRetentionMutator edges', () => {
  it('touches log group resources only, not a log group data source', () => {
    const out = synth([new LogRetentionMutator(policy)], (s) => {
      new DataAwsCloudwatchLogGroup(s, 'existing', { name: '/existing' });
      new XrayEncryptionConfig(s, 'xray', { type: 'NONE' });
    });
    expect(out.data?.aws_cloudwatch_log_group.existing).toEqual({ name: '/existing' });
    expect(out.resource.aws_xray_encryption_config.xray).toEqual({ type: 'NONE' });
  });
});

describe('RequiredTagsMutator edges', () => {
  it('leaves data sources and a token-valued tag map alone', () => {
    const out = synth([new RequiredTagsMutator(policy)], (s) => {
      new DataAwsVpc(s, 'vpc', { default: true });
      new CloudwatchLogGroup(s, 'token', {
        name: '/t',
        tags: Token.asStringMap(new TerraformVariable(s, 'tags', { type: 'map(string)' }).value),
      });
    });
    expect(out.data?.aws_vpc.vpc).toEqual({ default: true });
    expect(out.resource.aws_cloudwatch_log_group.token.tags).toBe('${var.tags}');
  });

  it('reads default_tags only from AWS providers, whatever other providers are declared after them', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new AwsProvider(stack, 'aws', {
      region: 'us-east-1',
      defaultTags: [{ tags: { Environment: 'production', CostCenter: 'payments' } }],
    });
    new OtherProvider(stack, 'random');
    new CloudwatchLogGroup(stack, 'g', { name: '/g' });
    Aspects.of(stack).add(new RequiredTagsMutator(policy));
    const r = (JSON.parse(Testing.synth(stack)) as Synth).resource;
    expect(r.aws_cloudwatch_log_group.g.tags).toBeUndefined();
  });

  it('ignores default_tags that are a token and adds the required tags itself', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new AwsProvider(stack, 'aws', {
      region: 'us-east-1',
      defaultTags: [
        { tags: Token.asStringMap(new TerraformVariable(stack, 'dt', { type: 'map(string)' }).value) },
      ],
    });
    new CloudwatchLogGroup(stack, 'g', { name: '/g', tags: { Environment: 'production' } });
    Aspects.of(stack).add(new RequiredTagsMutator(policy));
    const r = (JSON.parse(Testing.synth(stack)) as Synth).resource;
    expect(r.aws_cloudwatch_log_group.g.tags).toEqual({ Environment: 'production', CostCenter: 'payments' });
  });

  it('acceptsTags: managed resources that have a tags input, nothing else', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const provider = new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    expect(acceptsTags(new CloudwatchLogGroup(stack, 'g', { name: '/g' }))).toBe(true);
    expect(acceptsTags(new XrayEncryptionConfig(stack, 'x', { type: 'NONE' }))).toBe(false);
    expect(acceptsTags(new DataAwsVpc(stack, 'vpc', {}))).toBe(false);
    expect(acceptsTags(provider)).toBe(false);
    expect(acceptsTags(stack)).toBe(false);
  });
});

describe('mutator helpers', () => {
  it('resourceType: the Terraform type of a managed resource only', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(resourceType(new CloudwatchLogGroup(stack, 'g', { name: '/g' }))).toBe('aws_cloudwatch_log_group');
    expect(resourceType(new DataAwsVpc(stack, 'vpc', {}))).toBeUndefined();
    expect(resourceType(stack)).toBeUndefined();
  });

  it.each<[string, unknown, boolean]>([
    ['undefined', undefined, false],
    ['null', null, false],
    ['a literal string', 'x', false],
    ['a literal number', 3, false],
    ['a plain object', { a: 1 }, false],
    ['a string token', Token.asString({ resolve: () => 'x' }), true],
    ['a number token', Token.asNumber({ resolve: () => 1 }), true],
    ['a resolvable', Token.asAny({ resolve: () => 1 }), true],
  ])('isToken(%s) is %s', (_, v, expected) => {
    expect(isToken(v)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a token', Token.asAny({ resolve: () => ({}) })],
    ['a string', 'abc'],
    ['a number', 5],
    ['a list', [{ a: 1 }]],
  ])('blockValue(%s) is undefined', (_, v) => {
    expect(blockValue(v)).toBeUndefined();
  });

  it('blockValue copies a block', () => {
    const block = { mode: 'Active' };
    const copy = blockValue(block);
    expect(copy).toEqual(block);
    expect(copy).not.toBe(block);
  });

  it('put calls the generated putX method, and names the construct when there is none', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const fn = new LambdaFunction(stack, 'fn', lambdaProps);
    put(mutable(fn), 'TracingConfig', { mode: 'Active' });
    expect(fn.tracingConfigInput).toEqual({ mode: 'Active' });
    expect(() => put(mutable(fn), 'Nothing', {})).toThrow(
      new Error('[compliance/MutatorBroken] s/fn has no putNothing()'),
    );
  });
});
