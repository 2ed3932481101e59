/**
 * A deterministic generator of large, mixed, gate-compliant stacks for the benchmarks. No randomness:
 * the i-th unit of the cycle below is always the same resource(s) with the same settings, so a stack of
 * N resources is byte-identical from run to run and machine to machine.
 *
 * Patterns are the compliant ones of test/support/baseline.ts and test/arbitraries/resources.ts (the
 * key policies, the TLS-only topic policy, the hardened bucket with its companions). Like those
 * factories, units leave out, by index, the settings the gate injects (tags, KMS keys, log retention,
 * active tracing), so every mutator has work to do and every rule has something to judge.
 *
 * The stack is a `BenchStack`, whose `toTerraform()` is timed: the checker resolves the stack through
 * the prototype's `toTerraform`, so the benchmark can subtract CDKTF's own resolution from the check.
 */
import { TerraformResource, TerraformStack } from 'cdktf';
import type { App } from 'cdktf';
import { Construct } from 'constructs';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import type { Baseline } from '../test/support/baseline';
import { buildBaseline, tlsOnlyTopicPolicyJson } from '../test/support/baseline';
import { hardenedBucket } from '../test/arbitraries/resources';

/** Generated stacks have no log archive: the one-year rule is left out, as in the property tests. */
export const BENCH_POLICY = { disabledRules: ['LogGroupRetentionOneYear'], today: '2026-11-28' } as const;

/** Accumulated wall and CPU time (ms) and count of `toTerraform()` calls that really resolved the stack. */
export const resolveClock = { ms: 0, cpuMs: 0, calls: 0 };

/** A TerraformStack whose resolution (`toTerraform`) is timed; otherwise identical. */
export class BenchStack extends TerraformStack {
  override toTerraform(): ReturnType<TerraformStack['toTerraform']> {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const json = super.toTerraform();
    resolveClock.ms += performance.now() - t0;
    const c = process.cpuUsage(c0);
    resolveClock.cpuMs += (c.user + c.system) / 1000;
    resolveClock.calls += 1;
    return json;
  }
}

/** The kinds of unit, in the order the generator cycles through them, with their resource counts. */
export const UNIT_CYCLE = [
  'logGroup',
  'lambda',
  'snsTopic',
  'alarm',
  'logGroup',
  'bucket',
  'alarm',
  'secret',
] as const;
export type UnitKind = (typeof UNIT_CYCLE)[number];
/** Terraform resources each unit declares (a Lambda brings its role and log group, a bucket six companions). */
export const UNIT_SIZE: Readonly<Record<UnitKind, number>> = {
  logGroup: 1,
  lambda: 3,
  snsTopic: 2,
  alarm: 1,
  bucket: 7,
  secret: 1,
};

const TEAM_TAGS: readonly (Record<string, string> | undefined)[] = [
  undefined,
  { Team: 'ledger' },
  undefined,
  { Environment: 'production', Owner: 'sre' },
];

/** The baseline of test/support/baseline.ts, on a BenchStack: provider, three CMKs, an alert topic with two emails. */
export function benchBaseline(app: App, stackId: string): Baseline {
  return buildBaseline(app, stackId, (a, id) => new BenchStack(a, id));
}

const ASSUME_LAMBDA = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** Builds the i-th unit (its settings depend only on i). */
function buildUnit(kind: UnitKind, i: number, scope: Construct, base: Baseline): void {
  const id = `${kind}${i}`;
  const tags = TEAM_TAGS[i % TEAM_TAGS.length];
  switch (kind) {
    case 'logGroup':
      new CloudwatchLogGroup(scope, id, {
        name: `/bench/${id}`,
        retentionInDays: i % 2 === 0 ? undefined : 365,
        kmsKeyId: i % 3 === 0 ? base.keys.logs.arn : undefined,
        tags,
      });
      return;
    case 'lambda': {
      const c = new Construct(scope, id);
      const name = `bench-${id}`;
      const role = new IamRole(c, 'role', { name: `${name}-role`, assumeRolePolicy: ASSUME_LAMBDA });
      const group = new CloudwatchLogGroup(c, 'logs', {
        name: `/aws/lambda/${name}`,
        retentionInDays: i % 4 === 0 ? 365 : undefined,
      });
      const env = i % 3 !== 0;
      new LambdaFunction(c, 'fn', {
        functionName: name,
        role: role.arn,
        runtime: i % 2 === 0 ? 'nodejs22.x' : 'nodejs24.x',
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
        tracingConfig: i % 2 === 0 ? undefined : { mode: 'Active' },
        environment: env ? { variables: { LOG_LEVEL: 'info' } } : undefined,
        kmsKeyArn: env && i % 2 === 0 ? base.keys.data.arn : undefined,
        tags,
        dependsOn: [group],
      });
      return;
    }
    case 'snsTopic': {
      const topic = new SnsTopic(scope, id, {
        name: `bench-${id}`,
        kmsMasterKeyId: i % 2 === 0 ? undefined : base.keys.alerting.arn,
        tags,
      });
      new SnsTopicPolicy(scope, `${id}-policy`, {
        arn: topic.arn,
        policy: tlsOnlyTopicPolicyJson(topic.arn),
      });
      return;
    }
    case 'alarm':
      new CloudwatchMetricAlarm(scope, id, {
        alarmName: `bench-${id}`,
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        dimensions: { FunctionName: `bench-lambda${i}` },
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [base.alertTopic.arn],
        tags,
      });
      return;
    case 'bucket':
      hardenedBucket(scope, id, base, (['omit-default', 'kms-no-key', 'full'] as const)[i % 3]);
      return;
    case 'secret':
      new SecretsmanagerSecret(scope, id, {
        name: `bench/${id}`,
        kmsKeyId: i % 2 === 0 ? undefined : base.keys.data.arn,
      });
      return;
  }
}

export interface GeneratedStack {
  readonly base: Baseline;
  /** Terraform resources in the stack (baseline included). */
  readonly resources: number;
  /** Units built, by kind. */
  readonly units: Readonly<Record<string, number>>;
}

/**
 * Declares a stack of at least `target` Terraform resources (baseline included): units of UNIT_CYCLE,
 * in order, until the count is reached (it overshoots by at most one unit, i.e. < 7 resources).
 */
export function buildGeneratedStack(app: App, target: number, stackId = 'bench'): GeneratedStack {
  const base = benchBaseline(app, stackId);
  let resources = base.stack.node.findAll().filter((c) => TerraformResource.isTerraformResource(c)).length;
  const units: Record<string, number> = {};
  for (let i = 0; resources < target; i++) {
    const kind = UNIT_CYCLE[i % UNIT_CYCLE.length];
    buildUnit(kind, i, base.stack, base);
    resources += UNIT_SIZE[kind];
    units[kind] = (units[kind] ?? 0) + 1;
  }
  return { base, resources, units };
}

/** The policy keys of a baseline (what the flagship passes to applyPolicy from its own keys). */
export function baselineKeys(base: Baseline): { logs: string; alerting: string; data: string } {
  return { logs: base.keys.logs.arn, alerting: base.keys.alerting.arn, data: base.keys.data.arn };
}
