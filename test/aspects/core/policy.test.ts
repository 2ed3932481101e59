/**
 * paymentsPolicy / validatePolicy (aspects/core/policy.ts): each field's boundary, each branch of each check,
 * and the exact error text (it names the field, what is wrong and the accepted form).
 */
import {
  PAYMENTS_DEFAULTS,
  PolicyError,
  VALID_RETENTION_DAYS,
  activeRules,
  paymentsPolicy,
  regionProblems,
  validatePolicy,
} from '../../../aspects/core/policy';
import { TfModel } from '../../../aspects/core/model';
import type { CompliancePolicy, PolicyOverrides } from '../../../aspects/core/policy';

const PREFIX = '[compliance/PolicyInvalid] ';

/** The message paymentsPolicy throws for these overrides, or undefined when it accepts them. */
function problem(overrides: PolicyOverrides): string | undefined {
  try {
    paymentsPolicy(overrides);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as Error).message;
  }
}

describe('PolicyError', () => {
  it('is an Error named PolicyError whose message carries the stable error id', () => {
    const e = new PolicyError('x is wrong');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('PolicyError');
    expect(e.message).toBe(`${PREFIX}x is wrong`);
    expect(String(e)).toBe(`PolicyError: ${PREFIX}x is wrong`);
  });
});

describe('paymentsPolicy', () => {
  it('returns the defaults, frozen, when given no overrides', () => {
    const p = paymentsPolicy();
    expect(p).toEqual(PAYMENTS_DEFAULTS);
    expect(p).not.toBe(PAYMENTS_DEFAULTS);
    expect(Object.isFrozen(p)).toBe(true);
  });

  it('replaces the required tags as a whole and merges keys over the defaults, copying both', () => {
    const tags = { Team: 'cards' };
    const keys = { logs: 'arn:aws:kms:us-east-1:1:key/l' };
    const p = paymentsPolicy({ requiredTags: tags, keys });
    expect(p.requiredTags).toEqual({ Team: 'cards' });
    expect(p.requiredTags).not.toBe(tags);
    expect(p.keys).toEqual(keys);
    expect(p.keys).not.toBe(keys);
    expect(PAYMENTS_DEFAULTS.keys).toEqual({});
  });

  it('has the payments defaults', () => {
    const p = paymentsPolicy();
    expect(p.requiredTags).toEqual({ Environment: 'production', CostCenter: 'payments' });
    expect(p.logRetentionDays).toBe(90);
    expect(p.tracing).toBe(true);
    expect(Object.isFrozen(p)).toBe(true);
  });

  it('lets a team change values without forking', () => {
    const p = paymentsPolicy({
      requiredTags: { Environment: 'production', CostCenter: 'cards' },
      logRetentionDays: 365,
    });
    expect(p.requiredTags.CostCenter).toBe('cards');
    expect(p.logRetentionDays).toBe(365);
    expect(PAYMENTS_DEFAULTS.logRetentionDays).toBe(90);
  });

  it.each([
    [{ logRetentionDays: 100 }, /logRetentionDays=100 is not a value CloudWatch Logs accepts/],
    [{ region: 'moon-1' }, /region "moon-1"/],
    [{ requiredTags: { 'aws:x': 'y' } }, /required tag key "aws:x"/],
    [{ minAlarmEmailSubscriptions: 0 }, /minAlarmEmailSubscriptions/],
    [{ today: '28.11.2026' }, /today/],
  ])('rejects an invalid policy %j with a message naming the field', (overrides, pattern) => {
    expect(() => paymentsPolicy(overrides as never)).toThrow(PolicyError);
    expect(() => paymentsPolicy(overrides as never)).toThrow(pattern);
  });
});

