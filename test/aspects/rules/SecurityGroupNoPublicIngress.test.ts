import rule from '../../../aspects/rules/SecurityGroupNoPublicIngress';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { judge } from '../../support/rule-harness';

const unresolvedAt = (attribute: string, text: string) => ({
  outcome: 'unresolved',
  attribute,
  message: `${attribute} is "${text}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
});
const NONE = 'the policy allows no public port';

describe('SecurityGroupNoPublicIngress on aws_vpc_security_group_ingress_rule', () => {
  const run = (cfg: Record<string, unknown>, policy = paymentsPolicy({ today: '2026-11-28' })) =>
    judge(rule, 'aws_vpc_security_group_ingress_rule.r', {
      resource: { aws_vpc_security_group_ingress_rule: { r: { security_group_id: 'sg-1', ...cfg } } },
      policy,
    });
  const open = (what: string, from: string, attribute: string, tail = NONE) => ({
    outcome: 'non-compliant',
    attribute,
    message: `admits ${what} from ${from}, the whole internet; ${tail}`,
  });
  // Regression (issue 13): the database port open to 0.0.0.0/0 passed the gate.
  it('refuses the database port from 0.0.0.0/0, and from ::/0', () => {
    const db = { ip_protocol: 'tcp', from_port: 5432, to_port: 5432 };
    expect(run({ ...db, cidr_ipv4: '0.0.0.0/0' })).toEqual([open('tcp port 5432', '0.0.0.0/0', 'cidr_ipv4')]);
    expect(run({ ...db, cidr_ipv6: '::/0' })).toEqual([open('tcp port 5432', '::/0', 'cidr_ipv6')]);
  });
  it('refuses every protocol (-1) and a port range, naming them', () => {
    expect(run({ ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' })).toEqual([
      open('every port (protocol all)', '0.0.0.0/0', 'cidr_ipv4'),
    ]);
    expect(run({ ip_protocol: 'udp', from_port: 1000, to_port: 2000, cidr_ipv4: '0.0.0.0/0' })).toEqual([
      open('udp ports 1000-2000', '0.0.0.0/0', 'cidr_ipv4'),
    ]);
    expect(run({ ip_protocol: 'icmp', from_port: -1, to_port: -1, cidr_ipv4: '0.0.0.0/0' })).toEqual([
      open('every port (protocol icmp)', '0.0.0.0/0', 'cidr_ipv4'),
    ]);
  });
  it('accepts a private CIDR, a narrow public CIDR and a referenced security group', () => {
    for (const cfg of [
      { ip_protocol: 'tcp', from_port: 5432, to_port: 5432, cidr_ipv4: '10.0.0.0/16' },
      { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '203.0.113.7/32' },
      {
        ip_protocol: 'tcp',
        from_port: 5432,
        to_port: 5432,
        referenced_security_group_id: '${aws_security_group.h.id}',
      },
    ])
      expect(run(cfg)).toEqual([{ outcome: 'compliant' }]);
  });
  it('accepts the TCP ports the policy lists, and only those (boundaries of the range)', () => {
    const policy = paymentsPolicy({ today: '2026-11-28', publicIngressTcpPorts: [80, 443] });
    const tcp = (from: number, to: number) => ({
      ip_protocol: 'tcp',
      from_port: from,
      to_port: to,
      cidr_ipv4: '0.0.0.0/0',
    });
    expect(run(tcp(443, 443), policy)).toEqual([{ outcome: 'compliant' }]);
    expect(run({ ...tcp(443, 443), ip_protocol: '6' }, policy)).toEqual([{ outcome: 'compliant' }]);
    const only = 'the policy allows public TCP ports 80, 443 only';
    expect(run(tcp(442, 443), policy)).toEqual([open('tcp ports 442-443', '0.0.0.0/0', 'cidr_ipv4', only)]);
    expect(run(tcp(443, 444), policy)).toEqual([open('tcp ports 443-444', '0.0.0.0/0', 'cidr_ipv4', only)]);
    expect(run(tcp(80, 443), policy)).toEqual([open('tcp ports 80-443', '0.0.0.0/0', 'cidr_ipv4', only)]);
    expect(run({ ...tcp(443, 443), ip_protocol: 'udp' }, policy)).toEqual([
      open('udp port 443', '0.0.0.0/0', 'cidr_ipv4', only),
    ]);
    expect(run({ ...tcp(443, 443), from_port: -1, to_port: -1 }, policy)).toEqual([
      open('tcp ports 0-65535', '0.0.0.0/0', 'cidr_ipv4', only),
    ]);
  });
  it('does not take a reversed TCP range (from above to) for the listed ports it spans', () => {
    const policy = paymentsPolicy({ today: '2026-11-28', publicIngressTcpPorts: [80, 443] });
    const reversed = { ip_protocol: 'tcp', from_port: 443, to_port: 80, cidr_ipv4: '0.0.0.0/0' };
    expect(run(reversed, policy)).toEqual([
      open('tcp ports 443-80', '0.0.0.0/0', 'cidr_ipv4', 'the policy allows public TCP ports 80, 443 only'),
    ]);
    expect(run(reversed)).toEqual([open('tcp ports 443-80', '0.0.0.0/0', 'cidr_ipv4')]);
  });
  it('reads a protocol written as a number (plan JSON), or with whitespace and capitals, by its name', () => {
    const ssh = { from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' };
    expect(run({ ...ssh, ip_protocol: 6 })).toEqual([open('tcp port 22', '0.0.0.0/0', 'cidr_ipv4')]);
    expect(run({ ...ssh, ip_protocol: 17 })).toEqual([open('udp port 22', '0.0.0.0/0', 'cidr_ipv4')]);
    expect(run({ ...ssh, ip_protocol: ' TCP ' })).toEqual([open('tcp port 22', '0.0.0.0/0', 'cidr_ipv4')]);
    const policy = paymentsPolicy({ today: '2026-11-28', publicIngressTcpPorts: [443] });
    expect(run({ ip_protocol: 6, from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' }, policy)).toEqual([
      { outcome: 'compliant' },
    ]);
  });
  it('counts a missing or null protocol as every protocol', () => {
    const all = open('every port (protocol all)', '0.0.0.0/0', 'cidr_ipv4');
    expect(run({ from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' })).toEqual([all]);
    expect(run({ ip_protocol: null, from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' })).toEqual([all]);
  });
  it('reads a CIDR with surrounding whitespace, and only a /0 prefix as the whole internet', () => {
    const ssh = { ip_protocol: 'tcp', from_port: 22, to_port: 22 };
    expect(run({ ...ssh, cidr_ipv4: ' 0.0.0.0/0 ' })).toEqual([
      open('tcp port 22', '0.0.0.0/0', 'cidr_ipv4'),
    ]);
    expect(run({ ...ssh, cidr_ipv6: '::/0\n' })).toEqual([open('tcp port 22', '::/0', 'cidr_ipv6')]);
    // A prefix written with a leading zero is that prefix (/016 is /16), not /0.
    expect(run({ ...ssh, cidr_ipv4: '10.0.0.0/016' })).toEqual([{ outcome: 'compliant' }]);
    expect(run({ ...ssh, cidr_ipv4: '10.0.0.0/10' })).toEqual([{ outcome: 'compliant' }]);
  });
  // Regression: hashicorp/aws 5.100.0 plans `0.0.0.0/00` and `::/000` (the prefix is read as a number), and
  // the rule took them for narrow CIDRs.
  it('reads a zero prefix written with more digits (/00, /000) as the whole internet', () => {
    const ssh = { ip_protocol: 'tcp', from_port: 22, to_port: 22 };
    expect(run({ ...ssh, cidr_ipv4: '0.0.0.0/00' })).toEqual([
      open('tcp port 22', '0.0.0.0/00', 'cidr_ipv4'),
    ]);
    expect(run({ ...ssh, cidr_ipv6: ' ::/000' })).toEqual([open('tcp port 22', '::/000', 'cidr_ipv6')]);
  });
  it('reads a missing port, or a negative one, on tcp as every port, and 0 as port 0', () => {
    const tcp = (ports: Record<string, unknown>) =>
      run({ ip_protocol: 'tcp', cidr_ipv4: '0.0.0.0/0', ...ports });
    const every = open('tcp ports 0-65535', '0.0.0.0/0', 'cidr_ipv4');
    expect(tcp({})).toEqual([every]);
    expect(tcp({ to_port: 22 })).toEqual([open('tcp ports 0-22', '0.0.0.0/0', 'cidr_ipv4')]);
    expect(tcp({ from_port: 22 })).toEqual([open('tcp ports 22-65535', '0.0.0.0/0', 'cidr_ipv4')]);
    expect(tcp({ from_port: -1, to_port: 22 })).toEqual([every]);
    expect(tcp({ from_port: 22, to_port: -1 })).toEqual([every]);
    expect(tcp({ from_port: 0, to_port: 22 })).toEqual([open('tcp ports 0-22', '0.0.0.0/0', 'cidr_ipv4')]);
    expect(tcp({ from_port: 0, to_port: 0 })).toEqual([open('tcp port 0', '0.0.0.0/0', 'cidr_ipv4')]);
  });
  it('passes over a CIDR that is not text (plan JSON), neither open nor an error', () => {
    const ssh = { ip_protocol: 'tcp', from_port: 22, to_port: 22 };
    expect(run({ ...ssh, cidr_ipv4: 0 })).toEqual([{ outcome: 'compliant' }]);
    expect(run({ ...ssh, cidr_ipv4: 0, cidr_ipv6: '::/0' })).toEqual([
      open('tcp port 22', '::/0', 'cidr_ipv6'),
    ]);
  });
  it('cannot judge a CIDR, protocol or port from a variable', () => {
    expect(run({ ip_protocol: 'tcp', from_port: 1, to_port: 1, cidr_ipv4: '${var.cidr}' })).toEqual([
      unresolvedAt('cidr', '${var.cidr}'),
    ]);
    expect(run({ ip_protocol: '${var.p}', cidr_ipv4: '0.0.0.0/0' })).toEqual([
      unresolvedAt('protocol', '${var.p}'),
    ]);
    expect(run({ ip_protocol: 'tcp', from_port: '${var.f}', to_port: 1, cidr_ipv4: '0.0.0.0/0' })).toEqual([
      unresolvedAt('from_port', '${var.f}'),
    ]);
    expect(run({ ip_protocol: 'tcp', from_port: 1, to_port: '${var.t}', cidr_ipv4: '0.0.0.0/0' })).toEqual([
      unresolvedAt('to_port', '${var.t}'),
    ]);
  });
});

describe('SecurityGroupNoPublicIngress on aws_security_group_rule', () => {
  const run = (cfg: Record<string, unknown>) =>
    judge(rule, 'aws_security_group_rule.r', {
      resource: { aws_security_group_rule: { r: { security_group_id: 'sg-1', ...cfg } } },
    });
  const ssh = { type: 'ingress', protocol: 'tcp', from_port: 22, to_port: 22 };
  it('refuses SSH from the internet (IPv4 and IPv6 lists)', () => {
    expect(run({ ...ssh, cidr_blocks: ['10.0.0.0/8', '0.0.0.0/0'] })).toEqual([
      {
        outcome: 'non-compliant',
        attribute: 'cidr_blocks',
        message: `admits tcp port 22 from 0.0.0.0/0, the whole internet; ${NONE}`,
      },
    ]);
    expect(run({ ...ssh, ipv6_cidr_blocks: ['::/0'] })).toEqual([
      {
        outcome: 'non-compliant',
        attribute: 'ipv6_cidr_blocks',
        message: `admits tcp port 22 from ::/0, the whole internet; ${NONE}`,
      },
    ]);
  });
  it('names both whole-internet sources when a rule opens 0.0.0.0/0 and ::/0', () => {
    expect(run({ ...ssh, cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: ['10::/8', '::/0'] })).toEqual([
      {
        outcome: 'non-compliant',
        attribute: 'cidr_blocks',
        message: `admits tcp port 22 from 0.0.0.0/0 and ::/0, the whole internet; ${NONE}`,
      },
    ]);
  });
  it('passes over a null or numeric entry in a CIDR list (plan JSON)', () => {
    expect(run({ ...ssh, cidr_blocks: [null, 0, '10.0.0.0/8'] })).toEqual([{ outcome: 'compliant' }]);
  });
  it('leaves egress rules alone, and cannot judge a type from a variable', () => {
    expect(run({ ...ssh, type: 'egress', cidr_blocks: ['0.0.0.0/0'] })).toEqual([
      { outcome: 'not-applicable', message: 'an egress rule' },
    ]);
    expect(run({ ...ssh, type: '${var.t}', cidr_blocks: ['0.0.0.0/0'] })).toEqual([
      unresolvedAt('type', '${var.t}'),
    ]);
  });
  it('accepts a rule from a source security group', () => {
    expect(run({ ...ssh, source_security_group_id: 'sg-2' })).toEqual([{ outcome: 'compliant' }]);
  });
});

describe('SecurityGroupNoPublicIngress on aws_security_group inline rules', () => {
  const run = (cfg: Record<string, unknown>) =>
    judge(rule, 'aws_security_group.g', {
      resource: { aws_security_group: { g: { name: 'ledger-db', ...cfg } } },
    });
  it('refuses each open inline ingress block by position, and accepts the closed ones', () => {
    const r = run({
      ingress: [
        { protocol: 'tcp', from_port: 5432, to_port: 5432, security_groups: ['sg-2'] },
        { protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] },
        { protocol: 'tcp', from_port: 3389, to_port: 3389, ipv6_cidr_blocks: ['::/0'] },
      ],
    });
    expect(r).toEqual([
      {
        outcome: 'non-compliant',
        attribute: 'ingress[1].cidr_blocks',
        message: `ingress[1] admits every port (protocol all) from 0.0.0.0/0, the whole internet; ${NONE}`,
      },
      {
        outcome: 'non-compliant',
        attribute: 'ingress[2].ipv6_cidr_blocks',
        message: `ingress[2] admits tcp port 3389 from ::/0, the whole internet; ${NONE}`,
      },
    ]);
  });
  it('accepts a group without inline ingress, and cannot judge ingress from a variable', () => {
    expect(run({})).toEqual([{ outcome: 'compliant' }]);
    expect(run({ ingress: [] })).toEqual([{ outcome: 'compliant' }]);
    expect(run({ ingress: '${var.rules}' })).toEqual([unresolvedAt('ingress', '${var.rules}')]);
    expect(
      run({ ingress: [{ protocol: 'tcp', from_port: 1, to_port: 1, cidr_blocks: ['${var.c}'] }] }),
    ).toEqual([unresolvedAt('ingress[0].cidr', '${var.c}')]);
  });
});
