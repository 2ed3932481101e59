/** Items 1 (KMS) and 2 (log groups) of the stack, read from the synthesized JSON. */
import type { SynthResult } from '../support/synth';
import { resourcesOf, synthPaymentsStack } from '../support/synth';
import { block, byPath, dependsOn, keyArn, list, pathOf, ref, statements } from './helpers';

let s: SynthResult;
beforeAll(() => {
  s = synthPaymentsStack();
});

describe('KMS keys (item 1)', () => {
  it('declares exactly three customer-managed keys, one per purpose, each with an alias', () => {
    const keys = resourcesOf(s.json, 'aws_kms_key');
    expect(keys.map(([, k]) => pathOf(k).split('/').pop()).sort()).toEqual(['alerting', 'data', 'logs']);
    const aliases = resourcesOf(s.json, 'aws_kms_alias').map(([, a]) => a);
    for (const [name] of keys) {
      expect(aliases.filter((a) => a['target_key_id'] === ref('aws_kms_key', name, 'key_id'))).toHaveLength(
        1,
      );
    }
    expect(aliases.map((a) => a['name']).sort()).toEqual([
      'alias/payments-alerting',
      'alias/payments-data',
      'alias/payments-logs',
    ]);
  });

  it('every key is symmetric, enabled and rotates', () => {
    for (const [, k] of resourcesOf(s.json, 'aws_kms_key')) {
      expect(k['enable_key_rotation']).toBe(true);
      expect(k['is_enabled']).toBe(true);
      expect(k['customer_master_key_spec']).toBe('SYMMETRIC_DEFAULT');
      expect(k['key_usage']).toBe('ENCRYPT_DECRYPT');
      expect(k['deletion_window_in_days']).toBeGreaterThanOrEqual(7);
    }
  });

  it('every key policy keeps the account root and allows no "*" principal', () => {
    for (const [, k] of resourcesOf(s.json, 'aws_kms_key')) {
      const st = statements(k['policy']);
      expect(st).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:root' },
          Action: 'kms:*',
        }),
      );
      for (const x of st) expect(x.Principal).not.toBe('*');
    }
  });

  it("the logs key admits the regional CloudWatch Logs principal for this account's log groups only", () => {
    const [, logs] = byPath(s.json, 'aws_kms_key', 'keys/logs');
    const st = statements(logs['policy']).find((x) =>
      list(x.Principal === '*' ? undefined : x.Principal?.Service).includes('logs.us-east-1.amazonaws.com'),
    );
    expect(st).toBeDefined();
    expect(list(st?.Action)).toEqual(
      expect.arrayContaining([
        'kms:Encrypt*',
        'kms:Decrypt*',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:Describe*',
      ]),
    );
    expect(st?.Condition).toEqual({
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:123456789012:log-group:*' },
    });
  });

  it('the alerting key lets CloudWatch and EventBridge use it (encrypted SNS topics, the DLQ)', () => {
    const [, alerting] = byPath(s.json, 'aws_kms_key', 'keys/alerting');
    const st = statements(alerting['policy']).find(
      (x) => x.Sid === 'AlarmsAndEventsPublishToEncryptedTopics',
    );
    const principals = list(st?.Principal === '*' ? undefined : st?.Principal?.Service);
    expect(principals.sort()).toEqual(['cloudwatch.amazonaws.com', 'events.amazonaws.com']);
    expect(list(st?.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
  });

  it('no service grant of the logs or alerting key appears on another key', () => {
    const [, data] = byPath(s.json, 'aws_kms_key', 'keys/data');
    expect(statements(data['policy'])).toHaveLength(1);
    const [, logs] = byPath(s.json, 'aws_kms_key', 'keys/logs');
    expect(JSON.stringify(statements(logs['policy']))).not.toContain('cloudwatch.amazonaws.com');
  });
});

