import { defineRule } from '../core/rule';
import { requireBool } from './requirements';

export default defineRule({
  id: 'RdsCopyTagsToSnapshot',
  description: 'Every Aurora cluster copies its tags to its snapshots.',
  fix: 'set copy_tags_to_snapshot = true',
  severity: 'low',
  controls: { securityHub: ['RDS.16'], checkov: ['CKV_AWS_313'] },
  appliesTo: ['aws_rds_cluster'],
  evaluate: (r) => requireBool(r, 'copy_tags_to_snapshot', true, false),
});