describe('validatePolicy', () => {
  it.each<[string, PolicyOverrides]>([
    ['the smallest retention CloudWatch accepts', { logRetentionDays: 1 }],
    ['the largest retention CloudWatch accepts', { logRetentionDays: 3653 }],
    ['a tag key of 128 characters', { requiredTags: { ['k'.repeat(128)]: 'v' } }],
    ['a tag key that only contains "aws:" later', { requiredTags: { 'team:aws:x': 'v' } }],
    ['an empty tag value', { requiredTags: { Team: '' } }],
    ['a tag value of 256 characters', { requiredTags: { Team: 'v'.repeat(256) } }],
    ['no required tags', { requiredTags: {} }],
    ['a GovCloud region', { region: 'us-gov-west-1' }],
    ['an EU region', { region: 'eu-central-2' }],
    ['one alarm email subscription', { minAlarmEmailSubscriptions: 1 }],
    ['a one-day archive', { archiveRetentionDays: 1 }],
    ['no public ingress port (the payments default)', { publicIngressTcpPorts: [] }],
    ['public ingress ports at both ends of the TCP range', { publicIngressTcpPorts: [0, 443, 65535] }],
    ['a pinned ISO date', { today: '2026-11-28' }],
    ['no pinned date', { today: undefined }],
  ])('accepts %s', (_, overrides) => {
    expect(problem(overrides)).toBeUndefined();
  });

  it.each<[string, PolicyOverrides, string]>([
    [
      'a retention CloudWatch does not accept',
      { logRetentionDays: 100 },
      `logRetentionDays=100 is not a value CloudWatch Logs accepts; use one of ${VALID_RETENTION_DAYS.join(', ')}`,
    ],
    [
      'an empty tag key',
      { requiredTags: { '': 'v' } },
      'required tag key "" is invalid (1-128 characters, not "aws:")',
    ],
    [
      'a tag key of 129 characters',
      { requiredTags: { ['k'.repeat(129)]: 'v' } },
      `required tag key "${'k'.repeat(129)}" is invalid (1-128 characters, not "aws:")`,
    ],
    [
      'a tag key in the reserved aws: namespace',
      { requiredTags: { 'aws:owner': 'v' } },
      'required tag key "aws:owner" is invalid (1-128 characters, not "aws:")',
    ],
    [
      'a tag value of 257 characters',
      { requiredTags: { Team: 'v'.repeat(257) } },
      'required tag "Team" must have a string value of at most 256 characters',
    ],
    [
      'a tag value that is not a string',
      { requiredTags: { Team: 7 as unknown as string } },
      'required tag "Team" must have a string value of at most 256 characters',
    ],
    [
      'a region with a prefix',
      { region: 'xus-east-1' },
      'region "xus-east-1" is not an AWS region name such as us-east-1',
    ],
    [
      'a region with a suffix',
      { region: 'us-east-1a' },
      'region "us-east-1a" is not an AWS region name such as us-east-1',
    ],
    [
      'no alarm email subscription',
      { minAlarmEmailSubscriptions: 0 },
      'minAlarmEmailSubscriptions must be a positive integer',
    ],
    [
      'half an alarm email subscription',
      { minAlarmEmailSubscriptions: 1.5 },
      'minAlarmEmailSubscriptions must be a positive integer',
    ],
    ['a zero-day archive', { archiveRetentionDays: 0 }, 'archiveRetentionDays must be a positive integer'],
    ['a negative archive', { archiveRetentionDays: -365 }, 'archiveRetentionDays must be a positive integer'],
    [
      'a fractional archive',
      { archiveRetentionDays: 365.5 },
      'archiveRetentionDays must be a positive integer',
    ],
    [
      'a public ingress port above the TCP range',
      { publicIngressTcpPorts: [443, 65536] },
      'publicIngressTcpPorts has 65536, not a TCP port number (an integer from 0 to 65535)',
    ],
    [
      'negative and fractional public ingress ports',
      { publicIngressTcpPorts: [-1, 80.5] },
      'publicIngressTcpPorts has -1, 80.5, not a TCP port number (an integer from 0 to 65535)',
    ],
    [
      'a public ingress port written as text',
      { publicIngressTcpPorts: ['443'] as unknown as number[] },
      'publicIngressTcpPorts has "443", not a TCP port number (an integer from 0 to 65535)',
    ],
    [
      'a single port instead of a list',
      { publicIngressTcpPorts: 443 as unknown as number[] },
      'publicIngressTcpPorts must be a list of TCP port numbers, e.g. [443]',
    ],
    ['a date that is not ISO', { today: '28.11.2026' }, 'today "28.11.2026" must be an ISO date YYYY-MM-DD'],
    [
      'an ISO date with a prefix',
      { today: 'x2026-11-28' },
      'today "x2026-11-28" must be an ISO date YYYY-MM-DD',
    ],
    [
      'an ISO date with a time',
      { today: '2026-11-28T00:00' },
      'today "2026-11-28T00:00" must be an ISO date YYYY-MM-DD',
    ],
  ])('rejects %s, saying what is wrong and the accepted form', (_, overrides, message) => {
    expect(problem(overrides)).toBe(`${PREFIX}${message}`);
  });

  it('reports every problem at once, in field order, separated by "; "', () => {
    expect(
      problem({
        region: 'moon',
        requiredTags: { '': 3 as unknown as string },
        archiveRetentionDays: 0,
      }),
    ).toBe(
      PREFIX +
        [
          'required tag key "" is invalid (1-128 characters, not "aws:")',
          'required tag "" must have a string value of at most 256 characters',
          'region "moon" is not an AWS region name such as us-east-1',
          'archiveRetentionDays must be a positive integer',
        ].join('; '),
    );
  });

  it('checks a policy built by hand, not only through paymentsPolicy', () => {
    const hand: CompliancePolicy = { ...PAYMENTS_DEFAULTS, minAlarmEmailSubscriptions: 0 };
    expect(() => validatePolicy(hand)).toThrow(
      new PolicyError('minAlarmEmailSubscriptions must be a positive integer'),
    );
    expect(() => validatePolicy(PAYMENTS_DEFAULTS)).not.toThrow();
  });

  it('rejects an impossible today, not rolling it over into a real date', () => {
    expect(() => paymentsPolicy({ today: '2026-02-30' })).toThrow(/today "2026-02-30" must be an ISO date/);
  });
});

