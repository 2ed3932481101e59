import { defineRule } from '../core/rule';
import type { Statement } from '../core/values';
import { actionMatches, conditionValues } from '../core/values';
import { judgeAllowStatements } from './iam-documents';

/**
 * Actions that have no resource-level permissions (the Service Authorization Reference lists no resource
 * type for them), so `"Resource": "*"` is the only way to grant them. Checked one by one; anything not
 * listed must name its resources.
 * - ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:AssignPrivateIpAddresses and
 *   ec2:UnassignPrivateIpAddresses are NOT here although AWSLambdaVPCAccessExecutionRole grants them on
 *   `*`: they take network-interface / subnet / security-group ARNs
 *   (`arn:aws:ec2:<region>:<account>:network-interface/*`, ...), and the Lambda guide accepts that.
 * - logs:DescribeLogGroups is NOT here: it can be scoped to `arn:aws:logs:<region>:<account>:log-group:*`.
 */
const NO_RESOURCE_LEVEL_ACTIONS: ReadonlySet<string> = new Set(
  [
    // CloudWatch metrics (PutMetricData additionally needs a cloudwatch:namespace condition, below).
    'cloudwatch:PutMetricData',
    'cloudwatch:GetMetricData',
    'cloudwatch:GetMetricStatistics',
    'cloudwatch:ListMetrics',
    // X-Ray daemon / SDK (the AWSXRayDaemonWriteAccess set).
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'xray:GetSamplingRules',
    'xray:GetSamplingTargets',
    'xray:GetSamplingStatisticSummaries',
    // EC2 Describe* calls (Lambda VPC networking).
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSubnets',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeVpcs',
    // Synthetics canaries list buckets to find their artifact bucket.
    's3:ListAllMyBuckets',
    'sts:GetCallerIdentity',
    'secretsmanager:GetRandomPassword',
  ].map((a) => a.toLowerCase()),
);

/** KMS actions that Security Hub KMS.1/KMS.2 never accept on all keys. */
const KMS_DECRYPT = ['kms:Decrypt', 'kms:ReEncryptFrom'];

/** `*`, or an ARN whose resource part is `*` (every resource of the service), or every KMS key (`key/*`). */
function isWildcardResource(res: string): boolean {
  if (res === '*') return true;
  const fields = res.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return false;
  const resource = fields.slice(5).join(':');
  return resource === '*' || (fields[2] === 'kms' && resource === 'key/*');
}

function problems(st: Statement): string[] {
  const out: string[] = [];
  const decrypt = st.actions.filter((p) => KMS_DECRYPT.some((a) => actionMatches(p, a)));
  if (decrypt.length > 0) out.push(`allows ${decrypt.join(', ')} on every KMS key (name the keys)`);
  const unscoped = st.actions.filter(
    (a) => !NO_RESOURCE_LEVEL_ACTIONS.has(a.toLowerCase()) && !decrypt.includes(a),
  );
  if (unscoped.length > 0)
    out.push(`allows ${unscoped.join(', ')} on all resources, though they take resource ARNs`);
  if (st.notActions.length > 0)
    out.push(`allows every action except ${st.notActions.join(', ')} on all resources`);
  if (
    st.actions.some((a) => a.toLowerCase() === 'cloudwatch:putmetricdata') &&
    conditionValues(st, 'cloudwatch:namespace').length === 0
  ) {
    out.push('allows cloudwatch:PutMetricData without a cloudwatch:namespace condition');
  }
  return out;
}

export default defineRule({
  id: 'IamNoWildcardResources',
  description:
    'No identity-based IAM policy allows an action on all resources ("*") unless the action has no resource-level permissions (cloudwatch:PutMetricData only with a cloudwatch:namespace condition), and none allows kms:Decrypt or kms:ReEncryptFrom on every key.',
  fix: 'name the resources (e.g. "${aws_kms_key.<name>.arn}", "arn:aws:logs:<region>:<account>:log-group:<group>:*"); keep "*" only for actions without resource-level permissions, and add Condition StringEquals cloudwatch:namespace to cloudwatch:PutMetricData',
  severity: 'high',
  controls: {
    pciDss: ['7.2.2'],
    securityHub: ['KMS.1', 'KMS.2'],
    cdkNag: ['AwsSolutions-IAM5'],
    checkov: ['CKV_AWS_355', 'CKV_AWS_290'],
  },
  appliesTo: ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_role'],
  evaluate: (r, { model }) =>
    judgeAllowStatements(model, r, (st) => {
      const wildcard = st.notResources.length > 0 || st.resources.some(isWildcardResource);
      if (!wildcard) return [];
      const scope = st.notResources.length > 0 ? '(Allow with NotResource) ' : '';
      return problems(st).map((p) => `${scope}${p}`);
    }),
});
