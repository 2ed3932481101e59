/** Items 8 (service map: tracing, X-Ray groups, sampling, encryption) and 9 (Synthetics canary). */
import { RUNTIME_FACTS } from '../../aspects/core/runtime-facts';
import type { SynthResult } from '../support/synth';
import { resourcesOf, synthPaymentsStack } from '../support/synth';
import { block, byPath, dependsOn, keyArn, list, ref, statements } from './helpers';

let s: SynthResult;
beforeAll(() => {
  s = synthPaymentsStack();
});

describe('service map (item 8)', () => {
  it('traces actively end to end: API stage, Lambda, canary', () => {
    for (const [, stage] of resourcesOf(s.json, 'aws_api_gateway_stage'))
      expect(stage['xray_tracing_enabled']).toBe(true);
    for (const [, fn] of resourcesOf(s.json, 'aws_lambda_function'))
      expect(block(fn['tracing_config'])['mode']).toBe('Active');
    for (const [, c] of resourcesOf(s.json, 'aws_synthetics_canary'))
      expect(block(c['run_config'])['active_tracing']).toBe(true);
  });

  it('groups the payment flow and its failures by the annotations the handler writes', () => {
    const groups = resourcesOf(s.json, 'aws_xray_group').map(([, g]) => g);
    expect(groups.map((g) => g['group_name']).sort()).toEqual([
      'payments-payment-failures',
      'payments-payment-flow',
    ]);
    const [, flow] = byPath(s.json, 'aws_xray_group', 'tracing/flow');
    expect(flow['filter_expression']).toBe('annotation.stage = "validate"');
    const [, failures] = byPath(s.json, 'aws_xray_group', 'tracing/failures');
    expect(failures['filter_expression']).toContain('annotation.outcome = "error"');
    expect(failures['filter_expression']).toContain('annotation.outcome = "declined"');
    for (const g of groups) {
      expect(String(g['group_name']).length).toBeLessThanOrEqual(32);
      expect(block(g['insights_configuration'])['insights_enabled']).toBe(true);
    }
  });

  it('samples the payments API stage with its own rule', () => {
    const [, rule] = byPath(s.json, 'aws_xray_sampling_rule', 'tracing/sampling');
    expect(rule['service_name']).toBe('payments-api/v1');
    expect(String(rule['rule_name']).length).toBeLessThanOrEqual(32);
    expect(rule['fixed_rate']).toBeGreaterThan(0);
    expect(rule['reservoir_size']).toBeGreaterThan(0);
    expect(rule['version']).toBe(1);
  });

  it('encrypts X-Ray data with the data CMK', () => {
    const [, enc] = byPath(s.json, 'aws_xray_encryption_config', 'tracing/encryption');
    expect(enc).toMatchObject({ type: 'KMS', key_id: keyArn(s.json, 'data') });
  });
});

