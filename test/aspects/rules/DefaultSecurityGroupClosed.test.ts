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

describe('DefaultSecurityGroupClosed messages (one clear line per violation)', () => {
  it('names the group, the number of rules and the direction', () => {
    expect(run({ ingress: [RULE, { ...RULE, self: true }], egress: [RULE] })).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'aws_default_security_group.d has 2 ingress rule(s); the default security group must have none',
        attribute: 'ingress',
      },
      {
        outcome: 'non-compliant',
        message:
          'aws_default_security_group.d has 1 egress rule(s); the default security group must have none',
        attribute: 'egress',
      },
    ]);
  });
  it('names the rules attribute that cannot be judged', () => {
    expect(run({ ingress: '${var.rules}' })).toEqual([
      {
        outcome: 'unresolved',
        attribute: 'aws_default_security_group.d.ingress',
        message:
          'aws_default_security_group.d.ingress is "${var.rules}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ]);
  });
  it('says why an unmanaged default security group fails', () => {
    expect(run(undefined)).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'no aws_default_security_group refers to the VPC, so its default security group keeps the AWS default rules (all traffic between members, all egress)',
      },
    ]);
  });
});
