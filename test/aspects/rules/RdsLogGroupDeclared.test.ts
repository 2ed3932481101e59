import rule from '../../../aspects/rules/RdsLogGroupDeclared';
import { unresolved } from '../../../aspects/core/rule';
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

  it('accepts a group name embedding the cluster id reference (the id is the identifier)', () => {
    const input = stack(PG, ['/aws/rds/cluster/${aws_rds_cluster.db.id}/postgresql']);
    expect(judge(rule, ADDR, input)).toEqual([{ outcome: 'compliant', message: undefined }]);
  });

  it('names the missing group of each export in one line per export', () => {
    const input = stack({ enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'] });
    expect(judge(rule, ADDR, input)).toEqual(
      ['postgresql', 'upgrade'].map((t) => ({
        outcome: 'non-compliant',
        message: `no aws_cloudwatch_log_group named "/aws/rds/cluster/payments/${t}" is declared, so RDS creates it unencrypted and with unlimited retention`,
        attribute: 'enabled_cloudwatch_logs_exports',
      })),
    );
  });

  it('without cluster_identifier, asks for the group named by reference (a group for an "undefined" identifier does not count)', () => {
    const input = stack({ ...PG, cluster_identifier: undefined }, ['/aws/rds/cluster/undefined/postgresql']);
    expect(judge(rule, ADDR, input)).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'cluster_identifier is not set and no group named "/aws/rds/cluster/${aws_rds_cluster.db.cluster_identifier}/postgresql" is declared, so RDS creates the postgresql log group unencrypted and with unlimited retention',
        attribute: 'cluster_identifier',
      },
    ]);
  });

  it('treats an empty cluster_identifier as not set', () => {
    const [r] = judge(rule, ADDR, stack({ ...PG, cluster_identifier: '' }, ['/aws/rds/cluster//postgresql']));
    expect(r).toMatchObject({ outcome: 'non-compliant', attribute: 'cluster_identifier' });
  });

  it.each<[string, unknown]>([
    ['no exports', undefined],
    ['an empty export list', []],
  ])('does not apply with %s', (_case, exports) => {
    expect(judge(rule, ADDR, stack({ enabled_cloudwatch_logs_exports: exports }))).toEqual([
      { outcome: 'not-applicable', message: 'the cluster exports no logs' },
    ]);
  });

  it('cannot judge exports or a cluster_identifier from a variable', () => {
    expect(judge(rule, ADDR, stack({ enabled_cloudwatch_logs_exports: '${var.exports}' }))).toEqual([
      unresolved('enabled_cloudwatch_logs_exports', '${var.exports}'),
    ]);
    expect(judge(rule, ADDR, stack({ ...PG, cluster_identifier: '${var.id}' }))).toEqual([
      unresolved('cluster_identifier', '${var.id}'),
    ]);
  });

  it('accepts a variable cluster_identifier when a group is named with the same expression', () => {
    const input = stack({ ...PG, cluster_identifier: '${var.id}' }, [
      '/aws/rds/cluster/${var.id}/postgresql',
    ]);
    expect(judge(rule, ADDR, input)).toEqual([{ outcome: 'compliant', message: undefined }]);
  });
});

describe('RdsLogGroupDeclared: exports that are not a list of log types are wrong, not "no exports"', () => {
  it.each([['postgresql'], [[1]]])('enabled_cloudwatch_logs_exports = %j', (value) => {
    const results = judge(rule, 'aws_rds_cluster.db', {
      resource: {
        aws_rds_cluster: { db: { cluster_identifier: 'pay', enabled_cloudwatch_logs_exports: value } },
      },
    });
    expect(results).toEqual([
      {
        outcome: 'non-compliant',
        message: `enabled_cloudwatch_logs_exports is ${JSON.stringify(value)}, not a list of log types`,
        attribute: 'enabled_cloudwatch_logs_exports',
      },
    ]);
  });
  it('an empty list still means no exports', () => {
    const [r] = judge(rule, 'aws_rds_cluster.db', {
      resource: {
        aws_rds_cluster: { db: { cluster_identifier: 'pay', enabled_cloudwatch_logs_exports: [] } },
      },
    });
    expect(r.outcome).toBe('not-applicable');
  });
});
