import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { literalString } from '../core/values';
import { linkedCompanions, noCompanion } from './links';

export default defineRule({
  id: 'VpcFlowLogs',
  description:
    'Every VPC has a flow log (aws_flow_log with vpc_id referring to it) that records rejected traffic (traffic_type ALL or REJECT).',
  fix: 'declare an aws_flow_log with vpc_id = the VPC id and traffic_type = "ALL", delivering to a log group that meets the log-group rules',
  severity: 'medium',
  controls: {
    pciDss: ['10.2.1'],
    securityHub: ['EC2.6'],
    cdkNag: [
      'AwsSolutions-VPC7',
      'HIPAA.Security-VPCFlowLogsEnabled',
      'NIST.800.53.R5-VPCFlowLogsEnabled',
      'PCI.DSS.321-VPCFlowLogsEnabled',
    ],
    checkov: ['CKV2_AWS_11'],
  },
  appliesTo: ['aws_vpc'],
  evaluate: (r, { model }) => {
    const c = linkedCompanions(model, 'aws_flow_log', 'vpc_id', r);
    if (c.found.length === 0)
      return noCompanion(c, 'no aws_flow_log refers to the VPC, so its traffic is not recorded');
    let pending: { attribute: string; expression: string } | undefined;
    const seen: string[] = [];
    for (const log of c.found) {
      const t = literalString(log.config['traffic_type']);
      if (t.kind === 'value' && (t.value === 'ALL' || t.value === 'REJECT')) return compliant();
      if (t.kind === 'unresolved')
        pending ??= { attribute: `${log.address}.traffic_type`, expression: t.expression };
      else seen.push(`${log.address}.traffic_type is ${t.kind === 'value' ? `"${t.value}"` : 'not set'}`);
    }
    if (pending) return unresolved(pending.attribute, pending.expression);
    return nonCompliant(
      `${seen.join('; ')}; a flow log must record rejected traffic (ALL or REJECT)`,
      'traffic_type',
    );
  },
});
