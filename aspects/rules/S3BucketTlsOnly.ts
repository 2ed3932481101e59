import type { TfResource } from '../core/model';
import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import {
  isExpression,
  isTlsDenyStatement,
  policyDocument,
  referencesIn,
  statementCoversActions,
} from '../core/values';
import type { AttachedDocument } from './iam-documents';
import { arnPatternMatches, replaceAllLiteral } from './policy-statements';
import { bucketCompanions } from './links';

const PARTITION = /\$\{data\.aws_partition\.[A-Za-z0-9_-]+\.partition\}/g;

/** Stands for the bucket's name in resource patterns when the name is not a literal. */
const NAME = '\u0001bucket\u0001';

/**
 * A resource entry of the policy with references to this bucket (and the partition) replaced by text, so
 * it can be matched as an ARN pattern: `${aws_s3_bucket.b.arn}/*` -> `arn:aws:s3:::<name>/*`.
 */
function normalizeResource(resource: string, bucket: TfResource): string {
  // The bucket's full address, so a bucket inside a module (module.x.aws_s3_bucket.b) matches too.
  const ref = `\${${bucket.address}`;
  const literal = bucket.config['bucket'];
  const name = typeof literal === 'string' && !isExpression(literal) && literal !== '' ? literal : NAME;
  let s = resource.includes('${')
    ? replaceAllLiteral(
        replaceAllLiteral(
          replaceAllLiteral(resource, `${ref}.arn}`, `arn:aws:s3:::${name}`),
          `${ref}.id}`,
          name,
        ),
        `${ref}.bucket}`,
        name,
      ).replace(PARTITION, 'aws')
    : resource;
  // A bucket named by an expression (`bucket = "${var.name}"`) is named the same way in its policy.
  if (typeof literal === 'string' && isExpression(literal)) s = replaceAllLiteral(s, literal, name);
  return s;
}

export default defineRule({
  id: 'S3BucketTlsOnly',
  description:
    'Every S3 bucket has a bucket policy that denies s3:* to every principal on the bucket and on bucket/* when the request does not use TLS (aws:SecureTransport is false).',
  fix: 'declare an aws_s3_bucket_policy for the bucket with a Deny of s3:* to Principal "*" on ["${aws_s3_bucket.<name>.arn}", "${aws_s3_bucket.<name>.arn}/*"], Condition Bool aws:SecureTransport = "false"',
  severity: 'high',
  controls: {
    pciDss: ['4.2.1'],
    securityHub: ['S3.5'],
    cdkNag: [
      'AwsSolutions-S10',
      'HIPAA.Security-S3BucketSSLRequestsOnly',
      'NIST.800.53.R5-S3BucketSSLRequestsOnly',
      'PCI.DSS.321-S3BucketSSLRequestsOnly',
    ],
  },
  appliesTo: ['aws_s3_bucket'],
  evaluate: (r, { model }) => {
    const c = bucketCompanions(model, 'aws_s3_bucket_policy', r);
    const documents: AttachedDocument[] = c.found.map((p) => ({
      attribute: `${p.address}.policy`,
      document: policyDocument(model, p.config['policy']),
    }));
    // The deprecated inline `policy` of the bucket counts when no aws_s3_bucket_policy replaces it.
    const inline = policyDocument(model, r.config['policy']);
    if (documents.length === 0 && inline.kind !== 'absent')
      documents.push({ attribute: 'policy', document: inline });

    const denies = documents.flatMap((d) =>
      d.document.kind === 'document'
        ? d.document.statements.filter((st) => isTlsDenyStatement(st) && statementCoversActions(st, ['s3:*']))
        : [],
    );
    const literal = r.config['bucket'];
    const name = typeof literal === 'string' && !isExpression(literal) && literal !== '' ? literal : NAME;
    const bucketArn = `arn:aws:s3:::${name}`;
    // The denies' Resource entries as ARN patterns, normalized once for both targets.
    const patterns = denies.flatMap((st) => st.resources.map((res) => normalizeResource(res, r)));
    const missing = [
      ...(patterns.some((p) => arnPatternMatches(p, bucketArn)) ? [] : ['the bucket ARN']),
      ...(patterns.some((p) => arnPatternMatches(p, `${bucketArn}/*`))
        ? []
        : ['its objects (<bucket ARN>/*)']),
    ];
    if (missing.length === 0) return compliant();

    if (c.unknown.length > 0) return unresolved(c.unknown[0].attribute, c.unknown[0].expression);
    const pending = documents.find((d) => d.document.kind === 'unresolved');
    if (pending && pending.document.kind === 'unresolved')
      return unresolved(pending.attribute, pending.document.text);
    // A resource written with an expression that names nothing in the stack (`${var.arn}/*`) may be this bucket.
    const opaque = denies
      .flatMap((st) => st.resources)
      .find((res) => {
        const n = normalizeResource(res, r);
        return (
          isExpression(n) && !referencesIn(n).some((ref) => model.byAddress(ref.address)?.mode === 'managed')
        );
      });
    if (opaque !== undefined) return unresolved('policy Resource', opaque);
    if (documents.length === 0) {
      return nonCompliant(
        'no aws_s3_bucket_policy refers to the bucket, so requests without TLS are not denied',
        'policy',
      );
    }
    const invalid = documents.find((d) => d.document.kind === 'invalid');
    if (invalid && invalid.document.kind === 'invalid') {
      return nonCompliant(`${invalid.attribute} ${invalid.document.reason}`, invalid.attribute);
    }
    const attrs = documents.map((d) => d.attribute).join(', ');
    return nonCompliant(
      denies.length === 0
        ? `${attrs} has no Deny of s3:* to principal "*" when aws:SecureTransport is "false"`
        : `${attrs} denies requests without TLS but not on ${missing.join(' and ')}`,
      'policy',
    );
  },
});
