/** aspects/rules/log-groups.ts: the log group names a stack declares, and whether a group is declared. */
import { TfModel } from '../../../aspects/core/model';
import { declaredLogGroupNames, logGroupDeclared } from '../../../aspects/rules/log-groups';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
const model = (resource: Blocks) => new TfModel({ resource }, { taggableTypes: [] });

describe('declaredLogGroupNames / logGroupDeclared', () => {
  const m = model({
    aws_cloudwatch_log_group: {
      a: { name: '/aws/lambda/pay' },
      b: { name: '/aws/rds/cluster/${aws_rds_cluster.db.cluster_identifier}/postgresql' },
      c: { name_prefix: '/aws/x' },
      d: { name: 7 },
    },
  });

  it('are the literal text of every group’s name, expressions kept as written, non-text names left out', () => {
    expect([...declaredLogGroupNames(m)]).toEqual([
      '/aws/lambda/pay',
      '/aws/rds/cluster/${aws_rds_cluster.db.cluster_identifier}/postgresql',
    ]);
    expect(declaredLogGroupNames(m)).toBe(declaredLogGroupNames(m));
  });

  it('a group is declared when any candidate text equals a name', () => {
    expect(logGroupDeclared(m, ['/nope', '/aws/lambda/pay'])).toBe(true);
    expect(logGroupDeclared(m, ['/aws/lambda/pay/'])).toBe(false);
    expect(logGroupDeclared(m, [])).toBe(false);
    expect(logGroupDeclared(model({}), ['/aws/lambda/pay'])).toBe(false);
  });
});
