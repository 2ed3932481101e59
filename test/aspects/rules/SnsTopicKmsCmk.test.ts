import rule from '../../../aspects/rules/SnsTopicKmsCmk';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { CMK, CMK_ARN, judge, outcomeOf } from '../../support/rule-harness';

const topic = (cfg: Record<string, unknown>) => ({ resource: { ...CMK, aws_sns_topic: { t: cfg } } });
const run = (cfg: Record<string, unknown>) => judge(rule, 'aws_sns_topic.t', topic(cfg));

describe('SnsTopicKmsCmk', () => {
  it('accepts a topic encrypted with a key of the stack', () => {
    expect(outcomeOf(run({ kms_master_key_id: CMK_ARN }))).toBe('compliant');
    expect(outcomeOf(run({ kms_master_key_id: '${aws_kms_key.k.id}' }))).toBe('compliant');
  });
  it('rejects a topic encrypted with alias/aws/sns', () => {
    const [r] = run({ kms_master_key_id: 'alias/aws/sns' });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('AWS-managed');
  });
  it('rejects an unencrypted topic', () => {
    expect(outcomeOf(run({}))).toBe('non-compliant');
  });
  it('rejects a literal key ARN the policy does not trust, and accepts it once trusted', () => {
    const arn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(outcomeOf(run({ kms_master_key_id: arn }))).toBe('non-compliant');
    const policy = paymentsPolicy({ trustedKeyArns: [arn] });
    expect(outcomeOf(judge(rule, 'aws_sns_topic.t', { ...topic({ kms_master_key_id: arn }), policy }))).toBe(
      'compliant',
    );
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(run({ kms_master_key_id: '${var.key}' }))).toBe('unresolved');
  });
  it('is filled in by the kms mutator', () => {
    expect(rule.injectedBy).toBe('kms');
  });
});

// Regression (issue 13): a literal alias whose aws_kms_alias is declared in the stack for a key of the stack
// was called "neither declared in this stack nor trusted", while the same alias through a reference passed.
describe('SnsTopicKmsCmk with a literal alias of the stack', () => {
  const withAlias = (kms: string, alias: Record<string, unknown>) =>
    judge(rule, 'aws_sns_topic.t', {
      resource: { ...CMK, aws_kms_alias: { a: alias }, aws_sns_topic: { t: { kms_master_key_id: kms } } },
    });
  const ALIAS = { name: 'alias/ledger-alerting', target_key_id: '${aws_kms_key.k.key_id}' };
  it('accepts alias/<name> when the stack declares that alias for a key of the stack', () => {
    expect(withAlias('alias/ledger-alerting', ALIAS)).toEqual([{ outcome: 'compliant', message: undefined }]);
  });
  it('judges the same alias through a reference the same way', () => {
    expect(withAlias('${aws_kms_alias.a.arn}', ALIAS)).toEqual([
      { outcome: 'compliant', message: undefined },
    ]);
  });
  it("still refuses an alias the stack does not declare, and an alias ARN (it may be another account's)", () => {
    const unknown = (text: string) => ({
      outcome: 'non-compliant',
      message: `kms_master_key_id is "${text}", a key that is neither declared in this stack nor listed in policy.trustedKeyArns`,
      attribute: 'kms_master_key_id',
    });
    expect(withAlias('alias/other', ALIAS)).toEqual([unknown('alias/other')]);
    const arn = 'arn:aws:kms:us-east-1:111122223333:alias/ledger-alerting';
    expect(withAlias(arn, ALIAS)).toEqual([unknown(arn)]);
  });
  it('follows the declared alias to what it targets: an AWS-managed key, or a variable', () => {
    const [aws] = withAlias('alias/ledger-alerting', {
      name: 'alias/ledger-alerting',
      target_key_id: 'alias/aws/sns',
    });
    expect(aws.outcome).toBe('non-compliant');
    expect(aws.message).toContain('AWS-managed');
    const [v] = withAlias('alias/ledger-alerting', {
      name: 'alias/ledger-alerting',
      target_key_id: '${var.key}',
    });
    expect(v).toEqual({
      outcome: 'unresolved',
      attribute: 'kms_master_key_id',
      message:
        'kms_master_key_id is "${var.key}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
    });
  });
  it('does not take alias/aws/sns for a declared alias of that name', () => {
    const [r] = withAlias('alias/aws/sns', {
      name: 'alias/aws/sns',
      target_key_id: '${aws_kms_key.k.key_id}',
    });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('AWS-managed');
  });
});
