/**
 * Generators for exposure: resource-policy statements that grant to everyone (limited by a condition that
 * pins the caller, or not), security groups with their ingress rules, and Lambda environments with and
 * without secrets. Compliant pieces go into the stacks of `resources.ts`; the exposing ones into
 * `violations.ts`. Each prints readably, so a counterexample says what was generated.
 */
import * as fc from 'fast-check';
import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import type { Baseline } from '../support/baseline';
import { ACCOUNT, REGION } from '../support/baseline';

/** A value with a readable text for counterexamples. */
export interface Shown<T> {
  readonly value: T;
  readonly text: string;
}
const shown = <T>(text: string, value: T): Shown<T> =>
  ({ value, text, toString: () => text, [fc.toStringMethod]: () => text }) as Shown<T>;

// ------------------------------------------------------------------------------ policy statements

/** Conditions that pin the caller of a `*` principal to fixed values (the statement stays private). */
export const LIMITING_CONDITIONS: readonly Shown<Record<string, unknown>>[] = [
  shown('SourceAccount', { StringEquals: { 'aws:SourceAccount': ACCOUNT } }),
  shown('SourceArn of the account', {
    ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:*` },
  }),
  shown('PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }),
  shown('SourceVpce', { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } }),
  shown('PrincipalAccount (any value)', {
    'ForAnyValue:StringEquals': { 'aws:PrincipalAccount': [ACCOUNT, '210987654321'] },
  }),
];

/** Conditions that leave a `*` principal open to everyone: none, how-not-who, wildcards, negations. */
export const OPEN_CONDITIONS: readonly Shown<Record<string, unknown> | undefined>[] = [
  shown('no condition', undefined),
  shown('SecureTransport only', { Bool: { 'aws:SecureTransport': 'true' } }),
  shown('SourceAccount = *', { StringLike: { 'aws:SourceAccount': '*' } }),
  shown('SourceArn in any account', {
    ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${REGION}:*:alarm:*` },
  }),
  shown('StringNotEquals SourceAccount', { StringNotEquals: { 'aws:SourceAccount': ACCOUNT } }),
  shown('SourceAccount if it exists', { StringEqualsIfExists: { 'aws:SourceAccount': ACCOUNT } }),
];

export const EVERYONE: readonly Shown<unknown>[] = [shown('"*"', '*'), shown('{AWS:"*"}', { AWS: '*' })];

/** An Allow to everyone of `action` on `resource`, under `condition`. */
export function everyoneStatement(
  principal: unknown,
  action: string,
  resource: string,
  condition: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return {
    Sid: 'Everyone',
    Effect: 'Allow',
    Principal: principal,
    Action: action,
    Resource: resource,
    ...(condition ? { Condition: condition } : {}),
  };
}

/** A grant to everyone limited by a condition (compliant), or a grant to a named service. */
export const privateGrantArb: fc.Arbitrary<
  Shown<(action: string, resource: string) => Record<string, unknown>>
> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...EVERYONE), fc.constantFrom(...LIMITING_CONDITIONS))
    .map(([p, c]) =>
      shown(`everyone limited by ${c.text}`, (a: string, r: string) =>
        everyoneStatement(p.value, a, r, c.value),
      ),
    ),
  fc.constant(
    shown('events.amazonaws.com with SourceAccount', (a: string, r: string) => ({
      Sid: 'Events',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: a,
      Resource: r,
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    })),
  ),
);

/** A grant to everyone that no condition limits (a violation). */
export const publicGrantArb: fc.Arbitrary<
  Shown<(action: string, resource: string) => Record<string, unknown>>
> = fc
  .tuple(fc.constantFrom(...EVERYONE), fc.constantFrom(...OPEN_CONDITIONS))
  .map(([p, c]) =>
    shown(`everyone ${p.text}, ${c.text}`, (a: string, r: string) =>
      everyoneStatement(p.value, a, r, c.value),
    ),
  );

// -------------------------------------------------------------------------------------- queues

/** An SQS queue encrypted with the data key, with an access policy made of `statements` (TLS deny first). */
export function queueWithPolicy(
  scope: Construct,
  id: string,
  base: Baseline,
  grant: ((action: string, resource: string) => Record<string, unknown>) | undefined,
): SqsQueue {
  const queue = new SqsQueue(scope, id, { name: `gen-${id}`, kmsMasterKeyId: base.keys.data.arn });
  new SqsQueuePolicy(scope, `${id}-policy`, {
    queueUrl: queue.url,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyWithoutTls',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sqs:*',
          Resource: queue.arn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        ...(grant ? [grant('sqs:SendMessage', queue.arn)] : []),
      ],
    }),
  });
  return queue;
}

// ------------------------------------------------------------------------------ security groups

