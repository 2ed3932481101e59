import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Arns } from './arns';
import { ServiceRole, policyJson } from './iam';
import { EncryptedLogGroup } from './logging';
import type { Naming } from './naming';

/**
 * What each interface endpoint allows, for principals of this account only. Keys are endpoint service
 * suffixes (`com.amazonaws.<region>.<key>`); values are the actions the stack's workloads call.
 */
export const INTERFACE_ENDPOINTS: Readonly<Record<string, readonly string[]>> = {
  logs: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
  monitoring: ['cloudwatch:PutMetricData'],
  xray: [
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'xray:GetSamplingRules',
    'xray:GetSamplingTargets',
    'xray:GetSamplingStatisticSummaries',
  ],
  secretsmanager: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
  kms: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
  sts: ['sts:AssumeRole', 'sts:GetCallerIdentity'],
};

export interface PrivateNetworkProps {
  readonly naming: Naming;
  readonly arns: Arns;
  /** IPv4 CIDR of the VPC (/16 to /20); subnet i is `cidrsubnet(cidr, 4, i)` (a /20 of a /16). */
  readonly cidr: string;
  /** At least 2 zones; one private subnet in each. */
  readonly availabilityZones: readonly string[];
  /** The `logs` key for the flow-log group. */
  readonly logsKeyArn: string;
  /** Interface endpoints to create. @default all of INTERFACE_ENDPOINTS */
  readonly interfaceEndpoints?: readonly string[];
}

/**
 * A VPC with private subnets only (no internet or NAT gateway): workloads reach AWS APIs through
 * interface endpoints with private DNS, and S3 through a gateway endpoint. The default security group
 * is emptied, and all traffic is recorded by VPC flow logs into a KMS-encrypted log group.
 */
export class PrivateNetwork extends Construct {
  readonly vpc: Vpc;
  readonly subnets: Subnet[];
  readonly routeTable: RouteTable;
  /** Guards the interface endpoints: HTTPS in, only from security groups passed to `allowEndpointAccessFrom`. */
  readonly endpointSecurityGroup: SecurityGroup;
  readonly endpoints: Record<string, VpcEndpoint> = {};
  readonly flowLogGroup: EncryptedLogGroup;
  private readonly naming: Naming;

