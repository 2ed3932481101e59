/**
 * aspects/rules/requirements.ts: the shared judgements of one attribute (a boolean, a customer-managed
 * key), each outcome with its exact message, and the combinators allOf / textOf.
 */
import { TfModel } from '../../../aspects/core/model';
import { paymentsPolicy } from '../../../aspects/core/policy';
import type { RuleContext, RuleResult } from '../../../aspects/core/rule';
import { unresolved } from '../../../aspects/core/rule';
import {
  allOf,
  requireBool,
  requireBoolValue,
  requireCmk,
  requireCmkValue,
  textOf,
} from '../../../aspects/rules/requirements';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
const model = (resource: Blocks) => new TfModel({ resource }, { taggableTypes: [] });
const OK: RuleResult = { outcome: 'compliant', message: undefined };

describe('requireBoolValue / requireBool', () => {
  it.each<[unknown, boolean, boolean | undefined]>([
    [true, true, false],
    ['true', true, false],
    [false, false, true],
    ['false', false, true],
    [undefined, false, false],
    [null, true, true],
  ])('accepts %p when %p is required (absent means %p)', (value, expected, absentMeans) => {
    expect(requireBoolValue(value, 'flag', expected, absentMeans)).toEqual(OK);
  });

  it.each<[unknown, boolean, boolean | undefined, string]>([
    [false, true, false, 'flag is false; it must be true'],
    ['true', false, false, 'flag is true; it must be false'],
    [undefined, true, false, 'flag is not set (the provider default is false); it must be true'],
    [undefined, false, true, 'flag is not set (the provider default is true); it must be false'],
    [undefined, true, undefined, 'flag is not set (the provider default is undefined); it must be true'],
    ['yes', true, false, 'flag is "yes", not a boolean'],
    [1, false, false, 'flag is 1, not a boolean'],
  ])('rejects %p when %p is required (absent means %p)', (value, expected, absentMeans, message) => {
    expect(requireBoolValue(value, 'flag', expected, absentMeans)).toEqual({
      outcome: 'non-compliant',
      message,
      attribute: 'flag',
    });
  });

  it('cannot judge an expression', () => {
    expect(requireBoolValue('${var.on}', 'flag', true, false)).toEqual(unresolved('flag', '${var.on}'));
  });

  it('requireBool reads the top-level attribute of a resource', () => {
    const m = model({ aws_x: { r: { on: 'nope' } } });
    expect(requireBool(m.byAddress('aws_x.r')!, 'on', true, false)).toEqual({
      outcome: 'non-compliant',
      message: 'on is "nope", not a boolean',
      attribute: 'on',
    });
  });
});

describe('requireCmkValue / requireCmk', () => {
  const m = model({
    aws_kms_key: { k: {} },
    aws_kms_alias: { a: { target_key_id: '${aws_kms_key.k.arn}' } },
    aws_sns_topic: { t: { kms_master_key_id: 'alias/aws/sns' } },
  });
  const ctx: RuleContext = {
    model: m,
    policy: paymentsPolicy({ trustedKeyArns: ['arn:aws:kms:::key/trusted'] }),
  };

  it.each(['${aws_kms_key.k.arn}', '${aws_kms_alias.a.arn}', 'arn:aws:kms:::key/trusted'])(
    'accepts %s',
    (key) => {
      expect(requireCmkValue(key, 'key', ctx)).toEqual(OK);
    },
  );

  it.each<[unknown, string]>([
    [
      undefined,
      'key is not set, so the data is encrypted (if at all) with a key AWS manages, not a customer-managed key',
    ],
    ['alias/aws/s3', 'key is "alias/aws/s3", an AWS-managed key, not a customer-managed key'],
    [
      'arn:aws:kms:::key/other',
      'key is "arn:aws:kms:::key/other", a key that is neither declared in this stack nor listed in policy.trustedKeyArns',
    ],
  ])('rejects %p, saying why', (key, message) => {
    expect(requireCmkValue(key, 'key', ctx)).toEqual({ outcome: 'non-compliant', message, attribute: 'key' });
  });

  it('cannot judge a variable', () => {
    expect(requireCmkValue('${var.key}', 'key', ctx)).toEqual(unresolved('key', '${var.key}'));
  });

  it('requireCmk reads the top-level attribute of a resource', () => {
    expect(requireCmk(m.byAddress('aws_sns_topic.t')!, 'kms_master_key_id', ctx)).toEqual({
      outcome: 'non-compliant',
      message: 'kms_master_key_id is "alias/aws/sns", an AWS-managed key, not a customer-managed key',
      attribute: 'kms_master_key_id',
    });
  });
});

describe('allOf', () => {
  const bad: RuleResult = { outcome: 'non-compliant', message: 'bad', attribute: 'a' };
  const open = unresolved('b', '${var.b}');

  it('allOf reports every failure in order, else one compliant', () => {
    expect(allOf(OK, bad, { outcome: 'not-applicable' }, open)).toEqual([bad, open]);
    expect(allOf(OK, { outcome: 'not-applicable' })).toEqual([OK]);
    expect(allOf()).toEqual([OK]);
  });
});

describe('textOf', () => {
  it.each<[unknown, string | undefined]>([
    ['x', 'x'],
    ['${var.x}', '${var.x}'],
    ['', undefined],
    [undefined, undefined],
    [5, undefined],
    [['x'], undefined],
  ])('textOf(%p) is %p', (v, text) => {
    expect(textOf(v)).toBe(text);
  });
});
