import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { Statement } from './iam';
import { denyInsecureTransport, policyJson } from './iam';

/** How long objects live. */
export interface BucketLifecycle {
  /** Move current objects to Glacier Flexible Retrieval after this many days. @default none */
  readonly glacierAfterDays?: number;
  /** Expire current objects after this many days. */
  readonly expireAfterDays: number;
  /** Expire noncurrent versions this many days after they become noncurrent. @default 30 */
  readonly noncurrentExpireAfterDays?: number;
  /** Abort incomplete multipart uploads after this many days. @default 7 */
  readonly abortMultipartAfterDays?: number;
}

export interface HardenedBucketProps {
  /** Globally unique bucket name (from `Naming.globalName`). */
  readonly name: string;
  /** Customer-managed key for SSE-KMS default encryption. */
  readonly kmsKeyArn: string;
  readonly lifecycle: BucketLifecycle;
  /** Statements added to the bucket policy after the TLS-only deny. @default none */
  readonly extraPolicyStatements?: readonly Statement[];
  /** Let `terraform destroy` delete a non-empty bucket. Off: audit logs must survive mistakes. @default false */
  readonly forceDestroy?: boolean;
}

/**
 * An S3 bucket with everything the gate and PCI DSS expect: SSE-KMS with a CMK (bucket key on), a
 * TLS-only bucket policy, all four public-access blocks, versioning, BucketOwnerEnforced ownership
 * (ACLs off) and a lifecycle that also aborts incomplete multipart uploads and expires old versions.
 */
export class HardenedBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  readonly policy: S3BucketPolicy;
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  readonly versioning: S3BucketVersioningA;
  readonly lifecycle: S3BucketLifecycleConfiguration;

  constructor(scope: Construct, id: string, props: HardenedBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.name,
      forceDestroy: props.forceDestroy ?? false,
    });
    const bucket = this.bucket.id;

    new S3BucketOwnershipControls(this, 'ownership', {
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
          bucketKeyEnabled: true,
        },
      ],
    });
    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
    });
    const lc = props.lifecycle;
    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [
        {
          id: 'retention',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          ...(lc.glacierAfterDays !== undefined
            ? { transition: [{ days: lc.glacierAfterDays, storageClass: 'GLACIER' }] }
            : {}),
          expiration: [{ days: lc.expireAfterDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: lc.noncurrentExpireAfterDays ?? 30 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: lc.abortMultipartAfterDays ?? 7 }],
        },
      ],
      // The lifecycle applies to versions, so versioning must be in place first.
      dependsOn: [this.versioning],
    });
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: policyJson([
        denyInsecureTransport('s3:*', [this.bucket.arn, `${this.bucket.arn}/*`]),
        ...(props.extraPolicyStatements ?? []),
      ]),
      // Put the policy after the public-access block so S3 never sees a policy on an unblocked bucket.
      dependsOn: [this.publicAccessBlock],
    });
  }

  get name(): string {
    return this.bucket.bucket;
  }

  get arn(): string {
    return this.bucket.arn;
  }
}
