import { createHash } from 'node:crypto';

/**
 * The one naming function: every physical name in the stack comes from `Naming.name(purpose, kind)`, so
 * names are predictable (`<prefix>-<purpose>`) and always fit the target service's limits. A name that
 * would be too long keeps its start and gets a short stable hash suffix instead of being cut blindly.
 */

export type NameKind =
  | 'generic'
  | 'bucket'
  | 'canary'
  | 'lambda'
  | 'iamRole'
  | 'rdsCluster'
  | 'xray'
  | 'sqs'
  | 'firehose'
  | 'eventRule'
  | 'dashboard'
  | 'securityGroup'
  | 'dbSubnetGroup'
  | 'insightRule'
  | 'kmsAlias';

interface NameRule {
  /** Longest valid name. */
  readonly max: number;
  /** Lowercase-only services. */
  readonly lower: boolean;
  /** Characters outside this class become `-`. */
  readonly invalid: RegExp;
}

/** Limits from each service's API reference. */
export const NAME_RULES: Readonly<Record<NameKind, NameRule>> = {
  generic: { max: 64, lower: false, invalid: /[^A-Za-z0-9_-]/g },
  bucket: { max: 63, lower: true, invalid: /[^a-z0-9-]/g },
  canary: { max: 21, lower: true, invalid: /[^a-z0-9_-]/g },
  lambda: { max: 64, lower: false, invalid: /[^A-Za-z0-9_-]/g },
  iamRole: { max: 64, lower: false, invalid: /[^A-Za-z0-9+=,.@_-]/g },
  rdsCluster: { max: 63, lower: true, invalid: /[^a-z0-9-]/g },
  xray: { max: 32, lower: false, invalid: /[^A-Za-z0-9_-]/g },
  sqs: { max: 80, lower: false, invalid: /[^A-Za-z0-9_-]/g },
  firehose: { max: 64, lower: false, invalid: /[^A-Za-z0-9_.-]/g },
  eventRule: { max: 64, lower: false, invalid: /[^A-Za-z0-9_.-]/g },
  dashboard: { max: 255, lower: false, invalid: /[^A-Za-z0-9_-]/g },
  securityGroup: { max: 255, lower: false, invalid: /[^A-Za-z0-9 ._-]/g },
  dbSubnetGroup: { max: 255, lower: true, invalid: /[^a-z0-9_-]/g },
  insightRule: { max: 128, lower: false, invalid: /[^A-Za-z0-9_.-]/g },
  kmsAlias: { max: 250, lower: false, invalid: /[^A-Za-z0-9/_-]/g },
};

export interface NamingProps {
  /** Prefix of every name, e.g. `payments`. */
  readonly prefix: string;
  /** Account id, used only where names are global (S3 buckets). */
  readonly accountId: string;
  /** Region, used only where names are global (S3 buckets). */
  readonly region: string;
}

export class Naming {
  constructor(private readonly props: NamingProps) {}

  get prefix(): string {
    return this.props.prefix;
  }

  /** `<prefix>-<purpose>`, sanitized and fitted to `kind`'s limits. */
  name(purpose: string, kind: NameKind = 'generic'): string {
    return fitName(`${this.props.prefix}-${purpose}`, kind);
  }

  /** A globally unique name (S3): `<prefix>-<purpose>-<account>-<region>`. */
  globalName(purpose: string, kind: NameKind = 'bucket'): string {
    return fitName(`${this.props.prefix}-${purpose}-${this.props.accountId}-${this.props.region}`, kind);
  }
}

/** Sanitize `raw` for `kind` and, if too long, shorten it to `<start>-<6 hex of sha1(raw)>`. */
export function fitName(raw: string, kind: NameKind): string {
  const rule = NAME_RULES[kind];
  let name = (rule.lower ? raw.toLowerCase() : raw).replace(rule.invalid, '-');
  if (kind === 'rdsCluster' || kind === 'bucket') name = name.replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  if (name.length > rule.max) {
    const hash = createHash('sha1').update(raw).digest('hex').slice(0, 6);
    name = `${name.slice(0, rule.max - hash.length - 1).replace(/-+$/, '')}-${hash}`;
  }
  return name;
}
