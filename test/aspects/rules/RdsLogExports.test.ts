import rule from '../../../aspects/rules/RdsLogExports';
import { unresolved } from '../../../aspects/core/rule';
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

  it.each<[string, unknown]>([
    ['a list without postgresql', ['upgrade']],
    ['an empty list', []],
  ])('rejects %s, quoting the list', (_case, exports) => {
    expect(judge(rule, ADDR, cluster({ enabled_cloudwatch_logs_exports: exports }))).toEqual([
      {
        outcome: 'non-compliant',
        message: `enabled_cloudwatch_logs_exports is ${JSON.stringify(exports)}; it must contain "postgresql"`,
        attribute: 'enabled_cloudwatch_logs_exports',
      },
    ]);
  });

  it.each<[string, unknown, string]>([
    ['left out', undefined, 'not set'],
    ['a single string instead of a list', 'postgresql', '"postgresql"'],
    ['a list holding a number', [1], '[1]'],
  ])('rejects exports %s, saying what was written', (_case, exports, shown) => {
    const cfg = exports === undefined ? {} : { enabled_cloudwatch_logs_exports: exports };
    expect(judge(rule, ADDR, cluster(cfg))).toEqual([
      {
        outcome: 'non-compliant',
        message: `enabled_cloudwatch_logs_exports is ${shown}; it must contain "postgresql"`,
        attribute: 'enabled_cloudwatch_logs_exports',
      },
    ]);
  });

  it.each<[string, unknown]>([
    ['MySQL', 'aurora-mysql'],
    ['an unset engine', undefined],
    ['a non-text engine', 5],
  ])('does not apply to %s, saying it judges PostgreSQL only', (_case, engine) => {
    expect(judge(rule, ADDR, cluster({ engine }))).toEqual([
      { outcome: 'not-applicable', message: 'the rule judges PostgreSQL engines only' },
    ]);
  });

  it('accepts the plain postgres engine too', () => {
    const input = cluster({ engine: 'postgres', enabled_cloudwatch_logs_exports: ['upgrade', 'postgresql'] });
    expect(judge(rule, ADDR, input)).toEqual([{ outcome: 'compliant', message: undefined }]);
  });

  it('cannot judge an engine or an export list element from a variable', () => {
    expect(judge(rule, ADDR, cluster({ engine: '${var.engine}' }))).toEqual([
      unresolved('engine', '${var.engine}'),
    ]);
    expect(judge(rule, ADDR, cluster({ enabled_cloudwatch_logs_exports: ['${var.log}'] }))).toEqual([
      unresolved('enabled_cloudwatch_logs_exports', '${var.log}'),
    ]);
  });
});
