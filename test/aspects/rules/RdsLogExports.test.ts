import rule from '../../../aspects/rules/RdsLogExports';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_rds_cluster.db';
const cluster = (cfg: Record<string, unknown>) => ({
  resource: { aws_rds_cluster: { db: { engine: 'aurora-postgresql', ...cfg } } },
});

describe('RdsLogExports', () => {
  it('accepts exporting the postgresql log', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ enabled_cloudwatch_logs_exports: ['postgresql'] })))).toBe(
      'compliant',
    );
  });
  it('rejects no exports', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({})))).toBe('non-compliant');
  });
  it('rejects exports without postgresql', () => {
    const [r] = judge(rule, ADDR, cluster({ enabled_cloudwatch_logs_exports: ['upgrade'] }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('upgrade');
  });
  it('does not apply to a MySQL cluster', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ engine: 'aurora-mysql' })))).toBe('not-applicable');
  });
  it('reports exports from a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ enabled_cloudwatch_logs_exports: '${var.exports}' })))).toBe(
      'unresolved',
    );
  });
});
