import rule from '../../../aspects/rules/SqsQueueKmsCmk';
import { CMK, CMK_ARN, judge, outcomeOf } from '../../support/rule-harness';

const run = (cfg: Record<string, unknown>) =>
  judge(rule, 'aws_sqs_queue.q', { resource: { ...CMK, aws_sqs_queue: { q: cfg } } });

describe('SqsQueueKmsCmk', () => {
  it('accepts a queue encrypted with a key of the stack', () => {
    expect(outcomeOf(run({ kms_master_key_id: CMK_ARN }))).toBe('compliant');
  });
  it('rejects SQS-managed SSE, saying it is not a customer-managed key', () => {
    const [r] = run({ sqs_managed_sse_enabled: true });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('sqs_managed_sse_enabled');
  });
  it('rejects a queue with no encryption setting and one using alias/aws/sqs', () => {
    expect(outcomeOf(run({}))).toBe('non-compliant');
    expect(outcomeOf(run({ kms_master_key_id: 'alias/aws/sqs' }))).toBe('non-compliant');
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(run({ kms_master_key_id: '${var.key}' }))).toBe('unresolved');
  });
  it('is not claimed by a mutator', () => {
    expect(rule.injectedBy).toBeUndefined();
  });
});
