/**
 * coverage / coverageLine (aspects/core/coverage.ts): what the gate looked at, and the resource types no
 * rule judges, counted from the evaluation (rules' appliesTo, the taggable rule, the judged resources).
 */
import { coverage, coverageLine } from '../../../aspects/core/coverage';
import { evaluate } from '../../../aspects/core/evaluate';
import { TfModel } from '../../../aspects/core/model';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { CATALOGUE } from '../../../aspects/rules';
import { compliant } from '../../../aspects/core/rule';
import { stubRule } from '../../support/engine-fixtures';

const policy = paymentsPolicy({ today: '2026-12-02' });
const run = (
  resource: Record<string, Record<string, Record<string, unknown>>>,
  taggableTypes: string[] = [],
) => coverage(evaluate(new TfModel({ resource }, { taggableTypes }), policy, CATALOGUE));

describe('coverage', () => {
  it('counts the resources some rule judges, and lists the types no rule judges, by type', () => {
    const c = run({
      aws_cloudwatch_log_group: { a: {}, b: {} },
      aws_cloudwatch_dashboard: { d: {} },
      aws_route_table_association: { r1: {}, r2: {} },
    });
    expect(c).toEqual({
      resources: 5,
      judged: 2,
      typesJudged: [{ type: 'aws_cloudwatch_log_group', count: 2 }],
      typesNotJudged: [
        { type: 'aws_cloudwatch_dashboard', count: 1 },
        { type: 'aws_route_table_association', count: 2 },
      ],
    });
  });

  it('a type judged only by the tag rule counts as judged when it takes tags', () => {
    expect(run({ aws_cloudwatch_dashboard: { d: {} } }, ['aws_cloudwatch_dashboard']).typesNotJudged).toEqual(
      [],
    );
  });
});

describe('coverage with stub rules', () => {
  const stubbed = (
    resource: Record<string, Record<string, Record<string, unknown>>>,
    taggableTypes: string[],
    rules: Parameters<typeof evaluate>[2],
  ) => coverage(evaluate(new TfModel({ resource }, { taggableTypes }), policy, rules));

  it('a type that takes tags is not judged when no rule is a taggable rule', () => {
    const c = stubbed(
      { aws_sns_topic: { t: {} }, aws_s3_bucket: { b: {} } },
      ['aws_sns_topic'],
      [stubRule('Bucket', ['aws_s3_bucket'], () => compliant())],
    );
    expect(c.typesJudged).toEqual([{ type: 'aws_s3_bucket', count: 1 }]);
    expect(c.typesNotJudged).toEqual([{ type: 'aws_sns_topic', count: 1 }]);
  });

  it('a taggable rule judges only the types that take tags, not types named like its appliesTo', () => {
    const c = stubbed({ t: { x: {} }, g: { y: {} } }, [], [stubRule('Tags', 'taggable', () => compliant())]);
    expect(c.judged).toBe(0);
    expect(c.typesNotJudged).toEqual([
      { type: 'g', count: 1 },
      { type: 't', count: 1 },
    ]);
  });

  it('lists types sorted by name, whatever the configuration order', () => {
    const c = stubbed(
      { aws_sqs_queue: { q: {} }, aws_iam_role: { r: {} }, aws_s3_bucket: { b: {} }, aws_kms_key: { k: {} } },
      [],
      [
        stubRule('Some', ['aws_sqs_queue', 'aws_s3_bucket', 'aws_kms_key', 'aws_iam_role'], () =>
          compliant(),
        ),
      ],
    );
    expect(c.typesJudged.map((t) => t.type)).toEqual([
      'aws_iam_role',
      'aws_kms_key',
      'aws_s3_bucket',
      'aws_sqs_queue',
    ]);
  });
});

describe('coverageLine', () => {
  it('names what no rule judges', () => {
    expect(
      coverageLine(
        {
          resources: 14,
          judged: 12,
          typesJudged: [],
          typesNotJudged: [
            { type: 'aws_iam_role', count: 1 },
            { type: 'terraform_data', count: 1 },
          ],
        },
        56,
      ),
    ).toBe(
      'coverage: 12 of 14 resources judged by 56 rules; types no rule judges (read only as companions of the resources they serve, if at all): aws_iam_role (1), terraform_data (1)',
    );
  });

  it('says when every type is judged', () => {
    expect(coverageLine({ resources: 3, judged: 3, typesJudged: [], typesNotJudged: [] }, 61)).toBe(
      'coverage: 3 of 3 resources judged by 61 rules; every resource type is judged',
    );
  });
});
