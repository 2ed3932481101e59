/**
 * Issue 12 D: a first apply that cannot fail, and no silent takeover of what an AWS account holds once
 * per region. Judged on the synthesized JSON and by real `terraform plan` (hashicorp/aws from the mirror):
 * - default configuration: no account-wide log group is declared (they exist in any account that used
 *   API Gateway logging or RDS Enhanced Monitoring: ResourceAlreadyExistsException), and the two settings
 *   the stack does take over by default (API Gateway CloudWatch role, X-Ray encryption) are the documented
 *   ones, each with a configuration value that leaves it alone;
 * - `create`: the groups are this stack's, encrypted with the logs key, 90 days; plan creates them;
 * - `import`: Terraform import blocks adopt the existing groups; `terraform plan` reads them, so it is
 *   run against a local CloudWatch Logs endpoint that holds them (unencrypted, 30 days), and must show
 *   "import, then update in place" to the logs key and 90 days;
 * - an adopted role ARN and external X-Ray encryption: nothing account-wide at all; plan works.
 */
import { spawn } from 'node:child_process';
import { AnnotationMetadataEntryType } from 'cdktf';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PaymentsConfig } from '../../resources/config';
import { loadConfig } from '../../resources/config';
import { startHttpStub, type HttpStub } from '../support/http-stub';
import type { SynthResult, TfJson } from '../support/synth';
import { resourcesOf, synthPaymentsStack } from '../support/synth';
import type { TfPlanJson } from '../support/terraform';
import {
  initOnce,
  offlineEnv,
  planOffline,
  plannedResources,
  terraformAvailable,
  terraformOk,
} from '../support/terraform';
import { byPath, dependsOn, keyArn, list, ref, statements } from './helpers';

const ACCOUNT_LOG_GROUPS = ['RDSOSMetrics', '/aws/apigateway/welcome'];

/**
 * Resource types AWS keeps once per account and region (a "create" of one of them overwrites the
 * account's setting). Any of them in the stack must be listed in CONFIGURABLE with the configuration that
 * removes it; an unlisted one fails the test below.
 */
const ACCOUNT_SINGLETON_TYPES = [
  'aws_api_gateway_account',
  'aws_xray_encryption_config',
  'aws_ebs_encryption_by_default',
  'aws_ebs_default_kms_key',
  'aws_s3_account_public_access_block',
  'aws_iam_account_password_policy',
  'aws_iam_account_alias',
  'aws_cloudwatch_log_account_policy',
  'aws_guardduty_detector',
  'aws_securityhub_account',
  'aws_macie2_account',
  'aws_config_configuration_recorder',
  'aws_ssm_service_setting',
  'aws_ec2_serial_console_access',
  'aws_emr_block_public_access_configuration',
];
const CONFIGURABLE: Record<string, Record<string, string>> = {
  aws_api_gateway_account: {
    PAYMENTS_API_ACCOUNT_CLOUDWATCH_ROLE: 'arn:aws:iam::123456789012:role/existing-apigw-cloudwatch',
  },
  aws_xray_encryption_config: { PAYMENTS_XRAY_ACCOUNT_ENCRYPTION: 'external' },
};

const groupsNamed = (json: TfJson, name: string) =>
  resourcesOf(json, 'aws_cloudwatch_log_group').filter(([, g]) => g['name'] === name);
const importsOf = (json: TfJson): Array<{ id: string; to: string }> =>
  ((json as unknown as { import?: Array<{ id: string; to: string }> }).import ?? []).slice();
const config = (env: Record<string, string>): PaymentsConfig => loadConfig({ env });

const tf = terraformAvailable();
const itTf = tf ? it : it.skip;
if (!tf) console.warn('terraform is not on PATH: the plan tests of account-wide resources are skipped');