describe('validatePolicy: the reserved aws: tag prefix, in any case, for keys and values', () => {
  it.each([
    [{ 'AWS:owner': 'x' }, 'required tag key "AWS:owner" is invalid (1-128 characters, not "aws:")'],
    [
      { Owner: 'Aws:team' },
      'required tag "Owner" has value "Aws:team", which starts with the reserved prefix "aws:"',
    ],
  ])('%j is refused', (requiredTags, message) => {
    expect(() => paymentsPolicy({ requiredTags })).toThrow(message);
  });
  it('a value merely containing aws: is fine', () => {
    expect(paymentsPolicy({ requiredTags: { Owner: 'team-aws:x' } }).requiredTags['Owner']).toBe(
      'team-aws:x',
    );
  });
});

describe('validatePolicy: values that would make the gate judge wrongly', () => {
  it('refuses an empty allowedLambdaRuntimes given explicitly, or one with a non-name', () => {
    expect(problem({ today: '2026-12-02', allowedLambdaRuntimes: [] })).toMatch(
      /^\[compliance\/PolicyInvalid\] allowedLambdaRuntimes is empty: .*; an empty list would refuse every function: pass allowedLambdaRuntimes explicitly/,
    );
    expect(problem({ allowedLambdaRuntimes: ['nodejs22.x', ''] })).toBe(
      `${PREFIX}allowedLambdaRuntimes must be a non-empty list of runtime names (e.g. ["nodejs22.x"]); an empty list would refuse every function`,
    );
  });

  it('says which day has no creatable runtime: the policy today, else the current UTC date', () => {
    expect(problem({ today: '2031-05-05', allowedLambdaRuntimes: [] })).toContain(
      'which list no Node.js runtime creatable on 2031-05-05; an empty list would refuse every function',
    );
    expect(problem({ allowedLambdaRuntimes: [] })).toMatch(
      /^\[compliance\/PolicyInvalid\] allowedLambdaRuntimes is empty: .* creatable on \d{4}-\d{2}-\d{2}; an empty list would refuse every function/,
    );
  });

  it('refuses a runtime that is not a string', () => {
    expect(problem({ allowedLambdaRuntimes: [22] as never })).toBe(
      `${PREFIX}allowedLambdaRuntimes must be a non-empty list of runtime names (e.g. ["nodejs22.x"]); an empty list would refuse every function`,
    );
  });

  it.each(['alias/aws/logs', 'arn:aws:kms:us-east-1:111122223333:alias/aws/sns'])(
    'refuses an AWS-managed key alias %s for a purpose',
    (key) => {
      expect(problem({ keys: { logs: key } })).toBe(
        `${PREFIX}keys.logs is "${key}", an AWS-managed key: the policy demands customer-managed keys; declare an aws_kms_key and pass key.arn`,
      );
    },
  );

  it('accepts a customer alias, a key reference and a key ARN', () => {
    expect(problem({ keys: { logs: 'alias/ledger-logs' } })).toBeUndefined();
    expect(problem({ keys: { logs: '${aws_kms_key.logs.arn}' } })).toBeUndefined();
    expect(problem({ keys: { data: 'arn:aws:kms:us-east-1:111122223333:key/1234' } })).toBeUndefined();
  });

  it('refuses an empty key, and a purpose that does not exist', () => {
    expect(problem({ keys: { logs: '' } })).toBe(
      `${PREFIX}keys.logs must be a key reference (key.arn) or a key ARN`,
    );
    expect(problem({ keys: { audit: 'x' } as never })).toBe(
      `${PREFIX}keys.audit is not a key purpose; use one of logs, alerting, data`,
    );
  });

  it('accepts disabledRules and trustedKeyArns that are lists of strings', () => {
    const p = paymentsPolicy({
      disabledRules: ['VpcFlowLogs'],
      trustedKeyArns: ['arn:aws:kms:us-east-1:111122223333:key/1234'],
    });
    expect(p.disabledRules).toEqual(['VpcFlowLogs']);
    expect(p.trustedKeyArns).toEqual(['arn:aws:kms:us-east-1:111122223333:key/1234']);
    expect(problem({ disabledRules: ['VpcFlowLogs', 7] as never })).toBe(
      `${PREFIX}disabledRules must be a list of rule ids (e.g. ["VpcFlowLogs"])`,
    );
  });

  it('skips a key purpose left undefined, and refuses a key that is not a string', () => {
    expect(problem({ keys: { logs: undefined } })).toBeUndefined();
    expect(problem({ keys: { logs: 42 as never } })).toBe(
      `${PREFIX}keys.logs must be a key reference (key.arn) or a key ARN`,
    );
  });

  it('refuses a disabledRules or trustedKeyArns that is not a list of strings', () => {
    expect(problem({ disabledRules: 'VpcFlowLogs' as never })).toBe(
      `${PREFIX}disabledRules must be a list of rule ids (e.g. ["VpcFlowLogs"])`,
    );
    expect(problem({ trustedKeyArns: [1] as never })).toBe(
      `${PREFIX}trustedKeyArns must be a list of KMS key ARNs`,
    );
  });

  it('keeps each problem apart for one line each', () => {
    try {
      paymentsPolicy({ region: 'x', disabledRules: 'y' as never });
      throw new Error('accepted');
    } catch (e) {
      expect((e as PolicyError).lines()).toEqual([
        expect.stringMatching(/^\[compliance\/PolicyInvalid\] region "x" is not an AWS region name/),
        `${PREFIX}disabledRules must be a list of rule ids (e.g. ["VpcFlowLogs"])`,
      ]);
    }
  });
});

