import rule from '../../../aspects/rules/VpcFlowLogs';
import { unresolved } from '../../../aspects/core/rule';
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

  const NEEDS = 'a flow log must record rejected traffic (ALL or REJECT)';

  it('says what each flow log of the VPC records when none records rejected traffic', () => {
    expect(run({ a: log({ traffic_type: 'ACCEPT' }), b: log({}) })).toEqual([
      {
        outcome: 'non-compliant',
        message: `aws_flow_log.a.traffic_type is "ACCEPT"; aws_flow_log.b.traffic_type is not set; ${NEEDS}`,
        attribute: 'traffic_type',
      },
    ]);
  });

  it('accepts one good flow log among others', () => {
    expect(run({ a: log({ traffic_type: 'ACCEPT' }), b: log({ traffic_type: 'REJECT' }) })).toEqual([
      { outcome: 'compliant', message: undefined },
    ]);
  });

  it('names the first traffic_type it cannot judge, unless another flow log settles it', () => {
    expect(
      run({
        a: log({ traffic_type: 'ACCEPT' }),
        b: log({ traffic_type: '${var.t}' }),
        c: log({ traffic_type: '${var.u}' }),
      }),
    ).toEqual([unresolved('aws_flow_log.b.traffic_type', '${var.t}')]);
    expect(run({ a: log({ traffic_type: '${var.t}' }), b: log({ traffic_type: 'ALL' }) })).toEqual([
      { outcome: 'compliant', message: undefined },
    ]);
  });

  it('says why a VPC without a flow log fails, and names the link it cannot judge', () => {
    expect(run(undefined)).toEqual([
      {
        outcome: 'non-compliant',
        message: 'no aws_flow_log refers to the VPC, so its traffic is not recorded',
      },
    ]);
    expect(run({ f: log({ vpc_id: '${var.vpc_id}', traffic_type: 'ALL' }) })).toEqual([
      unresolved('aws_flow_log.f.vpc_id', '${var.vpc_id}'),
    ]);
  });
});
