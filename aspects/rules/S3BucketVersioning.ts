import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { firstBlock } from '../core/model';
import { literalString } from '../core/values';
import { bucketCompanions, noCompanion } from './links';

export default defineRule({
  id: 'S3BucketVersioning',
  description:
    'Every S3 bucket keeps object versions (aws_s3_bucket_versioning with versioning_configuration.status "Enabled").',
  fix: 'declare an aws_s3_bucket_versioning for the bucket with versioning_configuration { status = "Enabled" }',
  severity: 'medium',
  controls: {
    securityHub: ['S3.14'],
    cdkNag: [
      'HIPAA.Security-S3BucketVersioningEnabled',
      'NIST.800.53.R5-S3BucketVersioningEnabled',
      'PCI.DSS.321-S3BucketVersioningEnabled',
    ],
    checkov: ['CKV_AWS_21'],
  },
  appliesTo: ['aws_s3_bucket'],
  evaluate: (r, { model }) => {
    const c = bucketCompanions(model, 'aws_s3_bucket_versioning', r);
    if (c.found.length === 0) {
      return noCompanion(
        c,
        'no aws_s3_bucket_versioning refers to the bucket, so overwritten or deleted objects cannot be recovered',
      );
    }
    const v = c.found[0];
    const status = literalString(firstBlock(v.config['versioning_configuration'])?.['status']);
    if (status.kind === 'unresolved')
      return unresolved(`${v.address}.versioning_configuration.status`, status.expression);
    if (status.kind === 'value' && status.value === 'Enabled') return compliant();
    const actual = status.kind === 'value' ? `"${status.value}"` : 'not set';
    return nonCompliant(
      `${v.address}.versioning_configuration.status is ${actual}; it must be "Enabled"`,
      'versioning_configuration.status',
    );
  },
});
