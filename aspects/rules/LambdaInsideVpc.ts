import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import type { RuleResult } from '../core/rule';
import type { TfModel } from '../core/model';
import { firstBlock } from '../core/model';
import { isExpression, literalString, referenceOf } from '../core/values';
import { allOf } from './requirements';

/** The literal Availability Zone of a subnet id that refers to an `aws_subnet` of the stack, if known. */
function zoneOf(model: TfModel, subnetId: unknown): string | undefined {
  const ref = referenceOf(subnetId);
  if (!ref || ref.type !== 'aws_subnet') return undefined;
  const subnet = model.byAddress(ref.address);
  const az = literalString(subnet?.config['availability_zone']);
  return az.kind === 'value' ? az.value : undefined;
}

function judgeSubnets(model: TfModel, v: unknown): RuleResult {
  const attr = 'vpc_config.subnet_ids';
  if (isExpression(v)) return unresolved(attr, v);
  const ids = Array.isArray(v) ? [...new Set(v.map((x) => String(x)))] : [];
  if (ids.length === 0)
    return nonCompliant(
      `${attr} is empty; the function needs subnets in at least 2 Availability Zones`,
      attr,
    );
  // One subnet is one Availability Zone, whether it is written as a literal id or a reference.
  if (ids.length < 2) {
    return nonCompliant(
      `${attr} lists one subnet (${ids[0]}); at least 2 subnets in different Availability Zones are required`,
      attr,
    );
  }
  const zones = ids.map((id) => zoneOf(model, id));
  if (zones.every((z) => z !== undefined) && new Set(zones).size < 2) {
    return nonCompliant(`${attr} are all in ${zones[0]}; they must span at least 2 Availability Zones`, attr);
  }
  return compliant();
}

function judgeSecurityGroups(v: unknown): RuleResult {
  const attr = 'vpc_config.security_group_ids';
  if (isExpression(v)) return unresolved(attr, v);
  if (!Array.isArray(v) || v.length === 0)
    return nonCompliant(`${attr} is empty; the function needs a security group`, attr);
  return compliant();
}

export default defineRule({
  id: 'LambdaInsideVpc',
  description:
    'Every Lambda function runs inside the VPC, with at least one security group and subnets in at least 2 Availability Zones.',
  fix: "set vpc_config { subnet_ids = [two or more private subnets in different Availability Zones], security_group_ids = [the function's security group] }",
  severity: 'high',
  controls: {
    pciDss: ['1.3.1', '1.3.2'],
    securityHub: ['Lambda.3', 'Lambda.5'],
    cdkNag: [
      'HIPAA.Security-LambdaInsideVPC',
      'NIST.800.53.R5-LambdaInsideVPC',
      'PCI.DSS.321-LambdaInsideVPC',
    ],
    checkov: ['CKV_AWS_117'],
  },
  appliesTo: ['aws_lambda_function'],
  evaluate: (r, { model }) => {
    const vpc = firstBlock(r.config['vpc_config']);
    if (!vpc)
      return nonCompliant('vpc_config is not set, so the function runs outside the VPC', 'vpc_config');
    return allOf(judgeSubnets(model, vpc['subnet_ids']), judgeSecurityGroups(vpc['security_group_ids']));
  },
});
