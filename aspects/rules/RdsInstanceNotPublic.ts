import { defineRule } from '../core/rule';
import { requireBool } from './requirements';

export default defineRule({
  id: 'RdsInstanceNotPublic',
  description: 'No Aurora cluster instance is publicly accessible.',
  fix: 'remove publicly_accessible or set it to false, and place the instance in private subnets',
  severity: 'critical',
  controls: {
    pciDss: ['1.3.1', '1.4.4'],
    securityHub: ['RDS.2'],
    cdkNag: [
      'HIPAA.Security-RDSInstancePublicAccess',
      'NIST.800.53.R5-RDSInstancePublicAccess',
      'PCI.DSS.321-RDSInstancePublicAccess',
    ],
    checkov: ['CKV_AWS_17'],
  },
  appliesTo: ['aws_rds_cluster_instance'],
  evaluate: (r) => requireBool(r, 'publicly_accessible', false, false),
});
