import rule from '../../../aspects/rules/LogGroupRetentionOneYear';
import { judge } from '../../support/rule-harness';

const ATTR = 'retention_in_days';
const group = (cfg: Record<string, unknown>) => ({
  resource: { aws_cloudwatch_log_group: { g: { name: '/x', ...cfg } } },
});
const fail = (message: string) => ({ outcome: 'non-compliant', message, attribute: ATTR });

describe('LogGroupRetentionOneYear', () => {
  it.each([
    ['left out (never expires)', undefined, { outcome: 'compliant' }],
    ['0 (never expires)', 0, { outcome: 'compliant' }],
    ['exactly a year', 365, { outcome: 'compliant' }],
    ['more than a year', 400, { outcome: 'compliant' }],
    ['of ten years (3653 days, the longest CloudWatch Logs offers)', 3653, { outcome: 'compliant' }],
    ['a day short of a year', 364, fail(`${ATTR} is 364, less than 365`)],
    ['90 days', 90, fail(`${ATTR} is 90, less than 365`)],
    ['not a number', 'forever', fail(`${ATTR} is "forever", not a number`)],
    [
      'from a variable',
      '${var.days}',
      {
        outcome: 'unresolved',
        attribute: ATTR,
        message: `${ATTR} is "\${var.days}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
      },
    ],
  ])('judges a retention %s', (_, days, expected) => {
    const cfg = days === undefined ? {} : { retention_in_days: days };
    expect(judge(rule, 'aws_cloudwatch_log_group.g', group(cfg))).toEqual([expected]);
  });
});
