import rule from '../../../aspects/rules/LogGroupKmsCmk';
import { CMK, CMK_ARN, judge } from '../../support/rule-harness';

const group = (cfg: Record<string, unknown>) => ({
  resource: { ...CMK, aws_cloudwatch_log_group: { g: { name: '/x', ...cfg } } },
});

describe('LogGroupKmsCmk', () => {
  it.each([
    ['a key declared in the stack', { kms_key_id: CMK_ARN }, { outcome: 'compliant' }],
    [
      'no key',
      {},
      {
        outcome: 'non-compliant',
        message:
          'kms_key_id is not set, so the data is encrypted (if at all) with a key AWS manages, not a customer-managed key',
        attribute: 'kms_key_id',
      },
    ],
    [
      'the AWS-managed logs key',
      { kms_key_id: 'alias/aws/logs' },
      {
        outcome: 'non-compliant',
        message: 'kms_key_id is "alias/aws/logs", an AWS-managed key, not a customer-managed key',
        attribute: 'kms_key_id',
      },
    ],
    [
      'a key from a variable',
      { kms_key_id: '${var.key}' },
      {
        outcome: 'unresolved',
        attribute: 'kms_key_id',
        message:
          'kms_key_id is "${var.key}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ],
  ])('judges a log group encrypted with %s', (_, cfg, expected) => {
    expect(judge(rule, 'aws_cloudwatch_log_group.g', group(cfg))).toEqual([expected]);
  });
});