  constructor(scope: Construct, id: string, props: PrivateNetworkProps) {
    super(scope, id);
    const { naming, arns } = props;
    this.naming = naming;
    if (props.availabilityZones.length < 2)
      throw new Error('PrivateNetwork: needs at least 2 availability zones');

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: naming.name('vpc') },
    });

    // Every rule removed: nothing may use the default group (EC2.2 / CKV2_AWS_12).
    new DefaultSecurityGroup(this, 'default-sg', { vpcId: this.vpc.id, ingress: [], egress: [] });

    this.routeTable = new RouteTable(this, 'private-routes', {
      vpcId: this.vpc.id,
      tags: { Name: naming.name('private') },
    });
    this.subnets = props.availabilityZones.map((az, i) => {
      const subnet = new Subnet(this, `private-${i}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: Fn.cidrsubnet(props.cidr, 4, i),
        mapPublicIpOnLaunch: false,
        tags: { Name: naming.name(`private-${az}`) },
      });
      new RouteTableAssociation(this, `private-${i}-routes`, {
        subnetId: subnet.id,
        routeTableId: this.routeTable.id,
      });
      return subnet;
    });

    this.endpointSecurityGroup = new SecurityGroup(this, 'endpoint-sg', {
      name: naming.name('vpc-endpoints', 'securityGroup'),
      description: 'Interface endpoints: HTTPS from the payment workloads only',
      vpcId: this.vpc.id,
      revokeRulesOnDelete: true,
    });

    for (const service of props.interfaceEndpoints ?? Object.keys(INTERFACE_ENDPOINTS)) {
      const actions = INTERFACE_ENDPOINTS[service];
      if (actions === undefined) throw new Error(`PrivateNetwork: no endpoint policy known for "${service}"`);
      this.endpoints[service] = new VpcEndpoint(this, `endpoint-${service}`, {
        vpcId: this.vpc.id,
        serviceName: arns.endpointService(service),
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: this.subnets.map((s) => s.id),
        securityGroupIds: [this.endpointSecurityGroup.id],
        policy: policyJson([
          {
            Sid: 'ThisAccountOnly',
            Effect: 'Allow',
            Principal: '*',
            Action: actions,
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalAccount': arns.accountId } },
          },
        ]),
        tags: { Name: naming.name(`endpoint-${service}`) },
      });
    }

    this.endpoints.s3 = new VpcEndpoint(this, 'endpoint-s3', {
      vpcId: this.vpc.id,
      serviceName: arns.endpointService('s3'),
      vpcEndpointType: 'Gateway',
      routeTableIds: [this.routeTable.id],
      tags: { Name: naming.name('endpoint-s3') },
    });

    this.flowLogGroup = new EncryptedLogGroup(this, 'flow-logs', {
      name: `/aws/vpc/flow-logs/${naming.name('vpc')}`,
      kmsKeyArn: props.logsKeyArn,
    });
    const flowRole = new ServiceRole(this, 'flow-log-role', {
      name: naming.name('vpc-flow-logs', 'iamRole'),
      service: 'vpc-flow-logs.amazonaws.com',
      description: 'VPC flow logs deliver to their log group',
      trustCondition: {
        StringEquals: { 'aws:SourceAccount': arns.accountId },
        ArnLike: {
          'aws:SourceArn': `arn:${arns.partition}:ec2:${arns.region}:${arns.accountId}:vpc-flow-log/*`,
        },
      },
      statements: [
        {
          Sid: 'DeliverFlowLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: `${this.flowLogGroup.arn}:*`,
        },
        {
          Sid: 'FindFlowLogGroup',
          Effect: 'Allow',
          Action: 'logs:DescribeLogGroups',
          Resource: arns.logGroup('*'),
        },
      ],
    });
    new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.flowLogGroup.arn,
      iamRoleArn: flowRole.arn,
      maxAggregationInterval: 60,
      dependsOn: [this.flowLogGroup.group, flowRole.policy],
    });
  }

  get subnetIds(): string[] {
    return this.subnets.map((s) => s.id);
  }

  /** Let `securityGroupId` reach the interface endpoints on 443 (ingress here, egress there). */
  allowEndpointAccessFrom(id: string, securityGroupId: string): void {
    allowTcp(this, `endpoints-from-${id}`, {
      from: securityGroupId,
      to: this.endpointSecurityGroup.id,
      port: 443,
      description: `HTTPS from ${id} to the AWS API endpoints`,
    });
  }

  /** A security group in this VPC with no rules; add them with `allowTcp`. */
  securityGroup(id: string, purpose: string, description: string): SecurityGroup {
    return new SecurityGroup(this, `${id}-sg`, {
      name: this.naming.name(purpose, 'securityGroup'),
      description,
      vpcId: this.vpc.id,
      revokeRulesOnDelete: true,
    });
  }
}

export interface TcpPathProps {
  /** Source security group id. */
  readonly from: string;
  /** Destination security group id. */
  readonly to: string;
  readonly port: number;
  readonly description: string;
}

/** One TCP path between two security groups: the egress rule on the source and the ingress rule on the destination. */
export function allowTcp(scope: Construct, id: string, props: TcpPathProps): void {
  new VpcSecurityGroupEgressRule(scope, `${id}-egress`, {
    securityGroupId: props.from,
    referencedSecurityGroupId: props.to,
    ipProtocol: 'tcp',
    fromPort: props.port,
    toPort: props.port,
    description: props.description,
  });
  new VpcSecurityGroupIngressRule(scope, `${id}-ingress`, {
    securityGroupId: props.to,
    referencedSecurityGroupId: props.from,
    ipProtocol: 'tcp',
    fromPort: props.port,
    toPort: props.port,
    description: props.description,
  });
}
