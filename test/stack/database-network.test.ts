/** Items 6 (Aurora PostgreSQL) and 7 (network). */
import type { SynthResult } from '../support/synth';
import { resourcesOf, synthPaymentsStack } from '../support/synth';
import { block, byPath, keyArn, list, ref, statements } from './helpers';

let s: SynthResult;
beforeAll(() => {
  s = synthPaymentsStack();
});

describe('Aurora PostgreSQL (item 6)', () => {
  const cluster = () => byPath(s.json, 'aws_rds_cluster', 'database/cluster')[1];

  it('is Aurora PostgreSQL Serverless v2 with storage encrypted by the data key', () => {
    const c = cluster();
    expect(c['engine']).toBe('aurora-postgresql');
    expect(c['engine_mode']).toBe('provisioned');
    expect(block(c['serverlessv2_scaling_configuration'])).toEqual({ min_capacity: 0.5, max_capacity: 4 });
    expect(c['storage_encrypted']).toBe(true);
    expect(c['kms_key_id']).toBe(keyArn(s.json, 'data'));
  });

  it('exports postgresql logs, manages the master password in Secrets Manager with the data key, IAM auth on', () => {
    const c = cluster();
    expect(c['enabled_cloudwatch_logs_exports']).toEqual(['postgresql']);
    expect(c['manage_master_user_password']).toBe(true);
    expect(c['master_user_secret_kms_key_id']).toBe(keyArn(s.json, 'data'));
    expect(c['master_password']).toBeUndefined();
    expect(c['iam_database_authentication_enabled']).toBe(true);
  });

  it('is protected: deletion protection, >= 7 days of backups, tags copied to snapshots, a final snapshot', () => {
    const c = cluster();
    expect(c['deletion_protection']).toBe(true);
    expect(c['backup_retention_period']).toBeGreaterThanOrEqual(7);
    expect(c['copy_tags_to_snapshot']).toBe(true);
    expect(c['skip_final_snapshot']).toBe(false);
    expect(c['final_snapshot_identifier']).toBeTruthy();
  });

  it('uses a non-default port and master user, TLS forced and connections logged', () => {
    const c = cluster();
    expect(c['port']).toBe(5433);
    expect(c['master_username']).toBe('payments_admin');
    const [pgName, pg] = byPath(s.json, 'aws_rds_cluster_parameter_group', 'database/parameters');
    expect(c['db_cluster_parameter_group_name']).toBe(ref('aws_rds_cluster_parameter_group', pgName, 'name'));
    const params = Object.fromEntries(
      list(pg['parameter'] as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]),
    );
    expect(params).toMatchObject({ 'rds.force_ssl': '1', log_connections: '1', log_disconnections: '1' });
  });

  it('lives in the private subnets (DB subnet group) behind a group reachable only from the Lambda group', () => {
    const c = cluster();
    const [sgName] = byPath(s.json, 'aws_security_group', 'network/database-sg');
    const [handlerSg] = byPath(s.json, 'aws_security_group', 'network/handler-sg');
    expect(c['vpc_security_group_ids']).toEqual([ref('aws_security_group', sgName, 'id')]);
    const [groupName, group] = byPath(s.json, 'aws_db_subnet_group', 'database/subnets');
    expect(c['db_subnet_group_name']).toBe(ref('aws_db_subnet_group', groupName, 'name'));
    expect((group['subnet_ids'] as string[]).sort()).toEqual(
      resourcesOf(s.json, 'aws_subnet')
        .map(([n]) => ref('aws_subnet', n, 'id'))
        .sort(),
    );

    const dbSg = ref('aws_security_group', sgName, 'id');
    const ingress = resourcesOf(s.json, 'aws_vpc_security_group_ingress_rule')
      .map(([, r]) => r)
      .filter((r) => r['security_group_id'] === dbSg);
    expect(ingress).toEqual([
      expect.objectContaining({
        referenced_security_group_id: ref('aws_security_group', handlerSg, 'id'),
        ip_protocol: 'tcp',
        from_port: 5433,
        to_port: 5433,
      }),
    ]);
    for (const r of ingress) expect(r['cidr_ipv4']).toBeUndefined();
    expect(
      resourcesOf(s.json, 'aws_vpc_security_group_egress_rule').filter(
        ([, r]) => r['security_group_id'] === dbSg,
      ),
    ).toHaveLength(0);
  });

  it('every instance: not public, auto minor upgrades, Performance Insights with the data key, enhanced monitoring with a role', () => {
    const instances = resourcesOf(s.json, 'aws_rds_cluster_instance').map(([, i]) => i);
    expect(instances).toHaveLength(2);
    const [roleName, role] = byPath(s.json, 'aws_iam_role', 'database/monitoring-role/role');
    expect(statements(role['assume_role_policy'])[0].Principal).toEqual({
      Service: 'monitoring.rds.amazonaws.com',
    });
    for (const i of instances) {
      expect(i['instance_class']).toBe('db.serverless');
      expect(i['publicly_accessible']).toBe(false);
      expect(i['auto_minor_version_upgrade']).toBe(true);
      expect(i['performance_insights_enabled']).toBe(true);
      expect(i['performance_insights_kms_key_id']).toBe(keyArn(s.json, 'data'));
      expect([1, 5, 10, 15, 30, 60]).toContain(i['monitoring_interval']);
      expect(i['monitoring_role_arn']).toBe(ref('aws_iam_role', roleName, 'arn'));
    }
  });

  it('the monitoring role may set the retention of RDSOSMetrics only where the stack does not own it (default: external)', () => {
    const [, policy] = byPath(s.json, 'aws_iam_role_policy', 'database/monitoring-role/policy');
    const st = statements(policy['policy']);
    const actions = st.flatMap((x) => list(x.Action));
    expect(actions).toEqual(expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents']));
    // As AWS's AmazonRDSEnhancedMonitoringRole: RDS creates the group and sets its retention, and only
    // that group. When the stack owns it (create/import), account-wide.test.ts pins that it cannot.
    const retention = st.filter((x) => list(x.Action).includes('logs:PutRetentionPolicy'));
    expect(retention).toHaveLength(1);
    expect(list(retention[0].Resource)).toEqual([expect.stringMatching(/:log-group:RDSOSMetrics:\*$/)]);
  });
});

