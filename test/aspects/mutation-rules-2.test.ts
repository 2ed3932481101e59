/**
 * Behaviour that surviving mutants of the rules and of synthOrExit showed untested (see
 * bench/mutation-equivalents.ts for the survivors that are equivalent):
 * - per-model memos keyed by a resource (the publishers of a topic, the key-policy verdict of a key) must
 *   not share one answer between two resources of the same stack, which judging one resource per model
 *   (test/support/rule-harness) cannot show;
 * - an access log format that parses to JSON `null` is not a JSON object template;
 * - synthOrExit names the reports by their absolute path when the working directory is inside them.
 */
import * as os from 'os';
import * as path from 'path';
import type { App } from 'cdktf';
import { evaluate } from '../../aspects/core/evaluate';
import type { Finding } from '../../aspects/core/evaluate';
import { TfModel } from '../../aspects/core/model';
import type { Rule } from '../../aspects/core/rule';
import { paymentsPolicy } from '../../aspects/core/policy';
import AlarmTopicPolicyAdmitsServices from '../../aspects/rules/AlarmTopicPolicyAdmitsServices';
import ApiStageAccessLogging from '../../aspects/rules/ApiStageAccessLogging';
import LogGroupKeyAdmitsLogs from '../../aspects/rules/LogGroupKeyAdmitsLogs';
import S3BucketTlsOnly from '../../aspects/rules/S3BucketTlsOnly';
import { synthOrExit } from '../../aspects/cdk/synth';
import type { ResourcesJson } from '../support/rule-harness';
import { LOGS_KEY_POLICY } from '../support/baseline';
import { judge } from '../support/rule-harness';

/** Evaluates one rule on every resource of one stack (one model), as the checker does. */
function judgeStack(rule: Rule, resource: ResourcesJson): Map<string, Finding[]> {
  const model = new TfModel({ resource });
  const { findings } = evaluate(model, paymentsPolicy({ today: '2026-11-28' }), [rule]);
  const byAddress = new Map<string, Finding[]>();
  for (const f of findings)
    byAddress.set(f.resource.address, [...(byAddress.get(f.resource.address) ?? []), f]);
  return byAddress;
}
const outcomes = (fs: readonly Finding[] | undefined) => (fs ?? []).map((f) => f.outcome);

describe('AlarmTopicPolicyAdmitsServices: the publishers of each topic of a stack are its own', () => {
  it('a topic no alarm notifies is not applicable, next to one an alarm notifies (in either order)', () => {
    const alarm = { alarm_actions: ['${aws_sns_topic.alerts.arn}'] };
    for (const topics of [
      { alerts: {}, quiet: {} },
      { quiet: {}, alerts: {} },
    ]) {
      const results = judgeStack(AlarmTopicPolicyAdmitsServices, {
        aws_sns_topic: topics,
        aws_cloudwatch_metric_alarm: { a: alarm },
      });
      expect(outcomes(results.get('aws_sns_topic.alerts'))).toEqual(['non-compliant']);
      expect(results.get('aws_sns_topic.alerts')?.[0].message).toContain('cloudwatch.amazonaws.com');
      expect(outcomes(results.get('aws_sns_topic.quiet'))).toEqual(['not-applicable']);
    }
  });
});

describe('LogGroupKeyAdmitsLogs: each key of a stack is judged on its own key policy', () => {
  it('a group on a key that admits CloudWatch Logs passes, a group on a key without a policy fails', () => {
    const admitting = LOGS_KEY_POLICY;
    for (const groups of [
      { good: '${aws_kms_key.admits.arn}', bad: '${aws_kms_key.default_policy.arn}' },
      { bad: '${aws_kms_key.default_policy.arn}', good: '${aws_kms_key.admits.arn}' },
    ]) {
      const results = judgeStack(LogGroupKeyAdmitsLogs, {
        aws_kms_key: { admits: { policy: admitting }, default_policy: {} },
        aws_cloudwatch_log_group: Object.fromEntries(
          Object.entries(groups).map(([name, key]) => [name, { name: `/pay/${name}`, kms_key_id: key }]),
        ),
      });
      expect(outcomes(results.get('aws_cloudwatch_log_group.good'))).toEqual(['compliant']);
      expect(outcomes(results.get('aws_cloudwatch_log_group.bad'))).toEqual(['non-compliant']);
      expect(results.get('aws_cloudwatch_log_group.bad')?.[0].message).toContain(
        'the key policy of aws_kms_key.default_policy is not set',
      );
    }
  });
});

describe('ApiStageAccessLogging: a format that is JSON but not an object', () => {
  it.each(['null', ' null '])('format %j is not a JSON object template', (format) => {
    const results = judge(ApiStageAccessLogging, 'aws_api_gateway_stage.s', {
      resource: {
        aws_cloudwatch_log_group: { g: { name: '/api/access' } },
        aws_api_gateway_stage: {
          s: { access_log_settings: { destination_arn: '${aws_cloudwatch_log_group.g.arn}', format } },
        },
      },
    });
    expect(results.map((r) => r.message)).toEqual([
      'access_log_settings.format is not a JSON object template, so the logs cannot be queried by field',
      'access_log_settings.format does not include $context.requestId, so entries cannot be traced to a request',
    ]);
  });
});

describe('synthOrExit: reports in a parent of the working directory', () => {
  let exit: jest.SpyInstance;
  let cwd: jest.SpyInstance;
  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('process.exit');
    });
    cwd = jest.spyOn(process, 'cwd');
  });
  afterEach(() => {
    exit.mockRestore();
    cwd.mockRestore();
  });

  it('are named by their absolute path when the working directory is a subdirectory of them', () => {
    const outdir = path.join(os.tmpdir(), 'synth-or-exit-parent', 'cdktf.out');
    const reports = path.join(outdir, 'compliance');
    cwd.mockReturnValue(path.join(reports, 'stacks'));
    let text = '';
    const app = {
      outdir,
      synth: () => {
        throw new Error(
          'Validation failed with the following errors:\n  [app/x] aws_s3_bucket.x [R] wrong. Fix: f',
        );
      },
    } as unknown as App;
    expect(() =>
      synthOrExit(app, { write: (s: string) => (text += s) } as unknown as NodeJS.WritableStream),
    ).toThrow('process.exit');
    expect(exit).toHaveBeenCalledWith(1);
    expect(text).toContain(`\nReports (JSON, SARIF): ${reports}/\n`);
  });
});

describe('S3BucketTlsOnly: the policies of a bucket are named in configuration order', () => {
  it('a policy linked by the literal bucket name before two linked by reference', () => {
    const noTls = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: '*' }],
    });
    const results = judge(S3BucketTlsOnly, 'aws_s3_bucket.b', {
      resource: {
        aws_s3_bucket: { b: { bucket: 'pay-archive' } },
        aws_s3_bucket_policy: {
          by_name: { bucket: 'pay-archive', policy: noTls },
          by_ref: { bucket: '${aws_s3_bucket.b.id}', policy: noTls },
          by_arn: { bucket: '${aws_s3_bucket.b.bucket}', policy: noTls },
        },
      },
    });
    expect(results.map((r) => r.message)).toEqual([
      'aws_s3_bucket_policy.by_name.policy, aws_s3_bucket_policy.by_ref.policy, aws_s3_bucket_policy.by_arn.policy has no Deny of s3:* to principal "*" when aws:SecureTransport is "false"',
    ]);
  });
});
