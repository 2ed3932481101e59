/**
 * suppress / suppressionsOn / suppressedConstructs (aspects/cdk/suppress.ts): how a suppression is declared
 * on a construct and read back, the tree's registry of suppressed constructs, and the error for a
 * malformed one (it names the construct and the expected shape).
 */
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  SUPPRESSION_METADATA,
  suppress,
  suppressedConstructs,
  suppressionsOn,
} from '../../../aspects/cdk/suppress';
import type { Suppression } from '../../../aspects/core/policy';

const S1: Suppression = {
  ruleId: 'LogGroupRetention',
  reason: 'The audit team accepts this until the archive moves.',
  expires: '2027-01-31',
};
const S2: Suppression = { ...S1, ruleId: 'RequiredTags' };

function scope(): Construct {
  return new Construct(new TerraformStack(new App({ outdir: '/tmp/suppressions-unused' }), 'app'), 'team');
}

describe('suppress', () => {
  it('records each suppression on the construct, as a copy, and returns the construct', () => {
    const c = scope();
    const mutableS1 = { ...S1 };
    expect(suppress(c, mutableS1, S2)).toBe(c);
    mutableS1.reason = 'changed later';
    expect(suppressionsOn(c)).toEqual([
      { suppression: S1, ownerPath: 'app/team' },
      { suppression: S2, ownerPath: 'app/team' },
    ]);
  });

  it('accepts no suppressions at all', () => {
    const c = scope();
    expect(suppress(c)).toBe(c);
    expect(suppressionsOn(c)).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a suppression without ruleId', { reason: S1.reason, expires: S1.expires }],
    ['a suppression whose ruleId is not a string', { ...S1, ruleId: 42 }],
  ])('rejects %s, naming the construct and the expected shape', (_, bad) => {
    const c = scope();
    expect(() => suppress(c, S1, bad as Suppression)).toThrow(
      new Error('[compliance/SuppressionInvalid] app/team: a suppression needs { ruleId, reason, expires }'),
    );
  });
});

describe('suppressionsOn', () => {
  it('reads only suppression metadata, only from the construct itself', () => {
    const c = scope();
    c.node.addMetadata('other', { ruleId: 'X' });
    suppress(c, S1);
    const child = new Construct(c, 'child');
    suppress(child, S2);
    expect(suppressionsOn(c)).toEqual([{ suppression: S1, ownerPath: 'app/team' }]);
    expect(suppressionsOn(child)).toEqual([{ suppression: S2, ownerPath: 'app/team/child' }]);
    expect(c.node.metadata.filter((m) => m.type === SUPPRESSION_METADATA)).toHaveLength(1);
    expect(SUPPRESSION_METADATA).toBe('compliance:suppression');
  });
});

describe('suppressedConstructs', () => {
  it("lists the tree's suppressed constructs once each, in declaration order, from any copy of the gate (global symbol)", () => {
    const app = new App({ outdir: '/tmp/suppressions-unused' });
    const stack = new TerraformStack(app, 'app');
    const a = new Construct(stack, 'a');
    const b = new Construct(stack, 'b');
    new Construct(stack, 'untouched');
    suppress(b, S1);
    suppress(a, S1);
    suppress(b, S2);
    suppress(new Construct(stack, 'none')); // nothing declared: not listed
    expect(suppressedConstructs(app)).toEqual([b, a]);
    // The registry lives on the root under Symbol.for, not enumerable: another copy of the gate reads it.
    const key = Symbol.for('@payments-compliance/gate:suppressed-constructs');
    expect([...(app as unknown as Record<symbol, Set<Construct>>)[key]]).toEqual([b, a]);
    expect(Object.prototype.propertyIsEnumerable.call(app, key)).toBe(false);
    expect(Object.getOwnPropertySymbols({ ...app })).not.toContain(key);
    expect(suppressedConstructs(new App({ outdir: '/tmp/suppressions-unused' }))).toEqual([]);
  });
});
