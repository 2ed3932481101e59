import rule from '../../../aspects/rules/RdsCopyTagsToSnapshot';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_rds_cluster.db';
const cluster = (cfg: Record<string, unknown>) => ({
  resource: { aws_rds_cluster: { db: { engine: 'aurora-postgresql', ...cfg } } },
});

describe('RdsCopyTagsToSnapshot', () => {
  it('accepts copy_tags_to_snapshot true', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ copy_tags_to_snapshot: true })))).toBe('compliant');
  });
  it('rejects it off or left out', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ copy_tags_to_snapshot: false })))).toBe('non-compliant');
    expect(outcomeOf(judge(rule, ADDR, cluster({})))).toBe('non-compliant');
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ copy_tags_to_snapshot: '${var.copy}' })))).toBe(
      'unresolved',
    );
  });
});
