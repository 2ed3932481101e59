/**
 * The report files a check writes (aspects/cdk/report-files.ts): SARIF that validates against the SARIF
 * 2.1.0 schema and whose results point where a reviewer can act (the source line that creates the
 * construct), with the construct path as a logical location.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { applyPolicy, paymentsPolicy, suppress } from '@payments-compliance/gate';
import type { IConstruct } from 'constructs';
import type { CompliancePolicy } from '../../../aspects/core/policy';
import type { Evaluation, Finding } from '../../../aspects/core/evaluate';
import { toUri } from '../../../aspects/core/files';
import { writeReports } from '../../../aspects/cdk/report-files';
import { LOGS_KEY_POLICY } from '../../support/baseline';

// The OASIS SARIF 2.1.0 schema (errata 01, rtm.5) as shipped by @microsoft/jest-sarif.
const SCHEMA = JSON.parse(
  fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
);
const validate = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
  unicodeRegExp: false,
}).compile(SCHEMA);

let dirs: string[] = [];
const argv1 = process.argv[1];
const cwd = process.cwd();
afterEach(() => {
  process.chdir(cwd);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
  process.argv[1] = argv1;
});

/** An app "entry file" as `cdktf synth` would run it, with the construct ids on known lines. */
const ENTRY = [
  "import { App } from 'cdktf';",
  'const app = new App();',
  "new KmsKey(stack, 'logs-key', {});",
  "new CloudwatchLogGroup(stack, 'audit', { retentionInDays: 30 });",
  "new CloudwatchLogGroup(stack, 'excused', { retentionInDays: 30 });",
  '',
].join('\n');

function synthSarif(entryText = ENTRY): { sarif: Record<string, unknown>; entry: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-sarif-'));
  dirs.push(outdir);
  const entry = path.join(outdir, 'main.ts');
  fs.writeFileSync(entry, entryText);
  // As `cdktf synth` runs an app: from the project directory, with the entry file as argv[1].
  process.chdir(outdir);
  process.argv[1] = entry;
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'ledger');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const key = new KmsKey(stack, 'logs-key', { enableKeyRotation: true, policy: LOGS_KEY_POLICY });
  new CloudwatchLogGroup(stack, 'audit', { name: '/ledger/audit', retentionInDays: 30 });
  suppress(new CloudwatchLogGroup(stack, 'excused', { name: '/ledger/excused', retentionInDays: 30 }), {
    ruleId: 'LogGroupRetention',
    reason: 'A debug group that is deleted with the sandbox account every week.',
    expires: '2027-01-31',
  });
  applyPolicy(
    stack,
    paymentsPolicy({
      keys: { logs: key.arn },
      today: '2026-12-02',
      disabledRules: ['LogGroupRetentionOneYear'],
    }),
  );
  expect(() => app.synth()).toThrow(/LogGroupRetention/);
  const sarif = JSON.parse(fs.readFileSync(path.join(outdir, 'compliance', 'ledger.sarif'), 'utf8'));
  return { sarif, entry };
}

type Result = {
  ruleId: string;
  level: string;
  suppressions?: unknown[];
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
    logicalLocations: { fullyQualifiedName: string; name: string }[];
  }[];
};

describe('the SARIF file of a check', () => {
  it('validates against the SARIF 2.1.0 schema (a violation, a suppressed finding)', () => {
    const { sarif } = synthSarif();
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("places each result at the line of the app's entry file that creates the construct", () => {
    const { sarif } = synthSarif();
    const results = (sarif['runs'] as { results: Result[] }[])[0].results;
    const byName = new Map(results.map((r) => [r.locations[0].logicalLocations[0].name, r]));
    const audit = byName.get('aws_cloudwatch_log_group.audit');
    const excused = byName.get('aws_cloudwatch_log_group.excused');
    expect(audit?.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'main.ts' },
      region: { startLine: 4 },
    });
    expect(audit?.locations[0].logicalLocations[0].fullyQualifiedName).toBe('ledger/audit');
    expect(excused?.locations[0].physicalLocation.region.startLine).toBe(5);
    expect(excused?.suppressions).toHaveLength(1);
  });

  it('falls back to line 1 of the entry file when no line names the construct', () => {
    const { sarif } = synthSarif('// the stack is built in another module\n');
    const results = (sarif['runs'] as { results: Result[] }[])[0].results;
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.locations[0].physicalLocation).toEqual({
        artifactLocation: { uri: 'main.ts' },
        region: { startLine: 1 },
      });
    }
  });
});

