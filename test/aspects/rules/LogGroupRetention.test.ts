import rule from '../../../aspects/rules/LogGroupRetention';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { judge, outcomeOf } from '../../support/rule-harness';

const group = (cfg: Record<string, unknown>) => ({
  resource: { aws_cloudwatch_log_group: { g: { name: '/x', ...cfg } } },
});

describe('LogGroupRetention', () => {
  it('accepts a group that keeps 90 days', () => {
    expect(outcomeOf(judge(rule, 'aws_cloudwatch_log_group.g', group({ retention_in_days: 90 })))).toBe(
      'compliant',
    );
  });
  it('accepts more than the policy (365 days)', () => {
    expect(outcomeOf(judge(rule, 'aws_cloudwatch_log_group.g', group({ retention_in_days: 365 })))).toBe(
      'compliant',
    );
  });
  it('rejects a group whose retention was set to 30 days, saying what the policy needs', () => {
    const [r] = judge(rule, 'aws_cloudwatch_log_group.g', group({ retention_in_days: 30 }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('30');
    expect(r.message).toContain('90');
  });
  it('rejects a group without retention (nobody chose how long it keeps events)', () => {
    expect(outcomeOf(judge(rule, 'aws_cloudwatch_log_group.g', group({})))).toBe('non-compliant');
  });
  // Regression (issue 13): 0 is CloudWatch Logs' "never expire", which keeps more than any minimum; the
  // gate called it "not set" and advised leaving it unset.
  it('accepts retention 0 (never expire), saying why, whatever the policy minimum', () => {
    const never = {
      outcome: 'compliant',
      message: 'retention_in_days is 0: events never expire, which keeps more than the policy minimum',
    };
    expect(judge(rule, 'aws_cloudwatch_log_group.g', group({ retention_in_days: 0 }))).toEqual([never]);
    const policy = paymentsPolicy({ logRetentionDays: 3653 });
    expect(
      judge(rule, 'aws_cloudwatch_log_group.g', { ...group({ retention_in_days: '0' }), policy }),
    ).toEqual([never]);
  });
  it('rejects a negative retention (not "never expire")', () => {
    expect(outcomeOf(judge(rule, 'aws_cloudwatch_log_group.g', group({ retention_in_days: -1 })))).toBe(
      'non-compliant',
    );
  });
  it('reports a variable as unresolved, never as a pass', () => {
    const [r] = judge(rule, 'aws_cloudwatch_log_group.g', group({ retention_in_days: '${var.days}' }));
    expect(r.outcome).toBe('unresolved');
    expect(r.message).toContain('${var.days}');
  });
  it('follows the policy value (365 for a team that needs a year)', () => {
    const policy = paymentsPolicy({ logRetentionDays: 365 });
    expect(
      outcomeOf(judge(rule, 'aws_cloudwatch_log_group.g', { ...group({ retention_in_days: 90 }), policy })),
    ).toBe('non-compliant');
  });
});

describe('LogGroupRetention messages and boundaries', () => {
  const ATTR = 'retention_in_days';
  const fail = (message: string) => ({ outcome: 'non-compliant', message, attribute: ATTR });
  const UNSET = fail(
    `${ATTR} is not set, so nobody chose how long events are kept (they never expire); the policy requires at least 90 days`,
  );
  it.each([
    [undefined, UNSET],
    [null, UNSET],
    [-1, fail(`${ATTR} is -1; the policy requires at least 90`)],
    [89, fail(`${ATTR} is 89; the policy requires at least 90`)],
    [90, { outcome: 'compliant' }],
    ['ninety', fail(`${ATTR} is "ninety", not a number`)],
    [
      '${var.days}',
      {
        outcome: 'unresolved',
        attribute: ATTR,
        message: `${ATTR} is "\${var.days}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
      },
    ],
  ])('judges retention_in_days = %p', (days, expected) => {
    const cfg = days === undefined ? {} : { retention_in_days: days };
    expect(judge(rule, 'aws_cloudwatch_log_group.g', group(cfg))).toEqual([expected]);
  });
});
