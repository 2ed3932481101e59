/**
 * Where a finding is shown in SARIF (aspects/cli/source-locator.ts): with `--source`, the block that
 * declares the resource in the root module or in a module's local source directory; in a cdk.tf.json,
 * the resource's body line; else line 1 of the input. Small hand-written configurations in a temporary
 * directory; check.test.ts and check-stacks.test.ts hold the same on a real plan and a real synth.
 *
 * Expected lines are found in the text the test wrote (the line that opens the block), not counted by
 * hand. Temporary files are outside the working directory, so their URIs are absolute paths.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Finding } from '../../../aspects/core/evaluate';
import type { TfResource } from '../../../aspects/core/model';
import LogGroupRetention from '../../../aspects/rules/LogGroupRetention';
import { fileLocator, hclLocator, jsonLocator } from '../../../aspects/cli/source-locator';

/** A finding on a managed resource; the locators read only its resource. */
function finding(address: string, type: string, name: string): Finding {
  const resource: TfResource = { type, name, address, path: address, config: {}, mode: 'managed' };
  return { rule: LogGroupRetention, resource, outcome: 'non-compliant', fix: 'Set it.' };
}

/** The 1-based line of `text` equal to `line`, searching after line `after` (1-based); it must exist. */
function lineOf(text: string, line: string, after = 0): number {
  const i = text.split('\n').indexOf(line, after);
  if (i < 0) throw new Error(`the test's own text has no line ${JSON.stringify(line)}`);
  return i + 1;
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

describe('hclLocator (--source DIR)', () => {
  let tmp: string;
  let root: string;
  /** The file of the plan, where a finding goes when its block is not found. */
  let planFile: string;
  const files: Record<string, string> = {
    // a data source of the same type and name as a resource, in a file read before the resource's
    'data.tf': `data "aws_cloudwatch_log_group" "trail" {
  name = "existing"
}
`,
    'logs.tf': `resource "aws_cloudwatch_log_group" "trail" {
  name = "trail"
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "app"
  retention_in_days = 400
}

/*
The version before the retention was raised:
resource "aws_cloudwatch_log_group" "app" {
  name              = "app"
  retention_in_days = 30
}
*/
`,
    // comments that name a block before the block itself, with and without a space after the marker
    'main.tf': `# Was: resource "aws_kms_key" "logs" in the old account's configuration.
#resource "aws_sns_topic" "spaced" {}
resource "aws_kms_key" "logs" {
  description = "log groups"
}

module "audit" {
  source = "./modules/audit"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}

module "gone" {
  source = "./modules/gone"
}
`,
    // override files amend blocks declared elsewhere; both sort before the file that declares them
    'dev_override.tf': `resource "aws_cloudwatch_log_group" "app" {
  retention_in_days = 3653
}
`,
    'override.tf': `resource "aws_s3_bucket" "logs" {
  force_destroy = true
}
`,
    'storage.tf': `resource "aws_s3_bucket" "logs" {
  bucket = "payments-logs"
}
`,
    // valid HCL that \`terraform fmt\` has not touched: indented, more than one space or a tab between the labels
    'topics.tf': `  resource  "aws_sns_topic"\t "spaced" {
  name = "spaced"
}
`,
    'README.md': `resource "aws_kms_key" "logs" {} is documented here, not declared.\n`,
    // the module declares resources of the same types and names as the root module
    'modules/audit/main.tf': `variable "key_arn" {
  type    = string
  default = null
}

resource "aws_cloudwatch_log_group" "trail" {
  name = "audit"
}

module "keys" {
  source = "./keys"
}
`,
    'modules/audit/keys/main.tf': `resource "aws_kms_key" "logs" {
  description = "audit"
}
`,
  };
  const moduleSources = new Map([
    ['module.audit', 'modules/audit'],
    ['module.audit.module.keys', 'modules/audit/keys'],
    ['module.gone', 'modules/gone'],
  ]);

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'source-locator-'));
    root = path.join(tmp, 'infra');
    writeTree(root, files);
    planFile = path.join(tmp, 'plan.json');
  });
  afterAll(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

  const locate = (f: Finding) => hclLocator(root, moduleSources, fileLocator(planFile))(f);
  const block = (file: string, type: string, name: string) => ({
    uri: path.join(root, file),
    line: lineOf(files[file], `resource "${type}" "${name}" {`),
  });

  it('locates a root resource at its `resource "type" "name"` line, in the file that declares it', () => {
    expect(locate(finding('aws_kms_key.logs', 'aws_kms_key', 'logs'))).toEqual(
      block('main.tf', 'aws_kms_key', 'logs'),
    );
    expect(locate(finding('aws_cloudwatch_log_group.app', 'aws_cloudwatch_log_group', 'app'))).toEqual(
      block('logs.tf', 'aws_cloudwatch_log_group', 'app'),
    );
  });

  it('a comment that names a block, before it, does not move the location (`# … resource "t" "n"`, `#resource …`)', () => {
    expect(locate(finding('aws_kms_key.logs', 'aws_kms_key', 'logs'))).toEqual(
      block('main.tf', 'aws_kms_key', 'logs'),
    );
    expect(locate(finding('aws_sns_topic.spaced', 'aws_sns_topic', 'spaced')).uri).toBe(
      path.join(root, 'topics.tf'),
    );
  });

  it('locates a block that terraform fmt has not aligned: indented, several spaces or a tab between its labels', () => {
    expect(locate(finding('aws_sns_topic.spaced', 'aws_sns_topic', 'spaced'))).toEqual({
      uri: path.join(root, 'topics.tf'),
      line: lineOf(files['topics.tf'], '  resource  "aws_sns_topic"\t "spaced" {'),
    });
  });

  it('a data source of the same type and name, declared in a file read first, does not stand for the resource', () => {
    expect(locate(finding('aws_cloudwatch_log_group.trail', 'aws_cloudwatch_log_group', 'trail'))).toEqual(
      block('logs.tf', 'aws_cloudwatch_log_group', 'trail'),
    );
  });

  it('a commented-out copy of a block below it does not move the location', () => {
    const b = block('logs.tf', 'aws_cloudwatch_log_group', 'app');
    expect(b.line).toBeLessThan(
      files['logs.tf'].split('\n').lastIndexOf('resource "aws_cloudwatch_log_group" "app" {') + 1,
    );
    expect(locate(finding('aws_cloudwatch_log_group.app', 'aws_cloudwatch_log_group', 'app'))).toEqual(b);
  });

  it('an override file (override.tf, *_override.tf) amends a block and does not move its location', () => {
    expect(locate(finding('aws_cloudwatch_log_group.app', 'aws_cloudwatch_log_group', 'app'))).toEqual(
      block('logs.tf', 'aws_cloudwatch_log_group', 'app'),
    );
    expect(locate(finding('aws_s3_bucket.logs', 'aws_s3_bucket', 'logs'))).toEqual(
      block('storage.tf', 'aws_s3_bucket', 'logs'),
    );
  });

  it("locates a module's resource in the module's local source directory, nested modules included", () => {
    expect(
      locate(finding('module.audit.aws_cloudwatch_log_group.trail', 'aws_cloudwatch_log_group', 'trail')),
    ).toEqual(block('modules/audit/main.tf', 'aws_cloudwatch_log_group', 'trail'));
    expect(locate(finding('module.audit.module.keys.aws_kms_key.logs', 'aws_kms_key', 'logs'))).toEqual(
      block('modules/audit/keys/main.tf', 'aws_kms_key', 'logs'),
    );
  });

  it('leaves out the instance keys of counted and for_each resources and modules, whatever a key holds', () => {
    const inRoot = block('main.tf', 'aws_kms_key', 'logs');
    for (const address of ['aws_kms_key.logs[0]', 'aws_kms_key.logs[12]', 'aws_kms_key.logs["eu-west-1"]'])
      expect(locate(finding(address, 'aws_kms_key', 'logs'))).toEqual(inRoot);
    const inModule = block('modules/audit/main.tf', 'aws_cloudwatch_log_group', 'trail');
    for (const address of [
      'module.audit[0].aws_cloudwatch_log_group.trail',
      'module.audit[11].aws_cloudwatch_log_group.trail[10]',
      'module.audit["eu"].aws_cloudwatch_log_group.trail["debug"]',
      // Terraform quotes a key as HCL does: `"` and `\` escaped; `]` and `.` stay as they are
      'module.audit["a\\"].b"].aws_cloudwatch_log_group.trail["x\\\\"]',
    ])
      expect(locate(finding(address, 'aws_cloudwatch_log_group', 'trail'))).toEqual(inModule);
    expect(
      locate(finding('module.audit[3].module.keys["k"].aws_kms_key.logs[7]', 'aws_kms_key', 'logs')),
    ).toEqual(block('modules/audit/keys/main.tf', 'aws_kms_key', 'logs'));
  });

  it('a resource of a module without a local source (registry, git) is at line 1 of the plan', () => {
    expect(locate(finding('module.vpc.aws_kms_key.logs', 'aws_kms_key', 'logs'))).toEqual({
      uri: planFile,
      line: 1,
    });
  });

  it('a resource whose module directory is missing, or whose block is in no .tf file, is at line 1 of the plan', () => {
    expect(locate(finding('module.gone.aws_kms_key.logs', 'aws_kms_key', 'logs'))).toEqual({
      uri: planFile,
      line: 1,
    });
    expect(locate(finding('aws_sns_topic.alerts', 'aws_sns_topic', 'alerts'))).toEqual({
      uri: planFile,
      line: 1,
    });
    const elsewhere = hclLocator(path.join(tmp, 'no-such-dir'), moduleSources, fileLocator(planFile));
    expect(elsewhere(finding('aws_kms_key.logs', 'aws_kms_key', 'logs'))).toEqual({
      uri: planFile,
      line: 1,
    });
  });
});

