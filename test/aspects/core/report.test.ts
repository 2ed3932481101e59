/**
 * aspects/core/report.ts with stub rules: exactly what the JSON report and the SARIF log contain (every
 * judged resource with the worst outcome and its messages, suppressions, counts, rules with controls,
 * severities as SARIF levels), and the JSON text layout.
 */
import { evaluate } from '../../../aspects/core/evaluate';
import { TfModel } from '../../../aspects/core/model';
import { paymentsPolicy } from '../../../aspects/core/policy';
import {
  buildJsonReport,
  buildSarif,
  formatJsonReport,
  jsonReportText,
  TOOL_NAME,
  TOOL_VERSION,
} from '../../../aspects/core/report';
import type { RuleResult } from '../../../aspects/core/rule';
import {
  compliant,
  compliantWithWarning,
  nonCompliant,
  notApplicable,
  unresolved,
} from '../../../aspects/core/rule';
import { meta, site, stubRule } from '../../support/engine-fixtures';

const TODAY = '2026-11-28';
const policy = paymentsPolicy({ today: TODAY });

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
  const ev = evaluate(new TfModel(json, { taggableTypes: [] }), policy, [multi, bucketRule], {
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
    const r1 = buildJsonReport(
      's',
      policy,
      evaluate(new TfModel(json, { taggableTypes: [] }), policy, [only]),
    );
    expect(r1.resources.find((r) => r.type === 'aws_s3_bucket')?.results['Only']).toEqual({
      outcome: 'unresolved',
      messages: [
        'acl is "${var.acl}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      ],
    });
    expect(r1.summary.unresolved).toBe(1);
    const ok = stubRule('Ok', ['aws_s3_bucket'], () => compliant());
    expect(
      buildJsonReport('s', policy, evaluate(new TfModel(json, { taggableTypes: [] }), policy, [ok])).passed,
    ).toBe(true);
    const withProblem = evaluate(new TfModel(json, { taggableTypes: [] }), policy, [ok], {
      allSuppressions: [site('Ok', 's')],
    });
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
    const sarif = buildSarif('s', evaluate(new TfModel(json, { taggableTypes: [] }), policy, rules), 'f') as {
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

describe('JSON report: messages', () => {
  it('keeps one entry in messages per failing result, an empty one when the rule gave no message', () => {
    const silent = stubRule('Silent', ['aws_s3_bucket'], () => [
      { outcome: 'non-compliant' },
      nonCompliant('second'),
      compliant(),
    ]);
    const model = new TfModel({ resource: { aws_s3_bucket: { b: meta('s/b') } } }, { taggableTypes: [] });
    const policy = paymentsPolicy({ today: TODAY });
    const report = buildJsonReport('s', policy, evaluate(model, policy, [silent]));
    expect(report.resources[0].results['Silent']).toEqual({
      outcome: 'non-compliant',
      messages: ['', 'second'],
    });
  });
});

describe('JSON report: entries of every kind, and the text jsonReportText writes', () => {
  const policy = paymentsPolicy({ today: TODAY });
  const model = new TfModel(
    {
      resource: {
        aws_sns_topic: { t: meta('s/"quoted"\\t'), u: meta('s/u') },
        aws_s3_bucket: { b: meta('s/b') },
        aws_sqs_queue: { q: meta('s/q') },
      },
    },
    { taggableTypes: [] },
  );
  const topic = (id: string, t: RuleResult | RuleResult[], u: RuleResult | RuleResult[], over = {}) =>
    stubRule(id, ['aws_sns_topic'], (n) => (n === 't' ? t : u), over);
  const rules = [
    topic('Warn', compliantWithWarning('runtime ends 2027-01-01', 'runtime'), compliant(), {
      notes: () => ['facts may be stale'],
    }),
    topic('Explained', compliant('kept by the archive'), notApplicable('no logs')),
    topic('Several', [compliant(), compliant()], [compliant(), notApplicable('why')]),
    topic(
      'Mixed',
      [compliant(), nonCompliant('then wrong')],
      [notApplicable(), compliantWithWarning('soon too')],
    ),
    stubRule('Bare', ['aws_s3_bucket'], () => ({ outcome: 'non-compliant' })),
    stubRule('Sup', ['aws_s3_bucket'], () => nonCompliant('open', 'acl')),
  ];
  const sup = site('Sup', 's');
  const ev = evaluate(model, policy, rules, {
    suppressionsFor: (r) => (r.name === 'b' ? [sup] : []),
    allSuppressions: [sup],
  });
  const expectedResources = [
    {
      address: 'aws_sns_topic.t',
      path: 's/"quoted"\\t',
      type: 'aws_sns_topic',
      results: {
        Warn: { outcome: 'compliant', warnings: ['runtime ends 2027-01-01'] },
        Explained: { outcome: 'compliant', messages: ['kept by the archive'] },
        Several: 'compliant',
        Mixed: { outcome: 'non-compliant', messages: ['then wrong'] },
      },
    },
    {
      address: 'aws_sns_topic.u',
      path: 's/u',
      type: 'aws_sns_topic',
      results: {
        Warn: 'compliant',
        Explained: 'not-applicable',
        Several: 'compliant',
        Mixed: { outcome: 'compliant', warnings: ['soon too'] },
      },
    },
    {
      address: 'aws_s3_bucket.b',
      path: 's/b',
      type: 'aws_s3_bucket',
      results: {
        Bare: { outcome: 'non-compliant', messages: [''] },
        Sup: {
          outcome: 'suppressed',
          messages: ['open'],
          suppression: { reason: sup.suppression.reason, expires: '2027-01-31', declaredOn: 's' },
        },
      },
    },
    { address: 'aws_sqs_queue.q', path: 's/q', type: 'aws_sqs_queue', results: {} },
  ];

  it('every rule of a resource has its own entry: warnings, explained compliant results, the worst of several results', () => {
    expect(buildJsonReport('stack', policy, ev).resources).toStrictEqual(expectedResources);
  });

  it('counts each (resource, rule) pair once, the rest as not-applicable; violations fail it, notes are listed', () => {
    const report = buildJsonReport('stack', policy, ev);
    expect(report.summary).toStrictEqual({
      resources: 4,
      rules: 6,
      compliant: 6,
      'non-compliant': 2,
      unresolved: 0,
      suppressed: 1,
      'not-applicable': 15,
    });
    expect(report.suppressionProblems).toEqual([]);
    expect(report.passed).toBe(false);
    expect(report.notes).toEqual(['facts may be stale']);
  });

  it('has no notes key when no rule gives a note', () => {
    const plain = evaluate(model, policy, [topic('Plain', compliant(), compliant())]);
    expect('notes' in buildJsonReport('s', policy, plain)).toBe(false);
    expect(jsonReportText('s', policy, plain)).not.toContain('"notes"');
  });

  it('jsonReportText: one line per resource, the same text as formatJsonReport(buildJsonReport(...))', () => {
    const text = jsonReportText('stack', policy, ev);
    expect(text).toBe(formatJsonReport(buildJsonReport('stack', policy, ev)));
    const lines = text.split('\n');
    const start = lines.indexOf('  "resources": [');
    expect(lines.slice(start + 1)).toEqual([
      `    {"address":"aws_sns_topic.t","path":"s/\\"quoted\\"\\\\t","type":"aws_sns_topic","results":{"Warn":{"outcome":"compliant","warnings":["runtime ends 2027-01-01"]},"Explained":{"outcome":"compliant","messages":["kept by the archive"]},"Several":"compliant","Mixed":{"outcome":"non-compliant","messages":["then wrong"]}}},`,
      `    {"address":"aws_sns_topic.u","path":"s/u","type":"aws_sns_topic","results":{"Warn":"compliant","Explained":"not-applicable","Several":"compliant","Mixed":{"outcome":"compliant","warnings":["soon too"]}}},`,
      `    {"address":"aws_s3_bucket.b","path":"s/b","type":"aws_s3_bucket","results":{"Bare":{"outcome":"non-compliant","messages":[""]},"Sup":{"outcome":"suppressed","messages":["open"],"suppression":{"reason":"${sup.suppression.reason}","expires":"2027-01-31","declaredOn":"s"}}}},`,
      '    {"address":"aws_sqs_queue.q","path":"s/q","type":"aws_sqs_queue","results":{}}',
      '  ]',
      '}',
    ]);
    expect(JSON.parse(text)).toStrictEqual(buildJsonReport('stack', policy, ev));
  });

  it('jsonReportText: a rule id that needs escaping, and a stack with no resources', () => {
    const odd = evaluate(model, policy, [topic('Odd "id"', compliant(), nonCompliant('x'))]);
    const text = jsonReportText('s', policy, odd);
    expect(text).toContain(
      '{"address":"aws_sns_topic.t","path":"s/\\"quoted\\"\\\\t","type":"aws_sns_topic","results":{"Odd \\"id\\"":"compliant"}},',
    );
    expect(text).toContain('"results":{"Odd \\"id\\"":{"outcome":"non-compliant","messages":["x"]}}},');
    expect(text).toBe(formatJsonReport(buildJsonReport('s', policy, odd)));
    const none = evaluate(new TfModel({}, { taggableTypes: [] }), policy, rules);
    expect(jsonReportText('s', policy, none).endsWith('"resources": []\n}')).toBe(true);
  });
});

describe('SARIF: warnings, notes and source locations', () => {
  const policy = paymentsPolicy({ today: TODAY });
  const model = new TfModel(
    { resource: { aws_sns_topic: { t: meta('s/t'), u: meta('s/u') } } },
    { taggableTypes: [] },
  );
  type Run = { invocations?: unknown; results: Record<string, unknown>[] };
  const runOf = (sarif: Record<string, unknown>) => (sarif as { runs: Run[] }).runs[0];

  it('a warning of a compliant finding is a warning-level result after the failures; notes are execution notifications', () => {
    const warn = stubRule(
      'Warn',
      ['aws_sns_topic'],
      (n) => (n === 't' ? compliantWithWarning('runtime ends soon', 'runtime') : nonCompliant('bad')),
      { notes: () => ['facts may be stale', 'second note'] },
    );
    // A warning on a failing result is not a second result: the failure is reported once.
    const loud = stubRule('Loud', ['aws_sns_topic'], (n) =>
      n === 't' ? { outcome: 'non-compliant', message: 'wrong', warning: 'ignored' } : compliant(),
    );
    const ev = evaluate(model, policy, [warn, loud]);
    const locate = (f: { resource: { name: string } }) =>
      f.resource.name === 't' ? { uri: 'src/t.ts', line: 7 } : { uri: 'src/u.ts', line: 0 };
    const run = runOf(buildSarif('stack', ev, locate));
    const location = (uri: string, line: number, address: string, path: string) => [
      {
        physicalLocation: { artifactLocation: { uri }, region: { startLine: line } },
        logicalLocations: [{ fullyQualifiedName: path, kind: 'resource', name: address }],
      },
    ];
    expect(run.results).toStrictEqual([
      {
        ruleId: 'Loud',
        ruleIndex: 1,
        level: 'error',
        message: { text: 'aws_sns_topic.t (s/t): wrong. Fix: fix Loud' },
        locations: location('src/t.ts', 7, 'aws_sns_topic.t', 's/t'),
        partialFingerprints: { resourceRule: 'stack/aws_sns_topic.t/Loud' },
      },
      {
        ruleId: 'Warn',
        ruleIndex: 0,
        level: 'error',
        message: { text: 'aws_sns_topic.u (s/u): bad. Fix: fix Warn' },
        locations: location('src/u.ts', 1, 'aws_sns_topic.u', 's/u'),
        partialFingerprints: { resourceRule: 'stack/aws_sns_topic.u/Warn' },
      },
      {
        ruleId: 'Warn',
        ruleIndex: 0,
        level: 'warning',
        message: { text: 'aws_sns_topic.t (s/t): runtime ends soon' },
        locations: location('src/t.ts', 7, 'aws_sns_topic.t', 's/t'),
        partialFingerprints: { resourceRule: 'stack/aws_sns_topic.t/Warn/warning' },
      },
    ]);
    expect(run.invocations).toStrictEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          { level: 'warning', message: { text: 'facts may be stale' } },
          { level: 'warning', message: { text: 'second note' } },
        ],
      },
    ]);
  });

  it('has no invocations when no rule gives a note', () => {
    const ev = evaluate(model, policy, [stubRule('Plain', ['aws_sns_topic'], () => nonCompliant('x'))]);
    expect('invocations' in runOf(buildSarif('stack', ev, 'f.tf.json'))).toBe(false);
  });
});
