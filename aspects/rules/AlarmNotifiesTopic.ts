import type { TfResource } from '../core/model';
import { asArray } from '../core/model';
import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { isExpression, literalBool, literalString, referencesIn } from '../core/values';
import { linkedCompanions } from './links';

export default defineRule({
  id: 'AlarmNotifiesTopic',
  description:
    'Every CloudWatch alarm (metric or composite) has its actions enabled and notifies, on ALARM, an SNS topic of the stack that has at least the policy number of email subscriptions (2 for payments).',
  fix: 'leave actions_enabled unset (or true), put a reference to an aws_sns_topic of the stack in alarm_actions, and subscribe enough people to that topic with aws_sns_topic_subscription (protocol = "email", topic_arn = the topic)',
  severity: 'high',
  controls: {
    securityHub: ['CloudWatch.15', 'CloudWatch.17'],
    cdkNag: ['HIPAA.Security-CloudWatchAlarmAction', 'NIST.800.53.R5-CloudWatchAlarmAction'],
    checkov: ['CKV_AWS_319'],
  },
  appliesTo: ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm'],
  evaluate: (r, { model, policy }) => {
    const results: RuleResult[] = [];
    const enabled = literalBool(r.config['actions_enabled']);
    if (enabled.kind === 'unresolved') results.push(unresolved('actions_enabled', enabled.expression));
    else if (enabled.kind === 'value' && !enabled.value) {
      results.push(
        nonCompliant(
          'actions_enabled is false, so the alarm notifies nobody when it fires',
          'actions_enabled',
        ),
      );
    }

    const raw = r.config['alarm_actions'];
    if (isExpression(raw)) return [...results, unresolved('alarm_actions', raw)];
    const topics: TfResource[] = [];
    const pending: string[] = [];
    const others: string[] = [];
    for (const action of asArray(raw)) {
      const refs = referencesIn(action).map((ref) => model.byAddress(ref.address));
      const topic = refs.find((t) => t?.type === 'aws_sns_topic');
      if (topic) {
        if (!topics.includes(topic)) topics.push(topic);
      } else if (isExpression(action) && !refs.some((t) => t?.mode === 'managed')) pending.push(action);
      else others.push(String(action));
    }
    if (topics.length === 0) {
      if (pending.length > 0) return [...results, unresolved('alarm_actions', pending[0])];
      results.push(
        nonCompliant(
          others.length === 0
            ? 'alarm_actions is empty, so the alarm notifies nobody when it goes to ALARM'
            : `alarm_actions (${others.join(', ')}) names no SNS topic declared in this stack`,
          'alarm_actions',
        ),
      );
      return results;
    }

    const min = policy.minAlarmEmailSubscriptions;
    let best = 0;
    let undecided: { attribute: string; expression: string } | undefined;
    for (const topic of topics) {
      const { found } = linkedCompanions(model, 'aws_sns_topic_subscription', 'topic_arn', topic);
      const endpoints = new Set<string>();
      for (const s of found) {
        const protocol = literalString(s.config['protocol']);
        if (protocol.kind === 'unresolved')
          undecided ??= { attribute: `${s.address}.protocol`, expression: protocol.expression };
        // SNS keeps one subscription per (protocol, endpoint): duplicates do not reach another person.
        else if (protocol.kind === 'value' && protocol.value === 'email')
          endpoints.add(JSON.stringify(s.config['endpoint']));
      }
      best = Math.max(best, endpoints.size);
    }
    if (best < min) {
      if (undecided) results.push(unresolved(undecided.attribute, undecided.expression));
      else {
        const names = topics.map((t) => t.address).join(', ');
        results.push(
          nonCompliant(
            `the notified topic${topics.length > 1 ? 's' : ''} (${names}) ${topics.length > 1 ? 'have' : 'has'} at most ${best} email subscription${best === 1 ? '' : 's'}; the policy requires at least ${min}`,
            'alarm_actions',
          ),
        );
      }
    }
    return results.length > 0 ? results : compliant();
  },
});
