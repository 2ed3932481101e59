/**
 * Testing with the gate (aspects/cdk/testing.ts and the stack guard in checker.ts): `Testing.synth(stack)`,
 * the call CDKTF's test template uses, must never hand back non-compliant JSON; `judge()` and the jest
 * matchers give the verdict as data; a stack whose aspects never ran is refused.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { PolicyOverrides } from '@payments-compliance/gate';
import { applyPolicy, complianceMatchers, judge, paymentsPolicy } from '@payments-compliance/gate';
import { LOGS_KEY_POLICY } from '../../support/baseline';

expect.extend(complianceMatchers);
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toPassCompliance(): R;
      toFailCompliance(ruleId?: string): R;
    }
  }
}

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function app(): App {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-testing-'));
  dirs.push(outdir);
  return new App({ outdir });
}

/** A stack with a logs key and one log group; `retentionInDays` set makes the group's own choice. */
function logStack(
  scope: Construct,
  id: string,
  retentionInDays?: number,
): { stack: TerraformStack; key: KmsKey } {
  const stack = new TerraformStack(scope, id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const key = new KmsKey(stack, 'logs-key', { enableKeyRotation: true, policy: LOGS_KEY_POLICY });
  new CloudwatchLogGroup(stack, 'audit', {
    name: `/${id}/audit`,
    ...(retentionInDays ? { retentionInDays } : {}),
  });
  return { stack, key };
}

const policy = (key: KmsKey, overrides: PolicyOverrides = {}) =>
  paymentsPolicy({ keys: { logs: key.arn }, today: '2026-12-02', logRetentionDays: 365, ...overrides });

describe('Testing.synth(stack) with a policy on the stack', () => {
  it('returns the judged, completed configuration of a compliant stack', () => {
    const { stack, key } = logStack(app(), 'ok');
    applyPolicy(stack, policy(key));
    const json = JSON.parse(Testing.synth(stack));
    const group = json.resource.aws_cloudwatch_log_group.audit;
    expect(group.retention_in_days).toBe(365);
    expect(group.kms_key_id).toBe('${aws_kms_key.logs-key.arn}');
  });

  it('throws the violation lines for a 30-day log group instead of returning its JSON (it used to pass silently)', () => {
    const { stack, key } = logStack(app(), 'short', 30);
    applyPolicy(stack, policy(key));
    expect(() => Testing.synth(stack)).toThrow(
      /\[compliance\/GateRefused\] short: the compliance gate refused this configuration \(2 problem\(s\)\):\n {2}\[short\/audit\] aws_cloudwatch_log_group\.audit \[LogGroupRetention\] retention_in_days is 30/,
    );
  });

  it('refuses on every call, not only the first', () => {
    const { stack, key } = logStack(app(), 'short', 30);
    applyPolicy(stack, policy(key));
    expect(() => Testing.synth(stack)).toThrow(/GateRefused/);
    expect(() => Testing.synth(stack)).toThrow(/GateRefused/);
  });
});

describe('Testing.synth(stack) with a policy on the App', () => {
  it('judges a stack created after applyPolicy, directly below the App', () => {
    const a = app();
    const keyHolder = new TerraformStack(a, 'keys');
    new AwsProvider(keyHolder, 'aws', { region: 'us-east-1' });
    applyPolicy(
      a,
      paymentsPolicy({ today: '2026-12-02', disabledRules: ['LogGroupKmsCmk', 'LogGroupKeyAdmitsLogs'] }),
    );
    const late = new TerraformStack(a, 'late');
    new AwsProvider(late, 'aws', { region: 'us-east-1' });
    new CloudwatchLogGroup(late, 'audit', { name: '/late/audit', retentionInDays: 30 });
    expect(() => Testing.synth(late)).toThrow(
      /\[late\/audit\] aws_cloudwatch_log_group\.audit \[LogGroupRetention\]/,
    );
  });

  it('judges a stack created later below a plain construct (a stage grouping stacks)', () => {
    const a = app();
    applyPolicy(
      a,
      paymentsPolicy({ today: '2026-12-02', disabledRules: ['LogGroupKmsCmk', 'LogGroupKeyAdmitsLogs'] }),
    );
    const stage = new Construct(a, 'prod');
    const nested = new TerraformStack(new Construct(stage, 'eu'), 'ledger');
    new AwsProvider(nested, 'aws', { region: 'us-east-1' });
    new CloudwatchLogGroup(nested, 'audit', { name: '/ledger/audit', retentionInDays: 30 });
    expect(() => Testing.synth(nested)).toThrow(/\[prod\/eu\/ledger\/audit\] .*\[LogGroupRetention\]/);
  });

  it('leaves the gate off constructs below a stack (the stack carries it once)', () => {
    const a = app();
    const applied = applyPolicy(a, paymentsPolicy({ today: '2026-12-02' }));
    const { stack } = logStack(a, 's');
    const group = stack.node.findChild('audit');
    expect(Aspects.of(stack).all).toEqual(expect.arrayContaining([...applied.aspects]));
    expect(Aspects.of(group).all).toEqual([]);
  });
});

describe('judge() and the jest matchers', () => {
  it('judge() returns the verdict and the lines', () => {
    const { stack, key } = logStack(app(), 'short', 30);
    applyPolicy(stack, policy(key));
    const verdict = judge(stack);
    expect(verdict.passed).toBe(false);
    expect(verdict.lines).toEqual([
      expect.stringMatching(
        /^\[short\/audit\] aws_cloudwatch_log_group\.audit \[LogGroupRetention\] retention_in_days is 30; the policy requires at least 365\. Fix: /,
      ),
      expect.stringMatching(
        /^\[short\/audit\] aws_cloudwatch_log_group\.audit \[LogGroupRetentionOneYear\] /,
      ),
    ]);
    expect(verdict.evaluation.resources.map((r) => r.address)).toEqual([
      'aws_kms_key.logs-key',
      'aws_cloudwatch_log_group.audit',
    ]);
  });

  it('judge() refuses a stack that no policy covers (a test that judged nothing must not pass)', () => {
    const { stack } = logStack(app(), 'bare');
    expect(() => judge(stack)).toThrow(
      '[compliance/NoPolicy] bare: no compliance policy is applied to this stack; call applyPolicy(stack or app, policy) before judging',
    );
  });

  it('toPassCompliance passes a compliant stack and fails a non-compliant one with its lines', () => {
    const good = logStack(app(), 'good');
    applyPolicy(good.stack, policy(good.key));
    expect(good.stack).toPassCompliance();
    const bad = logStack(app(), 'bad', 30);
    applyPolicy(bad.stack, policy(bad.key));
    expect(() => expect(bad.stack).toPassCompliance()).toThrow(
      /expected bad to pass the compliance gate; 2 problem\(s\):\n {2}\[bad\/audit\]/,
    );
  });

  it('toFailCompliance(ruleId) needs a violation of that rule', () => {
    const bad = logStack(app(), 'bad', 30);
    applyPolicy(bad.stack, policy(bad.key));
    expect(bad.stack).toFailCompliance('LogGroupRetention');
    expect(() => expect(bad.stack).toFailCompliance('SnsTopicKmsCmk')).toThrow(
      /expected the compliance gate to refuse bad for SnsTopicKmsCmk; it refused for other reasons/,
    );
  });
});

describe('judge(): what it refuses and what it passes on', () => {
  it('refuses a value that is not a stack, naming what it got', () => {
    const a = app();
    const group = new Construct(new Construct(a, 'prod'), 'eu');
    const notAStack = (x: unknown) => () => judge(x as TerraformStack);
    expect(notAStack(group)).toThrow(
      new Error('[compliance/NotAStack] judge() takes a TerraformStack; got the construct prod/eu'),
    );
    expect(notAStack(a)).toThrow(
      new Error('[compliance/NotAStack] judge() takes a TerraformStack; got the construct <app>'),
    );
    expect(notAStack(undefined)).toThrow(
      new Error('[compliance/NotAStack] judge() takes a TerraformStack; got undefined'),
    );
    expect(notAStack({})).toThrow(
      new Error('[compliance/NotAStack] judge() takes a TerraformStack; got [object Object]'),
    );
  });

  it('passes on an error of the synth that is not a refusal (an Error or any thrown value)', () => {
    const failing = (thrown: unknown) => {
      const { stack, key } = logStack(app(), 'broken');
      Aspects.of(stack).add({
        visit: () => {
          throw thrown;
        },
      });
      applyPolicy(stack, policy(key));
      return () => judge(stack);
    };
    expect(failing(new Error('boom'))).toThrow(new Error('boom'));
    expect(failing('boom')).toThrow('boom');
  });

  it('refuses with GateNotRun when the synth stopped on a refusal before the gate judged this stack', () => {
    const refusal = {
      visit: () => {
        throw new Error('[compliance/GateRefused] another: the compliance gate refused this configuration');
      },
    };
    const first = logStack(app(), 'first');
    Aspects.of(first.stack).add(refusal);
    applyPolicy(first.stack, policy(first.key));
    expect(() => judge(first.stack)).toThrow(
      new Error('[compliance/GateNotRun] first: the gate did not judge this stack'),
    );
    // Judged once: the second synth stops before the gate, so the check on file is the stale one.
    const again = logStack(app(), 'again');
    applyPolicy(again.stack, policy(again.key));
    expect(judge(again.stack).passed).toBe(true);
    Aspects.of(again.stack).add(refusal);
    expect(() => judge(again.stack)).toThrow(
      new Error('[compliance/GateNotRun] again: the gate did not judge this stack'),
    );
  });
});

describe('the jest matchers: their messages, with and without .not', () => {
  /** The message a matcher assertion fails with. */
  const failure = (assertion: () => void): string => {
    try {
      assertion();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the assertion passed');
  };
  const good = () => {
    const g = logStack(app(), 'good');
    applyPolicy(g.stack, policy(g.key));
    return g.stack;
  };
  const bad = () => {
    const b = logStack(app(), 'bad', 30);
    applyPolicy(b.stack, policy(b.key));
    return { stack: b.stack, lines: judge(b.stack).lines };
  };

  it('toPassCompliance lists every problem, and .not says how many resources passed', () => {
    const b = bad();
    expect(b.lines).toHaveLength(2);
    expect(failure(() => expect(b.stack).toPassCompliance())).toBe(
      `expected bad to pass the compliance gate; 2 problem(s):\n  ${b.lines[0]}\n  ${b.lines[1]}`,
    );
    expect(b.stack).not.toPassCompliance();
    const g = good();
    expect(failure(() => expect(g).not.toPassCompliance())).toBe(
      'expected the compliance gate to refuse good, but it passed (2 resources judged)',
    );
  });

  it('toFailCompliance() without a rule passes on any violation; .not lists them all', () => {
    const b = bad();
    expect(b.stack).toFailCompliance();
    expect(failure(() => expect(b.stack).not.toFailCompliance())).toBe(
      `expected bad not to be refused, but:\n  ${b.lines[0]}\n  ${b.lines[1]}`,
    );
    const g = good();
    expect(g).not.toFailCompliance();
    expect(failure(() => expect(g).toFailCompliance())).toBe(
      'expected the compliance gate to refuse good; it passed',
    );
  });

  it('toFailCompliance(ruleId): .not names the rule and its lines; a miss names the rule and the other lines', () => {
    const b = bad();
    expect(b.stack).not.toFailCompliance('SnsTopicKmsCmk');
    expect(failure(() => expect(b.stack).not.toFailCompliance('LogGroupRetention'))).toBe(
      `expected bad not to be refused for LogGroupRetention, but:\n  ${b.lines[0]}`,
    );
    expect(failure(() => expect(b.stack).toFailCompliance('SnsTopicKmsCmk'))).toBe(
      `expected the compliance gate to refuse bad for SnsTopicKmsCmk; it refused for other reasons:\n  ${b.lines[0]}\n  ${b.lines[1]}`,
    );
    const g = good();
    expect(failure(() => expect(g).toFailCompliance('SnsTopicKmsCmk'))).toBe(
      'expected the compliance gate to refuse good for SnsTopicKmsCmk; it passed',
    );
  });

  it('a matcher given something that is not a stack fails with the NotAStack refusal', () => {
    expect(failure(() => expect(new Construct(app(), 'c')).toPassCompliance())).toBe(
      '[compliance/NotAStack] judge() takes a TerraformStack; got the construct c',
    );
  });
});

describe('a stack whose configuration is asked for before the gate ran', () => {
  it('refuses with GateNotRun instead of handing out an unjudged configuration', () => {
    const { stack, key } = logStack(app(), 'early', 30);
    applyPolicy(stack, policy(key));
    expect(() => stack.toTerraform()).toThrow(
      /^\[compliance\/GateNotRun\] early: a compliance policy was applied to this stack, but the engine never ran the gate's aspects on it/,
    );
  });
});
