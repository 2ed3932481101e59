import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../core/rule';
import type { RuleResult } from '../core/rule';
import { isExpression, literalStringList } from '../core/values';
import { logGroupDeclared } from './log-groups';
import { referenceTexts } from './links';
import { textOf } from './requirements';

export default defineRule({
  id: 'RdsLogGroupDeclared',
  description:
    "Every Aurora cluster that exports logs has each export's log group (/aws/rds/cluster/<cluster_identifier>/<type>) declared in the stack.",
  fix: 'set cluster_identifier and declare an aws_cloudwatch_log_group named "/aws/rds/cluster/<cluster_identifier>/<type>" for each exported log type, with a customer-managed kms_key_id and the policy retention; make the cluster depend on it',
  severity: 'high',
  controls: { pciDss: ['10.3.2', '10.5.1'] },
  appliesTo: ['aws_rds_cluster'],
  evaluate: (r, { model }) => {
    const attr = 'enabled_cloudwatch_logs_exports';
    const exports = literalStringList(r.config[attr]);
    if (exports.kind === 'unresolved') return unresolved(attr, exports.expression);
    if (exports.kind === 'invalid')
      return nonCompliant(`${attr} is ${JSON.stringify(exports.raw)}, not a list of log types`, attr);
    if (exports.kind !== 'value' || exports.value.length === 0)
      return notApplicable('the cluster exports no logs');
    const id = textOf(r.config['cluster_identifier']);
    // The cluster's `id` is its identifier too.
    const prefixes = referenceTexts(r, ['cluster_identifier', 'id']);
    if (id !== undefined) prefixes.push(id);
    const missing = exports.value.filter(
      (t) =>
        !logGroupDeclared(
          model,
          prefixes.map((p) => `/aws/rds/cluster/${p}/${t}`),
        ),
    );
    if (missing.length === 0) return compliant();
    if (id !== undefined && isExpression(id)) return unresolved('cluster_identifier', id);
    return missing.map((t): RuleResult =>
      id === undefined
        ? nonCompliant(
            `cluster_identifier is not set and no group named "/aws/rds/cluster/\${${r.address}.cluster_identifier}/${t}" is declared, so RDS creates the ${t} log group unencrypted and with unlimited retention`,
            'cluster_identifier',
          )
        : nonCompliant(
            `no aws_cloudwatch_log_group named "/aws/rds/cluster/${id}/${t}" is declared, so RDS creates it unencrypted and with unlimited retention`,
            attr,
          ),
    );
  },
});