describe('network (item 7)', () => {
  it('one VPC with DNS support and hostnames, two private subnets in the two configured AZs, no internet path', () => {
    const vpcs = resourcesOf(s.json, 'aws_vpc');
    expect(vpcs).toHaveLength(1);
    const [, vpc] = vpcs[0];
    expect(vpc['enable_dns_support']).toBe(true);
    expect(vpc['enable_dns_hostnames']).toBe(true);
    const subnets = resourcesOf(s.json, 'aws_subnet').map(([, sn]) => sn);
    expect(subnets.map((sn) => sn['availability_zone']).sort()).toEqual(['us-east-1a', 'us-east-1b']);
    for (const sn of subnets) expect(sn['map_public_ip_on_launch']).toBe(false);
    for (const t of ['aws_internet_gateway', 'aws_nat_gateway', 'aws_eip', 'aws_route']) {
      expect(resourcesOf(s.json, t)).toHaveLength(0);
    }
  });

  it('interface endpoints with private DNS for logs, monitoring, xray, secretsmanager, kms, sts; an S3 gateway endpoint', () => {
    const endpoints = resourcesOf(s.json, 'aws_vpc_endpoint').map(([, e]) => e);
    const iface = endpoints.filter((e) => e['vpc_endpoint_type'] === 'Interface');
    expect(iface.map((e) => String(e['service_name']).split('.').pop()).sort()).toEqual(
      ['kms', 'logs', 'monitoring', 'secretsmanager', 'sts', 'xray'].sort(),
    );
    const [endpointSg] = byPath(s.json, 'aws_security_group', 'network/endpoint-sg');
    for (const e of iface) {
      expect(e['private_dns_enabled']).toBe(true);
      expect(e['security_group_ids']).toEqual([ref('aws_security_group', endpointSg, 'id')]);
      expect((e['subnet_ids'] as string[]).length).toBe(2);
      const st = statements(e['policy']);
      for (const x of st)
        expect(x.Condition).toEqual({ StringEquals: { 'aws:PrincipalAccount': '123456789012' } });
    }
    const gateway = endpoints.filter((e) => e['vpc_endpoint_type'] === 'Gateway');
    expect(gateway.map((e) => e['service_name'])).toEqual(['com.amazonaws.us-east-1.s3']);
    const [rt] = byPath(s.json, 'aws_route_table', 'network/private-routes');
    expect(gateway[0]['route_table_ids']).toEqual([ref('aws_route_table', rt, 'id')]);
  });

  it('the endpoint group admits HTTPS only from the Lambda group', () => {
    const [endpointSg] = byPath(s.json, 'aws_security_group', 'network/endpoint-sg');
    const [handlerSg] = byPath(s.json, 'aws_security_group', 'network/handler-sg');
    const ingress = resourcesOf(s.json, 'aws_vpc_security_group_ingress_rule')
      .map(([, r]) => r)
      .filter((r) => r['security_group_id'] === ref('aws_security_group', endpointSg, 'id'));
    expect(ingress).toEqual([
      expect.objectContaining({
        referenced_security_group_id: ref('aws_security_group', handlerSg, 'id'),
        from_port: 443,
        to_port: 443,
        ip_protocol: 'tcp',
      }),
    ]);
  });

  it('security groups have no inline rules and no rule open to a CIDR', () => {
    for (const [, sg] of resourcesOf(s.json, 'aws_security_group')) {
      expect(sg['ingress']).toBeUndefined();
      expect(sg['egress']).toBeUndefined();
    }
    for (const t of ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']) {
      for (const [, r] of resourcesOf(s.json, t)) {
        expect(r['cidr_ipv4']).toBeUndefined();
        expect(r['referenced_security_group_id']).toBeDefined();
      }
    }
  });

  it('the default security group is emptied', () => {
    const [, dsg] = byPath(s.json, 'aws_default_security_group', 'network/default-sg');
    expect(dsg['ingress']).toEqual([]);
    expect(dsg['egress']).toEqual([]);
  });

  it('VPC flow logs record all traffic into the KMS log group through a scoped role', () => {
    const [, flow] = byPath(s.json, 'aws_flow_log', 'network/flow-log');
    const [vpcName] = resourcesOf(s.json, 'aws_vpc')[0];
    expect(flow['vpc_id']).toBe(ref('aws_vpc', vpcName, 'id'));
    expect(flow['traffic_type']).toBe('ALL');
    expect(flow['log_destination_type']).toBe('cloud-watch-logs');
    const [, role] = byPath(s.json, 'aws_iam_role', 'network/flow-log-role/role');
    const trust = statements(role['assume_role_policy'])[0];
    expect(trust.Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
    expect(trust.Condition?.StringEquals).toEqual({ 'aws:SourceAccount': '123456789012' });
  });
});
