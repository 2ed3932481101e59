import rule from '../../../aspects/rules/RdsBackupRetention';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_rds_cluster.db';
const cluster = (cfg: Record<string, unknown>) => ({
  resource: { aws_rds_cluster: { db: { engine: 'aurora-postgresql', ...cfg } } },
});

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
});
