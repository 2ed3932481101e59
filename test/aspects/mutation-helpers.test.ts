/**
 * Direct tests of the shared rule helpers (aspects/rules/helpers-a.ts), of the one rule without a unit
 * test file (LambdaTracingActive), of the one-year retention rule's messages, and of synthOrExit
 * (aspects/synth.ts), whose only other test runs the real CLI in a child process. Written where mutation
 * testing (npm run mutation) found code exercised only indirectly, or not at all in-process.
 */
import * as os from 'os';
import { App } from 'cdktf';
import { TfModel } from '../../aspects/engine/model';
import type { Statement } from '../../aspects/engine/values';
import {
  arnPatternMatches,
  bucketCompanions,
  iamDocumentsOf,
  judgeAllowStatements,
  keyPolicyOf,
  linkedCompanions,
  publishingServices,
  replaceAllLiteral,
  statementLabel,
  topicPoliciesOf,
  topicPublishers,
} from '../../aspects/rules/helpers-a';
import LambdaTracingActive from '../../aspects/rules/LambdaTracingActive';
import LogGroupRetentionOneYear from '../../aspects/rules/LogGroupRetentionOneYear';
import { paymentsPolicy } from '../../aspects/policy';
import { gateFailureLines, synthOrExit } from '../../aspects/synth';
import { judge } from '../support/rule-harness';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
const model = (resource: Blocks) => new TfModel({ resource });
const addresses = (rs: readonly { address: string }[]) => rs.map((r) => r.address);
const DOC = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

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
});

describe('key and topic policies', () => {
  it('keyPolicyOf: a key policy resource replaces the key policy; an unknowable one leaves an absent policy unresolved', () => {
    const m = model({
      aws_kms_key: { own: { policy: DOC }, replaced: { policy: DOC }, bare: {} },
      aws_kms_key_policy: {
        p: { key_id: '${aws_kms_key.replaced.id}', policy: '{"Statement":[]}' },
        q: { key_id: '${var.key}' },
      },
    });
    const k = (n: string) => m.byAddress(`aws_kms_key.${n}`)!;
    expect(keyPolicyOf(m, k('replaced'))).toEqual({
      attribute: 'aws_kms_key_policy.p.policy',
      document: { kind: 'document', statements: [] },
    });
    const own = keyPolicyOf(m, k('own'));
    expect(own.attribute).toBe('policy');
    expect(own.document.kind).toBe('document');
    expect(own.unknownLink).toBeUndefined();
    expect(keyPolicyOf(m, k('bare'))).toEqual({
      attribute: 'policy',
      document: { kind: 'absent' },
      unknownLink: {
        resource: m.byAddress('aws_kms_key_policy.q'),
        attribute: 'aws_kms_key_policy.q.key_id',
        expression: '${var.key}',
      },
    });
    const clean = model({ aws_kms_key: { bare: {} } });
    expect(keyPolicyOf(clean, clean.byAddress('aws_kms_key.bare')!)).toEqual({
      attribute: 'policy',
      document: { kind: 'absent' },
    });
  });

  it('topicPoliciesOf: every topic policy resource of the topic, else its own policy, else none', () => {
    const m = model({
      aws_sns_topic: { a: { policy: DOC }, b: { policy: DOC }, c: {} },
      aws_sns_topic_policy: {
        p1: { arn: '${aws_sns_topic.a.arn}', policy: DOC },
        p2: { arn: '${aws_sns_topic.a.arn}', policy: '{"Statement":[]}' },
      },
    });
    const t = (n: string) => m.byAddress(`aws_sns_topic.${n}`)!;
    expect(topicPoliciesOf(m, t('a')).documents.map((d) => d.attribute)).toEqual([
      'aws_sns_topic_policy.p1.policy',
      'aws_sns_topic_policy.p2.policy',
    ]);
    expect(topicPoliciesOf(m, t('b'))).toEqual({
      documents: [{ attribute: 'policy', document: expect.objectContaining({ kind: 'document' }) }],
    });
    expect(topicPoliciesOf(m, t('c'))).toEqual({ documents: [] });
    const unknown = model({ aws_sns_topic: { c: {} }, aws_sns_topic_policy: { p: { arn: '${var.topic}' } } });
    expect(topicPoliciesOf(unknown, unknown.byAddress('aws_sns_topic.c')!).unknownLink).toMatchObject({
      attribute: 'aws_sns_topic_policy.p.arn',
      expression: '${var.topic}',
    });
  });

  it('topicPublishers: alarms (any action list) and event targets that name the topic, in order, once each', () => {
    const ref = '${aws_sns_topic.t.arn}';
    const m = model({
      aws_sns_topic: { t: {}, other: {} },
      aws_cloudwatch_metric_alarm: {
        z: { ok_actions: [ref] },
        a: { alarm_actions: [ref], insufficient_data_actions: [ref] },
        n: { alarm_actions: ['${aws_sns_topic.other.arn}'] },
      },
      aws_cloudwatch_composite_alarm: { c: { insufficient_data_actions: [ref] } },
      aws_cloudwatch_event_target: { e: { arn: ref }, f: { arn: '${aws_sns_topic.other.arn}' } },
    });
    const t = m.byAddress('aws_sns_topic.t')!;
    const p = topicPublishers(m, t);
    expect(addresses(p.alarms)).toEqual([
      'aws_cloudwatch_metric_alarm.z',
      'aws_cloudwatch_metric_alarm.a',
      'aws_cloudwatch_composite_alarm.c',
    ]);
    expect(addresses(p.eventTargets)).toEqual(['aws_cloudwatch_event_target.e']);
    expect(publishingServices(m, t)).toEqual(['cloudwatch.amazonaws.com', 'events.amazonaws.com']);
    const quiet = model({ aws_sns_topic: { t: {} } });
    expect(publishingServices(quiet, quiet.byAddress('aws_sns_topic.t')!)).toEqual([]);
  });

  it('statementLabel names a statement by Sid, else by its 1-based position', () => {
    const st = { sid: 'Logs' } as Statement;
    expect(statementLabel(st, 0)).toBe('statement "Logs"');
    expect(statementLabel({ ...st, sid: undefined }, 0)).toBe('statement #1');
    expect(statementLabel({ ...st, sid: '' }, 2)).toBe('statement #3');
  });
});

