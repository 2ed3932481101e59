import rule from '../../../aspects/rules/SqsQueueKmsCmk';
import { unresolved } from '../../../aspects/core/rule';
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

  const OK = [{ outcome: 'compliant', message: undefined }];
  const NO_KEY = {
    outcome: 'non-compliant',
    message:
      'kms_master_key_id is not set, so the data is encrypted (if at all) with a key AWS manages, not a customer-managed key',
    attribute: 'kms_master_key_id',
  };

  it('accepts a key of the stack whatever sqs_managed_sse_enabled says', () => {
    expect(run({ kms_master_key_id: CMK_ARN, sqs_managed_sse_enabled: true })).toEqual(OK);
    expect(run({ kms_master_key_id: CMK_ARN, sqs_managed_sse_enabled: false })).toEqual(OK);
  });

  it('names SQS-managed SSE as the reason when it is on and no key is set', () => {
    expect(run({ sqs_managed_sse_enabled: true })).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'kms_master_key_id is not set and sqs_managed_sse_enabled is true: messages are encrypted with an SQS-owned key, not a customer-managed key',
        attribute: 'kms_master_key_id',
      },
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['SQS-managed SSE off', { sqs_managed_sse_enabled: false }],
    ['SQS-managed SSE left out', {}],
  ])('asks for a customer-managed key with %s', (_case, cfg) => {
    expect(run(cfg)).toEqual([NO_KEY]);
  });

  it('names the key it cannot judge', () => {
    expect(run({ kms_master_key_id: '${var.key}', sqs_managed_sse_enabled: true })).toEqual([
      unresolved('kms_master_key_id', '${var.key}'),
    ]);
  });
});
