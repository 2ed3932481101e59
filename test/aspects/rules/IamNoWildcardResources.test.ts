import rule from '../../../aspects/rules/IamNoWildcardResources';
import { judge, outcomeOf } from '../../support/rule-harness';

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*', extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
const NAMESPACE = { Condition: { StringEquals: { 'cloudwatch:namespace': 'Payments' } } };
const run = (policy: string, type = 'aws_iam_role_policy') =>
  judge(rule, `${type}.p`, { resource: { [type]: { p: { role: 'r', policy } } } });

describe('IamNoWildcardResources', () => {
  it('accepts scoped resources', () => {
    expect(
      outcomeOf(
        run(
          doc(
            allow(
              ['logs:CreateLogStream', 'logs:PutLogEvents'],
              'arn:aws:logs:us-east-1:1:log-group:/aws/lambda/pay:*',
            ),
          ),
        ),
      ),
    ).toBe('compliant');
    expect(outcomeOf(run(doc(allow('kms:Decrypt', '${aws_kms_key.k.arn}'))))).toBe('compliant');
  });
  it('accepts X-Ray, ec2 Describe* and s3:ListAllMyBuckets on *', () => {
    const actions = [
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'ec2:DescribeNetworkInterfaces',
      's3:ListAllMyBuckets',
    ];
    expect(outcomeOf(run(doc(allow(actions))))).toBe('compliant');
  });
  it('accepts cloudwatch:PutMetricData on * only with a cloudwatch:namespace condition', () => {
    expect(outcomeOf(run(doc(allow('cloudwatch:PutMetricData', '*', NAMESPACE))))).toBe('compliant');
    const [r] = run(doc(allow('cloudwatch:PutMetricData')));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('cloudwatch:namespace');
  });
  it('rejects kms:Decrypt on every key (Resource * or key/*), whatever the conditions', () => {
    const [r] = run(
      doc(
        allow('kms:Decrypt', '*', {
          Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
        }),
      ),
    );
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('every KMS key');
    expect(outcomeOf(run(doc(allow('kms:ReEncrypt*', 'arn:aws:kms:us-east-1:111122223333:key/*'))))).toBe(
      'non-compliant',
    );
  });
  it('rejects restrictable actions on *, naming them', () => {
    const [r] = run(doc(allow(['xray:PutTraceSegments', 's3:GetObject'])), 'aws_iam_policy');
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('s3:GetObject');
    expect(r.message).not.toContain('xray');
  });
  it('rejects the Lambda VPC ENI actions on *, which take network-interface ARNs', () => {
    expect(outcomeOf(run(doc(allow(['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface']))))).toBe(
      'non-compliant',
    );
  });
  it('rejects a service-wide ARN (arn:aws:s3:::*) and Allow with NotResource', () => {
    expect(outcomeOf(run(doc(allow('s3:GetObject', 'arn:aws:s3:::*'))))).toBe('non-compliant');
    const notResource = { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' };
    expect(outcomeOf(run(doc(notResource)))).toBe('non-compliant');
  });
  it('reports kms and other problems of one statement separately', () => {
    const results = run(doc(allow(['kms:Decrypt', 'sqs:SendMessage'])));
    expect(results.map((r) => r.outcome)).toEqual(['non-compliant', 'non-compliant']);
  });
  it('judges inline policies of a role', () => {
    const role = {
      assume_role_policy: '{}',
      inline_policy: { name: 'x', policy: doc(allow('dynamodb:GetItem')) },
    };
    expect(outcomeOf(judge(rule, 'aws_iam_role.r', { resource: { aws_iam_role: { r: role } } }))).toBe(
      'non-compliant',
    );
  });
  it('does not apply to a role without inline policies', () => {
    expect(
      outcomeOf(
        judge(rule, 'aws_iam_role.r', { resource: { aws_iam_role: { r: { assume_role_policy: '{}' } } } }),
      ),
    ).toBe('not-applicable');
  });
  it('reports a policy built by a function as unresolved', () => {
    expect(outcomeOf(run('${jsonencode(local.p)}'))).toBe('unresolved');
  });
});

describe('IamNoWildcardResources messages and resource patterns', () => {
  const fail = (message: string) => ({ outcome: 'non-compliant', message, attribute: 'policy' });
  it.each([
    [
      'both KMS decrypt actions on every key in one line',
      doc(allow(['kms:Decrypt', 'kms:ReEncryptFrom'])),
      [fail('policy statement #1 allows kms:Decrypt, kms:ReEncryptFrom on every KMS key (name the keys)')],
    ],
    [
      'every restrictable action of a statement in one line',
      doc(allow(['s3:GetObject', 'xray:PutTraceSegments', 'sqs:SendMessage'])),
      [
        fail(
          'policy statement #1 allows s3:GetObject, sqs:SendMessage on all resources, though they take resource ARNs',
        ),
      ],
    ],
    [
      'Allow with NotAction on all resources',
      doc({ Sid: 'AllBut', Effect: 'Allow', NotAction: ['iam:*', 'kms:*'], Resource: '*' }),
      [fail('policy statement "AllBut" allows every action except iam:*, kms:* on all resources')],
    ],
    [
      'PutMetricData without a namespace next to a restrictable action',
      doc(allow(['cloudwatch:PutMetricData', 's3:GetObject'])),
      [
        fail('policy statement #1 allows s3:GetObject on all resources, though they take resource ARNs'),
        fail('policy statement #1 allows cloudwatch:PutMetricData without a cloudwatch:namespace condition'),
      ],
    ],
    [
      'Allow with NotResource',
      doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }),
      [
        fail(
          'policy statement #1 (Allow with NotResource) allows s3:GetObject on all resources, though they take resource ARNs',
        ),
      ],
    ],
    [
      'a statement naming * among scoped resources',
      doc(allow('s3:GetObject', ['arn:aws:s3:::pay-archive/*', '*'])),
      [fail('policy statement #1 allows s3:GetObject on all resources, though they take resource ARNs')],
    ],
    [
      'objects of a bucket named "key"',
      doc(allow('s3:GetObject', 'arn:aws:s3:::key/*')),
      [{ outcome: 'compliant' }],
    ],
    [
      'every alias of KMS (aliases are not keys)',
      doc(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:alias/*')),
      [{ outcome: 'compliant' }],
    ],
    [
      'a six-field resource that is not an ARN',
      doc(allow('s3:GetObject', 'bucket:aws:s3:x:y:*')),
      [{ outcome: 'compliant' }],
    ],
  ])('judges %s', (_, policy, expected) => {
    expect(run(policy)).toEqual(expected);
  });
});