describe('regionProblems: the policy region against the aws providers of the configuration', () => {
  const model = (provider: unknown) =>
    new TfModel({ provider: { aws: provider } as never }, { taggableTypes: [] });
  const policy = paymentsPolicy({ region: 'us-east-1' });

  it('names a provider configured for another region, with the fix', () => {
    expect(regionProblems(model([{ region: 'eu-west-1' }]), policy)).toEqual([
      "the policy's region is us-east-1 but provider aws is configured for eu-west-1: pass region: 'eu-west-1' in the policy (it names region-scoped service principals such as logs.eu-west-1.amazonaws.com)",
    ]);
    expect(
      regionProblems(model([{ region: 'us-east-1' }, { alias: 'dr', region: 'us-west-2' }]), policy),
    ).toEqual([expect.stringContaining('provider aws.dr is configured for us-west-2')]);
  });

  it('accepts the same region, no region, and a region that is an expression', () => {
    expect(
      regionProblems(model([{ region: 'us-east-1' }, {}, { alias: 'v', region: '${var.region}' }]), policy),
    ).toEqual([]);
  });
});

describe('activeRules', () => {
  const catalogue = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];

  it('judges with the catalogue minus the disabled rules, in catalogue order', () => {
    const { rules, unknownDisabled } = activeRules(paymentsPolicy({ disabledRules: ['C', 'A'] }), catalogue);
    expect(rules).toEqual([{ id: 'B' }]);
    expect(rules[0]).toBe(catalogue[1]);
    expect(unknownDisabled).toEqual([]);
  });

  it('returns the disabled ids the catalogue does not know', () => {
    const { rules, unknownDisabled } = activeRules(
      paymentsPolicy({ disabledRules: ['B', 'Nope', 'Gone'] }),
      catalogue,
    );
    expect(rules.map((r) => r.id)).toEqual(['A', 'C']);
    expect(unknownDisabled).toEqual(['Nope', 'Gone']);
  });

  it('nothing disabled: the whole catalogue', () => {
    expect(activeRules(paymentsPolicy(), catalogue)).toEqual({ rules: catalogue, unknownDisabled: [] });
  });
});
