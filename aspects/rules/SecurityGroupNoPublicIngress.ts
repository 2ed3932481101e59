import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../core/rule';
import { isExpression, literalString } from '../core/values';
import { ingressEntries, isWholeInternet, judgePorts } from './network';

/** The attribute a CIDR was written in, for the finding. */
function cidrAttribute(type: string, cidr: string): string {
  const v6 = cidr.includes(':');
  if (type === 'aws_vpc_security_group_ingress_rule') return v6 ? 'cidr_ipv6' : 'cidr_ipv4';
  return v6 ? 'ipv6_cidr_blocks' : 'cidr_blocks';
}

export default defineRule({
  id: 'SecurityGroupNoPublicIngress',
  description:
    'No security group ingress rule admits traffic from the whole internet (0.0.0.0/0 or ::/0), except on TCP ports the policy lists in publicIngressTcpPorts.',
  fix: "replace the 0.0.0.0/0 or ::/0 source with the security group of the caller (referenced_security_group_id / source_security_group_id) or a private CIDR; if a public endpoint really must accept the internet (443 on a public load balancer), list that TCP port in the policy's publicIngressTcpPorts",
  severity: 'critical',
  controls: {
    pciDss: ['1.3.1', '1.4.2'],
    securityHub: ['EC2.18', 'EC2.19'],
    cdkNag: [
      'AwsSolutions-EC23',
      'HIPAA.Security-EC2RestrictedCommonPorts',
      'HIPAA.Security-EC2RestrictedSSH',
    ],
    checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277'],
  },
  appliesTo: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  evaluate: (r, { policy }) => {
    if (r.type === 'aws_security_group_rule') {
      const type = literalString(r.config['type']);
      if (type.kind === 'unresolved') return unresolved('type', type.expression);
      if (type.kind === 'value' && type.value === 'egress') return notApplicable('an egress rule');
    }
    const { entries, expression } = ingressEntries(r);
    if (expression) return unresolved(expression.attribute, expression.text);
    const allowed = policy.publicIngressTcpPorts;
    const allowedSet = new Set(allowed);
    const results: RuleResult[] = [];
    for (const e of entries) {
      const at = (a: string) => (e.label ? `${e.label}.${a}` : a);
      const open: string[] = [];
      for (const cidr of e.cidrs) {
        if (isExpression(cidr)) results.push(unresolved(at('cidr'), cidr));
        else if (typeof cidr === 'string' && isWholeInternet(cidr)) open.push(cidr.trim());
      }
      if (open.length === 0) continue;
      const ports = judgePorts(e);
      if (ports.kind === 'unresolved') {
        results.push(unresolved(at(ports.attribute), ports.text));
        continue;
      }
      if (ports.kind === 'ports' && ports.protocol === 'tcp' && ports.to >= ports.from) {
        let inList = true;
        for (let p = ports.from; p <= ports.to && inList; p++) inList = allowedSet.has(p);
        if (inList) continue;
      }
      const what =
        ports.kind === 'all'
          ? `every port (protocol ${ports.protocol})`
          : ports.from === ports.to
            ? `${ports.protocol} port ${ports.from}`
            : `${ports.protocol} ports ${ports.from}-${ports.to}`;
      results.push(
        nonCompliant(
          `${e.label ? `${e.label} ` : ''}admits ${what} from ${open.join(' and ')}, the whole internet${allowed.length > 0 ? `; the policy allows public TCP ports ${allowed.join(', ')} only` : '; the policy allows no public port'}`,
          at(cidrAttribute(r.type, open[0])),
        ),
      );
    }
    return results.length > 0 ? results : [compliant()];
  },
});
