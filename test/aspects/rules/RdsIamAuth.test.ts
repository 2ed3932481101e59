import rule from '../../../aspects/rules/RdsIamAuth';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_rds_cluster.db';
const cluster = (cfg: Record<string, unknown>) => ({
  resource: { aws_rds_cluster: { db: { engine: 'aurora-postgresql', ...cfg } } },
});

describe('RdsIamAuth', () => {
  it('accepts IAM authentication on', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ iam_database_authentication_enabled: true })))).toBe(
      'compliant',
    );
  });
  it('rejects IAM authentication off or left out', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ iam_database_authentication_enabled: false })))).toBe(
      'non-compliant',
    );
    expect(outcomeOf(judge(rule, ADDR, cluster({})))).toBe('non-compliant');
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ iam_database_authentication_enabled: '${var.iam}' })))).toBe(
      'unresolved',
    );
  });
});
