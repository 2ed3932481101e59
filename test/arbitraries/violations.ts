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
import type { Baseline } from '../support/baseline';
import { topicPolicyJson } from '../support/baseline';

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

export const VIOLATIONS: fc.Arbitrary<ViolatingFactory> = fc.oneof(
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

/** Violations that cannot coexist in one stack (per-account singletons) are kept apart. */
export const XRAY_VIOLATION = violating(
  'xray(type=KMS, key=alias/aws/xray)',
  'XrayEncryptionCmk',
  (s, id) => ({
    offending: new XrayEncryptionConfig(s, id, { type: 'KMS', keyId: 'alias/aws/xray' }).node.path,
  }),
);
