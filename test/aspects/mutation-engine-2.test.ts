/**
 * Direct tests of the engine, second round (after mutation-engine.test.ts and mutation-values.test.ts):
 * the laws StrykerJS found unchecked. Every model, evaluation and report is built inside its test, and
 * the reference patterns and `strList` (module-level constants of values.ts) are read from a copy of
 * the module loaded inside the test: code that runs at describe time or at import is not attributed to
 * any test, so a mutant there could survive a test that would fail on it.
 *
 * - model: data sources are not listed by type; provider entries that are not objects, and aliases,
 *   do not overwrite the default provider's `default_tags`; a metadata path that is not a string.
 * - evaluate: which suppression counts as used when several reach one finding.
 * - suppression expiry: exactly `YYYY-MM-DD`, even where `Date.parse` is lenient.
 * - report: a failing result without a message keeps its place in `messages`.
 * - values: Terraform reference syntax (whole-value and embedded), policy statement lists, and a `*`
 *   in the pattern against a `*` in the value.
 */
import type { SuppressionSite } from '../../aspects/core/evaluate';
import { evaluate, suppressionTextProblems } from '../../aspects/core/evaluate';
import { TfModel } from '../../aspects/core/model';
import { buildJsonReport } from '../../aspects/core/report';
import type { Rule, RuleResult } from '../../aspects/core/rule';
import { compliant, defineRule, nonCompliant } from '../../aspects/core/rule';
import type * as Values from '../../aspects/core/values';
import type * as Model from '../../aspects/core/model';
import { wildcardMatches } from '../../aspects/core/values';
import { paymentsPolicy } from '../../aspects/core/policy';

const TODAY = '2026-11-28';

/** A stub rule answering `answer(resource name)` for the given types. */
function stubRule(
  id: string,
  appliesTo: Rule['appliesTo'],
  answer: (name: string) => RuleResult | readonly RuleResult[],
): Rule {
  return defineRule({
    id,
    description: `${id} holds.`,
    fix: `fix ${id}`,
    severity: 'high',
    controls: {},
    appliesTo,
    evaluate: (r) => answer(r.name),
  });
}

const meta = (path: string) => ({ '//': { metadata: { path } } });

const site = (ruleId: string, ownerPath: string, over: Record<string, string> = {}): SuppressionSite => ({
  suppression: {
    ruleId,
    reason: 'The archive keeps these logs for a year, so this is accepted.',
    expires: '2027-01-31',
    ...over,
  },
  ownerPath,
});

/** A copy of values.ts (and the model.ts it imports) loaded now, inside the calling test. */
function freshValues(): { values: typeof Values; model: typeof Model } {
  let loaded: { values: typeof Values; model: typeof Model } | undefined;
  jest.isolateModules(() => {
    loaded = {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      values: require('../../aspects/core/values') as typeof Values,
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      model: require('../../aspects/core/model') as typeof Model,
    };
  });
  return loaded!;
}

// ------------------------------------------------------------------------------------------ model

describe('TfModel', () => {
  it('lists only managed resources by type: a data source of the same type is found by address only', () => {
    const m = new TfModel({
      resource: { aws_sns_topic: { a: {} } },
      data: { aws_sns_topic: { existing: {} } },
    });
    expect(m.ofType('aws_sns_topic').map((r) => r.address)).toEqual(['aws_sns_topic.a']);
    expect(m.byAddress('data.aws_sns_topic.existing')?.mode).toBe('data');
  });

  it('keeps the default_tags of each provider configuration apart; entries that are not objects are skipped', () => {
    const m = new TfModel({
      resource: {
        aws_sns_topic: { plain: {}, eu: { provider: 'aws.eu' }, bare: { provider: 'aws.bare' } },
      },
      provider: {
        aws: [
          { region: 'us-east-1', default_tags: { tags: { Team: 'ledger' } } },
          { alias: 'eu', region: 'eu-west-1', default_tags: [{ tags: { Team: 'eu' } }] },
          { alias: 'bare', region: 'eu-central-1' },
          'junk',
          null,
        ],
      },
    });
    const tagsOf = (name: string) => m.defaultTagsFor(m.byAddress(`aws_sns_topic.${name}`)!);
    expect(tagsOf('plain')).toEqual({ Team: 'ledger' });
    expect(tagsOf('eu')).toEqual({ Team: 'eu' });
    expect(tagsOf('bare')).toEqual({});
  });

  it('a provider alias is addressed as aws.<alias>, never as the alias alone', () => {
    const m = new TfModel({
      resource: { aws_sns_topic: { eu: { provider: 'eu' } } },
      provider: { aws: { alias: 'eu', default_tags: { tags: { Team: 'eu' } } } },
    });
    expect(m.defaultTagsFor(m.byAddress('aws_sns_topic.eu')!)).toEqual({});
  });

  it('uses the address as the path when the metadata has no string path', () => {
    const m = new TfModel({
      resource: {
        aws_sns_topic: {
          none: { '//': { metadata: {} } },
          numeric: { '//': { metadata: { path: 7 } } },
          named: meta('stack/named'),
        },
      },
    });
    expect(m.resources.map((r) => r.path)).toEqual([
      'aws_sns_topic.none',
      'aws_sns_topic.numeric',
      'stack/named',
    ]);
    // the path decides the scope: a resource without one is judged under its address
    const scoped = new TfModel(
      { resource: { aws_sns_topic: { none: { '//': { metadata: {} } } } } },
      { scopePaths: ['aws_sns_topic.none'] },
    );
    expect(scoped.inScope(scoped.resources[0])).toBe(true);
  });
});

