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
