/**
 * The gate in a stack that has nothing to do with payments: a marketing site's logs and notifications,
 * with its own cost center and a one-year retention, and a provider that sets default tags.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { applyPolicy, paymentsPolicy } from '@payments-compliance/gate';
import { LOGS_KEY_POLICY } from '../support/baseline';

function marketingSite(withDefaults: Record<string, string>) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'reuse-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'marketing-site');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1', defaultTags: [{ tags: withDefaults }] });
  const key = new KmsKey(stack, 'site-key', {
    enableKeyRotation: true,
    policy: LOGS_KEY_POLICY.replace(/us-east-1/g, 'eu-west-1'),
  });
  new CloudwatchLogGroup(stack, 'cdn-logs', { name: '/site/cdn' });
  new SqsQueue(stack, 'signups', { name: 'signups', kmsMasterKeyId: key.arn });
  applyPolicy(
    stack,
    paymentsPolicy({
      name: 'marketing',
      region: 'eu-west-1',
      requiredTags: { Environment: 'production', CostCenter: 'marketing' },
      logRetentionDays: 365,
      keys: { logs: key.arn, data: key.arn },
    }),
  );
  return { app, outdir };
}

describe("the gate reused in another team's stack", () => {
  it("injects that team's values, respects provider default_tags, and passes", () => {
    const { app, outdir } = marketingSite({ CostCenter: 'marketing' });
    try {
      app.synth();
      const json = JSON.parse(
        fs.readFileSync(path.join(outdir, 'stacks/marketing-site/cdk.tf.json'), 'utf8'),
      );
      const group = json.resource.aws_cloudwatch_log_group['cdn-logs'];
      expect(group.retention_in_days).toBe(365);
      expect(group.kms_key_id).toBe('${aws_kms_key.site-key.arn}');
      // CostCenter comes from the provider's default_tags, so only Environment is added on the resource
      expect(group.tags).toEqual({ Environment: 'production' });
      const report = JSON.parse(
        fs.readFileSync(path.join(outdir, 'compliance/marketing-site.compliance.json'), 'utf8'),
      );
      expect(report.policy.name).toBe('marketing');
      expect(report.passed).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('fails when the provider default_tags carry a wrong value (not silently overridden)', () => {
    const { app, outdir } = marketingSite({ CostCenter: 'payments' });
    try {
      expect(() => app.synth()).toThrow(
        /\[RequiredTags\] tag CostCenter is "payments"; it must be "marketing"/,
      );
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