describe('Synthetics canary (item 9)', () => {
  const canary = () => byPath(s.json, 'aws_synthetics_canary', 'canary/canary')[1];

  it('checks /health every 5 minutes with a Playwright script, name within 21 characters', () => {
    const c = canary();
    expect(String(c['name']).length).toBeLessThanOrEqual(21);
    expect(c['name']).toMatch(/^[a-z0-9_-]+$/);
    expect(block(c['schedule'])['expression']).toBe('rate(5 minutes)');
    expect(c['runtime_version']).toMatch(/^syn-nodejs-playwright-\d+\.\d+$/);
    expect(c['handler']).toBe('health-canary.handler');
    expect(String(c['zip_file'])).toMatch(/^assets\/.+\.zip$/);
  });

  it('runs on a Synthetics runtime AWS still lets you create canaries on today (the runtime facts table)', () => {
    // Oracle from the table's records: the published deprecation date, else that of the Lambda runtime
    // the Synthetics runtime runs on (AWS deprecates it when any component is unsupported).
    const today = new Date().toISOString().slice(0, 10);
    const fact = RUNTIME_FACTS.synthetics.find((f) => f.id === canary()['runtime_version']);
    expect(fact).toBeDefined();
    expect(fact?.deprecatedUndated).toBeUndefined();
    const lambda = RUNTIME_FACTS.lambda.find((f) => f.id === fact?.lambdaRuntime);
    expect(lambda).toBeDefined();
    const stopsOn = fact?.deprecated ?? lambda?.deprecated ?? null;
    expect(stopsOn === null || stopsOn > today).toBe(true);
    // and on a Node.js the Lambda table still accepts for new functions
    expect(lambda?.family).toBe('nodejs');
    expect(lambda?.blockCreate === null || String(lambda?.blockCreate) > today).toBe(true);
  });

  it('gets the health URL from the stage invoke URL; its own API key only through a secret, never in its environment', () => {
    const [stageName] = byPath(s.json, 'aws_api_gateway_stage', 'api/stage');
    const [keyName] = byPath(s.json, 'aws_api_gateway_api_key', 'api/monitoring-key');
    const [secretName, secret] = byPath(s.json, 'aws_secretsmanager_secret', 'canary/api-key');
    const [, version] = byPath(s.json, 'aws_secretsmanager_secret_version', 'canary/api-key-value');
    const env = block(canary()['run_config'])['environment_variables'] as Record<string, string>;
    expect(env).toEqual({
      HEALTH_URL: `${ref('aws_api_gateway_stage', stageName, 'invoke_url')}/health`,
      HEALTH_API_KEY_SECRET_ARN: ref('aws_secretsmanager_secret', secretName, 'arn'),
    });
    const keyValue = ref('aws_api_gateway_api_key', keyName, 'value');
    expect(JSON.stringify(canary())).not.toContain(keyValue);
    expect(version['secret_id']).toBe(ref('aws_secretsmanager_secret', secretName, 'id'));
    expect(version['secret_string']).toBe(keyValue);
    expect(secret['kms_key_id']).toBe(keyArn(s.json, 'data'));
    // the first run reads the key: its value exists before the canary starts
    expect(dependsOn(canary())).toContain(
      `aws_secretsmanager_secret_version.${byPath(s.json, 'aws_secretsmanager_secret_version', 'canary/api-key-value')[0]}`,
    );
  });

  it('may read that secret only, and decrypt with the data key only through Secrets Manager for that secret', () => {
    const [, policy] = byPath(s.json, 'aws_iam_role_policy', 'canary/role/policy');
    const st = statements(policy['policy']);
    const [secretName] = byPath(s.json, 'aws_secretsmanager_secret', 'canary/api-key');
    const secretArn = ref('aws_secretsmanager_secret', secretName, 'arn');
    const reading = st.filter((x) => list(x.Action).some((a) => a.startsWith('secretsmanager:')));
    expect(reading).toEqual([
      {
        Sid: 'ReadApiKeySecret',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: secretArn,
      },
    ]);
    const viaSecrets = st.filter(
      (x) => x.Condition?.['StringEquals']?.['kms:ViaService'] === 'secretsmanager.us-east-1.amazonaws.com',
    );
    expect(viaSecrets).toEqual([
      {
        Sid: 'DecryptApiKeySecret',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: keyArn(s.json, 'data'),
        Condition: {
          StringEquals: {
            'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com',
            'kms:EncryptionContext:SecretARN': secretArn,
          },
        },
      },
    ]);
    // every other use of the data key is bound to X-Ray
    for (const x of st.filter(
      (y) => y.Resource === keyArn(s.json, 'data') && y.Sid !== 'DecryptApiKeySecret',
    ))
      expect(x.Condition?.['StringEquals']?.['kms:ViaService']).toBe('xray.us-east-1.amazonaws.com');
  });

  it('traces actively, deletes its Lambda on destroy, starts on create', () => {
    const c = canary();
    expect(block(c['run_config'])['active_tracing']).toBe(true);
    expect(c['delete_lambda']).toBe(true);
    expect(c['start_canary']).toBe(true);
  });

  it('writes SSE-KMS artifacts with the logs CMK into the hardened, lifecycle-managed bucket', () => {
    const c = canary();
    const [bucketName, bucket] = byPath(s.json, 'aws_s3_bucket', 'canary/artifacts/bucket');
    expect(c['artifact_s3_location']).toBe(`s3://${ref('aws_s3_bucket', bucketName, 'bucket')}/canary/`);
    expect(block(block(c['artifact_config'])['s3_encryption'])).toEqual({
      encryption_mode: 'SSE_KMS',
      kms_key_arn: keyArn(s.json, 'logs'),
    });
    expect(bucket['bucket']).toMatch(/canary-artifacts/);
    const lifecycle = resourcesOf(s.json, 'aws_s3_bucket_lifecycle_configuration').filter(
      ([, l]) => l['bucket'] === ref('aws_s3_bucket', bucketName, 'id'),
    );
    expect(lifecycle).toHaveLength(1);
  });

  it('runs with a least-privilege role: artifact prefix, own log groups, namespaced metrics, traces; no CreateLogGroup', () => {
    const [roleName, role] = byPath(s.json, 'aws_iam_role', 'canary/role/role');
    const [policyName, policy] = byPath(s.json, 'aws_iam_role_policy', 'canary/role/policy');
    expect(canary()['execution_role_arn']).toBe(ref('aws_iam_role', roleName, 'arn'));
    expect(statements(role['assume_role_policy'])[0].Principal).toEqual({ Service: 'lambda.amazonaws.com' });
    const st = statements(policy['policy']);
    const bySid = Object.fromEntries(st.map((x) => [x.Sid, x]));
    const [bucketName] = byPath(s.json, 'aws_s3_bucket', 'canary/artifacts/bucket');
    expect(bySid['WriteArtifacts']?.Resource).toBe(`${ref('aws_s3_bucket', bucketName, 'arn')}/canary/*`);
    expect(bySid['WriteOwnLogs']?.Resource).toBe(
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/cwsyn-payments-health-*:*',
    );
    expect(bySid['PublishCanaryMetrics']?.Condition).toEqual({
      StringEquals: { 'cloudwatch:namespace': 'CloudWatchSynthetics' },
    });
    expect(bySid['WriteTraces']?.Action).toBe('xray:PutTraceSegments');
    expect(st.flatMap((x) => list(x.Action))).not.toContain('logs:CreateLogGroup');
    expect(dependsOn(canary())).toContain(`aws_iam_role_policy.${policyName}`);
  });

  it("its function's log group is declared (from engine_arn), encrypted, 90 days, archived", () => {
    const [groupName, g] = byPath(s.json, 'aws_cloudwatch_log_group', 'canary/logs/group');
    expect(g['kms_key_id']).toBe(keyArn(s.json, 'logs'));
    expect(g['retention_in_days']).toBe(90);
    const filters = resourcesOf(s.json, 'aws_cloudwatch_log_subscription_filter').filter(
      ([, f]) => f['log_group_name'] === ref('aws_cloudwatch_log_group', groupName, 'name'),
    );
    expect(filters).toHaveLength(1);
  });

  it('is alarmed on SuccessPercent (namespace CloudWatchSynthetics, dimension CanaryName)', () => {
    const alarms = resourcesOf(s.json, 'aws_cloudwatch_metric_alarm')
      .map(([, a]) => a)
      .filter((a) => a['namespace'] === 'CloudWatchSynthetics');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({
      metric_name: 'SuccessPercent',
      dimensions: { CanaryName: canary()['name'] },
      comparison_operator: 'LessThanThreshold',
      period: 300,
    });
  });
});