/** Sources that do not reach the internet: private CIDRs (IPv4, IPv6) and another security group. */
export type PrivateSource = 'cidr-10' | 'cidr-172' | 'ipv6-ula' | 'group';
export const PRIVATE_SOURCES: readonly PrivateSource[] = ['cidr-10', 'cidr-172', 'ipv6-ula', 'group'];
/** How an ingress rule is declared. */
export type RuleForm = 'inline' | 'security_group_rule' | 'vpc_ingress_rule';
export const RULE_FORMS: readonly RuleForm[] = ['inline', 'security_group_rule', 'vpc_ingress_rule'];

export interface IngressSpec {
  readonly form: RuleForm;
  /** A private source, or `internet-v4` / `internet-v6` (0.0.0.0/0, ::/0). */
  readonly source: PrivateSource | 'internet-v4' | 'internet-v6';
  /** `tcp` with a port, or every protocol (-1). */
  readonly port: number | 'all';
}

const CIDR: Record<IngressSpec['source'], string | undefined> = {
  'cidr-10': '10.20.0.0/16',
  'cidr-172': '172.16.4.0/24',
  'ipv6-ula': 'fd00:ec2::/64',
  group: undefined,
  'internet-v4': '0.0.0.0/0',
  'internet-v6': '::/0',
};

/**
 * A security group with one ingress rule as `spec` says, and an egress rule to anywhere on 443 (egress is
 * not ingress: the rule must leave it alone). Returns the construct path of the resource that holds the
 * ingress rule (the group itself for an inline rule).
 */
export function securityGroupWith(
  scope: Construct,
  id: string,
  spec: IngressSpec,
): { group: SecurityGroup; rulePath: string } {
  const c = new Construct(scope, id);
  const peer = new SecurityGroup(c, 'peer', { name: `gen-${id}-peer`, description: 'callers' });
  const cidr = CIDR[spec.source];
  const v6 = cidr?.includes(':') ?? false;
  const protocol = spec.port === 'all' ? '-1' : 'tcp';
  const from = spec.port === 'all' ? 0 : spec.port;
  const group = new SecurityGroup(c, 'group', {
    name: `gen-${id}`,
    description: 'generated',
    ingress:
      spec.form === 'inline'
        ? [
            {
              protocol,
              fromPort: from,
              toPort: from,
              cidrBlocks: cidr && !v6 ? [cidr] : undefined,
              ipv6CidrBlocks: cidr && v6 ? [cidr] : undefined,
              securityGroups: cidr ? undefined : [peer.id],
              description: 'generated',
            },
          ]
        : undefined,
  });
  new VpcSecurityGroupEgressRule(c, 'egress', {
    securityGroupId: group.id,
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    cidrIpv4: '0.0.0.0/0',
  });
  let rulePath = group.node.path;
  if (spec.form === 'security_group_rule') {
    rulePath = new SecurityGroupRule(c, 'rule', {
      type: 'ingress',
      securityGroupId: group.id,
      protocol,
      fromPort: from,
      toPort: from,
      cidrBlocks: cidr && !v6 ? [cidr] : undefined,
      ipv6CidrBlocks: cidr && v6 ? [cidr] : undefined,
      sourceSecurityGroupId: cidr ? undefined : peer.id,
    }).node.path;
  } else if (spec.form === 'vpc_ingress_rule') {
    rulePath = new VpcSecurityGroupIngressRule(c, 'rule', {
      securityGroupId: group.id,
      ipProtocol: protocol,
      fromPort: spec.port === 'all' ? undefined : from,
      toPort: spec.port === 'all' ? undefined : from,
      cidrIpv4: cidr && !v6 ? cidr : undefined,
      cidrIpv6: cidr && v6 ? cidr : undefined,
      referencedSecurityGroupId: cidr ? undefined : peer.id,
    }).node.path;
  }
  return { group, rulePath };
}

export const PORTS: readonly (number | 'all')[] = [22, 443, 3389, 5432, 'all'];

// ------------------------------------------------------------------------------ Lambda environments

/** Environments without a secret: settings, and pointers to secrets (their ARN or name). */
export const SAFE_ENVIRONMENTS: readonly Shown<Record<string, string>>[] = [
  shown('LOG_LEVEL', { LOG_LEVEL: 'info' }),
  shown('secret ARN', {
    DB_SECRET_ARN: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:gen/db-AbCdEf`,
    LOG_LEVEL: 'warn',
  }),
  shown('settings', { TOKEN_TTL: '3600', TABLE: 'ledger-entries', DB_SECRET_NAME: 'gen/db-credentials' }),
];

/** Environments with a plain-text secret (AWS's documented example keys; a generated PEM header). */
export const SECRET_ENVIRONMENTS: readonly Shown<Record<string, string>>[] = [
  shown('access key id', { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', LOG_LEVEL: 'info' }),
  shown('secret access key', { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }),
  shown('private key', { SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC' }),
  shown('API token', { PARTNER_API_TOKEN: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b' }),
];
