import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { literalNumber } from '../core/values';

const MIN_DAYS = 7;

export default defineRule({
  id: 'RdsBackupRetention',
  description: `Every Aurora cluster keeps automated backups for at least ${MIN_DAYS} days.`,
  fix: `set backup_retention_period to at least ${MIN_DAYS} (at most 35)`,
  severity: 'medium',
  controls: { securityHub: ['RDS.11'], checkov: ['CKV_AWS_133'] },
  appliesTo: ['aws_rds_cluster'],
  evaluate: (r) => {
    const attr = 'backup_retention_period';
    const v = literalNumber(r.config[attr]);
    if (v.kind === 'unresolved') return unresolved(attr, v.expression);
    if (v.kind === 'invalid') return nonCompliant(`${attr} is ${JSON.stringify(v.raw)}, not a number`, attr);
    if (v.kind === 'absent')
      return nonCompliant(`${attr} is not set (the default is 1 day); it must be at least ${MIN_DAYS}`, attr);
    if (v.value < MIN_DAYS)
      return nonCompliant(`${attr} is ${v.value}; it must be at least ${MIN_DAYS}`, attr);
    return compliant();
  },
});
