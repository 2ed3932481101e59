import rule from '../../../aspects/rules/LambdaInsideVpc';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_lambda_function.fn';
const SUBNETS = {
  aws_subnet: {
    a: { availability_zone: 'us-east-1a' },
    b: { availability_zone: 'us-east-1b' },
    a2: { availability_zone: 'us-east-1a' },
  },
};
const fn = (vpc?: Record<string, unknown>) => ({
  resource: {
    ...SUBNETS,
    aws_lambda_function: { fn: { function_name: 'f', ...(vpc ? { vpc_config: vpc } : {}) } },
  },
});
const SG = ['${aws_security_group.fn.id}'];

describe('LambdaInsideVpc', () => {
  it('accepts subnets in two Availability Zones (references) and a security group', () => {
    const input = fn({ subnet_ids: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'], security_group_ids: SG });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('compliant');
  });
  it('accepts two literal subnet ids', () => {
    const input = fn({ subnet_ids: ['subnet-1', 'subnet-2'], security_group_ids: ['sg-1'] });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('compliant');
  });
  it('rejects a function without vpc_config', () => {
    const [r] = judge(rule, ADDR, fn());
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('vpc_config');
  });
  it('rejects a single literal subnet (one Availability Zone)', () => {
    const [r] = judge(rule, ADDR, fn({ subnet_ids: ['subnet-1'], security_group_ids: ['sg-1'] }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('subnet-1');
  });
  it('rejects the same subnet listed twice', () => {
    expect(
      outcomeOf(
        judge(rule, ADDR, fn({ subnet_ids: ['subnet-1', 'subnet-1'], security_group_ids: ['sg-1'] })),
      ),
    ).toBe('non-compliant');
  });
  it('rejects two referenced subnets declared in the same Availability Zone', () => {
    const [r] = judge(
      rule,
      ADDR,
      fn({ subnet_ids: ['${aws_subnet.a.id}', '${aws_subnet.a2.id}'], security_group_ids: SG }),
    );
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('us-east-1a');
  });
  it('rejects empty subnets and empty security groups, one result each', () => {
    const results = judge(rule, ADDR, fn({ subnet_ids: [], security_group_ids: [] }));
    expect(results.map((r) => [r.outcome, r.attribute])).toEqual([
      ['non-compliant', 'vpc_config.subnet_ids'],
      ['non-compliant', 'vpc_config.security_group_ids'],
    ]);
  });
  it('reports a subnet list from a variable as unresolved', () => {
    const [r] = judge(rule, ADDR, fn({ subnet_ids: '${var.subnets}', security_group_ids: SG }));
    expect(r.outcome).toBe('unresolved');
    expect(r.message).toContain('${var.subnets}');
  });
});

describe('LambdaInsideVpc messages and subnet zones', () => {
  const SUBNET_IDS = 'vpc_config.subnet_ids';
  const SGS = 'vpc_config.security_group_ids';
  const withExtra = (vpc: Record<string, unknown>) => ({
    resource: {
      ...SUBNETS,
      aws_instance: { i: { availability_zone: 'us-east-1a' } },
      aws_lambda_function: { fn: { function_name: 'f', vpc_config: vpc } },
    },
  });
  it.each([
    [
      'no vpc_config',
      undefined,
      [
        {
          outcome: 'non-compliant',
          message: 'vpc_config is not set, so the function runs outside the VPC',
          attribute: 'vpc_config',
        },
      ],
    ],
    [
      'vpc_config without subnets',
      { security_group_ids: SG },
      [
        {
          outcome: 'non-compliant',
          message: `${SUBNET_IDS} is empty; the function needs subnets in at least 2 Availability Zones`,
          attribute: SUBNET_IDS,
        },
      ],
    ],
    [
      'an empty security group list',
      { subnet_ids: ['subnet-1', 'subnet-2'], security_group_ids: [] },
      [
        {
          outcome: 'non-compliant',
          message: `${SGS} is empty; the function needs a security group`,
          attribute: SGS,
        },
      ],
    ],
    [
      'security groups from a variable',
      { subnet_ids: ['subnet-1', 'subnet-2'], security_group_ids: '${var.sgs}' },
      [
        {
          outcome: 'unresolved',
          attribute: SGS,
          message: `${SGS} is "\${var.sgs}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
        },
      ],
    ],
    [
      'a subnet that is not declared next to a declared one',
      { subnet_ids: ['${aws_subnet.missing.id}', '${aws_subnet.a.id}'], security_group_ids: SG },
      [{ outcome: 'compliant' }],
    ],
    [
      "another resource's subnet next to a declared subnet (its zone is not the subnet's)",
      { subnet_ids: ['${aws_instance.i.subnet_id}', '${aws_subnet.a.id}'], security_group_ids: SG },
      [{ outcome: 'compliant' }],
    ],
  ])('judges %s', (_, vpc, expected) => {
    expect(judge(rule, ADDR, vpc === undefined ? fn() : withExtra(vpc))).toEqual(expected);
  });
});
