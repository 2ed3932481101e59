/**
 * applyPolicy (aspects/cdk/apply-policy.ts), the facade: which aspects it adds and in what order, which rules it
 * keeps, and the errors for an unknown disabled rule and for a second policy on the same scope.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LOGS_KEY_POLICY } from '../../support/baseline';
import { Construct } from 'constructs';
import {
  CATALOGUE,
  ComplianceChecker,
  KmsKeyMutator,
  LogRetentionMutator,
  MUTATORS,
  MUTATOR_ORDER,
  PolicyError,
  RequiredTagsMutator,
  TracingMutator,
  applyPolicy,
  paymentsPolicy,
} from '@payments-compliance/gate';
import type { MutatorName } from '@payments-compliance/gate';
import type { Rule } from '../../../aspects/core/rule';

const rule = (id: string): Rule => CATALOGUE.find((r) => r.id === id)!;

function stack(): TerraformStack {
  return new TerraformStack(new App({ outdir: '/tmp/apply-policy-unused' }), 'app');
}

const KIND: Record<MutatorName, unknown> = {
  tags: RequiredTagsMutator,
  kms: KmsKeyMutator,
  retention: LogRetentionMutator,
  tracing: TracingMutator,
};

describe('applyPolicy', () => {
  it('adds the four mutators in MUTATOR_ORDER and then the checker, all on the scope', () => {
    const s = stack();
    const applied = applyPolicy(s);
    expect(MUTATOR_ORDER).toEqual(['tags', 'kms', 'retention', 'tracing']);
    expect(applied.aspects.map((a) => a.constructor)).toEqual([
      RequiredTagsMutator,
      KmsKeyMutator,
      LogRetentionMutator,
      TracingMutator,
      ComplianceChecker,
    ]);
    expect(applied.aspects[4]).toBe(applied.checker);
    expect(Aspects.of(s).all).toEqual(applied.aspects);
    expect(applied.policy).toEqual(paymentsPolicy());
    expect(applied.rules).toEqual(CATALOGUE);
  });

  it.each<[MutatorName[], MutatorName[]]>([
    [[], []],
    [['kms'], ['kms']],
    [
      ['tracing', 'tags'],
      ['tags', 'tracing'],
    ],
    [
      ['retention', 'kms', 'tracing', 'tags'],
      ['tags', 'kms', 'retention', 'tracing'],
    ],
  ])('adds only the mutators asked for %j, still in MUTATOR_ORDER', (asked, expected) => {
    const applied = applyPolicy(stack(), paymentsPolicy(), { mutators: asked });
    expect(applied.aspects.map((a) => a.constructor)).toEqual([
      ...expected.map((m) => KIND[m]),
      ComplianceChecker,
    ]);
  });

  it('leaves the disabled rules out of the catalogue, or out of the rules given', () => {
    const policy = paymentsPolicy({ disabledRules: ['LogGroupRetentionOneYear', 'RequiredTags'] });
    const all = applyPolicy(stack(), policy);
    expect(all.rules.map((r) => r.id)).toEqual(
      CATALOGUE.map((r) => r.id).filter((id) => id !== 'LogGroupRetentionOneYear' && id !== 'RequiredTags'),
    );
    const given = applyPolicy(stack(), policy, {
      rules: [rule('RequiredTags'), rule('LogGroupRetention'), rule('LogGroupRetentionOneYear')],
    });
    expect(given.rules.map((r) => r.id)).toEqual(['LogGroupRetention']);
  });

  it('names every unknown disabled rule and lists the known ones', () => {
    const policy = paymentsPolicy({ disabledRules: ['Nope', 'LogGroupRetention', 'Gone'] });
    const rules = [rule('LogGroupRetention'), rule('RequiredTags')];
    expect(() => applyPolicy(stack(), policy, { rules })).toThrow(
      new PolicyError(
        'disabledRules names unknown rule(s) Nope, Gone; known: LogGroupRetention, RequiredTags',
      ),
    );
  });

  it('validates a policy that did not come from paymentsPolicy', () => {
    const policy = { ...paymentsPolicy(), logRetentionDays: 2 };
    expect(() => applyPolicy(stack(), policy)).toThrow(/logRetentionDays=2 is not a value/);
  });

  it.each<[string, () => Construct, string]>([
    ['an app', () => new App({ outdir: '/tmp/apply-policy-unused' }), '<app>'],
    ['a stack', () => stack(), 'app'],
    ['a construct in a stack', () => new Construct(stack(), 'team'), 'app/team'],
  ])('refuses a second policy on %s, naming it', (_, make, name) => {
    const scope = make();
    applyPolicy(scope);
    const before = Aspects.of(scope).all.length;
    expect(() => applyPolicy(scope)).toThrow(
      new PolicyError(`${name} already has a compliance policy applied`),
    );
    expect(Aspects.of(scope).all).toHaveLength(before);
  });

  it('accepts a policy on a scope whose other aspects are not a checker', () => {
    const s = stack();
    Aspects.of(s).add({ visit: () => undefined });
    expect(() => applyPolicy(s)).not.toThrow();
  });
});

describe('the mutator registry', () => {
  it('every rule that names an injector names a registered mutator', () => {
    const names = new Set(MUTATORS.map((m) => m.name));
    const named = CATALOGUE.filter((r) => r.injectedBy !== undefined);
    expect(named.length).toBeGreaterThan(0);
    for (const r of named)
      expect(`${r.id}: ${r.injectedBy}`).toBe(`${r.id}: ${[...names].find((n) => n === r.injectedBy)}`);
  });

  it('MUTATOR_ORDER is the registry order, and an unknown mutator is refused', () => {
    expect(MUTATOR_ORDER).toEqual(MUTATORS.map((m) => m.name));
    expect(() =>
      applyPolicy(stack(), paymentsPolicy(), { mutators: ['tags', 'colour' as MutatorName] }),
    ).toThrow('[compliance/PolicyInvalid] unknown mutator(s) colour; known: tags, kms, retention, tracing');
  });

  it('names every unknown mutator, comma-separated', () => {
    expect(() =>
      applyPolicy(stack(), paymentsPolicy(), {
        mutators: ['colour' as MutatorName, 'kms', 'size' as MutatorName],
      }),
    ).toThrow(new PolicyError('unknown mutator(s) colour, size; known: tags, kms, retention, tracing'));
  });
});

describe('applyPolicy on a multi-stack App', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const app = (): App => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'multi-stack-'));
    dirs.push(outdir);
    return new App({ outdir });
  };
  const withLogGroup = (a: App, id: string): { stack: TerraformStack; key: KmsKey } => {
    const s = new TerraformStack(a, id);
    new AwsProvider(s, 'aws', { region: 'us-east-1' });
    const key = new KmsKey(s, 'logs-key', { enableKeyRotation: true, policy: LOGS_KEY_POLICY });
    new CloudwatchLogGroup(s, 'audit', { name: `/${id}/audit` });
    return { stack: s, key };
  };
  const refusal = (a: App): string => {
    try {
      a.synth();
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('a policy key living in another stack is refused where it would be injected, not passed by accident', () => {
    // Both stacks have a key with the construct id "logs-key": injected after CDKTF prepared its cross-stack
    // references, keys' key would have resolved in ledger as ledger's own key (it did: a silent pass).
    const a = app();
    const keys = withLogGroup(a, 'keys');
    withLogGroup(a, 'ledger');
    applyPolicy(
      a,
      paymentsPolicy({
        keys: { logs: keys.key.arn },
        today: '2026-12-02',
        disabledRules: ['LogGroupRetentionOneYear'],
      }),
    );
    const message = refusal(a);
    expect(message).toContain(
      "[ledger/audit] [compliance/CrossStackKey] the policy's logs key is declared in stack keys, and each stack is deployed and judged on its own, so it is not injected here: declare a logs key in this stack and apply a policy per stack, or pass the key's literal ARN and list it in trustedKeyArns",
    );
    expect(message).toMatch(
      /\[ledger\/audit\] aws_cloudwatch_log_group\.audit \[LogGroupKmsCmk\] kms_key_id is not set/,
    );
    expect(message).not.toMatch(/\[keys\/audit\]/);
    expect(fs.existsSync(path.join(a.outdir, 'stacks', 'ledger', 'cdk.tf.json'))).toBe(false);
  });

  it('a cross-stack reference written by the author is explained as such when it cannot be judged', () => {
    const a = app();
    const keys = withLogGroup(a, 'keys');
    const ledger = new TerraformStack(a, 'ledger');
    new AwsProvider(ledger, 'aws', { region: 'us-east-1' });
    new CloudwatchLogGroup(ledger, 'audit', {
      name: '/ledger/audit',
      kmsKeyId: keys.key.arn,
      retentionInDays: 90,
    });
    applyPolicy(ledger, paymentsPolicy({ today: '2026-12-02', disabledRules: ['LogGroupRetentionOneYear'] }));
    expect(refusal(a)).toMatch(
      /\[ledger\/audit\] aws_cloudwatch_log_group\.audit \[LogGroupKmsCmk\] cannot be judged: kms_key_id is "\$\{data\.terraform_remote_state\.cross-stack-reference-input-keys\.outputs\.[^}]+\}", a cross-stack reference \(terraform_remote_state of another stack\): each stack is judged on its own/,
    );
  });

  it('a policy per stack, each with its own key, passes both stacks', () => {
    const a = app();
    for (const id of ['payments', 'ledger']) {
      const { stack: s, key } = withLogGroup(a, id);
      applyPolicy(
        s,
        paymentsPolicy({
          keys: { logs: key.arn },
          today: '2026-12-02',
          disabledRules: ['LogGroupRetentionOneYear'],
        }),
      );
    }
    expect(refusal(a)).toBe('');
    for (const id of ['payments', 'ledger'])
      expect(fs.existsSync(path.join(a.outdir, 'stacks', id, 'cdk.tf.json'))).toBe(true);
  });

  const shortRetention = (s: TerraformStack): void => {
    new AwsProvider(s, 'aws', { region: 'us-east-1' });
    new CloudwatchLogGroup(s, 'audit', { name: `/${s.node.id}/audit`, retentionInDays: 30 });
  };
  const retentionOnly = () =>
    paymentsPolicy({ today: '2026-12-02', disabledRules: ['LogGroupKmsCmk', 'LogGroupKeyAdmitsLogs'] });

  it('a stack that exists when the policy is applied to the App is judged by Testing.synth, before any app.synth', () => {
    const a = app();
    const s = new TerraformStack(a, 'early');
    shortRetention(s);
    const applied = applyPolicy(a, retentionOnly());
    expect(Aspects.of(s).all).toEqual(applied.aspects);
    expect(() => Testing.synth(s)).toThrow(
      /\[early\/audit\] aws_cloudwatch_log_group\.audit \[LogGroupRetention\]/,
    );
  });

  it('a stack created later below a construct that existed before the policy is judged when the App synthesizes', () => {
    // The construct predates applyPolicy, so nothing watches its children: the App's synth covers the stack.
    const a = app();
    const stage = new Construct(a, 'prod');
    applyPolicy(a, retentionOnly());
    const s = new TerraformStack(stage, 'ledger');
    shortRetention(s);
    expect(refusal(a)).toMatch(
      /\[prod\/ledger\/audit\] aws_cloudwatch_log_group\.audit \[LogGroupRetention\]/,
    );
    expect(fs.existsSync(path.join(a.outdir, 'stacks', 'ledger', 'cdk.tf.json'))).toBe(false);
  });

  it('a construct created after the policy keeps an ordinary node property (writable, enumerable, configurable)', () => {
    const a = app();
    const early = new TerraformStack(a, 'early');
    applyPolicy(a, retentionOnly());
    const stage = new Construct(a, 'prod');
    const late = new TerraformStack(stage, 'late');
    const ordinary = { writable: true, enumerable: true, configurable: true };
    expect(Object.getOwnPropertyDescriptor(early, 'node')).toEqual({ value: early.node, ...ordinary });
    expect(Object.getOwnPropertyDescriptor(stage, 'node')).toEqual({ value: stage.node, ...ordinary });
    expect(Object.getOwnPropertyDescriptor(late, 'node')).toEqual({ value: late.node, ...ordinary });
    expect(late.node.path).toBe('prod/late');
  });

  it('a stack whose provider region differs from the policy is refused with the fix', () => {
    const a = app();
    const s = new TerraformStack(a, 'eu');
    new AwsProvider(s, 'aws', { region: 'eu-west-1' });
    const key = new KmsKey(s, 'logs-key', { enableKeyRotation: true, policy: LOGS_KEY_POLICY });
    applyPolicy(s, paymentsPolicy({ keys: { logs: key.arn }, today: '2026-12-02' }));
    expect(refusal(a)).toContain(
      "[compliance/PolicyInvalid] the policy's region is us-east-1 but provider aws is configured for eu-west-1: pass region: 'eu-west-1' in the policy",
    );
  });

  it('without a logs key in the policy, the fix says the policy has none instead of "leave it unset"', () => {
    const a = app();
    const s = new TerraformStack(a, 'nokey');
    new AwsProvider(s, 'aws', { region: 'us-east-1' });
    new CloudwatchLogGroup(s, 'audit', { name: '/nokey/audit' });
    applyPolicy(s, paymentsPolicy({ today: '2026-12-02', disabledRules: ['LogGroupRetentionOneYear'] }));
    const message = refusal(a);
    expect(message).toContain(
      '[LogGroupKmsCmk] kms_key_id is not set, so the data is encrypted (if at all) with a key AWS manages, not a customer-managed key. Fix: set kms_key_id to a customer-managed aws_kms_key (not alias/aws/logs); or pass keys.logs in the policy (it has none, so the gate injects no logs key)',
    );
    expect(message).not.toContain('leave kms_key_id unset');
  });
});
