/** Public grants in resource-based policies (aspects/rules/resource-policies.ts): each key family, operator and value shape. */
import { TfModel } from '../../../aspects/core/model';
import type { PolicyDocument, Statement } from '../../../aspects/core/values';
import { policyDocument } from '../../../aspects/core/values';
import {
  grantsEveryone,
  judgeConditionValue,
  judgePublicGrants,
  limitsCaller,
} from '../../../aspects/rules/resource-policies';

const model = new TfModel(
  {
    resource: { aws_sns_topic: { t: {} }, aws_cloudwatch_event_rule: { r: {} } },
    data: { aws_caller_identity: { me: {} }, aws_organizations_organization: { org: {} } },
  },
  { taggableTypes: [] },
);
const doc = (...Statement: unknown[]): PolicyDocument =>
  policyDocument(model, JSON.stringify({ Version: '2012-10-17', Statement }));
const statement = (s: Record<string, unknown>): Statement => {
  const d = doc({ Effect: 'Allow', Action: 'sns:Publish', Resource: '*', ...s });
  if (d.kind !== 'document') throw new Error('test setup: not a document');
  return d.statements[0];
};

describe('judgeConditionValue', () => {
  it.each([
    ['aws:SourceAccount', '111122223333', 'fixed'],
    ['aws:SourceAccount', '*', 'open'],
    ['aws:SourceAccount', '1111222233?3', 'open'],
    ['aws:SourceAccount', '${data.aws_caller_identity.me.account_id}', 'fixed'],
    ['aws:SourceAccount', '${var.account}', 'unknown'],
    ['aws:SourceAccount', '${data.aws_caller_identity.gone.account_id}', 'unknown'],
    ['aws:SourceAccount', '${aws:PrincipalAccount}', 'open'],
    ['aws:PrincipalOrgID', 'o-a1b2c3d4e5', 'fixed'],
    ['aws:PrincipalOrgID', 'o-*', 'open'],
    ['aws:PrincipalOrgID', '${data.aws_organizations_organization.org.id}', 'fixed'],
    ['aws:SourceVpce', 'vpce-0a1b2c3d', 'fixed'],
    ['aws:SourceVpc', 'vpc-*', 'open'],
    ['kms:CallerAccount', '111122223333', 'fixed'],
    ['aws:SourceIp', '203.0.113.0/24', 'fixed'],
    ['aws:SourceIp', '0.0.0.0/0', 'open'],
    ['aws:SourceIp', '::/0 ', 'open'],
    ['aws:SourceIp', '10.0.0.0/08', 'fixed'],
    ['aws:SourceIp', '0.0.0.0/00', 'open'],
    ['aws:SourceIp', '10.0.0.0/10', 'fixed'],
    ['aws:SourceArn', 'arn:aws:events:us-east-1:111122223333:rule/r', 'fixed'],
    ['aws:SourceArn', 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:*', 'fixed'],
    ['aws:SourceArn', 'arn:aws:cloudwatch:us-east-1:*:alarm:*', 'open'],
    ['aws:SourceArn', 'arn:aws:cloudwatch:us-east-1:11112222333:alarm:x', 'open'],
    ['aws:SourceArn', 'arn:aws:s3:::ledger-uploads', 'fixed'],
    ['aws:SourceArn', 'arn:aws:s3:::ledger-*', 'open'],
    ['aws:SourceArn', 'arn:aws:s3:*::ledger-uploads', 'fixed'],
    ['aws:SourceArn', 'arn:aws:events:us-east-1:1111222233334:rule/r', 'open'],
    ['aws:SourceArn', 'urn:aws:events:us-east-1:111122223333:rule/r', 'open'],
    ['aws:SourceArn', '*', 'open'],
    ['aws:SourceArn', 'arn:aws:sns:us-east-1:111122223333', 'open'],
    ['aws:SourceArn', '${aws_cloudwatch_event_rule.r.arn}', 'fixed'],
    ['aws:SourceArn', 'arn:aws:events:us-east-1:${data.aws_caller_identity.me.account_id}:rule/*', 'fixed'],
    ['aws:PrincipalArn', 'arn:aws:iam::*:role/x', 'open'],
    ['aws:SourceArn', 'arn:aws:events:us-east-1:${var.account}:rule/r', 'unknown'],
    [
      'aws:SourceArn',
      'arn:aws:events:us-east-1:${data.aws_caller_identity.me.account_id}:rule/${aws_cloudwatch_event_rule.gone.name}',
      'unknown',
    ],
    [
      'aws:SourceArn',
      'arn:aws:events:us-east-1:${data.aws_caller_identity.me.account_id}:rule/${aws_cloudwatch_event_rule.r.name',
      'unknown',
    ],
  ])('%s = %s is %s', (key, value, expected) => {
    expect(judgeConditionValue(model, key, value)).toBe(expected);
  });
});

describe('grantsEveryone', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['Principal "*"', { Principal: '*' }, true],
    ['{ AWS: "*" }', { Principal: { AWS: '*' } }, true],
    ['"*" beside a service', { Principal: { AWS: '*', Service: 'sns.amazonaws.com' } }, true],
    ['"*" among accounts', { Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } }, true],
    ['a wildcard account', { Principal: { AWS: 'arn:aws:iam::*:root' } }, true],
    ['an Allow with NotPrincipal', { NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }, true],
    ['one account', { Principal: { AWS: 'arn:aws:iam::111122223333:root' } }, false],
    ['a service', { Principal: { Service: 'events.amazonaws.com' } }, false],
    ['a Deny to everyone', { Effect: 'Deny', Principal: '*' }, false],
  ])('%s: %s', (_, s, expected) => {
    expect(grantsEveryone(statement(s))).toBe(expected);
  });
});

