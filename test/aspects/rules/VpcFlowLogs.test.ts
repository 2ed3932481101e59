import rule from '../../../aspects/rules/VpcFlowLogs';
import { judge, outcomeOf } from '../../support/rule-harness';

const run = (flowLogs: Record<string, Record<string, unknown>> | undefined) =>
  judge(rule, 'aws_vpc.v', {
    resource: {
      aws_vpc: { v: { cidr_block: '10.0.0.0/16' }, other: { cidr_block: '10.1.0.0/16' } },
      ...(flowLogs ? { aws_flow_log: flowLogs } : {}),
    },
  });
const log = (cfg: Record<string, unknown>) => ({
  vpc_id: '${aws_vpc.v.id}',
  log_destination: '${aws_cloudwatch_log_group.f.arn}',
  ...cfg,
});

describe('VpcFlowLogs', () => {
  it('accepts a flow log of all traffic, and one of rejected traffic', () => {
    expect(outcomeOf(run({ f: log({ traffic_type: 'ALL' }) }))).toBe('compliant');
    expect(outcomeOf(run({ f: log({ traffic_type: 'REJECT' }) }))).toBe('compliant');
  });
  it('rejects a VPC without a flow log, and one whose only flow log is for another VPC', () => {
    const [r] = run(undefined);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('no aws_flow_log');
    expect(outcomeOf(run({ f: log({ vpc_id: '${aws_vpc.other.id}', traffic_type: 'ALL' }) }))).toBe(
      'non-compliant',
    );
  });
  it('rejects a flow log of accepted traffic only', () => {
    const [r] = run({ f: log({ traffic_type: 'ACCEPT' }) });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('"ACCEPT"');
  });
  it('reports a variable vpc_id or traffic_type as unresolved', () => {
    expect(outcomeOf(run({ f: log({ vpc_id: '${var.vpc_id}', traffic_type: 'ALL' }) }))).toBe('unresolved');
    expect(outcomeOf(run({ f: log({ traffic_type: '${var.t}' }) }))).toBe('unresolved');
  });
});
