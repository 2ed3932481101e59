import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { asArray } from '../core/model';
import { isExpression } from '../core/values';
import { linkedCompanions, noCompanion } from './links';

export default defineRule({
  id: 'DefaultSecurityGroupClosed',
  description:
    "Every VPC's default security group is managed by the stack (aws_default_security_group) with no ingress and no egress rules, so nothing can use it to reach anything.",
  fix: 'declare an aws_default_security_group with vpc_id = the VPC id and no ingress or egress blocks (Terraform then removes the default rules); attach your own security groups instead',
  severity: 'high',
  controls: {
    pciDss: ['1.3.1'],
    securityHub: ['EC2.2'],
    cdkNag: [
      'HIPAA.Security-VPCDefaultSecurityGroupClosed',
      'NIST.800.53.R5-VPCDefaultSecurityGroupClosed',
      'PCI.DSS.321-VPCDefaultSecurityGroupClosed',
    ],
    checkov: ['CKV2_AWS_12'],
  },
  appliesTo: ['aws_vpc'],
  evaluate: (r, { model }) => {
    const c = linkedCompanions(model, 'aws_default_security_group', 'vpc_id', r);
    if (c.found.length === 0) {
      return noCompanion(
        c,
        'no aws_default_security_group refers to the VPC, so its default security group keeps the AWS default rules (all traffic between members, all egress)',
      );
    }
    const sg = c.found[0];
    const results: RuleResult[] = [];
    for (const attribute of ['ingress', 'egress']) {
      const v = sg.config[attribute];
      if (isExpression(v)) results.push(unresolved(`${sg.address}.${attribute}`, v));
      else if (asArray(v).length > 0) {
        results.push(
          nonCompliant(
            `${sg.address} has ${asArray(v).length} ${attribute} rule(s); the default security group must have none`,
            attribute,
          ),
        );
      }
    }
    return results.length > 0 ? results : compliant();
  },
});
