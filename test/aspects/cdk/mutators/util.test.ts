/**
 * The mutators' shared helpers (aspects/cdk/mutators/util.ts): resourceType, isToken, blockValue, put,
 * setIfAbsent.
 */
import { TerraformStack, Testing, Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { Mutable } from '../../../../aspects/cdk/mutators/util';
import {
  blockValue,
  isToken,
  mutable,
  put,
  resourceType,
  setIfAbsent,
} from '../../../../aspects/cdk/mutators/util';
import { lambdaProps } from '../../../support/mutator-harness';

describe('mutator helpers (util.ts)', () => {
  it('resourceType: the Terraform type of a managed resource only', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(resourceType(new CloudwatchLogGroup(stack, 'g', { name: '/g' }))).toBe('aws_cloudwatch_log_group');
    expect(resourceType(new DataAwsVpc(stack, 'vpc', {}))).toBeUndefined();
    expect(resourceType(stack)).toBeUndefined();
  });

  it.each<[string, unknown, boolean]>([
    ['undefined', undefined, false],
    ['null', null, false],
    ['a literal string', 'x', false],
    ['a literal number', 3, false],
    ['a plain object', { a: 1 }, false],
    ['a string token', Token.asString({ resolve: () => 'x' }), true],
    ['a number token', Token.asNumber({ resolve: () => 1 }), true],
    ['a resolvable', Token.asAny({ resolve: () => 1 }), true],
  ])('isToken(%s) is %s', (_, v, expected) => {
    expect(isToken(v)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a token', Token.asAny({ resolve: () => ({}) })],
    ['a string', 'abc'],
    ['a number', 5],
    ['a list', [{ a: 1 }]],
  ])('blockValue(%s) is undefined', (_, v) => {
    expect(blockValue(v)).toBeUndefined();
  });

  it('blockValue copies a block', () => {
    const block = { mode: 'Active' };
    const copy = blockValue(block);
    expect(copy).toEqual(block);
    expect(copy).not.toBe(block);
  });

  it('put calls the generated putX method, and names the construct when there is none', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const fn = new LambdaFunction(stack, 'fn', lambdaProps);
    put(mutable(fn), 'TracingConfig', { mode: 'Active' });
    expect(fn.tracingConfigInput).toEqual({ mode: 'Active' });
    expect(() => put(mutable(fn), 'Nothing', {})).toThrow(
      new Error('[compliance/MutatorBroken] s/fn has no putNothing()'),
    );
  });

  it('setIfAbsent sets an input left out, and leaves it untouched when set or when there is no value', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const left = mutable(new CloudwatchLogGroup(stack, 'left', { name: '/l' }));
    setIfAbsent(left, 'kmsKeyId', 'k');
    expect((left as unknown as CloudwatchLogGroup).kmsKeyIdInput).toBe('k');
    const chosen = mutable(new CloudwatchLogGroup(stack, 'chosen', { name: '/c', kmsKeyId: 'mine' }));
    setIfAbsent(chosen, 'kmsKeyId', 'k');
    expect((chosen as unknown as CloudwatchLogGroup).kmsKeyIdInput).toBe('mine');
    // No value: the setter is not called at all (not even with undefined).
    const assigned: unknown[] = [];
    const recorder = {
      kmsKeyIdInput: undefined,
      set kmsKeyId(v: unknown) {
        assigned.push(v);
      },
    } as unknown as Mutable;
    setIfAbsent(recorder, 'kmsKeyId', undefined);
    expect(assigned).toEqual([]);
    setIfAbsent(recorder, 'kmsKeyId', 'k');
    expect(assigned).toEqual(['k']);
  });
});
