/**
 * Rule bugs found by mutation testing (a mutant survived because the rule itself was wrong), pinned here.
 */
import canaryRuntime from '../../aspects/rules/CanaryRuntimeCurrent';
import rdsLogGroup from '../../aspects/rules/RdsLogGroupDeclared';
import { judge } from '../support/rule-harness';

describe('CanaryRuntimeCurrent: the deprecated beta runtime of syn-nodejs-2 is refused like the others', () => {
  it.each(['syn-nodejs-2.0-beta', 'syn-nodejs-2.0', 'syn-nodejs-2.2'])('%s is deprecated', (v) => {
    const [r] = judge(canaryRuntime, 'aws_synthetics_canary.c', {
      resource: { aws_synthetics_canary: { c: { runtime_version: v } } },
    });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('syn-nodejs-2.x');
  });
  it('a current runtime still passes', () => {
    const [r] = judge(canaryRuntime, 'aws_synthetics_canary.c', {
      resource: { aws_synthetics_canary: { c: { runtime_version: 'syn-nodejs-puppeteer-10.0' } } },
    });
    expect(r.outcome).toBe('compliant');
  });
});

describe('RdsLogGroupDeclared: exports that are not a list of log types are wrong, not "no exports"', () => {
  it.each([['postgresql'], [[1]]])('enabled_cloudwatch_logs_exports = %j', (value) => {
    const results = judge(rdsLogGroup, 'aws_rds_cluster.db', {
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
    const [r] = judge(rdsLogGroup, 'aws_rds_cluster.db', {
      resource: {
        aws_rds_cluster: { db: { cluster_identifier: 'pay', enabled_cloudwatch_logs_exports: [] } },
      },
    });
    expect(r.outcome).toBe('not-applicable');
  });
});