describe('default configuration: nothing account-wide can collide', () => {
  let s: SynthResult;
  beforeAll(() => {
    s = synthPaymentsStack();
  });

  it('declares neither RDSOSMetrics nor /aws/apigateway/welcome, and imports nothing', () => {
    for (const name of ACCOUNT_LOG_GROUPS) expect(groupsNamed(s.json, name)).toHaveLength(0);
    expect(importsOf(s.json)).toEqual([]);
    // Enhanced Monitoring still runs: RDS creates its group where it does not exist.
    for (const [, inst] of resourcesOf(s.json, 'aws_rds_cluster_instance')) {
      expect(inst['monitoring_interval']).toBe(60);
      expect(dependsOn(inst).some((d) => d.startsWith('aws_cloudwatch_log_group.'))).toBe(false);
    }
  });

  it('every account singleton in the stack is one a configuration value removes', () => {
    const present = ACCOUNT_SINGLETON_TYPES.filter((t) => resourcesOf(s.json, t).length > 0);
    expect(present.sort()).toEqual(Object.keys(CONFIGURABLE).sort());
    for (const t of present) expect(resourcesOf(s.json, t)).toHaveLength(1);
  });

  it('the created API Gateway CloudWatch role keeps every API of the account logging, and creates only API Gateway groups', () => {
    const [roleName] = byPath(s.json, 'aws_iam_role', 'api-account/cloudwatch-role/role');
    const [, account] = byPath(s.json, 'aws_api_gateway_account', 'api-account/account');
    expect(account['cloudwatch_role_arn']).toBe(ref('aws_iam_role', roleName, 'arn'));
    const [, policy] = byPath(s.json, 'aws_iam_role_policy', 'api-account/cloudwatch-role/policy');
    const st = statements(policy['policy']);
    const writes = st.find((x) => list(x.Action).includes('logs:PutLogEvents'));
    // Any group of THIS account and region (other APIs' access-log groups may have any name).
    expect(list(writes?.Resource)).toEqual(['arn:aws:logs:us-east-1:123456789012:log-group:*:*']);
    const creates = st.filter((x) => list(x.Action).includes('logs:CreateLogGroup'));
    expect(creates.flatMap((x) => list(x.Resource)).sort()).toEqual([
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/welcome',
      'arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Execution-Logs_*',
    ]);
    const [, stage] = byPath(s.json, 'aws_api_gateway_stage', 'api/stage');
    expect(dependsOn(stage)).toContain(
      `aws_api_gateway_account.${byPath(s.json, 'aws_api_gateway_account', 'api-account/account')[0]}`,
    );
  });
});

/** The WARN annotations on the account-role construct (what `cdktf synth` prints). */
const takeoverWarnings = (r: SynthResult): unknown[] =>
  r.stack.node
    .findAll()
    .filter((c) => c.node.path.endsWith('/api-account'))
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
    .map((m) => m.data);

describe('taking over the account-wide API Gateway role is said at synth', () => {
  it('warns when the stack creates and sets the role (the default), naming how to adopt an existing one', () => {
    expect(takeoverWarnings(synthPaymentsStack())).toEqual([
      expect.stringMatching(
        /^This stack sets the account-wide API Gateway CloudWatch role \(api\.accountCloudwatchRole = create\).*PAYMENTS_API_ACCOUNT_CLOUDWATCH_ROLE=<its ARN>\.$/,
      ),
    ]);
  });

  it('says nothing when an existing role is adopted', () => {
    expect(takeoverWarnings(synthPaymentsStack(config(CONFIGURABLE['aws_api_gateway_account'])))).toEqual([]);
  });
});

describe.each(Object.entries(CONFIGURABLE))('%s is left alone when configured so', (type, env) => {
  it('is absent from the stack', () => {
    const s = synthPaymentsStack(config(env));
    expect(resourcesOf(s.json, type)).toHaveLength(0);
  });
});

describe('adopted API Gateway role, external X-Ray encryption: nothing account-wide at all', () => {
  let s: SynthResult;
  beforeAll(() => {
    s = synthPaymentsStack(
      config({ ...CONFIGURABLE['aws_api_gateway_account'], ...CONFIGURABLE['aws_xray_encryption_config'] }),
    );
  });

  it('creates no API Gateway role or account setting; the stage still logs (through the adopted role)', () => {
    expect(resourcesOf(s.json, 'aws_api_gateway_account')).toHaveLength(0);
    expect(
      resourcesOf(s.json, 'aws_iam_role').filter(([, r]) =>
        String(r['assume_role_policy']).includes('apigateway.amazonaws.com'),
      ),
    ).toHaveLength(0);
    const [, stage] = byPath(s.json, 'aws_api_gateway_stage', 'api/stage');
    expect(stage['access_log_settings']).toBeDefined();
    for (const t of ACCOUNT_SINGLETON_TYPES) expect(resourcesOf(s.json, t)).toHaveLength(0);
  });
});