// --------------------------------------------------------------------------------------- evaluate

describe('evaluate: which suppressions count as used', () => {
  const json = () => ({
    resource: {
      aws_sns_topic: { bad: meta('s/bad') },
      aws_s3_bucket: { b: meta('s/b') },
    },
  });
  const rules = () => [
    stubRule('TopicRule', ['aws_sns_topic'], () => nonCompliant('bad topic', 'kms')),
    stubRule('BucketRule', ['aws_s3_bucket'], () => compliant()),
  ];

  it('an invalid suppression ahead of a valid one: the valid one silences the finding and is used', () => {
    const expired = site('TopicRule', 's', { expires: '2026-01-01' });
    const valid = site('TopicRule', 's/bad');
    const ev = evaluate(new TfModel(json()), paymentsPolicy({ today: TODAY }), rules(), {
      suppressionsFor: (r) => (r.name === 'bad' ? [expired, valid] : []),
      allSuppressions: [expired, valid],
    });
    expect(ev.violations).toEqual([]);
    expect(ev.findings.find((f) => f.resource.name === 'bad')?.suppressedBy).toBe(valid);
    // only the expired one is reported, for its date; the valid one is not "unused"
    expect(ev.suppressionProblems).toEqual([
      {
        site: expired,
        problem:
          'expired on 2026-01-01: review the exception and renew it with a new date, or fix the finding',
      },
    ]);
  });

  it('a violation does not use a suppression of another rule that reaches the same resource', () => {
    const other = site('BucketRule', 's');
    const ev = evaluate(new TfModel(json()), paymentsPolicy({ today: TODAY }), rules(), {
      suppressionsFor: (r) => (r.name === 'bad' ? [other] : []),
      allSuppressions: [other],
    });
    expect(ev.violations.map((f) => f.resource.address)).toEqual(['aws_sns_topic.bad']);
    expect(ev.suppressionProblems).toEqual([
      {
        site: other,
        problem:
          'matches no finding of rule BucketRule under this scope: remove it (a stale exception hides future findings)',
      },
    ]);
  });
});

describe('suppressionTextProblems: expiry', () => {
  it('wants exactly YYYY-MM-DD, also where Date.parse is lenient (an expanded year, a note after the date)', () => {
    const problems = (expires: string) =>
      suppressionTextProblems(
        { ...site('TopicRule', 's').suppression, expires },
        TODAY,
        new Set(['TopicRule']),
      );
    // Both parse to 2027-01-31 in V8 (an unclosed `(` starts a comment to the end), so only the
    // pattern rejects them.
    expect(Number.isNaN(Date.parse('+002027-01-31T00:00:00Z'))).toBe(false);
    expect(Number.isNaN(Date.parse('2027-01-31 (renewed by PAY-42T00:00:00Z'))).toBe(false);
    expect(problems('+002027-01-31')).toEqual([
      'has expiry "+002027-01-31", which is not an ISO date (YYYY-MM-DD)',
    ]);
    expect(problems('2027-01-31 (renewed by PAY-42')).toEqual([
      'has expiry "2027-01-31 (renewed by PAY-42", which is not an ISO date (YYYY-MM-DD)',
    ]);
    expect(problems('2027-01-31')).toEqual([]);
  });
});

// ----------------------------------------------------------------------------------------- report

describe('JSON report', () => {
  it('keeps one entry in messages per failing result, an empty one when the rule gave no message', () => {
    const silent = stubRule('Silent', ['aws_s3_bucket'], () => [
      { outcome: 'non-compliant' },
      nonCompliant('second'),
      compliant(),
    ]);
    const model = new TfModel({ resource: { aws_s3_bucket: { b: meta('s/b') } } });
    const policy = paymentsPolicy({ today: TODAY });
    const report = buildJsonReport('s', policy, evaluate(model, policy, [silent]));
    expect(report.resources[0].results['Silent']).toEqual({
      outcome: 'non-compliant',
      messages: ['', 'second'],
    });
  });
});

// ----------------------------------------------------------------------------------------- values

