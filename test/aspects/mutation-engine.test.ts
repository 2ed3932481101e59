/**
 * Direct tests of the engine (aspects/engine/model.ts, evaluate.ts, report.ts) with hand-written
 * configurations and stub rules, so each law is stated once and independently of any real rule: what
 * the model indexes, how findings become violations, how suppressions are matched and judged, and what
 * exactly the JSON report and the SARIF log contain. Written where mutation testing found them only
 * exercised indirectly (npm run mutation).
 */
import type { SuppressionSite } from '../../aspects/core/evaluate';
import {
  evaluate,
  isoToday,
  suppressionProblemLine,
  suppressionTextProblems,
  violationLine,
  violationMessage,
} from '../../aspects/core/evaluate';
import { TfModel, asArray, blocks, firstBlock, isObject } from '../../aspects/core/model';
import {
  buildJsonReport,
  buildSarif,
  formatJsonReport,
  TOOL_NAME,
  TOOL_VERSION,
} from '../../aspects/core/report';
import type { Rule, RuleResult } from '../../aspects/core/rule';
import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../../aspects/core/rule';
import { paymentsPolicy } from '../../aspects/core/policy';

const TODAY = '2026-11-28';
const policy = paymentsPolicy({ today: TODAY });

/** A stub rule answering `answer(resource)` for the given types. */
function stubRule(
  id: string,
  appliesTo: Rule['appliesTo'],
  answer: (name: string) => RuleResult | readonly RuleResult[],
  over: Partial<Rule> = {},
): Rule {
  return defineRule({
    id,
    description: `${id} holds.`,
    fix: `fix ${id}`,
    severity: 'high',
    controls: { pciDss: ['10.2.1'] },
    appliesTo,
    evaluate: (r) => answer(r.name),
    ...over,
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

// ------------------------------------------------------------------------------------------ model

describe('TfModel', () => {
  const json = {
    resource: {
      aws_sns_topic: {
        a: { name: 'a', ...meta('stack/a') },
        b: { name: 'b', '//': { metadata: {} } },
      },
      aws_s3_bucket: { c: { '//': 'not-an-object' } },
    },
    data: { aws_sns_topic: { d: { name: 'd' } } },
    provider: {
      aws: [
        { region: 'us-east-1', default_tags: [{ tags: { Team: 'ledger' } }] },
        { alias: 'eu', region: 'eu-west-1', default_tags: { tags: { Team: 'eu' } } },
        { alias: 'bare' },
        'junk',
      ],
    },
  };
  const m = new TfModel(json, { taggableTypes: ['aws_sns_topic'] });

  it('indexes managed resources by type and every resource by address, metadata removed', () => {
    expect(m.resources.map((r) => r.address)).toEqual([
      'aws_sns_topic.a',
      'aws_sns_topic.b',
      'aws_s3_bucket.c',
    ]);
    expect(m.dataSources.map((r) => r.address)).toEqual(['data.aws_sns_topic.d']);
    expect(m.ofType('aws_sns_topic').map((r) => r.name)).toEqual(['a', 'b']);
    expect(m.ofType('aws_missing')).toEqual([]);
    expect(m.byAddress('data.aws_sns_topic.d')).toMatchObject({
      mode: 'data',
      type: 'aws_sns_topic',
      name: 'd',
    });
    expect(m.byAddress('aws_sns_topic.a')?.config).toEqual({ name: 'a' });
    expect(m.taggableTypes.has('aws_sns_topic')).toBe(true);
    expect(new TfModel({}).resources).toEqual([]);
    expect(new TfModel({}).taggableTypes.size).toBe(0);
  });

  it('takes the construct path from the metadata, else uses the address', () => {
    expect(m.byAddress('aws_sns_topic.a')?.path).toBe('stack/a');
    expect(m.byAddress('aws_sns_topic.b')?.path).toBe('aws_sns_topic.b');
    expect(m.byAddress('aws_s3_bucket.c')?.path).toBe('aws_s3_bucket.c');
  });

  it('finds the default_tags of the provider a resource uses (default or alias)', () => {
    const r = (provider?: string) => ({
      type: 't',
      name: 'n',
      address: 't.n',
      path: 'p',
      mode: 'managed' as const,
      config: provider ? { provider } : {},
    });
    expect(m.defaultTagsFor(r())).toEqual({ Team: 'ledger' });
    expect(m.defaultTagsFor(r('aws.eu'))).toEqual({ Team: 'eu' });
    expect(m.defaultTagsFor(r('aws.bare'))).toEqual({});
    expect(m.defaultTagsFor(r('aws.missing'))).toEqual({});
    expect(m.defaultTagsFor({ ...r(), config: { provider: 42 } })).toEqual({ Team: 'ledger' });
  });

  it('judges only resources under the scope paths (the path itself or below it)', () => {
    const scoped = new TfModel(json, { scopePaths: ['stack/a', 'other'] });
    const a = scoped.byAddress('aws_sns_topic.a')!;
    expect(scoped.inScope(a)).toBe(true);
    expect(scoped.inScope({ ...a, path: 'stack/a/child' })).toBe(true);
    expect(scoped.inScope({ ...a, path: 'stack/ab' })).toBe(false);
    expect(scoped.inScope({ ...a, path: 'other' })).toBe(true);
    expect(m.inScope({ ...a, path: 'anything' })).toBe(true);
  });

  it('computes a memo once per key', () => {
    let calls = 0;
    const f = () => ++calls;
    expect(m.memo('k1', f)).toBe(1);
    expect(m.memo('k1', f)).toBe(1);
    expect(m.memo('k2', f)).toBe(2);
    expect(m.memo('undef', () => undefined)).toBeUndefined();
    expect(m.memo('undef', () => 'second')).toBeUndefined();
  });

  it('reads blocks written as objects (CDKTF) or arrays (plans)', () => {
    expect(isObject({})).toBe(true);
    expect(isObject(null)).toBe(false);
    expect(isObject([])).toBe(false);
    expect(asArray(undefined)).toEqual([]);
    expect(asArray(null)).toEqual([]);
    expect(asArray(1)).toEqual([1]);
    expect(asArray([1, 2])).toEqual([1, 2]);
    expect(firstBlock({ a: 1 })).toEqual({ a: 1 });
    expect(firstBlock([{ a: 1 }, { a: 2 }])).toEqual({ a: 1 });
    expect(firstBlock(['x'])).toBeUndefined();
    expect(firstBlock(undefined)).toBeUndefined();
    expect(blocks([{ a: 1 }, 'x', null, { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(blocks({ a: 1 })).toEqual([{ a: 1 }]);
  });
});

// --------------------------------------------------------------------------------------- evaluate

describe('evaluate', () => {
  const json = {
    resource: {
      aws_sns_topic: { ok: meta('s/ok'), bad: meta('s/bad'), open: meta('s/open') },
      aws_s3_bucket: { b: meta('s/b') },
    },
  };
  const topicRule = stubRule('TopicRule', ['aws_sns_topic'], (n) =>
    n === 'ok' ? compliant() : n === 'bad' ? nonCompliant('bad topic', 'kms') : unresolved('kms', '${var.k}'),
  );
  const tagRule = stubRule('TagRule', 'taggable', () => [compliant(), notApplicable('n/a')]);

  it('runs the rules of each type (and taggable rules on taggable types), in configuration order', () => {
    const ev = evaluate(new TfModel(json, { taggableTypes: ['aws_s3_bucket'] }), policy, [
      topicRule,
      tagRule,
    ]);
    expect(ev.findings.map((f) => `${f.resource.name}:${f.rule.id}:${f.outcome}`)).toEqual([
      'ok:TopicRule:compliant',
      'bad:TopicRule:non-compliant',
      'open:TopicRule:unresolved',
      'b:TagRule:compliant',
      'b:TagRule:not-applicable',
    ]);
    expect(ev.violations.map((f) => f.resource.name)).toEqual(['bad', 'open']);
    expect(ev.resources.map((r) => r.name)).toEqual(['ok', 'bad', 'open', 'b']);
    expect(ev.findings[1]).toMatchObject({ message: 'bad topic', attribute: 'kms', suppressedBy: undefined });
    expect(ev.suppressionProblems).toEqual([]);
  });

  it('judges only resources in scope', () => {
    const ev = evaluate(new TfModel(json, { scopePaths: ['s/ok'] }), policy, [topicRule]);
    expect(ev.resources.map((r) => r.name)).toEqual(['ok']);
    expect(ev.violations).toEqual([]);
  });

  it('fails loudly when a rule answers nothing', () => {
    const silent = stubRule('Silent', ['aws_s3_bucket'], () => []);
    expect(() => evaluate(new TfModel(json), policy, [silent])).toThrow(
      '[compliance/RuleBroken] rule Silent returned no result for aws_s3_bucket.b',
    );
  });

  it('lets a valid suppression of the same rule on the resource or above it silence a violation', () => {
    const good = site('TopicRule', 's');
    const other = site('TagRule', 's');
    const ev = evaluate(new TfModel(json), policy, [topicRule, tagRule], {
      suppressionsFor: (r) => (r.name === 'bad' ? [other, good] : []),
      allSuppressions: [other, good],
    });
    expect(ev.violations.map((f) => f.resource.name)).toEqual(['open']);
    expect(ev.findings.find((f) => f.resource.name === 'bad')?.suppressedBy).toBe(good);
    // the TagRule suppression matched nothing: it is reported as unused
    expect(ev.suppressionProblems).toEqual([
      {
        site: other,
        problem:
          'matches no finding of rule TagRule under this scope: remove it (a stale exception hides future findings)',
      },
    ]);
  });

  it('never lets an invalid suppression silence anything, and reports it once (not also as unused)', () => {
    const expired = site('TopicRule', 's', { expires: '2026-01-01' });
    const ev = evaluate(new TfModel(json), policy, [topicRule], {
      suppressionsFor: (r) => (r.name === 'bad' ? [expired] : []),
      allSuppressions: [expired],
    });
    expect(ev.violations.map((f) => f.resource.name)).toEqual(['bad', 'open']);
    expect(ev.findings.find((f) => f.resource.name === 'bad')?.suppressedBy).toBeUndefined();
    expect(ev.suppressionProblems.map((p) => p.problem)).toEqual([
      'expired on 2026-01-01: review the exception and renew it with a new date, or fix the finding',
    ]);
  });

  it('does not use a suppression on compliant findings (it stays unused)', () => {
    const s = site('TopicRule', 's');
    const ev = evaluate(new TfModel(json), policy, [topicRule], {
      suppressionsFor: (r) => (r.name === 'ok' ? [s] : []),
      allSuppressions: [s],
    });
    expect(ev.suppressionProblems.map((p) => p.site)).toEqual([s]);
  });

  it('uses today from the policy, else the current UTC date', () => {
    const s = site('TopicRule', 's', { expires: '2026-11-27' });
    const opts = { suppressionsFor: () => [s], allSuppressions: [s] };
    const valid = evaluate(new TfModel(json), paymentsPolicy({ today: '2026-11-27' }), [topicRule], opts);
    expect([valid.violations.length, valid.suppressionProblems.length]).toEqual([0, 0]);
    expect(
      evaluate(new TfModel(json), paymentsPolicy({ today: '2026-11-28' }), [topicRule], opts)
        .suppressionProblems[0].problem,
    ).toMatch(/^expired on 2026-11-27/);
    expect(isoToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(isoToday()).toBe(new Date().toISOString().slice(0, 10));
    const far = site('TopicRule', 's', { expires: '2999-12-31' });
    const noToday = { ...policy, today: undefined };
    expect(
      evaluate(new TfModel(json), noToday, [topicRule], {
        suppressionsFor: () => [far],
        allSuppressions: [far],
      }).suppressionProblems,
    ).toEqual([]);
  });
});

describe('suppressionTextProblems', () => {
  const known = new Set(['TopicRule']);
  const problems = (over: Record<string, string | undefined>) =>
    suppressionTextProblems({ ...site('TopicRule', 's').suppression, ...over } as never, TODAY, known);

  it('accepts a known rule, a sentence of reason and a future ISO date (today included)', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ expires: TODAY })).toEqual([]);
  });

  it('names an unknown rule', () => {
    expect(problems({ ruleId: 'Nope' })).toEqual([
      `names rule "Nope", which is not in the policy's catalogue`,
    ]);
  });

  it('wants at least 20 characters and four words of reason, surrounding blanks not counted', () => {
    const missing =
      'has no written reason: give at least one full sentence saying why the finding is accepted';
    expect(problems({ reason: 'Too short to count.' })).toEqual([missing]);
    expect(problems({ reason: 'Averyveryverylongsingleword' })).toEqual([missing]);
    expect(problems({ reason: 'three words only-here' })).toEqual([missing]);
    expect(problems({ reason: '   accepted   for   now   ' })).toEqual([missing]);
    expect(problems({ reason: 'Four words are enough' })).toEqual([]);
    expect(problems({ reason: 'accepted\tfor a while' })).toEqual([]);
    expect(problems({ reason: undefined })).toEqual([missing]);
  });

  it('wants an ISO date, then one not in the past', () => {
    expect(problems({ expires: '2027-1-31' })).toEqual([
      'has expiry "2027-1-31", which is not an ISO date (YYYY-MM-DD)',
    ]);
    expect(problems({ expires: 'x2027-01-31' })).toEqual([
      'has expiry "x2027-01-31", which is not an ISO date (YYYY-MM-DD)',
    ]);
    expect(problems({ expires: '2027-01-31x' })).toEqual([
      'has expiry "2027-01-31x", which is not an ISO date (YYYY-MM-DD)',
    ]);
    expect(problems({ expires: '2027-13-45' })).toEqual([
      'has expiry "2027-13-45", which is not an ISO date (YYYY-MM-DD)',
    ]);
    expect(problems({ expires: undefined })).toEqual([
      'has expiry "undefined", which is not an ISO date (YYYY-MM-DD)',
    ]);
    expect(problems({ expires: '2026-11-27' })).toEqual([
      'expired on 2026-11-27: review the exception and renew it with a new date, or fix the finding',
    ]);
  });
});

describe('failure lines', () => {
  const m = new TfModel({ resource: { aws_sns_topic: { t: meta('stack/t') } } });
  const rule = stubRule('TopicRule', ['aws_sns_topic'], () => nonCompliant('it is wrong'));
  const [f] = evaluate(m, policy, [rule]).findings;

  it('name the path, the address, the rule, what is wrong and the fix', () => {
    expect(violationMessage(f)).toBe('aws_sns_topic.t [TopicRule] it is wrong. Fix: fix TopicRule');
    expect(violationLine(f)).toBe('[stack/t] aws_sns_topic.t [TopicRule] it is wrong. Fix: fix TopicRule');
    expect(violationMessage({ ...f, outcome: 'unresolved', message: 'x is ${var.x}' })).toBe(
      'aws_sns_topic.t [TopicRule] cannot be judged: x is ${var.x}. Fix: fix TopicRule',
    );
    expect(suppressionProblemLine({ site: site('TopicRule', 'stack'), problem: 'is bad' })).toBe(
      '[stack] [SuppressionInvalid] suppression of TopicRule is bad',
    );
  });
});

// ----------------------------------------------------------------------------------------- report

describe('reports', () => {
  const json = {
    resource: {
      aws_sns_topic: { t: meta('s/t'), u: meta('s/u') },
      aws_s3_bucket: { b: meta('s/b') },
    },
  };
  const multi = stubRule(
    'Multi',
    ['aws_sns_topic'],
    (n) => (n === 't' ? [unresolved('a', '${var.a}'), nonCompliant('worse'), compliant()] : compliant()),
    { severity: 'medium' },
  );
  const bucketRule = stubRule('BucketRule', ['aws_s3_bucket'], () => nonCompliant('bucket wrong', 'acl'), {
    severity: 'low',
    controls: {},
  });
  const sup = site('BucketRule', 's');
  const ev = evaluate(new TfModel(json), policy, [multi, bucketRule], {
    suppressionsFor: (r) => (r.name === 'b' ? [sup] : []),
    allSuppressions: [sup, site('Multi', 's/none')],
  });

  it('JSON: every judged resource with every rule judging its type, the worst outcome with the failing messages, counted', () => {
    const report = buildJsonReport('stack', policy, ev);
    expect(report.schemaVersion).toBe(2);
    expect(report.tool).toEqual({ name: TOOL_NAME, version: TOOL_VERSION });
    expect(report.stack).toBe('stack');
    expect(report.policy).toEqual({
      name: 'payments',
      requiredTags: policy.requiredTags,
      logRetentionDays: 90,
      tracing: true,
      region: 'us-east-1',
      disabledRules: [],
    });
    expect(report.passed).toBe(false);
    expect(report.resources).toEqual([
      {
        address: 'aws_sns_topic.t',
        path: 's/t',
        type: 'aws_sns_topic',
        results: {
          Multi: {
            outcome: 'non-compliant',
            messages: [
              'a is "${var.a}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
              'worse',
            ],
          },
        },
      },
      {
        address: 'aws_sns_topic.u',
        path: 's/u',
        type: 'aws_sns_topic',
        results: { Multi: 'compliant' },
      },
      {
        address: 'aws_s3_bucket.b',
        path: 's/b',
        type: 'aws_s3_bucket',
        results: {
          BucketRule: {
            outcome: 'suppressed',
            messages: ['bucket wrong'],
            suppression: { reason: sup.suppression.reason, expires: '2027-01-31', declaredOn: 's' },
          },
        },
      },
    ]);
    expect(report.summary).toEqual({
      resources: 3,
      rules: 2,
      compliant: 1,
      'non-compliant': 1,
      unresolved: 0,
      suppressed: 1,
      'not-applicable': 3,
    });
    expect(report.rules).toEqual([
      {
        id: 'Multi',
        description: 'Multi holds.',
        fix: 'fix Multi',
        severity: 'medium',
        appliesTo: ['aws_sns_topic'],
        controls: { pciDss: ['10.2.1'] },
      },
      {
        id: 'BucketRule',
        description: 'BucketRule holds.',
        fix: 'fix BucketRule',
        severity: 'low',
        appliesTo: ['aws_s3_bucket'],
        controls: {},
      },
    ]);
    expect(report.suppressionProblems).toEqual([
      '[s/none] [SuppressionInvalid] suppression of Multi matches no finding of rule Multi under this scope: remove it (a stale exception hides future findings)',
    ]);
  });

  it('JSON: an unresolved finding alone is reported unresolved; a passing evaluation passes', () => {
    const only = stubRule('Only', ['aws_s3_bucket'], () => unresolved('acl', '${var.acl}'));
    const r1 = buildJsonReport('s', policy, evaluate(new TfModel(json), policy, [only]));
    expect(r1.resources.find((r) => r.type === 'aws_s3_bucket')?.results['Only']).toEqual({
      outcome: 'unresolved',
      messages: [
        'acl is "${var.acl}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      ],
    });
    expect(r1.summary.unresolved).toBe(1);
    const ok = stubRule('Ok', ['aws_s3_bucket'], () => compliant());
    expect(buildJsonReport('s', policy, evaluate(new TfModel(json), policy, [ok])).passed).toBe(true);
    const withProblem = evaluate(new TfModel(json), policy, [ok], { allSuppressions: [site('Ok', 's')] });
    expect(buildJsonReport('s', policy, withProblem).passed).toBe(false);
  });

  it('JSON text: the head indented, one resource per line, parsed back to the same report', () => {
    const report = buildJsonReport('stack', policy, ev);
    const text = formatJsonReport(report);
    expect(JSON.parse(text)).toEqual(report);
    const lines = text.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe('  "schemaVersion": 2,');
    const start = lines.indexOf('  "resources": [');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 4).map((l) => JSON.parse(l.replace(/,$/, '')) as unknown)).toEqual(
      report.resources,
    );
    expect(lines.slice(start + 1, start + 3).every((l) => l.startsWith('    {') && l.endsWith('},'))).toBe(
      true,
    );
    expect(lines.slice(start + 3)).toEqual([`    ${JSON.stringify(report.resources[2])}`, '  ]', '}']);
    const empty = { ...report, resources: [] };
    expect(formatJsonReport(empty).endsWith('"resources": []\n}')).toBe(true);
    expect(JSON.parse(formatJsonReport(empty))).toEqual(empty);
  });

  it('SARIF: one result per failing finding, suppressed ones dismissed, rules with their controls', () => {
    const sarif = buildSarif('stack', ev, 'cdktf.out/stacks/stack/cdk.tf.json') as {
      $schema: string;
      version: string;
      runs: { tool: { driver: Record<string, unknown> }; automationDetails: unknown; results: unknown[] }[];
    };
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.automationDetails).toEqual({ id: 'compliance/stack/' });
    const location = (address: string, path: string) => [
      {
        physicalLocation: {
          artifactLocation: { uri: 'cdktf.out/stacks/stack/cdk.tf.json' },
          region: { startLine: 1 },
        },
        logicalLocations: [{ fullyQualifiedName: path, kind: 'resource', name: address }],
      },
    ];
    expect(run.results).toEqual([
      {
        ruleId: 'Multi',
        ruleIndex: 0,
        level: 'error',
        message: {
          text: 'aws_sns_topic.t (s/t): cannot be judged: a is "${var.a}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack. Fix: fix Multi',
        },
        locations: location('aws_sns_topic.t', 's/t'),
        partialFingerprints: { resourceRule: 'stack/aws_sns_topic.t/Multi' },
      },
      {
        ruleId: 'Multi',
        ruleIndex: 0,
        level: 'warning',
        message: { text: 'aws_sns_topic.t (s/t): worse. Fix: fix Multi' },
        locations: location('aws_sns_topic.t', 's/t'),
        partialFingerprints: { resourceRule: 'stack/aws_sns_topic.t/Multi' },
      },
      {
        ruleId: 'BucketRule',
        ruleIndex: 1,
        level: 'note',
        message: { text: 'aws_s3_bucket.b (s/b): bucket wrong. Fix: fix BucketRule' },
        locations: location('aws_s3_bucket.b', 's/b'),
        partialFingerprints: { resourceRule: 'stack/aws_s3_bucket.b/BucketRule' },
        suppressions: [
          {
            kind: 'inSource',
            status: 'accepted',
            justification: `${sup.suppression.reason} (expires 2027-01-31)`,
          },
        ],
      },
    ]);
    expect(run.tool.driver).toEqual({
      name: TOOL_NAME,
      version: TOOL_VERSION,
      rules: [
        {
          id: 'Multi',
          name: 'Multi',
          shortDescription: { text: 'Multi holds.' },
          fullDescription: { text: 'Multi holds.' },
          help: { text: 'Fix: fix Multi' },
          defaultConfiguration: { level: 'warning' },
          properties: {
            tags: ['security', 'compliance', 'PCI-DSS-v4.0-10.2.1'],
            'security-severity': '5.5',
            controls: { pciDss: ['10.2.1'] },
          },
        },
        {
          id: 'BucketRule',
          name: 'BucketRule',
          shortDescription: { text: 'BucketRule holds.' },
          fullDescription: { text: 'BucketRule holds.' },
          help: { text: 'Fix: fix BucketRule' },
          defaultConfiguration: { level: 'note' },
          properties: { tags: ['security', 'compliance'], 'security-severity': '3.0', controls: {} },
        },
      ],
    });
  });

  it('SARIF: severities map to levels and security-severity scores', () => {
    const rules = (['critical', 'high'] as const).map((severity) =>
      stubRule(`R${severity}`, ['aws_s3_bucket'], () => nonCompliant('x'), { severity }),
    );
    const sarif = buildSarif('s', evaluate(new TfModel(json), policy, rules), 'f') as {
      runs: {
        tool: { driver: { rules: { defaultConfiguration: unknown; properties: Record<string, unknown> }[] } };
        results: { level: string }[];
      }[];
    };
    const run = sarif.runs[0];
    expect(run.results.map((r) => r.level)).toEqual(['error', 'error']);
    expect(
      run.tool.driver.rules.map((r) => [r.defaultConfiguration, r.properties['security-severity']]),
    ).toEqual([
      [{ level: 'error' }, '9.5'],
      [{ level: 'error' }, '8.0'],
    ]);
  });
});
