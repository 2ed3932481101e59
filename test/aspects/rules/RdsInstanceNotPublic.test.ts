import rule from '../../../aspects/rules/RdsInstanceNotPublic';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_rds_cluster_instance.i';
const instance = (cfg: Record<string, unknown>) => ({
  resource: {
    aws_rds_cluster_instance: {
      i: { cluster_identifier: '${aws_rds_cluster.db.id}', instance_class: 'db.r6g.large', ...cfg },
    },
  },
});

describe('RdsInstanceNotPublic', () => {
  it('accepts an instance left private (absent or false)', () => {
    expect(outcomeOf(judge(rule, ADDR, instance({})))).toBe('compliant');
    expect(outcomeOf(judge(rule, ADDR, instance({ publicly_accessible: false })))).toBe('compliant');
  });
  it('rejects a publicly accessible instance', () => {
    const [r] = judge(rule, ADDR, instance({ publicly_accessible: true }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('publicly_accessible');
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, instance({ publicly_accessible: '${var.public}' })))).toBe(
      'unresolved',
    );
  });
});
