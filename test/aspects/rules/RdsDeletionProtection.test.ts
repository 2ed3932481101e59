import rule from '../../../aspects/rules/RdsDeletionProtection';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_rds_cluster.db';
const cluster = (cfg: Record<string, unknown>) => ({
  resource: { aws_rds_cluster: { db: { engine: 'aurora-postgresql', ...cfg } } },
});

describe('RdsDeletionProtection', () => {
  it('accepts deletion protection on', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ deletion_protection: true })))).toBe('compliant');
  });
  it('rejects deletion protection off or left out', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ deletion_protection: false })))).toBe('non-compliant');
    const [r] = judge(rule, ADDR, cluster({}));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('not set');
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ deletion_protection: '${var.dp}' })))).toBe('unresolved');
  });
});
