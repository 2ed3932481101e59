import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { AccountLogGroupMode } from './config';

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

/**
 * A log group whose name AWS fixes for the whole account and region (`RDSOSMetrics`,
 * `/aws/apigateway/welcome`), so another stack or AWS itself may already have created it:
 * - `external`: not declared here (undefined); the stack never creates it, so it cannot collide.
 * - `create`: declared, encrypted, 90 days (fails with ResourceAlreadyExistsException where it exists).
 * - `import`: declared with a Terraform `import` block (id = the group name), so an existing group is
 *   adopted into state and the apply updates it in place to the logs key and 90 days. Terraform refuses
 *   to import a group that does not exist ("Cannot import non-existent remote object"), and planning an
 *   import reads the group from AWS, so this mode needs credentials to plan.
 */
export function accountLogGroup(
  scope: Construct,
  id: string,
  props: { readonly name: string; readonly kmsKeyArn: string; readonly mode: AccountLogGroupMode },
): EncryptedLogGroup | undefined {
  if (props.mode === 'external') return undefined;
  const group = new EncryptedLogGroup(scope, id, { name: props.name, kmsKeyArn: props.kmsKeyArn });
  if (props.mode === 'import') group.group.importFrom(props.name);
  return group;
}