describe('log groups (item 2)', () => {
  const groups = () => resourcesOf(s.json, 'aws_cloudwatch_log_group');
  const groupNamed = (name: string): [string, Record<string, unknown>] => {
    const hit = groups().find(([, g]) => g['name'] === name);
    if (!hit)
      throw new Error(
        `no log group ${name}; have ${groups()
          .map(([, g]) => g['name'])
          .join(', ')}`,
      );
    return hit;
  };

  it('every log group is encrypted with the logs CMK and keeps 90 days, the unarchived Firehose error group 365', () => {
    const logsKey = keyArn(s.json, 'logs');
    expect(groups().length).toBeGreaterThanOrEqual(8);
    for (const [, g] of groups()) {
      expect(g['kms_key_id']).toBe(logsKey);
      // Firehose's own errors are not archived through Firehose (a loop), so they keep 12 months here.
      const firehoseErrors = String(g['name']).startsWith('/aws/kinesisfirehose/');
      expect([g['name'], g['retention_in_days']]).toEqual([g['name'], firehoseErrors ? 365 : 90]);
    }
  });

  it('declares the group of every writer: API access + execution, Lambda, Aurora export, canary, flow logs, Firehose (account-wide groups: account-wide.test.ts)', () => {
    const [apiName] = byPath(s.json, 'aws_api_gateway_rest_api', 'api/api');
    const names = groups().map(([, g]) => g['name']);
    expect(names).toEqual(
      expect.arrayContaining([
        '/aws/apigateway/payments-api/v1/access',
        `API-Gateway-Execution-Logs_${ref('aws_api_gateway_rest_api', apiName, 'id')}/v1`,
        '/aws/lambda/payments-payment-handler',
        '/aws/rds/cluster/payments-db/postgresql',
        '/aws/vpc/flow-logs/payments-vpc',
        '/aws/kinesisfirehose/payments-log-archive',
        '/aws/events/payments-alarm-audit',
      ]),
    );
  });

  it('names the canary group after the function Synthetics creates (7th ":" field of engine_arn)', () => {
    const [canaryName] = byPath(s.json, 'aws_synthetics_canary', 'canary/canary');
    const [, g] = byPath(s.json, 'aws_cloudwatch_log_group', 'canary/logs/group');
    expect(g['name']).toBe(
      `/aws/lambda/\${element(split(":", aws_synthetics_canary.${canaryName}.engine_arn), 6)}`,
    );
  });

  it('the Lambda function writes to its declared group and depends on it', () => {
    const [groupName, g] = groupNamed('/aws/lambda/payments-payment-handler');
    const [, fn] = byPath(s.json, 'aws_lambda_function', 'handler/function');
    expect(g['name']).toBe(`/aws/lambda/${fn['function_name']}`);
    expect(block(fn['logging_config'])['log_group']).toBe(ref('aws_cloudwatch_log_group', groupName, 'name'));
    expect(dependsOn(fn)).toContain(`aws_cloudwatch_log_group.${groupName}`);
  });

  it('the API stage depends on its access and execution groups and on the account CloudWatch role', () => {
    const [, stage] = byPath(s.json, 'aws_api_gateway_stage', 'api/stage');
    const [access] = byPath(s.json, 'aws_cloudwatch_log_group', 'api/access-logs/group');
    const [execution] = byPath(s.json, 'aws_cloudwatch_log_group', 'api/execution-logs/group');
    const [account] = byPath(s.json, 'aws_api_gateway_account', 'api-account/account');
    expect(dependsOn(stage)).toEqual(
      expect.arrayContaining([
        `aws_cloudwatch_log_group.${access}`,
        `aws_cloudwatch_log_group.${execution}`,
        `aws_api_gateway_account.${account}`,
      ]),
    );
    expect(block(stage['access_log_settings'])['destination_arn']).toBe(
      ref('aws_cloudwatch_log_group', access, 'arn'),
    );
  });

  it('the execution group is named from the REST API id and the stage', () => {
    const [apiName] = byPath(s.json, 'aws_api_gateway_rest_api', 'api/api');
    const [, g] = byPath(s.json, 'aws_cloudwatch_log_group', 'api/execution-logs/group');
    const [, stage] = byPath(s.json, 'aws_api_gateway_stage', 'api/stage');
    expect(g['name']).toBe(
      `API-Gateway-Execution-Logs_${ref('aws_api_gateway_rest_api', apiName, 'id')}/${stage['stage_name']}`,
    );
  });

  it('the Aurora cluster depends on its export group, named after the cluster id', () => {
    const [, cluster] = byPath(s.json, 'aws_rds_cluster', 'database/cluster');
    const [groupName, g] = byPath(s.json, 'aws_cloudwatch_log_group', 'database/postgresql-logs/group');
    expect(g['name']).toBe(`/aws/rds/cluster/${cluster['cluster_identifier']}/postgresql`);
    expect(dependsOn(cluster)).toContain(`aws_cloudwatch_log_group.${groupName}`);
  });

  it('flow logs and Firehose depend on (or reference) their groups', () => {
    const [flowGroup] = byPath(s.json, 'aws_cloudwatch_log_group', 'network/flow-logs/group');
    const [, flow] = byPath(s.json, 'aws_flow_log', 'network/flow-log');
    expect(flow['log_destination']).toBe(ref('aws_cloudwatch_log_group', flowGroup, 'arn'));
    expect(dependsOn(flow)).toContain(`aws_cloudwatch_log_group.${flowGroup}`);

    const [fhGroup] = byPath(s.json, 'aws_cloudwatch_log_group', 'log-archive/errors/group');
    const [, stream] = byPath(s.json, 'aws_kinesis_firehose_delivery_stream', 'log-archive/stream');
    const logging = block(block(stream['extended_s3_configuration'])['cloudwatch_logging_options']);
    expect(logging['enabled']).toBe(true);
    expect(logging['log_group_name']).toBe(ref('aws_cloudwatch_log_group', fhGroup, 'name'));
  });

  it('no role that writes logs may create log groups, except API Gateway and RDS for their own prefixes', () => {
    for (const [, p] of resourcesOf(s.json, 'aws_iam_role_policy')) {
      for (const st of statements(p['policy'])) {
        if (!list(st.Action).includes('logs:CreateLogGroup')) continue;
        for (const r of list(st.Resource)) {
          expect(r).toMatch(
            /log-group:(API-Gateway-Execution-Logs_\*|\/aws\/apigateway\/welcome|RDSOSMetrics:\*)$/,
          );
        }
      }
    }
  });
});
