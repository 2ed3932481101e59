import { Construct } from 'constructs';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { Arns } from './arns';
import type { DatabaseConfig } from './config';
import { ServiceRole } from './iam';
import { EncryptedLogGroup, accountLogGroup } from './logging';
import type { Naming } from './naming';

export interface PaymentsDatabaseProps {
  readonly naming: Naming;
  readonly arns: Arns;
  readonly settings: DatabaseConfig;
  readonly subnetIds: readonly string[];
  /** The database's own security group (ingress added by the caller, from the Lambda's group only). */
  readonly securityGroup: SecurityGroup;
  /** The `logs` key for the export and Enhanced Monitoring log groups. */
  readonly logsKeyArn: string;
  /** The `data` key: storage, Performance Insights, the managed master secret. */
  readonly dataKeyArn: string;
}

/**
 * Aurora PostgreSQL Serverless v2 (provisioned engine mode, `db.serverless` instances): storage and
 * Performance Insights encrypted with the data key, the master password generated and kept in Secrets
 * Manager by RDS (never in Terraform state), IAM authentication, TLS forced, connections logged and
 * exported to a pre-created CloudWatch group, deletion protection and 7+ days of backups.
 */
export class PaymentsDatabase extends Construct {
  readonly cluster: RdsCluster;
  readonly instances: RdsClusterInstance[];
  readonly exportLogGroup: EncryptedLogGroup;
  /** `RDSOSMetrics`, when this stack owns it (`create` or `import`). */
  readonly osMetricsLogGroup: EncryptedLogGroup | undefined;
  readonly clusterIdentifier: string;

  constructor(scope: Construct, id: string, props: PaymentsDatabaseProps) {
    super(scope, id);
    const { naming, arns, settings } = props;
    this.clusterIdentifier = naming.name('db', 'rdsCluster');
    const major = settings.engineVersion.split('.')[0];

    const subnetGroup = new DbSubnetGroup(this, 'subnets', {
      name: naming.name('db', 'dbSubnetGroup'),
      description: 'Private subnets of the payments database',
      subnetIds: [...props.subnetIds],
    });

    const parameters = new RdsClusterParameterGroup(this, 'parameters', {
      name: naming.name(`aurora-postgresql${major}`, 'rdsCluster'),
      family: `aurora-postgresql${major}`,
      description: 'Payments: TLS only, connections logged (PCI DSS 4.2.1, 10.2.1)',
      parameter: [
        { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
        { name: 'log_connections', value: '1', applyMethod: 'pending-reboot' },
        { name: 'log_disconnections', value: '1', applyMethod: 'pending-reboot' },
      ],
    });

    // RDS writes the `postgresql` export here; without it RDS creates the group unencrypted, no expiry.
    this.exportLogGroup = new EncryptedLogGroup(this, 'postgresql-logs', {
      name: `/aws/rds/cluster/${this.clusterIdentifier}/postgresql`,
      kmsKeyArn: props.logsKeyArn,
    });

    // Enhanced Monitoring writes to the account-wide RDSOSMetrics group: declared here only when the
    // configuration says this stack owns it (database.osMetricsLogGroup), never unconditionally.
    const osMetricsGroup = 'RDSOSMetrics';
    this.osMetricsLogGroup = accountLogGroup(this, 'os-metrics', {
      name: osMetricsGroup,
      kmsKeyArn: props.logsKeyArn,
      mode: settings.osMetricsLogGroup,
    });
    const dependsOnOsMetrics = this.osMetricsLogGroup ? [this.osMetricsLogGroup.group] : [];
    const monitoringRole = new ServiceRole(this, 'monitoring-role', {
      name: naming.name('db-monitoring', 'iamRole'),
      service: 'monitoring.rds.amazonaws.com',
      description: 'RDS Enhanced Monitoring publishes OS metrics',
      trustCondition: { StringEquals: { 'aws:SourceAccount': arns.accountId } },
      statements: [
        {
          // When this stack owns the group, no logs:PutRetentionPolicy: RDS must not shorten its 90 days.
          // When it does not (external), RDS may have to create it and set its retention, as AWS's own
          // AmazonRDSEnhancedMonitoringRole policy allows (CreateLogGroup and PutRetentionPolicy on RDS*).
          Sid: 'EnsureOsMetricsGroup',
          Effect: 'Allow',
          Action: this.osMetricsLogGroup
            ? 'logs:CreateLogGroup'
            : ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'],
          Resource: `${arns.logGroup(osMetricsGroup)}:*`,
        },
        {
          Sid: 'PublishOsMetrics',
          Effect: 'Allow',
          Action: [
            'logs:CreateLogStream',
            'logs:PutLogEvents',
            'logs:DescribeLogStreams',
            'logs:GetLogEvents',
          ],
          Resource: arns.logStreams(osMetricsGroup),
        },
      ],
    });

    this.cluster = new RdsCluster(this, 'cluster', {
      clusterIdentifier: this.clusterIdentifier,
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      engineVersion: settings.engineVersion,
      databaseName: settings.name,
      port: settings.port,
      masterUsername: settings.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.dataKeyArn,
      storageEncrypted: true,
      kmsKeyId: props.dataKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      deletionProtection: true,
      backupRetentionPeriod: settings.backupRetentionDays,
      preferredBackupWindow: '03:00-04:00',
      preferredMaintenanceWindow: 'sun:04:30-sun:05:30',
      copyTagsToSnapshot: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${this.clusterIdentifier}-final`,
      enabledCloudwatchLogsExports: ['postgresql'],
      dbSubnetGroupName: subnetGroup.name,
      dbClusterParameterGroupName: parameters.name,
      vpcSecurityGroupIds: [props.securityGroup.id],
      serverlessv2ScalingConfiguration: {
        minCapacity: settings.minCapacity,
        maxCapacity: settings.maxCapacity,
      },
      dependsOn: [this.exportLogGroup.group],
    });

    this.instances = Array.from({ length: settings.instanceCount }, (_, i) => {
      return new RdsClusterInstance(this, `instance-${i + 1}`, {
        identifier: `${this.clusterIdentifier}-${i + 1}`,
        clusterIdentifier: this.cluster.id,
        engine: this.cluster.engine,
        engineVersion: this.cluster.engineVersion,
        instanceClass: 'db.serverless',
        dbSubnetGroupName: subnetGroup.name,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        caCertIdentifier: 'rds-ca-rsa2048-g1',
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: props.dataKeyArn,
        performanceInsightsRetentionPeriod: 7,
        monitoringInterval: 60,
        monitoringRoleArn: monitoringRole.arn,
        copyTagsToSnapshot: true,
        promotionTier: i,
        dependsOn: [monitoringRole.policy, ...dependsOnOsMetrics],
      });
    });
  }

  /** The master-user secret RDS manages (Secrets Manager ARN). */
  get secretArn(): string {
    return this.cluster.masterUserSecret.get(0).secretArn;
  }

  get endpoint(): string {
    return this.cluster.endpoint;
  }
}
