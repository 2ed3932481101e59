import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../core/rule';
import { literalString, literalStringList } from '../core/values';

const POSTGRES_ENGINES = ['aurora-postgresql', 'postgres'];

export default defineRule({
  id: 'RdsLogExports',
  description: 'Every PostgreSQL (Aurora) cluster exports its postgresql log to CloudWatch Logs.',
  fix: 'set enabled_cloudwatch_logs_exports = ["postgresql"] and declare the /aws/rds/cluster/<cluster_identifier>/postgresql log group',
  severity: 'high',
  controls: {
    pciDss: ['10.2.1'],
    securityHub: ['RDS.9', 'RDS.37'],
    cdkNag: [
      'HIPAA.Security-RDSLoggingEnabled',
      'NIST.800.53.R5-RDSLoggingEnabled',
      'PCI.DSS.321-RDSLoggingEnabled',
    ],
    checkov: ['CKV_AWS_324'],
  },
  appliesTo: ['aws_rds_cluster'],
  evaluate: (r) => {
    const engine = literalString(r.config['engine']);
    if (engine.kind === 'unresolved') return unresolved('engine', engine.expression);
    if (engine.kind !== 'value' || !POSTGRES_ENGINES.includes(engine.value)) {
      return notApplicable('the rule judges PostgreSQL engines only');
    }
    const attr = 'enabled_cloudwatch_logs_exports';
    const v = literalStringList(r.config[attr]);
    if (v.kind === 'unresolved') return unresolved(attr, v.expression);
    if (v.kind === 'value' && v.value.includes('postgresql')) return compliant();
    const actual =
      v.kind === 'value' ? JSON.stringify(v.value) : v.kind === 'absent' ? 'not set' : JSON.stringify(v.raw);
    return nonCompliant(`${attr} is ${actual}; it must contain "postgresql"`, attr);
  },
});
