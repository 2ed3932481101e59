import { defineRule, unresolved } from '../core/rule';
import { policyDocument } from '../core/values';
import { bucketCompanions } from './links';
import type { GoverningDocument } from './resource-policies';
import { judgePublicGrants } from './resource-policies';

export default defineRule({
  id: 'S3BucketPolicyNotPublic',
  description:
    'No S3 bucket policy allows everyone (principal "*") an action unless a condition limits the caller to fixed values of aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp or a similar key.',
  fix: 'name the principals that need the bucket (a role, an account root, a service principal with aws:SourceArn), or keep "*" only with a Condition that pins the caller (StringEquals aws:SourceVpce = "vpce-...", aws:PrincipalOrgID = "o-..."); serve public content through CloudFront with origin access control instead of a public bucket policy',
  severity: 'critical',
  controls: {
    pciDss: ['1.4.2', '7.2.1'],
    securityHub: ['S3.2', 'S3.3'],
    cdkNag: ['NIST.800.53.R5-S3BucketPublicReadProhibited', 'NIST.800.53.R5-S3BucketPublicWriteProhibited'],
    checkov: ['CKV_AWS_70'],
  },
  appliesTo: ['aws_s3_bucket'],
  evaluate: (r, { model }) => {
    const c = bucketCompanions(model, 'aws_s3_bucket_policy', r);
    const documents: GoverningDocument[] = c.found.map((p) => ({
      attribute: `${p.address}.policy`,
      document: policyDocument(model, p.config['policy']),
    }));
    // The deprecated inline `policy` of the bucket holds when no aws_s3_bucket_policy replaces it.
    const own = policyDocument(model, r.config['policy']);
    if (documents.length === 0 && own.kind !== 'absent')
      documents.push({ attribute: 'policy', document: own });
    if (documents.length === 0 && c.unknown.length > 0)
      return unresolved(c.unknown[0].attribute, c.unknown[0].expression);
    return judgePublicGrants(model, documents);
  },
});
