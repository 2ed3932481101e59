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
