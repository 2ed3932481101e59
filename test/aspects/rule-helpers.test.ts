/**
 * Direct tests of the shared rule helpers in aspects/rules/helpers.ts and helpers-b.ts (helpers-a.ts is
 * mostly covered by mutation-helpers.test.ts; two companion cases are added here): each judgement's outcome and exact message, and the link index
 * every companion lookup is built on. Written where mutation testing found them exercised only through
 * rules that never reach some of their branches.
 */
import { TfModel } from '../../aspects/core/model';
import type { RuleContext, RuleResult } from '../../aspects/core/rule';
import { unresolved } from '../../aspects/core/rule';
import { paymentsPolicy } from '../../aspects/core/policy';
import { companionsOf, linkIndex } from '../../aspects/rules/links';
import { declaredLogGroupNames } from '../../aspects/rules/log-groups';
import { requireBool, requireBoolValue, requireCmk, requireCmkValue } from '../../aspects/rules/requirements';
import { bucketCompanions, linkedCompanions } from '../../aspects/rules/links';
import { allOf, textOf } from '../../aspects/rules/requirements';
import { logGroupDeclared } from '../../aspects/rules/log-groups';
import { referenceTexts } from '../../aspects/rules/links';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
const model = (resource: Blocks, data?: Blocks) => new TfModel({ resource, data });
const addresses = (rs: readonly { address: string }[] | undefined) => (rs ?? []).map((r) => r.address);
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

describe('linkIndex / companionsOf', () => {
  const ref = '${aws_s3_bucket.b.id}';
  // Built inside each test (not when the file loads) so that Stryker's per-test mutant activation sees it.
  const fixture = () => {
    const m = model(
      {
        aws_s3_bucket: { b: { bucket: 'logs' } },
        aws_x: {
          twice: { target: [ref, '${aws_s3_bucket.b.arn}'] },
          named: { target: ['logs', 'logs'] },
          empty: { target: '' },
          number: { target: 5 },
          vars: { target: ['${var.a}', '${var.b}'] },
          data: { target: '${data.aws_s3_bucket.d.id}' },
          ghost: { target: '${aws_s3_bucket.ghost.id}' },
          mixed: { target: '${aws_s3_bucket.b.id}-${var.suffix}' },
          none: {},
        },
      },
      { aws_s3_bucket: { d: { bucket: 'elsewhere' } } },
    );
    return { m, index: linkIndex(m, 'aws_x', 'target') };
  };

  it('indexes each resource once per address it refers to, managed or not', () => {
    const { index } = fixture();
    expect([...index.byAddress.keys()]).toEqual([
      'aws_s3_bucket.b',
      'data.aws_s3_bucket.d',
      'aws_s3_bucket.ghost',
    ]);
    expect(addresses(index.byAddress.get('aws_s3_bucket.b'))).toEqual(['aws_x.twice', 'aws_x.mixed']);
  });

  it('indexes only non-empty literal text by literal, once per resource', () => {
    const { index } = fixture();
    expect([...index.byLiteral.keys()]).toEqual(['logs']);
    expect(addresses(index.byLiteral.get('logs'))).toEqual(['aws_x.named']);
  });

  it('counts as unknown each expression that refers to nothing managed here, once per resource', () => {
    const { index } = fixture();
    expect(addresses(index.unknown)).toEqual(['aws_x.vars', 'aws_x.data', 'aws_x.ghost']);
  });

  it('is built once per model, type and attribute', () => {
    const { m, index } = fixture();
    expect(linkIndex(m, 'aws_x', 'target')).toBe(index);
    expect(linkIndex(m, 'aws_x', 'other')).not.toBe(index);
  });

  it('companionsOf: the resources referring to the target, as a fresh array', () => {
    const { m } = fixture();
    const b = m.byAddress('aws_s3_bucket.b')!;
    const found = companionsOf(m, 'aws_x', 'target', b);
    expect(addresses(found)).toEqual(['aws_x.twice', 'aws_x.mixed']);
    found.pop();
    expect(addresses(companionsOf(m, 'aws_x', 'target', b))).toEqual(['aws_x.twice', 'aws_x.mixed']);
    expect(companionsOf(m, 'aws_x', 'target', m.byAddress('aws_x.none')!)).toEqual([]);
  });
});

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

describe('allOf / referenceTexts / textOf', () => {
  const bad: RuleResult = { outcome: 'non-compliant', message: 'bad', attribute: 'a' };
  const open = unresolved('b', '${var.b}');

  it('allOf reports every failure in order, else one compliant', () => {
    expect(allOf(OK, bad, { outcome: 'not-applicable' }, open)).toEqual([bad, open]);
    expect(allOf(OK, { outcome: 'not-applicable' })).toEqual([OK]);
    expect(allOf()).toEqual([OK]);
  });

  it('referenceTexts: the reference to each attribute of the resource', () => {
    const r = model({ aws_lambda_function: { pay: {} } }).byAddress('aws_lambda_function.pay')!;
    expect(referenceTexts(r, ['function_name', 'id'])).toEqual([
      '${aws_lambda_function.pay.function_name}',
      '${aws_lambda_function.pay.id}',
    ]);
  });

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

describe('linkedCompanions (cases mutation-helpers.test.ts leaves out)', () => {
  it('does not also count as unknown a companion that refers to the target and to a variable', () => {
    const m = model({
      aws_sns_topic: { t: {} },
      aws_cloudwatch_metric_alarm: { a: { alarm_actions: ['${aws_sns_topic.t.arn}', '${var.pager}'] } },
    });
    const c = linkedCompanions(
      m,
      'aws_cloudwatch_metric_alarm',
      'alarm_actions',
      m.byAddress('aws_sns_topic.t')!,
    );
    expect(addresses(c.found)).toEqual(['aws_cloudwatch_metric_alarm.a']);
    expect(c.unknown).toEqual([]);
  });

  it('orders the companions of each type by that type’s own configuration order', () => {
    const m = model({
      aws_s3_bucket: { b: { bucket: 'logs' } },
      aws_s3_bucket_policy: { x: { bucket: 'logs' }, y: { bucket: '${aws_s3_bucket.b.id}' } },
      aws_s3_bucket_versioning: { z: { bucket: 'logs' }, w: { bucket: '${aws_s3_bucket.b.id}' } },
    });
    const b = m.byAddress('aws_s3_bucket.b')!;
    expect(addresses(bucketCompanions(m, 'aws_s3_bucket_policy', b).found)).toEqual([
      'aws_s3_bucket_policy.x',
      'aws_s3_bucket_policy.y',
    ]);
    expect(addresses(bucketCompanions(m, 'aws_s3_bucket_versioning', b).found)).toEqual([
      'aws_s3_bucket_versioning.z',
      'aws_s3_bucket_versioning.w',
    ]);
  });
});
