/**
 * LogRetentionMutator (aspects/cdk/mutators/retention.ts): the policy retention set where it was left
 * out, an explicit value and a token kept, and only log group resources touched.
 */
import { TerraformVariable, Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCloudwatchLogGroup } from '@cdktf/provider-aws/lib/data-aws-cloudwatch-log-group';
import { XrayEncryptionConfig } from '@cdktf/provider-aws/lib/xray-encryption-config';
import { LogRetentionMutator, paymentsPolicy } from '@payments-compliance/gate';
import { KEYS, mutate, synth } from '../../../support/mutator-harness';

const policy = paymentsPolicy({ keys: KEYS });

describe('LogRetentionMutator', () => {
  it('sets the policy retention where it was left out, keeps an explicit value and a token', () => {
    const r = mutate(new LogRetentionMutator(paymentsPolicy({ logRetentionDays: 365 })), (s) => {
      new CloudwatchLogGroup(s, 'omitted', { name: '/a' });
      new CloudwatchLogGroup(s, 'explicit', { name: '/b', retentionInDays: 30 });
      const v = new TerraformVariable(s, 'days', { type: 'number' });
      new CloudwatchLogGroup(s, 'token', { name: '/c', retentionInDays: Token.asNumber(v.value) });
    });
    expect(r.aws_cloudwatch_log_group.omitted.retention_in_days).toBe(365);
    expect(r.aws_cloudwatch_log_group.explicit.retention_in_days).toBe(30);
    expect(r.aws_cloudwatch_log_group.token.retention_in_days).toBe('${var.days}');
  });

  it('touches log group resources only, not a log group data source', () => {
    const out = synth([new LogRetentionMutator(policy)], (s) => {
      new DataAwsCloudwatchLogGroup(s, 'existing', { name: '/existing' });
      new XrayEncryptionConfig(s, 'xray', { type: 'NONE' });
    });
    expect(out.data?.aws_cloudwatch_log_group.existing).toEqual({ name: '/existing' });
    expect(out.resource.aws_xray_encryption_config.xray).toEqual({ type: 'NONE' });
  });
});