describe('limitsCaller', () => {
  const cond = (Condition: unknown) => limitsCaller(model, statement({ Principal: '*', Condition }));
  it.each<[string, unknown, string]>([
    ['StringEquals aws:SourceAccount', { StringEquals: { 'aws:SourceAccount': '111122223333' } }, 'fixed'],
    ['key names in any case', { StringEquals: { 'AWS:SOURCEACCOUNT': '111122223333' } }, 'fixed'],
    [
      'ForAnyValue:StringEquals',
      { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': 'o-a/r-b/' } },
      'fixed',
    ],
    ['ArnLike aws:SourceArn', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::ledger-uploads' } }, 'fixed'],
    [
      'IpAddress aws:SourceIp',
      { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7/32'] } },
      'fixed',
    ],
    [
      'one fixed condition among open ones',
      {
        Bool: { 'aws:SecureTransport': 'true' },
        StringEquals: { 'aws:SourceAccount': '111122223333', 'aws:SourceVpc': 'vpc-*' },
      },
      'fixed',
    ],
    ['only aws:SecureTransport', { Bool: { 'aws:SecureTransport': 'true' } }, 'open'],
    ['a negated operator', { StringNotEquals: { 'aws:SourceAccount': '111122223333' } }, 'open'],
    ['an ...IfExists operator', { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } }, 'open'],
    [
      'ForAllValues (true for an empty set)',
      { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgPaths': 'o-a/r-b/' } },
      'open',
    ],
    [
      'ForAnyValue: inside an operator name (no known operator)',
      { 'StringForAnyValue:Equals': { 'aws:SourceAccount': '111122223333' } },
      'open',
    ],
    ['a Null test', { Null: { 'aws:SourceAccount': 'false' } }, 'open'],
    ['a key that names nobody', { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }, 'open'],
    [
      'a fixed value beside a wildcard',
      { StringEquals: { 'aws:SourceAccount': ['111122223333', '*'] } },
      'open',
    ],
    ['an empty value list', { StringEquals: { 'aws:SourceAccount': [] } }, 'open'],
    ['no condition', undefined, 'open'],
    [
      'a variable beside a wildcard',
      { StringEquals: { 'aws:SourceAccount': ['${var.account}', '*'] } },
      'open',
    ],
    ['a variable', { StringEquals: { 'aws:SourceAccount': '${var.account}' } }, 'unknown'],
  ])('%s: %s', (_, condition, expected) => {
    expect(cond(condition).judgement).toBe(expected);
  });
  it('names the value only apply can tell', () => {
    expect(cond({ StringEquals: { 'aws:SourceAccount': ['${var.a}'] } })).toEqual({
      judgement: 'unknown',
      pending: '${var.a}',
    });
  });
});

describe('judgePublicGrants', () => {
  const at = 'aws_sns_topic_policy.p.policy';
  it('is compliant when no policy governs the resource, or none grants everyone without limit', () => {
    expect(judgePublicGrants(model, [])).toEqual([{ outcome: 'compliant' }]);
    expect(judgePublicGrants(model, [{ attribute: at, document: { kind: 'absent' } }])).toEqual([
      { outcome: 'compliant' },
    ]);
    const limited = doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 'sns:Publish',
      Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
    });
    expect(judgePublicGrants(model, [{ attribute: at, document: limited }])).toEqual([
      { outcome: 'compliant' },
    ]);
  });
  it('reports each public statement by Sid or position, with its actions', () => {
    const d = doc(
      { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: ['sns:Publish', 'sns:Subscribe'] },
      {
        Effect: 'Allow',
        NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
        NotAction: ['sns:DeleteTopic', 'sns:SetTopicAttributes'],
      },
    );
    const tail =
      'without a condition that limits the caller to fixed values of aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce or similar';
    expect(judgePublicGrants(model, [{ attribute: at, document: d }])).toEqual([
      {
        outcome: 'non-compliant',
        attribute: at,
        message: `${at} statement "Open" allows everyone (principal "*") sns:Publish, sns:Subscribe ${tail}`,
      },
      {
        outcome: 'non-compliant',
        attribute: at,
        message: `${at} statement #2 allows every principal outside NotPrincipal every action except sns:DeleteTopic, sns:SetTopicAttributes ${tail}`,
      },
    ]);
  });
  it('reports unresolved and invalid documents and conditions', () => {
    const pending = doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 'sns:Publish',
      Condition: { StringEquals: { 'aws:SourceAccount': '${var.a}' } },
    });
    expect(
      judgePublicGrants(model, [
        { attribute: at, document: { kind: 'unresolved', text: '${var.policy}' } },
        { attribute: at, document: { kind: 'invalid', reason: 'is not valid JSON' } },
        { attribute: at, document: pending },
      ]),
    ).toEqual([
      {
        outcome: 'unresolved',
        attribute: at,
        message: `${at} is "\${var.policy}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
      },
      { outcome: 'non-compliant', attribute: at, message: `${at} is not valid JSON` },
      {
        outcome: 'unresolved',
        attribute: `${at} statement #1 condition`,
        message: `${at} statement #1 condition is "\${var.a}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack`,
      },
    ]);
  });
});