describe('Terraform references (patterns compiled inside the test)', () => {
  it('a whole value is a reference only from ${ to }, to a resource or data source, with its attribute path', () => {
    const { referenceOf } = freshValues().values;
    expect(referenceOf('${aws_kms_key.logs.arn}')).toEqual({
      address: 'aws_kms_key.logs',
      type: 'aws_kms_key',
      mode: 'managed',
      attribute: 'arn',
    });
    expect(referenceOf('${data.aws_iam_policy_document.tls_only.json}')).toEqual({
      address: 'data.aws_iam_policy_document.tls_only',
      type: 'aws_iam_policy_document',
      mode: 'data',
      attribute: 'json',
    });
    // names: letters, digits, underscores and dashes; types: lower case, digits, underscores
    expect(referenceOf('${aws_lambda_function.pay-api_2.arn}')?.address).toBe(
      'aws_lambda_function.pay-api_2',
    );
    expect(referenceOf('${aws_s3_bucket._archive.id}')?.address).toBe('aws_s3_bucket._archive');
    expect(referenceOf('${aws_kms_key.k}')?.attribute).toBe('');
    expect(referenceOf('${aws_s3_bucket.b.tags.Name}')?.attribute).toBe('tags.Name');
    expect(referenceOf('${aws_subnet.private[0].id}')?.attribute).toBe('[0].id');
    expect(referenceOf('${aws_subnet.private[10].id}')?.attribute).toBe('[10].id');
    // not a reference: text around it, a type not starting with a letter, an index that is not a number
    expect(referenceOf('prefix-${aws_kms_key.k.arn}')).toBeUndefined();
    expect(referenceOf('${aws_s3_bucket.b.arn}/*')).toBeUndefined();
    expect(referenceOf('${aws_kms_key.k.arn}suffix')).toBeUndefined();
    expect(referenceOf('${1aws.x.y}')).toBeUndefined();
    expect(referenceOf('${aws_kms_key.1k.arn}')).toBeUndefined();
    expect(referenceOf('${aws_subnet.private[a].id}')).toBeUndefined();
    expect(referenceOf('${var.key_arn}')).toBeUndefined();
  });

  it('references embedded in text are found with their attribute paths', () => {
    const { referencesIn } = freshValues().values;
    const found = referencesIn(
      'arn:${aws_s3_bucket.logs.arn}/*,${aws_kms_key.k},${aws_s3_bucket.b.tags.Name},' +
        '${aws_subnet.private[10].id}:${aws_subnet.private[0].id},${data.aws_partition.current.partition}',
    );
    expect(found.map((r) => [r.address, r.mode, r.attribute])).toEqual([
      ['aws_s3_bucket.logs', 'managed', 'arn'],
      ['aws_kms_key.k', 'managed', ''],
      ['aws_s3_bucket.b', 'managed', 'tags.Name'],
      ['aws_subnet.private', 'managed', '[10].id'],
      ['aws_subnet.private', 'managed', '[0].id'],
      ['data.aws_partition.current', 'data', 'partition'],
    ]);
    expect(referencesIn('${1aws.x.y} ${aws_kms_key.1k.arn} ${aws_subnet.a[b].id} ${var.x.y}')).toEqual([]);
    expect(referencesIn('${aws_lambda_function.pay-api_2.arn}').map((r) => r.address)).toEqual([
      'aws_lambda_function.pay-api_2',
    ]);
  });
});

describe('policy documents (statement lists read inside the test)', () => {
  it('reads Action, Resource and principals given as a string or a list, from JSON or from a data source', () => {
    const { values, model } = freshValues();
    const m = new model.TfModel({
      data: {
        aws_iam_policy_document: {
          p: {
            statement: {
              effect: 'Allow',
              actions: ['sns:Publish', 7],
              resources: ['${aws_sns_topic.t.arn}'],
              principals: { type: 'Service', identifiers: 'events.amazonaws.com' },
            },
          },
        },
      },
    });
    const json = values.policyDocument(
      m,
      JSON.stringify({
        Statement: {
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          NotAction: ['kms:Delete*'],
          Resource: '*',
          NotResource: 'arn:aws:kms:us-east-1:1:key/x',
          Principal: { AWS: 'arn:aws:iam::1:root' },
        },
      }),
    );
    expect(json.kind === 'document' && json.statements[0]).toMatchObject({
      actions: ['kms:Decrypt'],
      notActions: ['kms:Delete*'],
      resources: ['*'],
      notResources: ['arn:aws:kms:us-east-1:1:key/x'],
      principals: { AWS: ['arn:aws:iam::1:root'] },
    });
    const data = values.policyDocument(m, '${data.aws_iam_policy_document.p.json}');
    expect(data.kind === 'document' && data.statements[0]).toMatchObject({
      actions: ['sns:Publish'],
      resources: ['${aws_sns_topic.t.arn}'],
      principals: { Service: ['events.amazonaws.com'] },
      notActions: [],
    });
  });
});

describe('wildcardMatches: a * in the value', () => {
  it('a pattern * covers a value * followed by more text (b/* covers b/*.log)', () => {
    expect(wildcardMatches('arn:aws:s3:::b/*', 'arn:aws:s3:::b/*.log')).toBe(true);
    expect(wildcardMatches('arn:aws:s3:::b/*', 'arn:aws:s3:::b/*/*')).toBe(true);
    expect(wildcardMatches('*', '**')).toBe(true);
    expect(wildcardMatches('arn:aws:s3:::b/*.log', 'arn:aws:s3:::b/*')).toBe(false);
  });
});
