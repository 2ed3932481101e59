/**
 * aspects/rules/links.ts: how companions are found (the link index by reference and by literal name,
 * expressions that might refer to the target, configuration order), and the results built on it.
 */
import { TfModel } from '../../../aspects/core/model';
import { nonCompliant, unresolved } from '../../../aspects/core/rule';
import {
  bucketCompanions,
  byPosition,
  companionsOf,
  linkIndex,
  linkedCompanions,
  noCompanion,
  referenceTexts,
} from '../../../aspects/rules/links';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
const model = (resource: Blocks, data?: Blocks) => new TfModel({ resource, data }, { taggableTypes: [] });
const addresses = (rs: readonly { address: string }[] | undefined) => (rs ?? []).map((r) => r.address);

describe('linkedCompanions', () => {
  const m = model({
    aws_s3_bucket: {
      named: { bucket: 'logs-archive' },
      expr: { bucket: '${var.name}' },
      empty: { bucket: '' },
      none: {},
    },
    aws_s3_bucket_policy: {
      z_by_name: { bucket: 'logs-archive' },
      a_by_ref: { bucket: '${aws_s3_bucket.named.id}' },
      m_by_var: { bucket: '${var.bucket}' },
      other: { bucket: '${aws_s3_bucket.none.id}' },
      blank: { bucket: '' },
      same_expr: { bucket: '${var.name}' },
    },
  });
  const b = (n: string) => m.byAddress(`aws_s3_bucket.${n}`)!;

  it('finds companions by reference and by the same literal name, in configuration order', () => {
    const c = bucketCompanions(m, 'aws_s3_bucket_policy', b('named'));
    expect(addresses(c.found)).toEqual(['aws_s3_bucket_policy.z_by_name', 'aws_s3_bucket_policy.a_by_ref']);
    expect(c.unknown).toEqual([
      {
        resource: m.byAddress('aws_s3_bucket_policy.m_by_var'),
        attribute: 'aws_s3_bucket_policy.m_by_var.bucket',
        expression: '${var.bucket}',
      },
      {
        resource: m.byAddress('aws_s3_bucket_policy.same_expr'),
        attribute: 'aws_s3_bucket_policy.same_expr.bucket',
        expression: '${var.name}',
      },
    ]);
  });

  it('matches literal names only when asked to, and never an empty or expression name', () => {
    expect(addresses(linkedCompanions(m, 'aws_s3_bucket_policy', 'bucket', b('named')).found)).toEqual([
      'aws_s3_bucket_policy.a_by_ref',
    ]);
    expect(bucketCompanions(m, 'aws_s3_bucket_policy', b('empty')).found).toEqual([]);
    expect(bucketCompanions(m, 'aws_s3_bucket_policy', b('expr')).found).toEqual([]);
    expect(addresses(bucketCompanions(m, 'aws_s3_bucket_policy', b('none')).found)).toEqual([
      'aws_s3_bucket_policy.other',
    ]);
  });

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

describe('byPosition', () => {
  it('orders resources of one type as the configuration lists them, whatever order they come in', () => {
    const m = model({ aws_x: { c: {}, a: {}, b: {} } });
    const r = (n: string) => m.byAddress(`aws_x.${n}`)!;
    expect(addresses([r('b'), r('a'), r('c')].sort(byPosition(m, 'aws_x')))).toEqual([
      'aws_x.c',
      'aws_x.a',
      'aws_x.b',
    ]);
  });
});

describe('noCompanion', () => {
  it('is non-compliant with the message when no companion could exist', () => {
    expect(noCompanion({ found: [], unknown: [] }, 'no aws_x refers to the bucket')).toEqual(
      nonCompliant('no aws_x refers to the bucket'),
    );
  });

  it('is unresolved, naming the first companion that might be the one, when some cannot be judged', () => {
    const m = model({
      aws_s3_bucket: { b: {} },
      aws_x: { v: { bucket: '${var.b}' }, w: { bucket: '${var.c}' } },
    });
    const c = bucketCompanions(m, 'aws_x', m.byAddress('aws_s3_bucket.b')!);
    expect(c.unknown).toHaveLength(2);
    expect(noCompanion(c, 'none')).toEqual(unresolved('aws_x.v.bucket', '${var.b}'));
  });
});

describe('referenceTexts', () => {
  it('referenceTexts: the reference to each attribute of the resource', () => {
    const r = model({ aws_lambda_function: { pay: {} } }).byAddress('aws_lambda_function.pay')!;
    expect(referenceTexts(r, ['function_name', 'id'])).toEqual([
      '${aws_lambda_function.pay.function_name}',
      '${aws_lambda_function.pay.id}',
    ]);
  });
});
