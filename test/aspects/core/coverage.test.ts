/**
 * coverageOf / coverageLine (aspects/core/coverage.ts): what the gate looked at, and the resource types no
 * rule judges, counted from the evaluation (rules' appliesTo, the taggable rule, the judged resources).
 */
import { coverageLine, coverageOf } from '../../../aspects/core/coverage';
import { evaluate } from '../../../aspects/core/evaluate';
import { TfModel } from '../../../aspects/core/model';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { CATALOGUE } from '../../../aspects/rules';

const policy = paymentsPolicy({ today: '2026-12-02' });
const run = (
  resource: Record<string, Record<string, Record<string, unknown>>>,
  taggableTypes: string[] = [],
) => coverageOf(evaluate(new TfModel({ resource }, { taggableTypes }), policy, CATALOGUE));

describe('coverageOf', () => {
  it('counts judged resources and types, and lists the types no rule judges, most resources first', () => {
    const c = run({
      aws_cloudwatch_log_group: { a: {}, b: {} },
      aws_cloudwatch_dashboard: { d: {} },
      aws_route_table_association: { r1: {}, r2: {} },
    });
    expect(c).toEqual({
      resources: 5,
      types: 3,
      unjudgedTypes: [
        { type: 'aws_route_table_association', resources: 2 },
        { type: 'aws_cloudwatch_dashboard', resources: 1 },
      ],
    });
  });

  it('a type judged only by the tag rule counts as judged when it takes tags', () => {
    expect(run({ aws_cloudwatch_dashboard: { d: {} } }, ['aws_cloudwatch_dashboard']).unjudgedTypes).toEqual(
      [],
    );
  });

  it('types of equal count are listed by name', () => {
    const c = run({ aws_z_thing: { a: {} }, aws_a_thing: { a: {} } });
    expect(c.unjudgedTypes.map((u) => u.type)).toEqual(['aws_a_thing', 'aws_z_thing']);
  });
});

describe('coverageLine', () => {
  it('names what no rule judges', () => {
    expect(
      coverageLine({
        resources: 138,
        types: 41,
        unjudgedTypes: [
          { type: 'aws_x', resources: 2 },
          { type: 'aws_y', resources: 1 },
        ],
      }),
    ).toBe('judged 138 resources of 41 types; no rule judges 2 types: aws_x (2), aws_y (1)');
  });

  it('says when every type is judged, and uses the singular for one', () => {
    expect(coverageLine({ resources: 1, types: 1, unjudgedTypes: [] })).toBe(
      'judged 1 resource of 1 type; every type is judged by at least one rule',
    );
  });
});
