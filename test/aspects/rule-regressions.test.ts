/**
 * Bugs found by mutation testing (a mutant survived because the code itself was wrong), pinned here.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { App } from 'cdktf';
import { TfModel } from '../../aspects/core/model';
import { judgeKey } from '../../aspects/core/values';
import { paymentsPolicy } from '../../aspects/core/policy';
import { synthOrExit } from '../../aspects/cdk/synth';
import canaryRuntime from '../../aspects/rules/CanaryRuntimeCurrent';
import rdsLogGroup from '../../aspects/rules/RdsLogGroupDeclared';
import s3TlsOnly from '../../aspects/rules/S3BucketTlsOnly';
import { suppressionTextProblems } from '../../aspects/core/evaluate';
import logGroupKey from '../../aspects/rules/LogGroupKeyAdmitsLogs';
import { logsKeyPolicy } from '../support/baseline';
import { judge } from '../support/rule-harness';

describe('CanaryRuntimeCurrent: the deprecated beta runtime of syn-nodejs-2 is refused like the others', () => {
  it.each(['syn-nodejs-2.0-beta', 'syn-nodejs-2.0', 'syn-nodejs-2.2'])('%s is deprecated', (v) => {
    const [r] = judge(canaryRuntime, 'aws_synthetics_canary.c', {
      resource: { aws_synthetics_canary: { c: { runtime_version: v } } },
    });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('syn-nodejs-2.x');
  });
  it('a current runtime still passes', () => {
    const [r] = judge(canaryRuntime, 'aws_synthetics_canary.c', {
      resource: { aws_synthetics_canary: { c: { runtime_version: 'syn-nodejs-playwright-8.0' } } },
    });
    expect(r.outcome).toBe('compliant');
  });
});

describe('RdsLogGroupDeclared: exports that are not a list of log types are wrong, not "no exports"', () => {
  it.each([['postgresql'], [[1]]])('enabled_cloudwatch_logs_exports = %j', (value) => {
    const results = judge(rdsLogGroup, 'aws_rds_cluster.db', {
      resource: {
        aws_rds_cluster: { db: { cluster_identifier: 'pay', enabled_cloudwatch_logs_exports: value } },
      },
    });
    expect(results).toEqual([
      {
        outcome: 'non-compliant',
        message: `enabled_cloudwatch_logs_exports is ${JSON.stringify(value)}, not a list of log types`,
        attribute: 'enabled_cloudwatch_logs_exports',
      },
    ]);
  });
  it('an empty list still means no exports', () => {
    const [r] = judge(rdsLogGroup, 'aws_rds_cluster.db', {
      resource: {
        aws_rds_cluster: { db: { cluster_identifier: 'pay', enabled_cloudwatch_logs_exports: [] } },
      },
    });
    expect(r.outcome).toBe('not-applicable');
  });
});

describe('judgeKey: KMS aliases that point at each other', () => {
  it('are unresolved, not a stack overflow', () => {
    const model = new TfModel({
      resource: {
        aws_kms_alias: {
          a: { name: 'alias/a', target_key_id: '${aws_kms_alias.b.target_key_id}' },
          b: { name: 'alias/b', target_key_id: '${aws_kms_alias.a.target_key_id}' },
        },
      },
    });
    expect(judgeKey(model, '${aws_kms_alias.a.arn}')).toEqual({
      kind: 'unresolved',
      text: '${aws_kms_alias.a.target_key_id}',
    });
  });
  it('an alias chain that ends at a key still finds the key', () => {
    const model = new TfModel({
      resource: {
        aws_kms_key: { k: { enable_key_rotation: true } },
        aws_kms_alias: {
          a: { name: 'alias/a', target_key_id: '${aws_kms_alias.b.target_key_id}' },
          b: { name: 'alias/b', target_key_id: '${aws_kms_key.k.key_id}' },
        },
      },
    });
    const j = judgeKey(model, '${aws_kms_alias.a.arn}');
    expect(j.kind).toBe('cmk');
    expect(j.kind === 'cmk' && j.key?.address).toBe('aws_kms_key.k');
  });
});

describe('policy: the reserved aws: tag prefix, in any case, for keys and values', () => {
  it.each([
    [{ 'AWS:owner': 'x' }, 'required tag key "AWS:owner" is invalid (1-128 characters, not "aws:")'],
    [
      { Owner: 'Aws:team' },
      'required tag "Owner" has value "Aws:team", which starts with the reserved prefix "aws:"',
    ],
  ])('%j is refused', (requiredTags, message) => {
    expect(() => paymentsPolicy({ requiredTags })).toThrow(message);
  });
  it('a value merely containing aws: is fine', () => {
    expect(paymentsPolicy({ requiredTags: { Owner: 'team-aws:x' } }).requiredTags['Owner']).toBe(
      'team-aws:x',
    );
  });
});

describe('synthOrExit: where the reports are said to be', () => {
  const refused = () => {
    throw new Error(
      'Validation failed with the following errors:\n  [app/x] aws_s3_bucket.x [Rule] wrong. Fix: fix',
    );
  };
  const printed = (outdir: string): string => {
    let text = '';
    const exit = jest.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('exit');
    });
    try {
      synthOrExit(
        { outdir, synth: refused } as unknown as App,
        {
          write: (s: string) => (text += s),
        } as unknown as NodeJS.WritableStream,
      );
    } catch {
      // process.exit, stubbed
    } finally {
      exit.mockRestore();
    }
    return text;
  };
  it('a directory under the working directory whose name starts with ".." is named relative', () => {
    expect(printed(path.join(process.cwd(), '..out'))).toContain(
      `Reports (JSON, SARIF): ${path.join('..out', 'compliance')}/`,
    );
  });
  it('run from inside the reports directory, it is named absolute (was printed as "/", the root)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-cwd-'));
    const reports = path.join(outdir, 'compliance');
    fs.mkdirSync(reports);
    const cwd = process.cwd();
    try {
      process.chdir(reports);
      expect(printed(outdir)).toContain(`Reports (JSON, SARIF): ${reports}/`);
    } finally {
      process.chdir(cwd);
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
  it('a directory outside it is named absolute', () => {
    const outside = path.resolve(process.cwd(), '..', 'elsewhere');
    expect(printed(outside)).toContain(`Reports (JSON, SARIF): ${path.join(outside, 'compliance')}/`);
  });
});

describe('LogGroupKeyAdmitsLogs: IAM set operators are ForAnyValue: and ForAllValues: (plural)', () => {
  const outcome = (operator: string) =>
    judge(logGroupKey, 'aws_cloudwatch_log_group.g', {
      resource: {
        aws_kms_key: { k: { enable_key_rotation: true, policy: logsKeyPolicy(operator) } },
        aws_cloudwatch_log_group: { g: { name: '/aws/lambda/pay', kms_key_id: '${aws_kms_key.k.arn}' } },
      },
    }).map((r) => r.outcome);
  it.each(['ArnLike', 'ForAnyValue:ArnLike', 'ForAllValues:ArnLike', 'forallvalues:StringLike'])(
    'a wildcard under %s admits the group',
    (operator) => {
      expect(outcome(operator)).toEqual(['compliant']);
    },
  );
  it('the singular ForAllValue: is not an IAM operator: its wildcard is not read as one', () => {
    expect(outcome('ForAllValue:ArnLike')).toEqual(['non-compliant']);
  });
});

describe('S3BucketTlsOnly: a deny on bucket/? covers one-character keys only, not every object', () => {
  const withDenyOn = (objects: string) =>
    judge(s3TlsOnly, 'aws_s3_bucket.b', {
      resource: {
        aws_s3_bucket: { b: { bucket: 'pay-archive' } },
        aws_s3_bucket_policy: {
          p: {
            bucket: '${aws_s3_bucket.b.id}',
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Deny',
                  Principal: '*',
                  Action: 's3:*',
                  Resource: ['arn:aws:s3:::pay-archive', objects],
                  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                },
              ],
            }),
          },
        },
      },
    });
  it('bucket/? is refused', () => {
    expect(withDenyOn('arn:aws:s3:::pay-archive/?').map((r) => r.message)).toEqual([
      'aws_s3_bucket_policy.p.policy denies requests without TLS but not on its objects (<bucket ARN>/*)',
    ]);
  });
  it.each(['arn:aws:s3:::pay-archive/*', 'arn:aws:s3:::pay-*', 'arn:aws:s3:::*/*'])(
    '%s still covers them',
    (arn) => {
      expect(withDenyOn(arn).map((r) => r.outcome)).toEqual(['compliant']);
    },
  );
});

describe('dates: impossible days are not rolled over into real ones', () => {
  it.each(['2027-02-30', '2027-04-31', '2027-13-01'])('a suppression expiring %s is refused', (expires) => {
    const problems = suppressionTextProblems(
      { ruleId: 'LogGroupRetention', reason: 'Kept 30 days by design: archived for 400 days.', expires },
      '2026-11-28',
      new Set(['LogGroupRetention']),
    );
    expect(problems).toEqual([`has expiry "${expires}", which is not an ISO date (YYYY-MM-DD)`]);
  });
  it('a real date still passes, leap day included', () => {
    const problems = suppressionTextProblems(
      {
        ruleId: 'LogGroupRetention',
        reason: 'Kept 30 days by design: archived for 400 days.',
        expires: '2028-02-29',
      },
      '2026-11-28',
      new Set(['LogGroupRetention']),
    );
    expect(problems).toEqual([]);
  });
  it('the policy refuses an impossible today', () => {
    expect(() => paymentsPolicy({ today: '2026-02-30' })).toThrow(/today "2026-02-30" must be an ISO date/);
  });
});
