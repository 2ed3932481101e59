import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';

/**
 * Policy documents as plain data, rendered with `JSON.stringify`: tokens inside (ARNs of other
 * resources) become Terraform interpolations, and the compliance gate can parse the JSON.
 */

export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

export type Principal =
  '*' | { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[] };

export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Principal;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

/** `{"Version":"2012-10-17","Statement":[...]}` */
export function policyJson(statements: readonly Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Trust policy letting one AWS service assume a role, optionally conditioned (confused-deputy guard). */
export function serviceTrustPolicy(service: string, condition?: ConditionBlock): string {
  return policyJson([
    {
      Sid: 'TrustService',
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
      ...(condition ? { Condition: condition } : {}),
    },
  ]);
}

/** Deny every action on `resources` when the request is not over TLS (bucket, topic, queue policies). */
export function denyInsecureTransport(action: string, resources: string | readonly string[]): Statement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: action,
    Resource: resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

export interface ServiceRoleProps {
  /** Role name (from `Naming`). */
  readonly name: string;
  /** Service principal allowed to assume the role, e.g. `lambda.amazonaws.com`. */
  readonly service: string;
  /** Conditions on the trust statement. @default none */
  readonly trustCondition?: ConditionBlock;
  /** What the role may do: one inline policy, least privilege. */
  readonly statements: readonly Statement[];
  /** @default "<name> service role" */
  readonly description?: string;
}

/**
 * An IAM role for one AWS service with one inline policy (`aws_iam_role_policy`). Resources that act
 * with the role should depend on `policy` so they never run with a role that has no permissions yet.
 */
export class ServiceRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.name,
      description: props.description ?? `${props.name} service role`,
      assumeRolePolicy: serviceTrustPolicy(props.service, props.trustCondition),
    });
    this.policy = new IamRolePolicy(this, 'policy', {
      name: `${props.name}-policy`.slice(0, 128),
      role: this.role.id,
      policy: policyJson(props.statements),
    });
  }

  get arn(): string {
    return this.role.arn;
  }
}