describe('IAM documents', () => {
  const m = model({
    aws_iam_role: {
      r: {
        assume_role_policy: DOC,
        inline_policy: [
          { name: 'read', policy: DOC },
          { policy: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' },
          { name: 'empty', policy: '' },
          { name: 'null', policy: null },
          { name: 'unset' },
        ],
      },
      bare: {},
    },
    aws_iam_policy: { p: { policy: DOC }, none: {} },
  });
  const r = (a: string) => m.byAddress(a)!;

  it('are the inline policies of a role (named or by index; empty ones skipped), or a policy attribute', () => {
    expect(iamDocumentsOf(m, r('aws_iam_role.r')).map((d) => d.attribute)).toEqual([
      'inline_policy "read".policy',
      'inline_policy[1].policy',
    ]);
    expect(iamDocumentsOf(m, r('aws_iam_role.bare'))).toEqual([]);
    expect(iamDocumentsOf(m, r('aws_iam_policy.p')).map((d) => [d.attribute, d.document.kind])).toEqual([
      ['policy', 'document'],
    ]);
    expect(iamDocumentsOf(m, r('aws_iam_policy.none'))).toEqual([]);
  });

  it('judgeAllowStatements: not applicable without a policy; unresolved, invalid and failing statements each reported', () => {
    const wild = (st: Statement) => (st.actions.includes('*') ? ['allows every action'] : []);
    expect(judgeAllowStatements(m, r('aws_iam_policy.none'), wild)).toEqual({
      outcome: 'not-applicable',
      message: 'the resource carries no permissions policy',
    });
    expect(judgeAllowStatements(m, r('aws_iam_role.r'), wild)).toEqual([
      {
        outcome: 'non-compliant',
        message: 'inline_policy[1].policy statement #1 allows every action',
        attribute: 'inline_policy[1].policy',
      },
    ]);
    expect(judgeAllowStatements(m, r('aws_iam_policy.p'), wild)).toEqual({
      outcome: 'compliant',
      message: undefined,
    });
    const odd = model({
      aws_iam_policy: {
        bad: { policy: 'nope' },
        open: { policy: '${var.p}' },
        deny: { policy: '{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}' },
      },
    });
    expect(judgeAllowStatements(odd, odd.byAddress('aws_iam_policy.bad')!, wild)).toEqual([
      { outcome: 'non-compliant', message: 'policy is not valid JSON', attribute: 'policy' },
    ]);
    expect(judgeAllowStatements(odd, odd.byAddress('aws_iam_policy.open')!, wild)).toEqual([
      expect.objectContaining({ outcome: 'unresolved', attribute: 'policy' }),
    ]);
    expect(judgeAllowStatements(odd, odd.byAddress('aws_iam_policy.deny')!, wild)).toEqual({
      outcome: 'compliant',
      message: undefined,
    });
  });
});

describe('ARN patterns and literal replacement', () => {
  it('match ARNs case-sensitively, with * and ?, every other character literally', () => {
    expect(arnPatternMatches('arn:aws:s3:::b/*', 'arn:aws:s3:::b/key')).toBe(true);
    expect(arnPatternMatches('arn:aws:s3:::b/*', 'arn:aws:s3:::B/key')).toBe(false);
    expect(arnPatternMatches('arn:aws:s3:::my.bucket', 'arn:aws:s3:::myxbucket')).toBe(false);
    expect(arnPatternMatches('arn:aws:s3:::b?', 'arn:aws:s3:::b1')).toBe(true);
  });

  it('replace every occurrence of a literal text, and nothing for an empty one', () => {
    expect(replaceAllLiteral('a.b.a', 'a', 'x')).toBe('x.b.x');
    expect(replaceAllLiteral('a.b', '.', '*')).toBe('a*b');
    expect(replaceAllLiteral('abc', '', 'x')).toBe('abc');
  });
});

describe('LambdaTracingActive', () => {
  const run = (config: Record<string, unknown>, tracing = true) =>
    judge(LambdaTracingActive, 'aws_lambda_function.f', {
      resource: { aws_lambda_function: { f: config } },
      policy: paymentsPolicy({ today: '2026-11-28', tracing }),
    });

  it('accepts mode Active, written as a block object or a list', () => {
    expect(run({ tracing_config: { mode: 'Active' } })).toEqual([
      { outcome: 'compliant', message: undefined },
    ]);
    expect(run({ tracing_config: [{ mode: 'Active' }] })).toEqual([
      { outcome: 'compliant', message: undefined },
    ]);
  });

  it('rejects PassThrough and an unset mode, saying which', () => {
    expect(run({ tracing_config: { mode: 'PassThrough' } })).toEqual([
      {
        outcome: 'non-compliant',
        message: 'tracing_config.mode is "PassThrough"; it must be "Active"',
        attribute: 'tracing_config.mode',
      },
    ]);
    expect(run({})).toEqual([
      {
        outcome: 'non-compliant',
        message: 'tracing_config.mode is not set (PassThrough); it must be "Active"',
        attribute: 'tracing_config.mode',
      },
    ]);
  });

  it('cannot judge an expression, and does not apply when the policy does not require tracing', () => {
    expect(run({ tracing_config: { mode: '${var.mode}' } })).toEqual([
      expect.objectContaining({ outcome: 'unresolved', attribute: 'tracing_config.mode' }),
    ]);
    expect(run({}, false)).toEqual([
      { outcome: 'not-applicable', message: 'the policy does not require tracing' },
    ]);
  });
});

describe('LogGroupRetentionOneYear', () => {
  const run = (retention: unknown) =>
    judge(LogGroupRetentionOneYear, 'aws_cloudwatch_log_group.g', {
      resource: {
        aws_cloudwatch_log_group: { g: retention === undefined ? {} : { retention_in_days: retention } },
      },
    });
  const ok = [{ outcome: 'compliant', message: undefined }];

  it('accepts 365 days or more, 0 and unset (never expire)', () => {
    expect(run(365)).toEqual(ok);
    expect(run(3653)).toEqual(ok);
    expect(run(0)).toEqual(ok);
    expect(run(undefined)).toEqual(ok);
  });

  it('rejects less than a year and non-numbers, saying the value', () => {
    expect(run(364)).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'retention_in_days is 364, less than 365, and no archive keeps the events 365 days: no aws_cloudwatch_log_subscription_filter sends the group to an archive',
        attribute: 'retention_in_days',
      },
    ]);
    expect(run(90)).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'retention_in_days is 90, less than 365, and no archive keeps the events 365 days: no aws_cloudwatch_log_subscription_filter sends the group to an archive',
        attribute: 'retention_in_days',
      },
    ]);
    expect(run('forever')).toEqual([
      {
        outcome: 'non-compliant',
        message: 'retention_in_days is "forever", not a number',
        attribute: 'retention_in_days',
      },
    ]);
    expect(run('${var.days}')).toEqual([
      expect.objectContaining({ outcome: 'unresolved', attribute: 'retention_in_days' }),
    ]);
  });
});