/** A refused `ledger` stack's evaluation, judged for real, to write reports from with chosen constructs. */
function judgedLedger(): { policy: CompliancePolicy; evaluation: Evaluation } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-judged-'));
  dirs.push(outdir);
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'ledger');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const key = new KmsKey(stack, 'logs-key', { enableKeyRotation: true, policy: LOGS_KEY_POLICY });
  new CloudwatchLogGroup(stack, 'audit', { name: '/ledger/audit', retentionInDays: 30 });
  new CloudwatchLogGroup(stack, 'debug', { name: '/ledger/debug', retentionInDays: 30 });
  const { policy, checker } = applyPolicy(
    stack,
    paymentsPolicy({
      keys: { logs: key.arn },
      today: '2026-12-02',
      disabledRules: ['LogGroupRetentionOneYear'],
      writeReports: false,
    }),
  );
  expect(() => app.synth()).toThrow(/LogGroupRetention/);
  const check = checker.checks.get('ledger');
  if (!check) throw new Error('ledger was not judged');
  return { policy, evaluation: check.evaluation };
}

type Physical = Result['locations'][0]['physicalLocation'];

/**
 * Writes the reports of `judged` with `constructAt`, from a fresh directory as the working directory, and
 * returns where the SARIF places each result, by resource address.
 */
function placed(
  judged: { policy: CompliancePolicy; evaluation: Evaluation },
  constructAt: (p: string) => IConstruct | undefined,
): Map<string, Physical> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-placed-'));
  dirs.push(outdir);
  process.chdir(outdir);
  const paths = writeReports(outdir, 'ledger', judged.policy, judged.evaluation, constructAt);
  expect(paths).toEqual({
    json: path.join(outdir, 'compliance', 'ledger.compliance.json'),
    sarif: path.join(outdir, 'compliance', 'ledger.sarif'),
  });
  const sarif = JSON.parse(fs.readFileSync(paths.sarif, 'utf8'));
  const results = (sarif['runs'] as { results: Result[] }[])[0].results;
  return new Map(
    results.map((r) => [r.locations[0].logicalLocations[0].name, r.locations[0].physicalLocation]),
  );
}

/** A construct whose metadata is `metadata` (what the locator reads of it). */
function constructWith(metadata: { type: string; data: unknown; trace?: string[] }[]): IConstruct {
  return { node: { metadata } } as unknown as IConstruct;
}

const at = (uri: string, line: number): Physical => ({
  artifactLocation: { uri },
  region: { startLine: line },
});

