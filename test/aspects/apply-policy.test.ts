/**
 * applyPolicy (aspects/index.ts), the facade: which aspects it adds and in what order, which rules it
 * keeps, and the errors for an unknown disabled rule and for a second policy on the same scope.
 */
import { App, Aspects, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  CATALOGUE,
  ComplianceChecker,
  KmsKeyMutator,
  LogRetentionMutator,
  MUTATOR_ORDER,
  PolicyError,
  RequiredTagsMutator,
  TracingMutator,
  applyPolicy,
  paymentsPolicy,
} from '../../aspects';
import type { MutatorName } from '../../aspects';
import type { Rule } from '../../aspects/core/rule';

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
