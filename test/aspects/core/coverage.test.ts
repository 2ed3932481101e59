/**
 * coverage / coverageLine (aspects/core/coverage.ts): what the gate looked at, and the resource types no
 * rule judges, counted from the evaluation (rules' appliesTo, the taggable rule, the judged resources).
 */
import { coverage, coverageLine } from '../../../aspects/core/coverage';
import { evaluate } from '../../../aspects/core/evaluate';
import { TfModel } from '../../../aspects/core/model';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { CATALOGUE } from '../../../aspects/rules';

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
