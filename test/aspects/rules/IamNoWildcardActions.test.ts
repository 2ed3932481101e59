import rule from '../../../aspects/rules/IamNoWildcardActions';
import { judge, outcomeOf } from '../../support/rule-harness';

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = 'arn:aws:s3:::pay-archive/*') => ({
  Effect: 'Allow',
  Action,
  Resource,
});
const run = (policy: string, type = 'aws_iam_role_policy') =>
  judge(rule, `${type}.p`, { resource: { [type]: { p: { role: 'r', policy } } } });

describe('IamNoWildcardActions', () => {
  it('accepts named actions, including partial wildcards such as kms:GenerateDataKey*', () => {
    expect(outcomeOf(run(doc(allow(['s3:PutObject', 'kms:GenerateDataKey*']))))).toBe('compliant');
  });
  it('rejects Action "*" in a managed policy', () => {
    const [r] = run(doc(allow('*', '*')), 'aws_iam_policy');
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('"*"');
  });
  it('rejects a whole service (s3:*, iam:*), naming the statement', () => {
    const [r] = run(doc({ Sid: 'Admin', ...allow(['s3:GetObject', 'iam:*']) }));
    expect(r.message).toContain('"Admin"');
    expect(r.message).toContain('"iam:*"');
    expect(r.message).not.toContain('s3:GetObject');
  });
  it('rejects Allow with NotAction', () => {
    const [r] = run(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('NotAction');
  });
  it('ignores Deny statements', () => {
    expect(outcomeOf(run(doc({ Effect: 'Deny', Action: '*', Resource: '*' }, allow('s3:GetObject'))))).toBe(
      'compliant',
    );
  });
  it('judges every inline policy of a role but not its trust policy', () => {
    const role = {
      assume_role_policy: doc({
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:*',
      }),
      inline_policy: [
        { name: 'ok', policy: doc(allow('s3:GetObject')) },
        { name: 'bad', policy: doc(allow('dynamodb:*')) },
      ],
    };
    const results = judge(rule, 'aws_iam_role.r', { resource: { aws_iam_role: { r: role } } });
    expect(results).toHaveLength(1);
    expect(results[0].message).toContain('inline_policy "bad"');
  });
  it('does not apply to a role without inline policies', () => {
    const role = {
      assume_role_policy: doc({ Effect: 'Allow', Principal: { Service: 'x' }, Action: 'sts:AssumeRole' }),
    };
    expect(outcomeOf(judge(rule, 'aws_iam_role.r', { resource: { aws_iam_role: { r: role } } }))).toBe(
      'not-applicable',
    );
  });
  it('reads aws_iam_policy_document data sources', () => {
    const results = judge(rule, 'aws_iam_policy.p', {
      resource: { aws_iam_policy: { p: { policy: '${data.aws_iam_policy_document.d.json}' } } },
      data: { aws_iam_policy_document: { d: { statement: [{ actions: ['*'], resources: ['*'] }] } } },
    });
    expect(outcomeOf(results)).toBe('non-compliant');
  });
  it('rejects a policy that is not JSON and reports one built by a function as unresolved', () => {
    expect(outcomeOf(run('not json'))).toBe('non-compliant');
    expect(outcomeOf(run('${jsonencode(local.p)}'))).toBe('unresolved');
  });
});

describe('IamNoWildcardActions messages (one clear line per violation)', () => {
  const fail = (message: string) => ({ outcome: 'non-compliant', message, attribute: 'policy' });
  it.each([
    [
      'every wildcard of a statement in one line',
      doc(allow(['*', 's3:GetObject', 's3:*'])),
      [fail('policy statement #1 allows "*", "s3:*"; list the actions it needs')],
    ],
    [
      'every excepted action of a NotAction statement',
      doc({ Sid: 'AllBut', Effect: 'Allow', NotAction: ['iam:*', 'kms:*'], Resource: '*' }),
      [fail('policy statement "AllBut" allows every action except iam:*, kms:* (Allow with NotAction)')],
    ],
    [
      'a service wildcard and a NotAction in one statement, each reported',
      doc({ Effect: 'Allow', Action: 'sqs:*', NotAction: 'iam:*', Resource: '*' }),
      [
        fail('policy statement #1 allows "sqs:*"; list the actions it needs'),
        fail('policy statement #1 allows every action except iam:* (Allow with NotAction)'),
      ],
    ],
    [
      'a wildcard in the middle of an action (s3:*Object)',
      doc(allow('s3:*Object')),
      [{ outcome: 'compliant' }],
    ],
    ['an action with two colons is not a service name', doc(allow('s3:Get:*')), [{ outcome: 'compliant' }]],
  ])('judges %s', (_, policy, expected) => {
    expect(run(policy)).toEqual(expected);
  });
});
