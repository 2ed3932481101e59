/**
 * Security-group ingress as one shape, whichever resource declares it: inline `ingress` blocks of
 * `aws_security_group`, `aws_security_group_rule` (type = "ingress") and
 * `aws_vpc_security_group_ingress_rule`. Each entry is judged against "reachable from the whole internet".
 */
import type { TfResource } from '../core/model';
import { asArray, blocks } from '../core/model';
import { isExpression, literalNumber, literalString } from '../core/values';

export interface IngressEntry {
  /** How the entry is named in messages: `ingress[0]`, or '' for a one-rule resource. */
  readonly label: string;
  /** Every CIDR source of the entry (IPv4 and IPv6), as written. */
  readonly cidrs: readonly unknown[];
  readonly protocol: unknown;
  readonly fromPort: unknown;
  readonly toPort: unknown;
}

/** The ingress entries a resource declares; `expression` when the list itself is only known at apply. */
export function ingressEntries(r: TfResource): {
  readonly entries: IngressEntry[];
  readonly expression?: { attribute: string; text: string };
} {
  const c = r.config;
  if (r.type === 'aws_security_group') {
    if (isExpression(c['ingress']))
      return { entries: [], expression: { attribute: 'ingress', text: c['ingress'] } };
    return {
      entries: blocks(c['ingress']).map((b, i) => ({
        label: `ingress[${i}]`,
        cidrs: [...asArray(b['cidr_blocks']), ...asArray(b['ipv6_cidr_blocks'])],
        protocol: b['protocol'],
        fromPort: b['from_port'],
        toPort: b['to_port'],
      })),
    };
  }
  if (r.type === 'aws_security_group_rule') {
    return {
      entries: [
        {
          label: '',
          cidrs: [...asArray(c['cidr_blocks']), ...asArray(c['ipv6_cidr_blocks'])],
          protocol: c['protocol'],
          fromPort: c['from_port'],
          toPort: c['to_port'],
        },
      ],
    };
  }
  return {
    entries: [
      {
        label: '',
        cidrs: [c['cidr_ipv4'], c['cidr_ipv6']].filter((v) => v !== undefined && v !== null),
        protocol: c['ip_protocol'],
        fromPort: c['from_port'],
        toPort: c['to_port'],
      },
    ],
  };
}

/**
 * A CIDR with prefix length 0 (`0.0.0.0/0`, `::/0`) is the whole address space: everyone on the internet.
 * The length is read as a number, as the provider reads it: hashicorp/aws 5.100.0 plans `0.0.0.0/00` and
 * `::/000` (checked with `terraform plan`), so they are /0 too; `/016` is /16.
 */
export function isWholeInternet(cidr: string): boolean {
  return /\/0+$/.test(cidr.trim());
}

export type PortJudgement =
  | { readonly kind: 'ports'; readonly protocol: string; readonly from: number; readonly to: number }
  | { readonly kind: 'all'; readonly protocol: string }
  | { readonly kind: 'unresolved'; readonly attribute: string; readonly text: string };

/** Protocol numbers the EC2 API accepts for the names rules use. */
const PROTOCOL_NAMES: Readonly<Record<string, string>> = {
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
};

/**
 * What an entry opens: `-1` / `all` is every protocol and port (from/to ports are ignored then, as EC2
 * does); tcp and udp open the from..to range; other protocols (icmp...) have no ports and count as all.
 */
export function judgePorts(e: IngressEntry): PortJudgement {
  const p = literalString(typeof e.protocol === 'number' ? String(e.protocol) : e.protocol);
  if (p.kind === 'unresolved') return { kind: 'unresolved', attribute: 'protocol', text: p.expression };
  const raw = p.kind === 'value' ? p.value.trim().toLowerCase() : '-1';
  const protocol = PROTOCOL_NAMES[raw] ?? raw;
  if (protocol !== 'tcp' && protocol !== 'udp')
    return { kind: 'all', protocol: protocol === '-1' ? 'all' : protocol };
  const from = literalNumber(e.fromPort);
  const to = literalNumber(e.toPort);
  if (from.kind === 'unresolved')
    return { kind: 'unresolved', attribute: 'from_port', text: from.expression };
  if (to.kind === 'unresolved') return { kind: 'unresolved', attribute: 'to_port', text: to.expression };
  // A missing or invalid port on tcp/udp cannot narrow anything: treat it as the full range.
  const lo = from.kind === 'value' ? from.value : 0;
  const hi = to.kind === 'value' ? to.value : 65535;
  // EC2 reads -1 on tcp/udp as every port.
  if (lo < 0 || hi < 0) return { kind: 'ports', protocol, from: 0, to: 65535 };
  return { kind: 'ports', protocol, from: lo, to: hi };
}