describe('create: the stack owns RDSOSMetrics and /aws/apigateway/welcome', () => {
  const owned = { PAYMENTS_DB_OS_METRICS_LOG_GROUP: 'create', PAYMENTS_API_WELCOME_LOG_GROUP: 'create' };
  let s: SynthResult;
  /** The same groups, with the adopted role and external X-Ray encryption: planned once for both. */
  let planned: SynthResult;
  beforeAll(() => {
    s = synthPaymentsStack(config(owned));
    planned = synthPaymentsStack(
      config({
        ...owned,
        ...CONFIGURABLE['aws_api_gateway_account'],
        ...CONFIGURABLE['aws_xray_encryption_config'],
      }),
    );
  });

  it('declares both, encrypted with the logs key, 90 days, without import blocks', () => {
    for (const name of ACCOUNT_LOG_GROUPS) {
      const hits = groupsNamed(s.json, name);
      expect(hits).toHaveLength(1);
      expect(hits[0][1]['kms_key_id']).toBe(keyArn(s.json, 'logs'));
      expect(hits[0][1]['retention_in_days']).toBe(90);
    }
    expect(importsOf(s.json)).toEqual([]);
  });

  it('Enhanced Monitoring waits for the group and cannot change its retention; the account setting waits for welcome', () => {
    const [osGroup] = byPath(s.json, 'aws_cloudwatch_log_group', 'database/os-metrics/group');
    for (const [, inst] of resourcesOf(s.json, 'aws_rds_cluster_instance')) {
      expect(dependsOn(inst)).toContain(`aws_cloudwatch_log_group.${osGroup}`);
    }
    const [, policy] = byPath(s.json, 'aws_iam_role_policy', 'database/monitoring-role/policy');
    expect(statements(policy['policy']).flatMap((x) => list(x.Action))).not.toContain(
      'logs:PutRetentionPolicy',
    );
    const [welcome] = byPath(s.json, 'aws_cloudwatch_log_group', 'api-account/welcome/group');
    const [, account] = byPath(s.json, 'aws_api_gateway_account', 'api-account/account');
    expect(dependsOn(account)).toContain(`aws_cloudwatch_log_group.${welcome}`);
  });

  itTf(
    'plans offline: both groups created with 90 days, every resource a create, no account singleton (adopted role)',
    () => {
      for (const t of ACCOUNT_SINGLETON_TYPES) expect(resourcesOf(planned.json, t)).toHaveLength(0);
      const { plan } = planOffline(planned.stackDir);
      const actions = (plan.resource_changes ?? []).map((c) => c.change.actions.join(','));
      expect(actions.length).toBeGreaterThan(100);
      expect(new Set(actions)).toEqual(new Set(['create']));
      for (const name of ACCOUNT_LOG_GROUPS) {
        const r = plannedResources(plan).find(
          (x) => x.type === 'aws_cloudwatch_log_group' && x.values['name'] === name,
        );
        expect(r?.values['retention_in_days']).toBe(90);
        const change = (plan.resource_changes ?? []).find((c) => c.address === r?.address);
        expect(change?.change.actions).toEqual(['create']);
      }
    },
    600_000,
  );
});

