/** Items 4 (API Gateway), 5 (Lambda) and 16 (custom metrics permission). */
import { accessLogFormat } from '../../resources/access-log-format';
import type { SynthResult } from '../support/synth';
import { resourcesOf, synthPaymentsStack } from '../support/synth';
import { block, byPath, dependsOn, keyArn, list, ref, statements } from './helpers';

let s: SynthResult;
beforeAll(() => {
  s = synthPaymentsStack();
});

describe('REST API (item 4)', () => {
  const apiRef = (attr: string): string =>
    ref('aws_api_gateway_rest_api', byPath(s.json, 'aws_api_gateway_rest_api', 'api/api')[0], attr);

  it('has GET /health and POST /payments, both requiring an API key, proxied to the Lambda', () => {
    const [fnName] = byPath(s.json, 'aws_lambda_function', 'handler/function');
    const paths = resourcesOf(s.json, 'aws_api_gateway_resource').map(([, r]) => r['path_part']);
    expect(paths.sort()).toEqual(['health', 'payments']);
    const methods = resourcesOf(s.json, 'aws_api_gateway_method').map(([, m]) => m);
    expect(methods.map((m) => m['http_method']).sort()).toEqual(['GET', 'POST']);
    for (const m of methods) expect(m['api_key_required']).toBe(true);
    const integrations = resourcesOf(s.json, 'aws_api_gateway_integration').map(([, i]) => i);
    expect(integrations).toHaveLength(2);
    for (const i of integrations) {
      expect(i['type']).toBe('AWS_PROXY');
      expect(i['integration_http_method']).toBe('POST');
      expect(i['uri']).toBe(ref('aws_lambda_function', fnName, 'invoke_arn'));
    }
  });

  it('validates bodies and parameters, with a JSON model and the Idempotency-Key header on POST /payments', () => {
    const [validatorName, validator] = byPath(s.json, 'aws_api_gateway_request_validator', 'api/validator');
    expect(validator['validate_request_body']).toBe(true);
    expect(validator['validate_request_parameters']).toBe(true);
    for (const [, m] of resourcesOf(s.json, 'aws_api_gateway_method')) {
      expect(m['request_validator_id']).toBe(ref('aws_api_gateway_request_validator', validatorName, 'id'));
    }
    const [, post] = byPath(s.json, 'aws_api_gateway_method', 'api/post-payments-method');
    const [modelName, model] = byPath(s.json, 'aws_api_gateway_model', 'api/post-payments-model');
    expect(post['request_models']).toEqual({
      'application/json': ref('aws_api_gateway_model', modelName, 'name'),
    });
    expect(post['request_parameters']).toEqual({ 'method.request.header.Idempotency-Key': true });
    const schema = JSON.parse(String(model['schema'])) as { required: string[] };
    expect(schema.required).toEqual(['amount', 'currency', 'paymentMethodToken']);
    // Schema errors on enum/pattern/additionalProperties echo values back: none are used.
    expect(String(model['schema'])).not.toMatch(/"enum"|"pattern"|"additionalProperties"/);
  });

  it('the stage traces with X-Ray and writes the JSON access log format', () => {
    const [, stage] = byPath(s.json, 'aws_api_gateway_stage', 'api/stage');
    expect(stage['xray_tracing_enabled']).toBe(true);
    const settings = block(stage['access_log_settings']);
    expect(settings['format']).toBe(accessLogFormat());
    const format = String(settings['format']);
    for (const unquoted of ['"status":$context.status', '"responseLatency":$context.responseLatency']) {
      expect(format).toContain(unquoted);
    }
    expect(format).toContain('"integrationLatency":"$context.integration.latency"');
    for (const v of [
      '$context.requestId',
      '$context.identity.sourceIp',
      '$context.identity.apiKeyId',
      '$context.identity.caller',
      '$context.httpMethod',
      '$context.resourcePath',
    ]) {
      expect(format).toContain(v);
    }
  });

  it('method settings */*: metrics on, ERROR or INFO logging, no data trace, throttled', () => {
    const all = resourcesOf(s.json, 'aws_api_gateway_method_settings').map(([, m]) => m);
    expect(all).toHaveLength(1);
    const m = all[0];
    expect(m['method_path']).toBe('*/*');
    const settings = block(m['settings']);
    expect(settings['metrics_enabled']).toBe(true);
    expect(['ERROR', 'INFO']).toContain(settings['logging_level']);
    expect(settings['data_trace_enabled']).toBe(false);
    expect(settings['throttling_rate_limit']).toBe(50);
    expect(settings['throttling_burst_limit']).toBe(100);
    expect(settings['caching_enabled']).toBe(false);
  });

  it('the account CloudWatch role is trusted by API Gateway and may write logs', () => {
    const [, account] = byPath(s.json, 'aws_api_gateway_account', 'api-account/account');
    const [roleName, role] = byPath(s.json, 'aws_iam_role', 'api-account/cloudwatch-role/role');
    expect(account['cloudwatch_role_arn']).toBe(ref('aws_iam_role', roleName, 'arn'));
    expect(statements(role['assume_role_policy'])[0].Principal).toEqual({
      Service: 'apigateway.amazonaws.com',
    });
    const [policyName, policy] = byPath(s.json, 'aws_iam_role_policy', 'api-account/cloudwatch-role/policy');
    const actions = statements(policy['policy']).flatMap((x) => list(x.Action));
    expect(actions).toEqual(
      expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups']),
    );
    expect(dependsOn(account)).toContain(`aws_iam_role_policy.${policyName}`);
  });

  it('the deployment redeploys on change (triggers) and is created before the old one is destroyed', () => {
    const [, d] = byPath(s.json, 'aws_api_gateway_deployment', 'api/deployment');
    const triggers = d['triggers'] as Record<string, string>;
    expect(triggers['routes']).toMatch(/^[0-9a-f]{40}$/);
    expect(triggers['resources']).toMatch(/^\$\{sha1\(jsonencode\(\[/);
    expect(d['lifecycle']).toEqual({ create_before_destroy: true });
    const deps = dependsOn(d);
    expect(deps.filter((x) => x.startsWith('aws_api_gateway_method.'))).toHaveLength(2);
    expect(deps.filter((x) => x.startsWith('aws_api_gateway_integration.'))).toHaveLength(2);
  });

  it('Lambda permissions are scoped to each route of the stage (source_arn), never a wildcard principal', () => {
    const perms = resourcesOf(s.json, 'aws_lambda_permission').map(([, p]) => p);
    const api = perms.filter((p) => p['principal'] === 'apigateway.amazonaws.com');
    expect(api.map((p) => p['source_arn']).sort()).toEqual([
      `${apiRef('execution_arn')}/v1/GET/health`,
      `${apiRef('execution_arn')}/v1/POST/payments`,
    ]);
    // The only other: EventBridge for the sweep schedule, pinned to that rule (test/stack/sweep.test.ts).
    expect(perms.filter((p) => !api.includes(p)).map((p) => p['principal'])).toEqual([
      'events.amazonaws.com',
    ]);
    for (const p of perms) {
      expect(String(p['source_arn'])).not.toMatch(/\*/);
      expect(p['action']).toBe('lambda:InvokeFunction');
    }
  });

  it('clients get a key in a usage plan with throttling and a daily quota; the canary its own small plan', () => {
    const plans = resourcesOf(s.json, 'aws_api_gateway_usage_plan').map(([, p]) => p);
    expect(plans).toHaveLength(2);
    for (const p of plans) {
      expect(block(p['api_stages'])['api_id']).toBe(apiRef('id'));
      expect(block(p['throttle_settings'])['rate_limit']).toBeGreaterThan(0);
      expect(block(p['throttle_settings'])['burst_limit']).toBeGreaterThan(0);
      expect(block(p['quota_settings'])['period']).toBe('DAY');
    }
    const [, clients] = byPath(s.json, 'aws_api_gateway_usage_plan', 'api/usage-plan');
    expect(block(clients['quota_settings'])['limit']).toBe(100000);
    expect(resourcesOf(s.json, 'aws_api_gateway_usage_plan_key')).toHaveLength(2);
  });
});

describe('payment Lambda (item 5)', () => {
  const fn = () => byPath(s.json, 'aws_lambda_function', 'handler/function')[1];

  it('runs a current Node.js runtime from the bundle with active tracing, explicit limits, reserved concurrency', () => {
    const f = fn();
    expect(['nodejs20.x', 'nodejs22.x']).toContain(f['runtime']);
    expect(f['handler']).toBe('index.handler');
    expect(String(f['filename'])).toMatch(/^assets\/.+\.zip$/);
    expect(f['source_code_hash']).toBeTruthy();
    expect(block(f['tracing_config'])['mode']).toBe('Active');
    expect(f['timeout']).toBe(10);
    expect(f['memory_size']).toBe(512);
    expect(f['reserved_concurrent_executions']).toBe(50);
  });

  it('sits in the private subnets of both AZs with its own security group', () => {
    const subnets = resourcesOf(s.json, 'aws_subnet').map(([n]) => ref('aws_subnet', n, 'id'));
    const vpc = block(fn()['vpc_config']);
    expect((vpc['subnet_ids'] as string[]).sort()).toEqual(subnets.sort());
    const [sgName] = byPath(s.json, 'aws_security_group', 'network/handler-sg');
    expect(vpc['security_group_ids']).toEqual([ref('aws_security_group', sgName, 'id')]);
  });

  it('gets its environment (encrypted with the data key): namespace, DB secret ARN, host, port, name, pool size, the RDS CA bundle', () => {
    const [clusterName] = byPath(s.json, 'aws_rds_cluster', 'database/cluster');
    const f = fn();
    expect(f['kms_key_arn']).toBe(keyArn(s.json, 'data'));
    const vars = block(f['environment'])['variables'] as Record<string, string>;
    expect(vars).toEqual({
      METRICS_NAMESPACE: 'Payments',
      DB_SECRET_ARN: `\${aws_rds_cluster.${clusterName}.master_user_secret[0].secret_arn}`,
      DB_HOST: ref('aws_rds_cluster', clusterName, 'endpoint'),
      DB_PORT: '5433',
      DB_NAME: 'payments',
      DB_POOL_MAX: '2',
      LOG_LEVEL: 'info',
      NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
    });
  });

  it('has a least-privilege role: own log group, X-Ray, namespaced PutMetricData, the DB secret, the data key, scoped ENIs', () => {
    const [roleName, role] = byPath(s.json, 'aws_iam_role', 'handler/role/role');
    expect(fn()['role']).toBe(ref('aws_iam_role', roleName, 'arn'));
    expect(statements(role['assume_role_policy'])[0].Principal).toEqual({ Service: 'lambda.amazonaws.com' });
    const [, policy] = byPath(s.json, 'aws_iam_role_policy', 'handler/role/policy');
    const st = statements(policy['policy']);
    const bySid = Object.fromEntries(st.map((x) => [x.Sid, x]));
    const [groupName] = byPath(s.json, 'aws_cloudwatch_log_group', 'handler/logs/group');
    const [clusterName] = byPath(s.json, 'aws_rds_cluster', 'database/cluster');

    expect(bySid['WriteOwnLogGroup']).toMatchObject({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${ref('aws_cloudwatch_log_group', groupName, 'arn')}:*`,
    });
    expect(bySid['WriteTraces']).toMatchObject({
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      Resource: '*',
    });
    expect(bySid['ReadDatabaseSecret']).toMatchObject({
      Action: 'secretsmanager:GetSecretValue',
      Resource: `\${aws_rds_cluster.${clusterName}.master_user_secret[0].secret_arn}`,
    });
    expect(bySid['UseDataKey']).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: keyArn(s.json, 'data'),
    });
    expect(bySid['DescribeNetworkInterfaces']).toMatchObject({
      Action: 'ec2:DescribeNetworkInterfaces',
      Resource: '*',
    });
    expect(list(bySid['CreateOwnNetworkInterfaces']?.Resource)).toContain(
      'arn:aws:ec2:us-east-1:123456789012:network-interface/*',
    );
    for (const x of st) for (const a of list(x.Action)) expect(a).not.toMatch(/^\*$|:\*$/);
  });

  it('may publish metrics only into its namespace (item 16)', () => {
    const [, policy] = byPath(s.json, 'aws_iam_role_policy', 'handler/role/policy');
    const metrics = statements(policy['policy']).filter((x) =>
      list(x.Action).includes('cloudwatch:PutMetricData'),
    );
    expect(metrics).toEqual([
      expect.objectContaining({
        Resource: '*',
        Condition: { StringEquals: { 'cloudwatch:namespace': 'Payments' } },
      }),
    ]);
  });

  it('is created after its role policy and log group', () => {
    const [policyName] = byPath(s.json, 'aws_iam_role_policy', 'handler/role/policy');
    const [groupName] = byPath(s.json, 'aws_cloudwatch_log_group', 'handler/logs/group');
    expect(dependsOn(fn())).toEqual(
      expect.arrayContaining([`aws_iam_role_policy.${policyName}`, `aws_cloudwatch_log_group.${groupName}`]),
    );
  });
});