describe('synthOrExit', () => {
  const HEADER = 'Validation failed with the following errors:';

  it('gateFailureLines: the bracketed lines after the validation header, trimmed; other errors are not the gate', () => {
    const err = new Error(
      `${HEADER}\n  [stack/a] aws_x.a [R] wrong. Fix: f\n  not a line\n\t[stack/b] aws_x.b [R] wrong. Fix: f  \n`,
    );
    expect(gateFailureLines(err)).toEqual([
      '[stack/a] aws_x.a [R] wrong. Fix: f',
      '[stack/b] aws_x.b [R] wrong. Fix: f',
    ]);
    expect(gateFailureLines(`prefix [ignored]\n${HEADER}\n[x] y`)).toEqual(['[x] y']);
    expect(gateFailureLines(new Error('disk full'))).toBeUndefined();
    expect(gateFailureLines(`${HEADER}`)).toEqual([]);
  });

  function fakeApp(outdir: string, error?: unknown): App {
    return {
      outdir,
      synth: () => {
        if (error !== undefined) throw error;
      },
    } as unknown as App;
  }

  it('synthesizes; a refusal prints its lines and where the reports are, then exits 1', () => {
    const written: string[] = [];
    const out = { write: (s: string) => written.push(s) } as unknown as NodeJS.WritableStream;
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    try {
      synthOrExit(fakeApp('cdktf.out'), out);
      expect(written).toEqual([]);
      expect(exit).not.toHaveBeenCalled();

      synthOrExit(
        fakeApp(
          'cdktf.out',
          new Error(`${HEADER}\n  [s/a] aws_x.a [R] wrong. Fix: f\n  [s/b] aws_x.b [R] bad. Fix: g`),
        ),
        out,
      );
      expect(exit).toHaveBeenCalledWith(1);
      expect(written.join('')).toBe(
        [
          'compliance gate: synthesis refused, 2 problem(s). Each line: [construct path] address [rule] what is wrong. Fix: how.',
          '  [s/a] aws_x.a [R] wrong. Fix: f',
          '  [s/b] aws_x.b [R] bad. Fix: g',
          'Reports (JSON, SARIF): cdktf.out/compliance/',
          '',
        ].join('\n'),
      );

      written.length = 0;
      synthOrExit(fakeApp('/elsewhere/out', new Error(`${HEADER}\n[s/a] x`)), out);
      expect(written.join('')).toContain('Reports (JSON, SARIF): /elsewhere/out/compliance/\n');
    } finally {
      exit.mockRestore();
    }
  });

  it('rethrows any other error unchanged', () => {
    const boom = new Error('disk full');
    expect(() =>
      synthOrExit(fakeApp('cdktf.out', boom), { write: () => true } as unknown as NodeJS.WritableStream),
    ).toThrow(boom);
  });

  it('writes to stderr by default', () => {
    const app = new App({ outdir: os.tmpdir() });
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      synthOrExit(app);
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });
});