describe('import: existing groups are adopted, then encrypted and kept 90 days', () => {
  let s: SynthResult;
  let logs: HttpStub;
  beforeAll(async () => {
    s = synthPaymentsStack(
      config({ PAYMENTS_DB_OS_METRICS_LOG_GROUP: 'import', PAYMENTS_API_WELCOME_LOG_GROUP: 'import' }),
    );
    logs = await startHttpStub(
      cloudWatchLogsWith({ RDSOSMetrics: 30, '/aws/apigateway/welcome': undefined }),
    );
  });
  afterAll(async () => {
    await logs?.close();
  });

  it('writes one import block per group, to the declared resource, with the group name as id', () => {
    const imports = importsOf(s.json);
    expect(imports).toHaveLength(2);
    for (const name of ACCOUNT_LOG_GROUPS) {
      const [resourceName] = groupsNamed(s.json, name)[0];
      expect(imports).toContainEqual({ id: name, to: `aws_cloudwatch_log_group.${resourceName}` });
    }
  });

  itTf(
    'validates, and plans "import, then update in place" against a CloudWatch Logs endpoint holding the groups',
    async () => {
      initOnce(s.stackDir);
      terraformOk(s.stackDir, ['validate', '-no-color']);
      // Planning an import reads the group: point the real provider at the local endpoint (an override
      // file, test only) instead of AWS.
      fs.writeFileSync(
        path.join(s.stackDir, 'override.tf.json'),
        JSON.stringify({ provider: { aws: { endpoints: [{ logs: logs.url }] } } }),
      );
      const planRun = await terraformAsync(s.stackDir, [
        'plan',
        '-input=false',
        '-lock=false',
        '-no-color',
        '-out=import.tfplan',
        '-var',
        'offline=true',
      ]);
      expect(planRun.stdout).toMatch(/Plan: 2 to import, \d+ to add, 2 to change, 0 to destroy/);
      const show = await terraformAsync(s.stackDir, ['show', '-json', 'import.tfplan']);
      const plan = JSON.parse(show.stdout) as TfPlanJson;
      for (const name of ACCOUNT_LOG_GROUPS) {
        const [resourceName] = groupsNamed(s.json, name)[0];
        const change = (plan.resource_changes ?? []).find(
          (c) => c.address === `aws_cloudwatch_log_group.${resourceName}`,
        ) as unknown as {
          change: {
            actions: string[];
            before: Record<string, unknown>;
            after: Record<string, unknown>;
            after_unknown: Record<string, unknown>;
            importing?: { id: string };
          };
        };
        expect(change.change.importing).toEqual({ id: name });
        expect(change.change.actions).toEqual(['update']);
        expect(change.change.before['kms_key_id']).toBe('');
        expect(change.change.after_unknown['kms_key_id']).toBe(true); // the logs key, created in this apply
        expect(change.change.after['retention_in_days']).toBe(90);
      }
      const targets = logs.requests.map((r) => String(r.headers['x-amz-target']));
      expect(targets.filter((t) => t.endsWith('.DescribeLogGroups')).length).toBeGreaterThanOrEqual(2);
    },
    600_000,
  );
});

/** A CloudWatch Logs JSON endpoint holding `groups` (name -> retention days, undefined = never expire). */
function cloudWatchLogsWith(groups: Record<string, number | undefined>) {
  return (req: { headers: Record<string, unknown>; body: string }) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const body = (req.body ? JSON.parse(req.body) : {}) as Record<string, string>;
    const json = (status: number, payload: unknown) => ({
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify(payload),
    });
    if (target === 'Logs_20140328.DescribeLogGroups') {
      const prefix = body['logGroupNamePrefix'] ?? '';
      return json(200, {
        logGroups: Object.entries(groups)
          .filter(([n]) => n.startsWith(prefix))
          .map(([n, days]) => ({
            logGroupName: n,
            arn: `arn:aws:logs:us-east-1:123456789012:log-group:${n}:*`,
            logGroupArn: `arn:aws:logs:us-east-1:123456789012:log-group:${n}`,
            creationTime: 1_700_000_000_000,
            storedBytes: 0,
            logGroupClass: 'STANDARD',
            ...(days !== undefined ? { retentionInDays: days } : {}),
          })),
      });
    }
    if (target === 'Logs_20140328.ListTagsForResource') return json(200, { tags: {} });
    return json(400, { __type: 'InvalidParameterException', message: `not modelled by the test: ${target}` });
  };
}

/** `terraform` without blocking the event loop (the local endpoint answers from this process). */
function terraformAsync(
  cwd: string,
  args: string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', args, { cwd, env: offlineEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`terraform ${args.join(' ')} exited ${code}\n${stdout}\n${stderr}`));
      else resolve({ status: code, stdout, stderr });
    });
  });
}
