import rule from '../../../aspects/rules/RdsPerformanceInsightsCmk';
import { unresolved } from '../../../aspects/core/rule';
import { CMK, CMK_ARN, judge, outcomeOf } from '../../support/rule-harness';

const inst = (cfg: Record<string, unknown>) => ({
  resource: {
    ...CMK,
    aws_rds_cluster_instance: { i: { cluster_identifier: 'c', instance_class: 'db.r6g.large', ...cfg } },
  },
});
const cluster = (cfg: Record<string, unknown>) => ({
  resource: { ...CMK, aws_rds_cluster: { db: { engine: 'aurora-postgresql', ...cfg } } },
});
const I = 'aws_rds_cluster_instance.i';

describe('RdsPerformanceInsightsCmk', () => {
  it('accepts Performance Insights encrypted with a key declared in the stack (instance and cluster)', () => {
    expect(
      outcomeOf(
        judge(
          rule,
          I,
          inst({ performance_insights_enabled: true, performance_insights_kms_key_id: CMK_ARN }),
        ),
      ),
    ).toBe('compliant');
    const c = cluster({ performance_insights_enabled: true, performance_insights_kms_key_id: CMK_ARN });
    expect(outcomeOf(judge(rule, 'aws_rds_cluster.db', c))).toBe('compliant');
  });
  it('rejects Performance Insights with the default aws/rds key', () => {
    const [r] = judge(rule, I, inst({ performance_insights_enabled: true }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('performance_insights_kms_key_id');
  });
  it('rejects a literal key ARN the policy does not trust', () => {
    const arn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(
      outcomeOf(
        judge(rule, I, inst({ performance_insights_enabled: true, performance_insights_kms_key_id: arn })),
      ),
    ).toBe('non-compliant');
  });
  it('does not apply when Performance Insights is off', () => {
    expect(outcomeOf(judge(rule, I, inst({})))).toBe('not-applicable');
  });
  it('reports the switch from a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, I, inst({ performance_insights_enabled: '${var.pi}' })))).toBe('unresolved');
  });

  it.each<[string, unknown]>([
    ['left out', undefined],
    ['false', false],
    ['"false"', 'false'],
  ])('does not apply when Performance Insights is %s, even without a key', (_case, enabled) => {
    expect(judge(rule, I, inst({ performance_insights_enabled: enabled }))).toEqual([
      { outcome: 'not-applicable', message: 'Performance Insights is off' },
    ]);
  });

  it('names the key attribute and the switch in its messages', () => {
    expect(judge(rule, I, inst({ performance_insights_enabled: true }))).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'performance_insights_kms_key_id is not set, so the data is encrypted (if at all) with a key AWS manages, not a customer-managed key',
        attribute: 'performance_insights_kms_key_id',
      },
    ]);
    expect(judge(rule, I, inst({ performance_insights_enabled: '${var.pi}' }))).toEqual([
      unresolved('performance_insights_enabled', '${var.pi}'),
    ]);
  });
});
