/**
 * stackSuppressions / suppressionIndex (aspects/cdk/suppression-index.ts): which suppressions a check of
 * one stack uses, found from the tree's registry (no walk of the stack's constructs), in construct order.
 */
import { App, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { Construct } from 'constructs';
import { suppress } from '../../../aspects/cdk/suppress';
import { stackSuppressions, suppressionIndex } from '../../../aspects/cdk/suppression-index';
import type { Suppression } from '../../../aspects/core/policy';

const S: Suppression = {
  ruleId: 'LogGroupRetention',
  reason: 'The audit team accepts this until the archive moves.',
  expires: '2027-01-31',
};

/** A path lookup that walks the tree, as the checker's does. */
const finder =
  (stack: IConstruct) =>
  (p: string): IConstruct | undefined =>
    p === stack.node.path
      ? stack
      : p
          .slice(stack.node.path.length + 1)
          .split('/')
          .reduce<IConstruct | undefined>((c, id) => c?.node.tryFindChild(id), stack);

function tree() {
  const app = new App({ outdir: '/tmp/suppressions-unused' });
  const stack = new TerraformStack(app, 'one');
  const other = new TerraformStack(app, 'two');
  const team = new Construct(stack, 'team');
  const first = new Construct(team, 'first');
  const second = new Construct(team, 'second');
  const later = new Construct(stack, 'later');
  return { app, stack, other, team, first, second, later };
}

describe('stackSuppressions', () => {
  it("returns the stack's suppressed constructs in construct order, whatever order they were declared in", () => {
    const t = tree();
    suppress(t.later, S);
    suppress(t.second, S);
    suppress(t.first, S);
    suppress(t.team, S);
    suppress(t.stack, S);
    expect(stackSuppressions(t.stack, finder(t.stack)).map((c) => c.node.path)).toEqual([
      'one',
      'one/team',
      'one/team/first',
      'one/team/second',
      'one/later',
    ]);
  });

  it('leaves out suppressions of another stack, of the App, and of a construct removed from the tree', () => {
    const t = tree();
    suppress(new Construct(t.other, 'elsewhere'), S);
    suppress(t.app, S);
    suppress(t.second, S);
    suppress(t.first, S);
    t.team.node.tryRemoveChild('first');
    expect(stackSuppressions(t.stack, finder(t.stack)).map((c) => c.node.path)).toEqual(['one/team/second']);
    expect(stackSuppressions(t.other, finder(t.other)).map((c) => c.node.path)).toEqual(['two/elsewhere']);
  });

  it('leaves out constructs outside the stack even when the path lookup finds them (another stack, one-b, the App)', () => {
    const t = tree();
    const sibling = new TerraformStack(t.app, 'one-b');
    suppress(new Construct(sibling, 'x'), S);
    suppress(new Construct(t.other, 'elsewhere'), S);
    suppress(t.app, S);
    suppress(t.first, S);
    // A lookup over the whole tree: only the stack filter keeps the other stacks and the App out.
    const anywhere = (p: string) => [t.app, ...t.app.node.findAll()].find((c) => c.node.path === p);
    expect(stackSuppressions(t.stack, anywhere).map((c) => c.node.path)).toEqual(['one/team/first']);
  });

  it('does not mistake a sibling stack whose name extends this one for a child (one vs one-b)', () => {
    const t = tree();
    const sibling = new TerraformStack(t.app, 'one-b');
    suppress(new Construct(sibling, 'x'), S);
    expect(stackSuppressions(t.stack, finder(t.stack))).toEqual([]);
  });
});

describe('suppressionIndex', () => {
  it('gives each resource the suppressions of its construct and of every scope above it, nearest first', () => {
    const t = tree();
    suppress(t.first, { ...S, ruleId: 'A' });
    suppress(t.team, { ...S, ruleId: 'B' });
    const index = suppressionIndex(stackSuppressions(t.stack, finder(t.stack)), '');
    const resource = { path: 'one/team/first/r' } as Parameters<typeof index.suppressionsFor>[0];
    expect(index.suppressionsFor(resource).map((s) => `${s.ownerPath} ${s.suppression.ruleId}`)).toEqual([
      'one/team/first A',
      'one/team B',
    ]);
    expect([...index.owners.keys()]).toEqual(['one/team', 'one/team/first']);
    expect(index.allSuppressions).toHaveLength(2);
  });

  it("keeps only the suppressions related to the gate's scope (inside it, or on a scope above it)", () => {
    const t = tree();
    suppress(t.first, { ...S, ruleId: 'A' });
    suppress(t.later, { ...S, ruleId: 'B' });
    suppress(t.stack, { ...S, ruleId: 'C' });
    suppress(t.team, { ...S, ruleId: 'D' });
    const index = suppressionIndex(stackSuppressions(t.stack, finder(t.stack)), 'one/team');
    expect(index.allSuppressions.map((s) => `${s.ownerPath} ${s.suppression.ruleId}`)).toEqual([
      'one C',
      'one/team D',
      'one/team/first A',
    ]);
    expect([...index.owners.keys()]).toEqual(['one', 'one/team', 'one/team/first']);
  });

  it('names as owners only the constructs that declare suppressions', () => {
    const t = tree();
    suppress(t.first, S);
    const index = suppressionIndex([t.team, t.first, t.later], '');
    expect([...index.owners.keys()]).toEqual(['one/team/first']);
    expect(index.allSuppressions.map((s) => s.ownerPath)).toEqual(['one/team/first']);
  });
});
