import rule from '../../../aspects/rules/RdsLogGroupDeclared';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_rds_cluster.db';
const stack = (cfg: Record<string, unknown>, groups: string[] = []) => ({
  resource: {
    aws_rds_cluster: { db: { engine: 'aurora-postgresql', cluster_identifier: 'payments', ...cfg } },
    ...(groups.length > 0
      ? { aws_cloudwatch_log_group: Object.fromEntries(groups.map((name, i) => [`g${i}`, { name }])) }
      : {}),
  },
});
const PG = { enabled_cloudwatch_logs_exports: ['postgresql'] };

describe('RdsLogGroupDeclared', () => {
  it('accepts a declared group for the literal cluster identifier', () => {
    expect(outcomeOf(judge(rule, ADDR, stack(PG, ['/aws/rds/cluster/payments/postgresql'])))).toBe(
      'compliant',
    );
  });
  it('accepts a group name embedding the cluster_identifier reference', () => {
    const input = stack(PG, ['/aws/rds/cluster/${aws_rds_cluster.db.cluster_identifier}/postgresql']);
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('compliant');
  });
  it('rejects an export without its group, naming the group', () => {
    const [r] = judge(rule, ADDR, stack(PG));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('/aws/rds/cluster/payments/postgresql');
  });
  it('reports each exported type without a group', () => {
    const input = stack({ enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'] }, [
      '/aws/rds/cluster/payments/postgresql',
    ]);
    const results = judge(rule, ADDR, input);
    expect(results).toHaveLength(1);
    expect(results[0].message).toContain('/aws/rds/cluster/payments/upgrade');
  });
  it('rejects a cluster without cluster_identifier whose group cannot be matched', () => {
    const [r] = judge(
      rule,
      ADDR,
      stack({ ...PG, cluster_identifier: undefined }, ['/aws/rds/cluster/payments/postgresql']),
    );
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('cluster_identifier');
  });
  it('does not apply to a cluster that exports no logs', () => {
    expect(outcomeOf(judge(rule, ADDR, stack({})))).toBe('not-applicable');
  });
  it('reports a variable cluster_identifier without a matching group as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, stack({ ...PG, cluster_identifier: '${var.id}' })))).toBe(
      'unresolved',
    );
  });
});
