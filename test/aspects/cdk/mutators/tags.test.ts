/**
 * RequiredTagsMutator (aspects/cdk/mutators/tags.ts): only the missing required tags added, the
 * author's and the provider's default_tags (of the provider the resource uses) respected, untaggable
 * types, data sources and token-valued tag maps left alone; and acceptsTags.
 */
import { App, Aspects, TerraformProvider, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { XrayEncryptionConfig } from '@cdktf/provider-aws/lib/xray-encryption-config';
import { RequiredTagsMutator, acceptsTags, paymentsPolicy } from '@payments-compliance/gate';
import type { Synth } from '../../../support/mutator-harness';
import { KEYS, synth } from '../../../support/mutator-harness';

const policy = paymentsPolicy({ keys: KEYS });

class OtherProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, { terraformResourceType: 'random' });
  }
}

describe('RequiredTagsMutator', () => {
  it("adds only the missing required tags, keeps the author's, skips untaggable types and provider defaults", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    new AwsProvider(stack, 'aws', {
      region: 'us-east-1',
      defaultTags: [{ tags: { CostCenter: 'payments' } }],
    });
    new CloudwatchLogGroup(stack, 'g', { name: '/g', tags: { Team: 'ledger', Environment: 'staging' } });
    new XrayEncryptionConfig(stack, 'xray', { type: 'KMS' });
    Aspects.of(stack).add(new RequiredTagsMutator(policy));
    const r = (JSON.parse(Testing.synth(stack)) as Synth).resource;
    expect(r.aws_cloudwatch_log_group.g.tags).toEqual({ Team: 'ledger', Environment: 'staging' });
    expect(r.aws_xray_encryption_config.xray.tags).toBeUndefined();
  });

  it('uses the default_tags of the provider the resource uses (an alias), not the default provider', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const stack = new TerraformStack(app, 's');
    new AwsProvider(stack, 'aws', {
      region: 'us-east-1',
      defaultTags: [{ tags: { Environment: 'production', CostCenter: 'payments' } }],
    });
    const other = new AwsProvider(stack, 'eu', { region: 'eu-west-1', alias: 'eu' });
    new CloudwatchLogGroup(stack, 'home', { name: '/home' });
    new CloudwatchLogGroup(stack, 'away', { name: '/away', provider: other });
    Aspects.of(stack).add(new RequiredTagsMutator(policy));
    const r = (JSON.parse(Testing.synth(stack)) as Synth).resource;
    expect(r.aws_cloudwatch_log_group.home.tags).toBeUndefined();
    expect(r.aws_cloudwatch_log_group.away.tags).toEqual({
      Environment: 'production',
      CostCenter: 'payments',
    });
  });

  it('leaves data sources and a token-valued tag map alone', () => {
    const out = synth([new RequiredTagsMutator(policy)], (s) => {
      new DataAwsVpc(s, 'vpc', { default: true });
      new CloudwatchLogGroup(s, 'token', {
        name: '/t',
        tags: Token.asStringMap(new TerraformVariable(s, 'tags', { type: 'map(string)' }).value),
      });
    });
    expect(out.data?.aws_vpc.vpc).toEqual({ default: true });
    expect(out.resource.aws_cloudwatch_log_group.token.tags).toBe('${var.tags}');
  });

  it('reads default_tags only from AWS providers, whatever other providers are declared after them', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new AwsProvider(stack, 'aws', {
      region: 'us-east-1',
      defaultTags: [{ tags: { Environment: 'production', CostCenter: 'payments' } }],
    });
    new OtherProvider(stack, 'random');
    new CloudwatchLogGroup(stack, 'g', { name: '/g' });
    Aspects.of(stack).add(new RequiredTagsMutator(policy));
    const r = (JSON.parse(Testing.synth(stack)) as Synth).resource;
    expect(r.aws_cloudwatch_log_group.g.tags).toBeUndefined();
  });

  it('ignores default_tags that are a token and adds the required tags itself', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new AwsProvider(stack, 'aws', {
      region: 'us-east-1',
      defaultTags: [
        { tags: Token.asStringMap(new TerraformVariable(stack, 'dt', { type: 'map(string)' }).value) },
      ],
    });
    new CloudwatchLogGroup(stack, 'g', { name: '/g', tags: { Environment: 'production' } });
    Aspects.of(stack).add(new RequiredTagsMutator(policy));
    const r = (JSON.parse(Testing.synth(stack)) as Synth).resource;
    expect(r.aws_cloudwatch_log_group.g.tags).toEqual({ Environment: 'production', CostCenter: 'payments' });
  });

  it('acceptsTags: managed resources that have a tags input, nothing else', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const provider = new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    expect(acceptsTags(new CloudwatchLogGroup(stack, 'g', { name: '/g' }))).toBe(true);
    expect(acceptsTags(new XrayEncryptionConfig(stack, 'x', { type: 'NONE' }))).toBe(false);
    expect(acceptsTags(new DataAwsVpc(stack, 'vpc', {}))).toBe(false);
    expect(acceptsTags(provider)).toBe(false);
    expect(acceptsTags(stack)).toBe(false);
  });
});
