/**
 * The whole stack passes the compliance gate (item 17's tags are injected by it), with no suppression
 * but the reasoned 365-day one, and every IAM policy is least privilege.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { STACK_NAME, buildApp } from '../../main';
import { loadConfig } from '../../resources/config';
import type { SynthResult } from '../support/synth';
import { resourcesOf, stubBundles, synthPaymentsStack } from '../support/synth';
import { list, pathOf, statements } from './helpers';

let s: SynthResult;
beforeAll(() => {
  s = synthPaymentsStack();
});

interface Report {
  passed: boolean;
  summary: Record<string, number>;
  resources: Array<{
    address: string;
    type: string;
    results: Record<
      string,
      string | { outcome: string; messages?: string[]; suppression?: { reason: string } }
    >;
  }>;
  suppressionProblems: unknown[];
}
const report = (): Report =>
  JSON.parse(
    fs.readFileSync(path.join(s.outdir, 'compliance', `${STACK_NAME}.compliance.json`), 'utf8'),
  ) as Report;

describe('compliance gate', () => {
  it('synthesizes through the gate (app.synth() throws on any violation) and reports a pass', () => {
    const r = report();
    expect(r.passed).toBe(true);
    expect(r.summary['non-compliant']).toBe(0);
    expect(r.summary['unresolved']).toBe(0);
    expect(r.suppressionProblems).toEqual([]);
    expect(r.summary['rules']).toBeGreaterThan(5);
  });

  it('answers LogGroupRetentionOneYear without any suppression: the archive path, or a year in CloudWatch', () => {
    const r = report();
    const suppressed = r.resources.flatMap((res) =>
      Object.entries(res.results)
        .filter(([, result]) => (typeof result === 'string' ? result : result.outcome) === 'suppressed')
        .map(([rule]) => `${res.address} ${rule}`),
    );
    expect(suppressed).toEqual([]);
    // Every subscribed group is judged compliant through its archive path, and the report says so.
    const filters = resourcesOf(s.json, 'aws_cloudwatch_log_subscription_filter');
    const archived = r.resources.filter((res) => {
      const result = res.results['LogGroupRetentionOneYear'];
      return (
        typeof result === 'object' &&
        result.outcome === 'compliant' &&
        /every event is archived: .* -> aws_kinesis_firehose_delivery_stream\..* -> aws_s3_bucket\./.test(
          (result as { messages?: string[] }).messages?.[0] ?? '',
        )
      );
    });
    expect(archived.length).toBe(filters.length);
    // The one group no filter archives (Firehose's own errors: archiving them would loop) keeps 365 days.
    const unarchived = resourcesOf(s.json, 'aws_cloudwatch_log_group').filter(
      ([name]) =>
        !filters.some(([, f]) => String(f['log_group_name']).includes(`aws_cloudwatch_log_group.${name}.`)),
    );
    expect(unarchived.map(([, g]) => [g['name'], g['retention_in_days']])).toEqual([
      [expect.stringMatching(/^\/aws\/kinesisfirehose\//), 365],
    ]);
  });

  it('injected the required tags on every taggable resource (tags are never written in resources/)', () => {
    for (const [type, byName] of Object.entries(s.json.resource)) {
      for (const r of Object.values(byName)) {
        const tags = r['tags'] as Record<string, string> | undefined;
        if (tags === undefined) continue;
        expect({
          type,
          path: pathOf(r),
          Environment: tags['Environment'],
          CostCenter: tags['CostCenter'],
        }).toEqual({
          type,
          path: pathOf(r),
          Environment: 'production',
          CostCenter: 'payments',
        });
      }
    }
    const src = fs
      .readdirSync(path.resolve(__dirname, '../../resources'))
      .map((f) => fs.readFileSync(path.resolve(__dirname, '../../resources', f), 'utf8'));
    for (const text of src) expect(text).not.toMatch(/CostCenter|Environment:\s*'production'/);
  });

  it('fails synthesis, writing the rule id, when a resource sets a wrong value explicitly', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'payments-rogue-'));
    const { app, stack } = buildApp({
      config: loadConfig({}),
      code: stubBundles(root),
      outdir: path.join(root, 'out'),
    });
    new CloudwatchLogGroup(stack, 'rogue', {
      name: '/rogue',
      retentionInDays: 30,
      kmsKeyId: stack.keys.logs.arn,
    });
    expect(() => app.synth()).toThrow(/LogGroupRetention/);
  });
});

describe('IAM (every role and policy)', () => {
  /** Actions that have no resource-level permissions, so `"Resource": "*"` is the only option. */
  const NO_RESOURCE_ARN = new Set([
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'cloudwatch:PutMetricData',
    'ec2:DescribeNetworkInterfaces',
    's3:ListAllMyBuckets',
  ]);

  it('every role is assumable by exactly one AWS service principal', () => {
    const roles = resourcesOf(s.json, 'aws_iam_role');
    expect(roles.length).toBe(7);
    for (const [, role] of roles) {
      const st = statements(role['assume_role_policy']);
      expect(st).toHaveLength(1);
      expect(st[0].Action).toBe('sts:AssumeRole');
      const principal = st[0].Principal;
      expect(principal).not.toBe('*');
      expect(Object.keys(principal as object)).toEqual(['Service']);
      expect(String((principal as { Service: string }).Service)).toMatch(/\.amazonaws\.com$/);
    }
  });

  it('every role has one inline policy and no managed policy attachment', () => {
    const roles = resourcesOf(s.json, 'aws_iam_role').map(([n]) => `\${aws_iam_role.${n}.id}`);
    const policies = resourcesOf(s.json, 'aws_iam_role_policy').map(([, p]) => p['role']);
    expect([...policies].sort()).toEqual([...roles].sort());
    expect(resourcesOf(s.json, 'aws_iam_role_policy_attachment')).toHaveLength(0);
    expect(resourcesOf(s.json, 'aws_iam_policy')).toHaveLength(0);
  });

  it('no policy allows a wildcard action, Deny-free, and "*" resources only for actions without resource ARNs', () => {
    for (const [, p] of resourcesOf(s.json, 'aws_iam_role_policy')) {
      for (const st of statements(p['policy'])) {
        expect(st.Effect).toBe('Allow');
        for (const a of list(st.Action)) expect(a).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
        if (list(st.Resource).includes('*')) {
          for (const a of list(st.Action)) expect(NO_RESOURCE_ARN.has(a)).toBe(true);
          if (list(st.Action).includes('cloudwatch:PutMetricData')) {
            expect(st.Condition?.StringEquals?.['cloudwatch:namespace']).toBeDefined();
          }
        }
      }
    }
  });

  it('no policy grants kms actions on all keys or iam actions at all', () => {
    for (const [, p] of resourcesOf(s.json, 'aws_iam_role_policy')) {
      for (const st of statements(p['policy'])) {
        const actions = list(st.Action);
        if (actions.some((a) => a.startsWith('kms:'))) {
          for (const r of list(st.Resource)) expect(r).toMatch(/^\$\{aws_kms_key\.[^}]+\.arn\}$/);
        }
        expect(actions.some((a) => a.startsWith('iam:'))).toBe(false);
      }
    }
  });
});
