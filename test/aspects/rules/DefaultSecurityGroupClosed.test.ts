import rule from '../../../aspects/rules/DefaultSecurityGroupClosed';
import { judge, outcomeOf } from '../../support/rule-harness';

const run = (sg: Record<string, unknown> | undefined) =>
  judge(rule, 'aws_vpc.v', {
    resource: {
      aws_vpc: { v: { cidr_block: '10.0.0.0/16' } },
      ...(sg ? { aws_default_security_group: { d: { vpc_id: '${aws_vpc.v.id}', ...sg } } } : {}),
    },
  });
const RULE = { protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] };

describe('DefaultSecurityGroupClosed', () => {
  it('accepts a default security group without rules (absent or empty)', () => {
    expect(outcomeOf(run({}))).toBe('compliant');
    expect(outcomeOf(run({ ingress: [], egress: [] }))).toBe('compliant');
  });
  it('rejects a VPC whose default security group the stack does not manage', () => {
    const [r] = run(undefined);
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('aws_default_security_group');
  });
  it('rejects ingress and egress rules, one finding each', () => {
    const results = run({ ingress: [{ ...RULE, self: true }], egress: [RULE] });
    expect(results.map((r) => r.attribute)).toEqual(['ingress', 'egress']);
  });
  it('reports rules given by a variable, or a variable vpc_id, as unresolved', () => {
    expect(outcomeOf(run({ egress: '${var.rules}' }))).toBe('unresolved');
    expect(outcomeOf(run({ vpc_id: '${var.vpc}' }))).toBe('unresolved');
  });
});
