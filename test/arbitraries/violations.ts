/**
 * Factories that set one explicit, non-compliant value (the gate must refuse it, not overwrite it).
 * Each knows the construct path it will offend and the rule that must name it.
 */
import * as fc from 'fast-check';
import type { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { XrayEncryptionConfig } from '@cdktf/provider-aws/lib/xray-encryption-config';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import type { Baseline } from '../support/baseline';
import { denyTopicWithoutTls, topicPolicyJson } from '../support/baseline';
import type { RuleForm } from './exposure';
import {
  PORTS,
  RULE_FORMS,
  SECRET_ENVIRONMENTS,
  publicGrantArb,
  queueWithPolicy,
  securityGroupWith,
} from './exposure';
import { hardenedBucket } from './resources';

export interface ViolatingFactory {
  readonly rule: string;
  build(scope: Construct, id: string, base: Baseline): { offending: string };
  toString(): string;
}

function violating(name: string, rule: string, build: ViolatingFactory['build']): ViolatingFactory {
  const text = `${name} -> ${rule}`;
  return { rule, build, toString: () => text, [fc.toStringMethod]: () => text } as ViolatingFactory;
}

const logGroup = (
  scope: Construct,
  id: string,
  extra: Partial<ConstructorParameters<typeof CloudwatchLogGroup>[2]>,
) => new CloudwatchLogGroup(scope, id, { name: `/violating/${id}`, ...extra }).node.path;

/** Explicit non-compliant settings: retention, keys, tags, tracing. */
export const SETTING_VIOLATIONS: fc.Arbitrary<ViolatingFactory> = fc.oneof(
  fc.constantFrom(1, 7, 14, 30, 60).map((days) =>
    violating(`logGroup(retention=${days})`, 'LogGroupRetention', (s, id) => ({
      offending: logGroup(s, id, { retentionInDays: days }),
    })),
  ),
  fc.constantFrom('alias/aws/logs', 'arn:aws:kms:us-east-1:123456789012:alias/aws/logs').map((k) =>
    violating(`logGroup(kms=${k})`, 'LogGroupKmsCmk', (s, id) => ({
      offending: logGroup(s, id, { kmsKeyId: k }),
    })),
  ),
  fc
    .constantFrom<Record<string, string>>(
      { Environment: 'staging' },
      { CostCenter: 'marketing' },
      { Environment: 'Production' },
    )
    .map((tags) =>
      violating(`logGroup(tags=${JSON.stringify(tags)})`, 'RequiredTags', (s, id) => ({
        offending: logGroup(s, id, { tags }),
      })),
    ),
  fc.constant(
    violating('lambda(tracing=PassThrough)', 'LambdaTracingActive', (s, id) => {
      const name = `violating-${id}`;
      new CloudwatchLogGroup(s, `${id}-logs`, { name: `/aws/lambda/${name}` });
      const fn = new LambdaFunction(s, id, {
        functionName: name,
        role: 'arn:aws:iam::123456789012:role/violating',
        runtime: 'nodejs22.x',
        handler: 'index.handler',
        s3Bucket: 'artifacts-bucket',
        s3Key: 'fn.zip',
        timeout: 10,
        memorySize: 256,
        reservedConcurrentExecutions: 5,
        vpcConfig: {
          subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
          securityGroupIds: ['sg-0aaaaaaaaaaaaaaa1'],
        },
        tracingConfig: { mode: 'PassThrough' },
      });
      return { offending: fn.node.path };
    }),
  ),
  fc.constant(
    violating('secret(kms=alias/aws/secretsmanager)', 'SecretKmsCmk', (s, id) => ({
      offending: new SecretsmanagerSecret(s, id, {
        name: `violating/${id}`,
        kmsKeyId: 'alias/aws/secretsmanager',
      }).node.path,
    })),
  ),
  fc.constant(
    violating('snsTopic(kms=alias/aws/sns)', 'SnsTopicKmsCmk', (s, id) => {
      const t = new SnsTopic(s, id, { name: `violating-${id}`, kmsMasterKeyId: 'alias/aws/sns' });
      new SnsTopicPolicy(s, `${id}-policy`, { arn: t.arn, policy: topicPolicyJson(t.arn) });
      return { offending: t.node.path };
    }),
  ),
);

/**
 * Exposure (issue 13): public grants in resource policies, ingress from the internet, secrets in Lambda
 * environments, a stage created by a deployment. Each is otherwise compliant, so exactly one rule fires.
 */
export const EXPOSURE_VIOLATIONS: fc.Arbitrary<ViolatingFactory> = fc.oneof(
  publicGrantArb.map((g) =>
    violating(`snsTopic(policy grants ${g.text})`, 'SnsTopicNotPublic', (s, id) => {
      const t = new SnsTopic(s, id, { name: `violating-${id}` });
      new SnsTopicPolicy(s, `${id}-policy`, {
        arn: t.arn,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [denyTopicWithoutTls(t.arn), g.value('sns:Publish', t.arn)],
        }),
      });
      return { offending: t.node.path };
    }),
  ),
  publicGrantArb.map((g) =>
    violating(`queue(policy grants ${g.text})`, 'SqsQueueNotPublic', (s, id, base) => ({
      offending: queueWithPolicy(s, id, base, g.value).node.path,
    })),
  ),
  publicGrantArb.map((g) =>
    violating(`bucket(policy grants ${g.text})`, 'S3BucketPolicyNotPublic', (s, id, base) => ({
      offending: hardenedBucket(s, id, base, 'full', (arn) => [g.value('s3:GetObject', `${arn}/*`)]).node
        .path,
    })),
  ),
  fc
    .record({
      form: fc.constantFrom<RuleForm>(...RULE_FORMS),
      source: fc.constantFrom<'internet-v4' | 'internet-v6'>('internet-v4', 'internet-v6'),
      port: fc.constantFrom(...PORTS),
    })
    .map((spec) =>
      violating(`securityGroup(${JSON.stringify(spec)})`, 'SecurityGroupNoPublicIngress', (s, id) => ({
        offending: securityGroupWith(s, id, spec).rulePath,
      })),
    ),
  fc.constantFrom(...SECRET_ENVIRONMENTS).map((env) =>
    violating(`lambda(environment with ${env.text})`, 'LambdaEnvironmentNoSecrets', (s, id) => {
      const name = `violating-${id}`;
      new CloudwatchLogGroup(s, `${id}-logs`, { name: `/aws/lambda/${name}` });
      const fn = new LambdaFunction(s, id, {
        functionName: name,
        role: 'arn:aws:iam::123456789012:role/violating',
        runtime: 'nodejs22.x',
        handler: 'index.handler',
        s3Bucket: 'artifacts-bucket',
        s3Key: 'fn.zip',
        timeout: 10,
        memorySize: 256,
        reservedConcurrentExecutions: 5,
        vpcConfig: {
          subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
          securityGroupIds: ['sg-0aaaaaaaaaaaaaaa1'],
        },
        environment: { variables: env.value },
      });
      return { offending: fn.node.path };
    }),
  ),
  fc.constantFrom('prod', 'v1').map((stageName) =>
    violating(`deployment(stage_name=${stageName})`, 'ApiDeploymentNoStageName', (s, id) => {
      const api = new ApiGatewayRestApi(s, `${id}-api`, { name: `violating-${id}` });
      return { offending: new ApiGatewayDeployment(s, id, { restApiId: api.id, stageName }).node.path };
    }),
  ),
);

/** Violations that cannot coexist in one stack (per-account singletons) are kept apart. */
export const XRAY_VIOLATION = violating(
  'xray(type=KMS, key=alias/aws/xray)',
  'XrayEncryptionCmk',
  (s, id) => ({
    offending: new XrayEncryptionConfig(s, id, { type: 'KMS', keyId: 'alias/aws/xray' }).node.path,
  }),
);

/** Every kind of violation: settings and exposure, in equal measure. */
export const VIOLATIONS: fc.Arbitrary<ViolatingFactory> = fc.oneof(SETTING_VIOLATIONS, EXPOSURE_VIOLATIONS);
