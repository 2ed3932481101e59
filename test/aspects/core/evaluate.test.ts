/**
 * aspects/core/evaluate.ts with stub rules (test/support/engine-fixtures.ts): how findings become
 * violations, which rules run on which resources, how suppressions are matched, judged and counted as
 * used, the suppression text checks (reason, expiry), and the one-line failure messages.
 */
import {
  evaluate,
  fixFor,
  isoToday,
  suppressionProblemLine,
  suppressionTextProblems,
  violationLine,
  violationMessage,
} from '../../../aspects/core/evaluate';
import { TfModel } from '../../../aspects/core/model';
import { CATALOGUE } from '../../../aspects/rules';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { compliant, nonCompliant, notApplicable, unresolved } from '../../../aspects/core/rule';
import { meta, site, stubRule } from '../../support/engine-fixtures';

const TODAY = '2026-11-28';
const policy = paymentsPolicy({ today: TODAY });

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
    const ev = evaluate(new TfModel(json, { taggableTypes: [], scopePaths: ['s/ok'] }), policy, [topicRule]);
    expect(ev.resources.map((r) => r.name)).toEqual(['ok']);
    expect(ev.violations).toEqual([]);
  });

  it('fails loudly when a rule answers nothing', () => {
    const silent = stubRule('Silent', ['aws_s3_bucket'], () => []);
    expect(() => evaluate(new TfModel(json, { taggableTypes: [] }), policy, [silent])).toThrow(
      '[compliance/RuleBroken] rule Silent returned no result for aws_s3_bucket.b',
    );
  });

  it('lets a valid suppression of the same rule on the resource or above it silence a violation', () => {
    const good = site('TopicRule', 's');
    const other = site('TagRule', 's');
    const ev = evaluate(new TfModel(json, { taggableTypes: [] }), policy, [topicRule, tagRule], {
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
    const ev = evaluate(new TfModel(json, { taggableTypes: [] }), policy, [topicRule], {
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
    const ev = evaluate(new TfModel(json, { taggableTypes: [] }), policy, [topicRule], {
      suppressionsFor: (r) => (r.name === 'ok' ? [s] : []),
      allSuppressions: [s],
    });
    expect(ev.suppressionProblems.map((p) => p.site)).toEqual([s]);
  });

  it('uses today from the policy, else the current UTC date', () => {
    const s = site('TopicRule', 's', { expires: '2026-11-27' });
    const opts = { suppressionsFor: () => [s], allSuppressions: [s] };
    const valid = evaluate(
      new TfModel(json, { taggableTypes: [] }),
      paymentsPolicy({ today: '2026-11-27' }),
      [topicRule],
      opts,
    );
    expect([valid.violations.length, valid.suppressionProblems.length]).toEqual([0, 0]);
    expect(
      evaluate(
        new TfModel(json, { taggableTypes: [] }),
        paymentsPolicy({ today: '2026-11-28' }),
        [topicRule],
        opts,
      ).suppressionProblems[0].problem,
    ).toMatch(/^expired on 2026-11-27/);
    expect(isoToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(isoToday()).toBe(new Date().toISOString().slice(0, 10));
    const far = site('TopicRule', 's', { expires: '2999-12-31' });
    const noToday = { ...policy, today: undefined };
    expect(
      evaluate(new TfModel(json, { taggableTypes: [] }), noToday, [topicRule], {
        suppressionsFor: () => [far],
        allSuppressions: [far],
      }).suppressionProblems,
    ).toEqual([]);
  });
});

describe('evaluate: policy-level notes', () => {
  const model = new TfModel({ resource: { aws_sns_topic: { t: {} } } }, { taggableTypes: [] });

  it('collects the notes of every rule once, in rule order, asked with the policy and today', () => {
    const seen: { policy: unknown; today: string }[] = [];
    const a = stubRule('A', ['aws_sns_topic'], () => compliant(), {
      notes: (ctx) => {
        seen.push(ctx);
        return [`facts may be stale on ${ctx.today}`, 'shared note'];
      },
    });
    const b = stubRule('B', ['aws_s3_bucket'], () => compliant(), { notes: () => ['shared note', 'b note'] });
    const silent = stubRule('Silent', ['aws_sns_topic'], () => compliant());
    const none = stubRule('None', ['aws_sns_topic'], () => compliant(), { notes: () => [] });
    const ev = evaluate(model, policy, [silent, a, none, b]);
    expect(ev.notes).toEqual([`facts may be stale on ${TODAY}`, 'shared note', 'b note']);
    expect(seen).toEqual([{ policy, today: TODAY }]);
  });

  it('no notes when no rule has any', () => {
    expect(evaluate(model, policy, [stubRule('Silent', ['aws_sns_topic'], () => compliant())]).notes).toEqual(
      [],
    );
    expect(evaluate(model, policy, []).notes).toEqual([]);
  });
});

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
    const ev = evaluate(
      new TfModel(json(), { taggableTypes: [] }),
      paymentsPolicy({ today: TODAY }),
      rules(),
      {
        suppressionsFor: (r) => (r.name === 'bad' ? [expired, valid] : []),
        allSuppressions: [expired, valid],
      },
    );
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
    const ev = evaluate(
      new TfModel(json(), { taggableTypes: [] }),
      paymentsPolicy({ today: TODAY }),
      rules(),
      {
        suppressionsFor: (r) => (r.name === 'bad' ? [other] : []),
        allSuppressions: [other],
      },
    );
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

describe('suppressionTextProblems: impossible calendar days are not rolled over into real ones', () => {
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
});

describe('failure lines', () => {
  const m = new TfModel({ resource: { aws_sns_topic: { t: meta('stack/t') } } }, { taggableTypes: [] });
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

describe('fixFor: the fix printed fits the mode and the policy', () => {
  const kmsRule = CATALOGUE.find((r) => r.id === 'SnsTopicKmsCmk')!;
  const tracingRule = CATALOGUE.find((r) => r.id === 'LambdaTracingActive')!;
  const withAlertingKey = paymentsPolicy({ today: '2026-12-02', keys: { alerting: '${aws_kms_key.a.arn}' } });
  const withoutKeys = paymentsPolicy({ today: '2026-12-02' });

  it('plan mode (no injectors): the plain configuration fix, never "the gate injects"', () => {
    expect(fixFor(kmsRule, withAlertingKey)).toBe(kmsRule.fix);
    expect(fixFor(kmsRule, withAlertingKey, new Set())).toBe(kmsRule.fix);
    for (const rule of CATALOGUE)
      expect(fixFor(rule, withAlertingKey)).not.toMatch(/gate (injects|adds|sets|turns)/);
  });

  it('the injector runs and the policy has the key: the injected way, or the plain fix', () => {
    expect(fixFor(kmsRule, withAlertingKey, new Set(['kms']))).toBe(
      "leave kms_master_key_id unset so the gate injects the policy's alerting key, or set kms_master_key_id to a customer-managed aws_kms_key (not alias/aws/sns)",
    );
  });

  it('the injector runs but the policy has no key for the purpose: says so, never "leave it unset"', () => {
    const fix = fixFor(kmsRule, withoutKeys, new Set(['kms']));
    expect(fix).toBe(
      'set kms_master_key_id to a customer-managed aws_kms_key (not alias/aws/sns); or pass keys.alerting in the policy (it has none, so the gate injects no alerting key)',
    );
    expect(fix).not.toContain('leave');
  });

  it('a rule without an injected fix keeps its plain fix even when its injector runs', () => {
    const rule = stubRule('NoInjectedFix', ['aws_sns_topic'], () => compliant(), { injectedBy: 'kms' });
    expect(fixFor(rule, withAlertingKey, new Set(['kms']))).toBe('fix NoInjectedFix');
    const injected = stubRule('Injected', ['aws_sns_topic'], () => compliant(), {
      injectedBy: 'kms',
      injectedFix: 'leave it to the gate',
    });
    expect(fixFor(injected, withAlertingKey, new Set(['kms']))).toBe('leave it to the gate, or fix Injected');
  });

  it('another injector than the rule needs: the plain fix', () => {
    expect(fixFor(kmsRule, withAlertingKey, new Set(['tags', 'tracing']))).toBe(kmsRule.fix);
    expect(fixFor(tracingRule, withoutKeys, new Set(['tracing']))).toBe(
      `${tracingRule.injectedFix}, or ${tracingRule.fix}`,
    );
  });

  it('evaluate puts the fix of its mode on every finding and in the violation line', () => {
    const model = new TfModel({ resource: { aws_sns_topic: { t: {} } } }, { taggableTypes: [] });
    const plan = evaluate(model, withoutKeys, [kmsRule]);
    const cdk = evaluate(model, withoutKeys, [kmsRule], { injectors: new Set(['kms']) });
    expect(violationLine(plan.violations[0])).toMatch(
      /Fix: set kms_master_key_id to a customer-managed aws_kms_key \(not alias\/aws\/sns\)$/,
    );
    expect(violationLine(cdk.violations[0])).toMatch(/or pass keys\.alerting in the policy/);
  });

  it('every rule with an injectedFix names its injector, and a key purpose only for the kms injector', () => {
    for (const rule of CATALOGUE) {
      if (rule.injectedFix !== undefined) expect(rule.injectedBy).toBeDefined();
      if (rule.keyPurpose !== undefined) expect(rule.injectedBy).toBe('kms');
      expect(rule.fix).not.toMatch(/so the gate|gate injects/);
    }
  });
});