describe('jsonLocator (a cdk.tf.json)', () => {
  const dir = path.join(os.tmpdir(), 'stacks', 'payments');
  const file = path.join(dir, 'cdk.tf.json');
  /** A stack as cdktf writes it: keys in order, two-space indentation. */
  const stack = {
    '//': { metadata: { backend: 'local', stackName: 'payments', version: '0.21.0' } },
    module: { vpc: { source: 'terraform-aws-modules/vpc/aws', tags: { team: 'payments' } } },
    output: { bucket_arn: { value: '${aws_s3_bucket.logging.arn}' } },
    provider: { aws: [{ region: 'eu-west-1' }] },
    resource: {
      aws_cloudwatch_log_group: {
        app_logs: { '//': { metadata: { path: 'payments/app_logs' } }, name: 'app' },
        audit_Trail_1A2B3C4D: { '//': { metadata: { path: 'payments/audit/Trail' } }, name: 'trail' },
      },
      // buckets whose `logging` block (one level deeper) sends their access logs to the bucket `logging`,
      // one before it and one after it
      aws_s3_bucket: {
        assets: { '//': { metadata: { path: 'payments/assets' } }, logging: { target_bucket: 'logs' } },
        logging: { '//': { metadata: { path: 'payments/logging' } }, bucket: 'logs' },
        site: { '//': { metadata: { path: 'payments/site' } }, logging: { target_bucket: 'logs' } },
      },
      random_id: { suffix: { byte_length: 4 } },
    },
    terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
  };
  const text = JSON.stringify(stack, null, 2);
  /** The line `"name": {` under `"type": {` under `"resource": {`. */
  const body = (type: string, name: string, json = text) => {
    const resource = lineOf(json, '  "resource": {');
    return {
      uri: file,
      line: lineOf(json, `      "${name}": {`, lineOf(json, `    "${type}": {`, resource)),
    };
  };

  it('locates each resource at its body line, `"name": {` under its type', () => {
    const locate = jsonLocator(file, text);
    for (const [type, name] of [
      ['aws_cloudwatch_log_group', 'app_logs'],
      ['aws_cloudwatch_log_group', 'audit_Trail_1A2B3C4D'],
      ['aws_s3_bucket', 'assets'],
      ['aws_s3_bucket', 'logging'],
      ['aws_s3_bucket', 'site'],
      ['random_id', 'suffix'],
    ])
      expect(locate(finding(`${type}.${name}`, type, name))).toEqual(body(type, name));
  });

  it("a block deeper in another resource's body (a bucket's `logging` block) is not taken for the resource of that name", () => {
    const lines = text.split('\n');
    const deeper = lines.flatMap((l, i) => (l === '        "logging": {' ? [i + 1] : []));
    const declared = body('aws_s3_bucket', 'logging').line;
    expect(deeper).toEqual([expect.any(Number), expect.any(Number)]);
    expect(deeper[0]).toBeLessThan(declared);
    expect(deeper[1]).toBeGreaterThan(declared);
    expect(jsonLocator(file, text)(finding('aws_s3_bucket.logging', 'aws_s3_bucket', 'logging'))).toEqual(
      body('aws_s3_bucket', 'logging'),
    );
  });

  it('a data source of the same type and name does not stand for the resource, written before or after it', () => {
    const data = { aws_s3_bucket: { logging: { bucket: 'logs' } } };
    // cdktf writes the keys sorted ("data" before "resource"); JSON.stringify in the order they were added
    const { '//': meta, ...rest } = stack;
    for (const withData of [
      JSON.stringify({ '//': meta, data, ...rest }, null, 2),
      JSON.stringify({ ...stack, data }, null, 2),
    ]) {
      expect(withData.split('\n').filter((l) => l === '      "logging": {')).toHaveLength(2);
      expect(
        jsonLocator(file, withData)(finding('aws_s3_bucket.logging', 'aws_s3_bucket', 'logging')),
      ).toEqual(body('aws_s3_bucket', 'logging', withData));
    }
  });

  it('a file written with Windows line ends (CRLF) has the same lines', () => {
    const locate = jsonLocator(file, text.split('\n').join('\r\n'));
    expect(locate(finding('aws_s3_bucket.site', 'aws_s3_bucket', 'site'))).toEqual(
      body('aws_s3_bucket', 'site'),
    );
  });

  it('a resource not in the file is at line 1', () => {
    expect(jsonLocator(file, text)(finding('aws_sns_topic.alerts', 'aws_sns_topic', 'alerts'))).toEqual({
      uri: file,
      line: 1,
    });
  });
});

describe('fileLocator (a plan, or a configuration without --source)', () => {
  it('puts every finding at line 1 of the input file, by its URI relative to the working directory', () => {
    const locate = fileLocator(path.join(process.cwd(), 'plans', 'plan.json'));
    expect(locate(finding('aws_kms_key.logs', 'aws_kms_key', 'logs'))).toEqual({
      uri: 'plans/plan.json',
      line: 1,
    });
    expect(locate(finding('module.audit.aws_kms_key.logs', 'aws_kms_key', 'logs'))).toEqual({
      uri: 'plans/plan.json',
      line: 1,
    });
  });
});
