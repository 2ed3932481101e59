/** aspects/rules/network.ts: security-group ingress read as one shape, and the ports an entry opens. */
import { TfModel } from '../../../aspects/core/model';
import { ingressEntries, judgePorts } from '../../../aspects/rules/network';

const resource = (type: string, config: Record<string, unknown>) => {
  const model = new TfModel({ resource: { [type]: { r: config } } }, { taggableTypes: [] });
  const r = model.byAddress(`${type}.r`);
  if (!r) throw new Error(`test setup: no resource ${type}.r`);
  return r;
};

describe('ingressEntries', () => {
  it('has no entries, only the expression, when the inline ingress list is known only at apply', () => {
    expect(ingressEntries(resource('aws_security_group', { ingress: '${var.rules}' }))).toStrictEqual({
      entries: [],
      expression: { attribute: 'ingress', text: '${var.rules}' },
    });
  });

  it('lists only the CIDRs a vpc ingress rule sets, leaving out absent and null ones (plan JSON)', () => {
    const entry = { label: '', protocol: 'tcp', fromPort: 22, toPort: 22 };
    const rule = (cidrs: Record<string, unknown>) =>
      ingressEntries(
        resource('aws_vpc_security_group_ingress_rule', {
          ip_protocol: 'tcp',
          from_port: 22,
          to_port: 22,
          ...cidrs,
        }),
      );
    expect(rule({ cidr_ipv4: '0.0.0.0/0' })).toStrictEqual({ entries: [{ ...entry, cidrs: ['0.0.0.0/0'] }] });
    expect(rule({ cidr_ipv4: null, cidr_ipv6: '::/0' })).toStrictEqual({
      entries: [{ ...entry, cidrs: ['::/0'] }],
    });
    expect(rule({ cidr_ipv4: '10.0.0.0/8', cidr_ipv6: '::/0' })).toStrictEqual({
      entries: [{ ...entry, cidrs: ['10.0.0.0/8', '::/0'] }],
    });
    expect(rule({})).toStrictEqual({ entries: [{ ...entry, cidrs: [] }] });
  });
});

describe('judgePorts', () => {
  const entry = (protocol: unknown, fromPort: unknown, toPort: unknown) => ({
    label: '',
    cidrs: ['0.0.0.0/0'],
    protocol,
    fromPort,
    toPort,
  });

  it('reads -1 on tcp or udp as the port range 0-65535, not as every protocol', () => {
    expect(judgePorts(entry('tcp', -1, -1))).toStrictEqual({
      kind: 'ports',
      protocol: 'tcp',
      from: 0,
      to: 65535,
    });
    expect(judgePorts(entry('udp', 53, -1))).toStrictEqual({
      kind: 'ports',
      protocol: 'udp',
      from: 0,
      to: 65535,
    });
    expect(judgePorts(entry('-1', 0, 0))).toStrictEqual({ kind: 'all', protocol: 'all' });
  });
});