describe('SARIF locations from a recorded creation frame', () => {
  const AUDIT = 'aws_cloudwatch_log_group.audit';

  /** Where the audit log group's result is placed when its construct records `trace`. */
  const auditAt = (judged: ReturnType<typeof judgedLedger>, trace: string[]): Physical | undefined =>
    placed(judged, (p) =>
      p === 'ledger/audit' ? constructWith([{ type: 'stacktrace', data: 'created', trace }]) : undefined,
    ).get(AUDIT);

  it('places a result at the first frame outside node_modules, in the forms Node prints', () => {
    const judged = judgedLedger();
    process.argv[1] = '/nonexistent/entry/main.ts';
    expect(
      auditAt(judged, [
        'new CloudwatchLogGroup (/app/node_modules/@cdktf/provider-aws/lib/log-group.js:41:9)',
        'not a frame at all',
        'Object.<anonymous> (/src/stacks/ledger.ts:123:45)',
        '/src/main.ts:7:1',
      ]),
    ).toEqual(at('/src/stacks/ledger.ts', 123));
    // A frame without parentheses (an anonymous top-level call), with the whitespace a trace keeps.
    expect(auditAt(judged, ['  /src/main.js:3:10  '])).toEqual(at('/src/main.js', 3));
    expect(auditAt(judged, ['at run (/src/app.mjs:88:2)'])).toEqual(at('/src/app.mjs', 88));
  });

  it('reads a Windows path with its drive letter', () => {
    const judged = judgedLedger();
    const where = auditAt(judged, ['Object.<anonymous> (C:\\src\\main.ts:12:5)']);
    expect(where?.artifactLocation.uri).toMatch(/C:\\src\\main\.ts$/);
    expect(where?.region.startLine).toBe(12);
  });

  it('skips a frame with text after its position, and frames only in node_modules', () => {
    const judged = judgedLedger();
    process.argv[1] = '/nonexistent/entry/main.ts';
    expect(auditAt(judged, ['/src/gen.ts:7:1 (eval)', 'eval (/src/keep.ts:9:3)'])).toEqual(
      at('/src/keep.ts', 9),
    );
    expect(
      auditAt(judged, ['fn (/app/node_modules/cdktf/lib/x.js:1:1)', '/app/node_modules/y/z.ts:2:2']),
    ).toEqual(at('cdktf.json', 1));
  });

  it('reads only the stacktrace metadata, not the trace of other metadata', () => {
    const judged = judgedLedger();
    process.argv[1] = '/nonexistent/entry/main.ts';
    const found = placed(judged, (p) =>
      p === 'ledger/audit'
        ? constructWith([
            { type: 'aws:cdk:warning', data: 'w', trace: ['warn (/src/warned.ts:5:5)'] },
            { type: 'stacktrace', data: 'created', trace: ['make (/src/made.ts:21:3)'] },
          ])
        : p === 'ledger/debug'
          ? constructWith([{ type: 'aws:cdk:info', data: 'i', trace: ['info (/src/info.ts:6:6)'] }])
          : undefined,
    );
    expect(found.get(AUDIT)).toEqual(at('/src/made.ts', 21));
    expect(found.get('aws_cloudwatch_log_group.debug')).toEqual(at('cdktf.json', 1));
  });
});

describe('SARIF locations without a creation frame', () => {
  it('are line 1 of cdktf.json when the app has no entry file', () => {
    const judged = judgedLedger();
    process.argv[1] = path.join(os.tmpdir(), 'no-such-dir-for-gate', 'main.ts');
    const found = placed(judged, () => undefined);
    expect(found.size).toBeGreaterThan(1);
    for (const where of found.values()) expect(where).toEqual(at('cdktf.json', 1));
  });

  it('are line 1 of the entry file when it cannot be read, and it is read once per report', () => {
    const judged = judgedLedger();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-entry-'));
    dirs.push(dir);
    const entry = path.join(dir, 'main.ts');
    fs.writeFileSync(entry, ENTRY);
    process.argv[1] = entry;
    const realFs: typeof fs = jest.requireActual('fs');
    const readFile = realFs.readFileSync;
    const read = jest.spyOn(realFs, 'readFileSync');
    try {
      const found = placed(judged, () => undefined);
      expect(found.get('aws_cloudwatch_log_group.audit')).toEqual(at(toUri(entry), 4));
      expect(found.get('aws_cloudwatch_log_group.debug')).toEqual(at(toUri(entry), 1));
      expect(read.mock.calls.filter((c) => c[0] === entry)).toHaveLength(1);

      read.mockImplementation(((file: fs.PathOrFileDescriptor, options?: BufferEncoding) => {
        if (file === entry) throw new Error('EACCES: permission denied');
        return readFile.call(realFs, file, options);
      }) as typeof fs.readFileSync);
      const unread = placed(judged, () => undefined);
      expect(unread.size).toBeGreaterThan(1);
      for (const where of unread.values()) expect(where).toEqual(at(toUri(entry), 1));
    } finally {
      read.mockRestore();
    }
  });

  it('name no line for a finding without a construct id, even a line with an empty string literal', () => {
    const judged = judgedLedger();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-entry-'));
    dirs.push(dir);
    const entry = path.join(dir, 'main.ts');
    fs.writeFileSync(entry, "import { App } from 'cdktf';\nconst name = '';\n");
    process.argv[1] = entry;
    const unnamed = (f: Finding): Finding => ({ ...f, resource: { ...f.resource, path: '' } });
    const evaluation: Evaluation = {
      ...judged.evaluation,
      findings: judged.evaluation.findings.map(unnamed),
      violations: judged.evaluation.violations.map(unnamed),
    };
    const found = placed({ policy: judged.policy, evaluation }, () => undefined);
    expect(found.size).toBeGreaterThan(0);
    for (const where of found.values()) expect(where).toEqual(at(toUri(entry), 1));
  });
});
