import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';

/**
 * Log groups the stack declares itself, before any service writes to them, so none is created by AWS
 * unencrypted and without expiry (Lambda, API Gateway and RDS all create their groups on first write).
 */
export interface EncryptedLogGroupProps {
  /** Full log group name. May contain tokens (API id, canary function name). */
  readonly name: string;
  /** Customer-managed key (the `logs` key) ARN. */
  readonly kmsKeyArn: string;
  /** @default 90 (immediately available part of PCI DSS v4.0 10.5.1; the archive keeps the rest) */
  readonly retentionInDays?: number;
  /**
   * Export the group to the S3 log archive (subscription filter to Firehose). Off only for the
   * Firehose error group, which would otherwise feed its own failures back into Firehose.
   * @default true
   */
  readonly archive?: boolean;
}

export class EncryptedLogGroup extends Construct {
  readonly group: CloudwatchLogGroup;
  readonly archived: boolean;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    this.archived = props.archive ?? true;
    this.group = new CloudwatchLogGroup(this, 'group', {
      name: props.name,
      kmsKeyId: props.kmsKeyArn,
      retentionInDays: props.retentionInDays ?? 90,
      logGroupClass: 'STANDARD',
    });
  }

  get name(): string {
    return this.group.name;
  }

  get arn(): string {
    return this.group.arn;
  }

  /** Every log group under `scope` that is exported to the archive. */
  static archivedIn(scope: IConstruct): EncryptedLogGroup[] {
    return scope.node
      .findAll()
      .filter((c): c is EncryptedLogGroup => c instanceof EncryptedLogGroup && c.archived);
  }
}
