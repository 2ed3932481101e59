import rule from '../../../aspects/rules/RdsBackupRetention';
import { unresolved } from '../../../aspects/core/rule';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_rds_cluster.db';
const ATTR = 'backup_retention_period';
const cluster = (cfg: Record<string, unknown>) => ({
  resource: { aws_rds_cluster: { db: { engine: 'aurora-postgresql', ...cfg } } },
});
const run = (days: unknown) => judge(rule, ADDR, cluster(days === undefined ? {} : { [ATTR]: days }));
const rejected = (message: string) => [{ outcome: 'non-compliant', message, attribute: ATTR }];

describe('RdsBackupRetention', () => {
  it('accepts 7 days and more', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ backup_retention_period: 7 })))).toBe('compliant');
    expect(outcomeOf(judge(rule, ADDR, cluster({ backup_retention_period: 35 })))).toBe('compliant');
  });
  it('rejects the 1-day default', () => {
    const [r] = judge(rule, ADDR, cluster({}));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('1 day');
  });
  it('rejects 5 days', () => {
    const [r] = judge(rule, ADDR, cluster({ backup_retention_period: 5 }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('5');
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ backup_retention_period: '${var.days}' })))).toBe(
      'unresolved',
    );
  });

  it.each<[unknown, string]>([
    [7, 'the minimum'],
    ['7', 'the minimum written as text'],
    [8, 'one day more'],
  ])('accepts %p days (%s)', (days) => {
    expect(run(days)).toEqual([{ outcome: 'compliant', message: undefined }]);
  });

  it.each<[unknown, string]>([
    [undefined, 'backup_retention_period is not set (the default is 1 day); it must be at least 7'],
    [6, 'backup_retention_period is 6; it must be at least 7'],
    [0, 'backup_retention_period is 0; it must be at least 7'],
    ['seven', 'backup_retention_period is "seven", not a number'],
    [true, 'backup_retention_period is true, not a number'],
  ])('rejects %p with one clear message', (days, message) => {
    expect(run(days)).toEqual(rejected(message));
  });

  it('names the variable that cannot be judged', () => {
    expect(run('${var.days}')).toEqual([unresolved(ATTR, '${var.days}')]);
  });
});
