/**
 * ARNs built from configuration, so the stack needs no data sources (`aws_caller_identity`,
 * `aws_region`, `aws_partition`) and `terraform plan` works offline.
 */
export interface AccountContext {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

export class Arns {
  constructor(readonly ctx: AccountContext) {}

  get partition(): string {
    return this.ctx.partition;
  }
  get region(): string {
    return this.ctx.region;
  }
  get accountId(): string {
    return this.ctx.accountId;
  }

  /** `arn:aws:iam::<account>:root`: the account principal key policies keep. */
  accountRoot(): string {
    return `arn:${this.partition}:iam::${this.accountId}:root`;
  }

  /** A log group by name (no trailing `:*`). `name` may end in `*` to match several groups. */
  logGroup(name: string): string {
    return `arn:${this.partition}:logs:${this.region}:${this.accountId}:log-group:${name}`;
  }

  /** The streams of a log group: what `logs:CreateLogStream` / `logs:PutLogEvents` are granted on. */
  logStreams(groupName: string): string {
    return `${this.logGroup(groupName)}:log-stream:*`;
  }

  /** `arn:aws:logs:<region>:<account>:*`: scope for CloudWatch Logs service principals. */
  logsAll(): string {
    return `arn:${this.partition}:logs:${this.region}:${this.accountId}:*`;
  }

  alarm(name: string): string {
    return `arn:${this.partition}:cloudwatch:${this.region}:${this.accountId}:alarm:${name}`;
  }

  bucket(name: string): string {
    return `arn:${this.partition}:s3:::${name}`;
  }

  /** The regional service principal, e.g. `logs.us-east-1.amazonaws.com`. */
  regionalPrincipal(service: string): string {
    return `${service}.${this.region}.amazonaws.com`;
  }

  /** `com.amazonaws.<region>.<service>`: a VPC endpoint service name. */
  endpointService(service: string): string {
    return `com.amazonaws.${this.region}.${service}`;
  }

  /** The DNS suffix of the partition (amazonaws.com outside China). */
  get dnsSuffix(): string {
    return this.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  }
}
