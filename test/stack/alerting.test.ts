/** Items 12 (alarms and who is paged), 13 (SNS) and 14 (EventBridge audit trail). */
import type { SynthResult } from '../support/synth';
import { resourcesOf, synthPaymentsStack } from '../support/synth';
import { DB_CONNECTIONS_HEADROOM } from '../../resources/config';
import type { Res } from './helpers';
import { block, byPath, dependsOn, keyArn, list, ref, statements } from './helpers';

let s: SynthResult;
beforeAll(() => {
  s = synthPaymentsStack();
});

const topicRef = (which: 'page' | 'ticket'): string =>
  ref('aws_sns_topic', byPath(s.json, 'aws_sns_topic', `${which}/topic`)[0], 'arn');
const metricAlarms = (): Res[] => resourcesOf(s.json, 'aws_cloudwatch_metric_alarm').map(([, a]) => a);
const compositeAlarms = (): Res[] => resourcesOf(s.json, 'aws_cloudwatch_composite_alarm').map(([, a]) => a);
const alarmNamed = (name: string): Res => {
  const a = [...metricAlarms(), ...compositeAlarms()].find((x) => x['alarm_name'] === name);
  if (!a) throw new Error(`no alarm ${name}`);
  return a;
};
type Query = { id: string; return_data?: boolean; expression?: string; metric?: Res };
const queries = (a: Res): Query[] => list(a['metric_query'] as Query[] | undefined);

describe('SNS topics (item 13)', () => {
  it('every topic is encrypted with the alerting CMK', () => {
    const topics = resourcesOf(s.json, 'aws_sns_topic');
    expect(topics).toHaveLength(2);
    for (const [, t] of topics) expect(t['kms_master_key_id']).toBe(keyArn(s.json, 'alerting'));
  });

  it('every topic policy lets CloudWatch and EventBridge of this account publish, and denies publish without TLS', () => {
    for (const [name] of resourcesOf(s.json, 'aws_sns_topic')) {
      const arn = ref('aws_sns_topic', name, 'arn');
      const policies = resourcesOf(s.json, 'aws_sns_topic_policy').filter(([, p]) => p['arn'] === arn);
      expect(policies).toHaveLength(1);
      const st = statements(policies[0][1]['policy']);
      for (const service of ['cloudwatch.amazonaws.com', 'events.amazonaws.com']) {
        const allow = st.find(
          (x) => x.Effect === 'Allow' && x.Principal !== '*' && list(x.Principal?.Service).includes(service),
        );
        expect(allow).toBeDefined();
        expect(allow?.Action).toBe('sns:Publish');
        expect(allow?.Resource).toBe(arn);
        expect(allow?.Condition?.StringEquals).toEqual({ 'aws:SourceAccount': '123456789012' });
      }
      expect(st).toContainEqual({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: arn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
      for (const x of st) if (x.Effect === 'Allow') expect(x.Principal).not.toBe('*');
    }
  });

  it('every topic has >= 2 email subscriptions; the on-call topic also the SMS number', () => {
    const subs = resourcesOf(s.json, 'aws_sns_topic_subscription').map(([, x]) => x);
    for (const [name] of resourcesOf(s.json, 'aws_sns_topic')) {
      const mine = subs.filter((x) => x['topic_arn'] === ref('aws_sns_topic', name, 'arn'));
      expect(mine.filter((x) => x['protocol'] === 'email').length).toBeGreaterThanOrEqual(2);
    }
    const sms = subs.filter((x) => x['protocol'] === 'sms');
    expect(sms).toEqual([expect.objectContaining({ topic_arn: topicRef('page'), endpoint: '+15555550100' })]);
    expect(subs.filter((x) => x['protocol'] === 'email').map((x) => x['endpoint'])).toContain(
      'payments-oncall@example.com',
    );
  });
});

describe('alarms (item 12)', () => {
  it('EVERY alarm, metric or composite, notifies an SNS topic of the stack with >= 2 email subscriptions', () => {
    const topics = new Map(
      resourcesOf(s.json, 'aws_sns_topic').map(([name]) => {
        const arn = ref('aws_sns_topic', name, 'arn');
        const emails = resourcesOf(s.json, 'aws_sns_topic_subscription').filter(
          ([, x]) => x['topic_arn'] === arn && x['protocol'] === 'email',
        ).length;
        return [arn, emails];
      }),
    );
    const all = [...metricAlarms(), ...compositeAlarms()];
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const a of all) {
      expect(a['actions_enabled']).not.toBe(false);
      const actions = list(a['alarm_actions'] as string[]);
      expect(actions.length).toBeGreaterThan(0);
      for (const t of actions) expect(topics.get(t)).toBeGreaterThanOrEqual(2);
    }
  });

  it('API 5xx rate > 5% (API Gateway metrics, and the access log): metric math, exactly one return_data, notBreaching', () => {
    const api = alarmNamed('payments-api-5xx-rate');
    const logs = alarmNamed('payments-api-5xx-rate-access-log');
    for (const [a, namespace, metrics] of [
      [api, 'AWS/ApiGateway', ['5XXError', 'Count']],
      [logs, 'Payments/ApiAccessLogs', ['Api5xxErrors', 'ApiRequests']],
    ] as const) {
      expect(a['threshold']).toBe(5);
      expect(a['comparison_operator']).toBe('GreaterThanThreshold');
      expect(a['treat_missing_data']).toBe('notBreaching');
      expect(a['metric_name']).toBeUndefined();
      const q = queries(a);
      expect(q.filter((x) => x.return_data === true)).toHaveLength(1);
      expect(q.find((x) => x.return_data === true)?.expression).toBe(
        'IF(requests >= 10, 100 * errors / requests, 0)',
      );
      for (const m of q.filter((x) => x.metric)) expect(block(m.metric)['namespace']).toBe(namespace);
      expect(
        q
          .filter((x) => x.metric)
          .map((x) => block(x.metric)['metric_name'])
          .sort(),
      ).toEqual([...metrics]);
    }
    expect(block(queries(api)[0].metric)['dimensions']).toEqual({ ApiName: 'payments-api', Stage: 'v1' });
  });

  it('failing invocations > 10%: (answered 5xx from the handler log + Lambda Errors) / Invocations', () => {
    const fn = alarmNamed('payments-lambda-error-rate');
    expect(fn['threshold']).toBe(10);
    expect(fn['treat_missing_data']).toBe('notBreaching');
    const q = queries(fn);
    expect(q.filter((x) => x.return_data === true).map((x) => x.expression)).toEqual([
      'IF(invocations >= 10, 100 * (answered5xx + errors) / invocations, 0)',
    ]);
    const byId = Object.fromEntries(q.filter((x) => x.metric).map((x) => [x.id, block(x.metric)]));
    expect(byId['errors']).toMatchObject({ namespace: 'AWS/Lambda', metric_name: 'Errors', stat: 'Sum' });
    expect(byId['invocations']).toMatchObject({ namespace: 'AWS/Lambda', metric_name: 'Invocations' });
    // The handled failures come from the metric filter on the handler's own log group.
    const [, filter] = byPath(
      s.json,
      'aws_cloudwatch_log_metric_filter',
      'handler-log-metrics/failed-invocations',
    );
    const t = block(filter['metric_transformation']);
    expect(byId['answered5xx']).toMatchObject({
      namespace: t['namespace'],
      metric_name: t['name'],
      stat: 'Sum',
      period: 300,
    });
    const [groupName] = byPath(s.json, 'aws_cloudwatch_log_group', 'handler/logs/group');
    expect(filter['log_group_name']).toBe(ref('aws_cloudwatch_log_group', groupName, 'name'));
    expect(t).toMatchObject({ value: '1', default_value: '0' });
  });

  it('a composite OR of the four legs (API 5xx x2, failing invocations, canary) is the only alarm that pages', () => {
    const composites = compositeAlarms();
    expect(composites).toHaveLength(1);
    const c = composites[0];
    const nameRef = (alarmName: string): string => {
      const [name] = resourcesOf(s.json, 'aws_cloudwatch_metric_alarm').find(
        ([, a]) => a['alarm_name'] === alarmName,
      ) as [string, Res];
      return `ALARM("\${aws_cloudwatch_metric_alarm.${name}.alarm_name}")`;
    };
    expect(String(c['alarm_rule'])).toBe(
      [
        'payments-api-5xx-rate',
        'payments-api-5xx-rate-access-log',
        'payments-lambda-error-rate',
        'payments-canary-health',
      ]
        .map(nameRef)
        .join(' OR '),
    );
    expect(c['alarm_actions']).toEqual([topicRef('page')]);
    for (const a of metricAlarms())
      expect(list(a['alarm_actions'] as string[])).not.toContain(topicRef('page'));
  });

  it('the children of the composite notify only the ticket topic (one incident, one page)', () => {
    for (const name of [
      'payments-api-5xx-rate',
      'payments-api-5xx-rate-access-log',
      'payments-lambda-error-rate',
      'payments-canary-health',
    ]) {
      expect(alarmNamed(name)['alarm_actions']).toEqual([topicRef('ticket')]);
    }
  });

  it('p99 latency, canary failure and DB connections alarms exist with 5-minute periods', () => {
    expect(alarmNamed('payments-api-p99-latency')).toMatchObject({
      namespace: 'AWS/ApiGateway',
      metric_name: 'Latency',
      extended_statistic: 'p99',
      period: 300,
      threshold: 2000,
    });
    expect(alarmNamed('payments-canary-health')).toMatchObject({
      metric_name: 'SuccessPercent',
      treat_missing_data: 'breaching',
    });
    expect(alarmNamed('payments-db-connections')).toMatchObject({
      namespace: 'AWS/RDS',
      metric_name: 'DatabaseConnections',
      dimensions: { DBClusterIdentifier: 'payments-db' },
      period: 300,
    });
  });

  it('the DB-connections threshold is the handler ceiling (reserved concurrency x pool size) plus headroom', () => {
    const a = alarmNamed('payments-db-connections');
    const { reservedConcurrency, dbPoolMax } = s.config.lambda;
    expect(a['threshold']).toBe(reservedConcurrency * dbPoolMax + DB_CONNECTIONS_HEADROOM);
    expect(a['threshold']).toBe(110);
    const [, fn] = byPath(s.json, 'aws_lambda_function', 'handler/function');
    expect(fn['reserved_concurrent_executions']).toBe(reservedConcurrency);
    expect((block(fn['environment'])['variables'] as Record<string, string>)['DB_POOL_MAX']).toBe(
      String(dbPoolMax),
    );
  });

  it('payment volume uses anomaly detection: ANOMALY_DETECTION_BAND(m1, 2), threshold_metric_id, no threshold', () => {
    const a = alarmNamed('payments-payment-volume-anomaly');
    expect(a['threshold']).toBeUndefined();
    expect(a['comparison_operator']).toBe('LessThanLowerOrGreaterThanUpperThreshold');
    const band = queries(a).find((x) => x.expression === 'ANOMALY_DETECTION_BAND(m1, 2)');
    expect(band).toBeDefined();
    expect(a['threshold_metric_id']).toBe(band?.id);
    const m1 = queries(a).find((x) => x.id === 'm1');
    expect(block(m1?.metric)).toMatchObject({
      namespace: 'Payments',
      metric_name: 'PaymentCount',
      stat: 'Sum',
      period: 300,
    });
  });
});

describe('EventBridge audit trail of alarm state changes (item 14)', () => {
  it('matches CloudWatch Alarm State Change events of the critical alarms', () => {
    const [, rule] = byPath(s.json, 'aws_cloudwatch_event_rule', 'alarm-audit/rule');
    const pattern = JSON.parse(String(rule['event_pattern'])) as Record<string, string[]>;
    expect(pattern['source']).toEqual(['aws.cloudwatch']);
    expect(pattern['detail-type']).toEqual(['CloudWatch Alarm State Change']);
    const composite = resourcesOf(s.json, 'aws_cloudwatch_composite_alarm')[0][0];
    expect(pattern['resources']).toContain(ref('aws_cloudwatch_composite_alarm', composite, 'arn'));
    expect(pattern['resources']).toHaveLength(5);
  });

  it('delivers to a KMS log group under /aws/events with retries and an encrypted DLQ', () => {
    const [ruleName] = byPath(s.json, 'aws_cloudwatch_event_rule', 'alarm-audit/rule');
    const [, target] = byPath(s.json, 'aws_cloudwatch_event_target', 'alarm-audit/to-audit-logs');
    const [groupName, group] = byPath(s.json, 'aws_cloudwatch_log_group', 'alarm-audit/audit-logs/group');
    const [queueName, queue] = byPath(s.json, 'aws_sqs_queue', 'alarm-audit/dlq');
    expect(target['rule']).toBe(ref('aws_cloudwatch_event_rule', ruleName, 'name'));
    expect(target['arn']).toBe(ref('aws_cloudwatch_log_group', groupName, 'arn'));
    expect(String(group['name'])).toMatch(/^\/aws\/events\//);
    expect(block(target['retry_policy'])).toEqual({
      maximum_event_age_in_seconds: 86400,
      maximum_retry_attempts: 185,
    });
    expect(block(target['dead_letter_config'])).toEqual({ arn: ref('aws_sqs_queue', queueName, 'arn') });
    expect(queue['kms_master_key_id']).toBe(keyArn(s.json, 'alerting'));
  });

  it('a log resource policy lets EventBridge create streams in that group, and write to it only from that rule', () => {
    const [ruleName] = byPath(s.json, 'aws_cloudwatch_event_rule', 'alarm-audit/rule');
    const [groupName] = byPath(s.json, 'aws_cloudwatch_log_group', 'alarm-audit/audit-logs/group');
    const [policyName, policy] = byPath(
      s.json,
      'aws_cloudwatch_log_resource_policy',
      'alarm-audit/delivery-policy',
    );
    const sts = statements(policy['policy_document']);
    const groupStreams = `${ref('aws_cloudwatch_log_group', groupName, 'arn')}:*`;
    for (const st of sts) {
      expect(st.Effect).toBe('Allow');
      expect(list(st.Principal === '*' ? undefined : st.Principal?.Service).sort()).toEqual([
        'delivery.logs.amazonaws.com',
        'events.amazonaws.com',
      ]);
      expect(st.Resource).toBe(groupStreams);
    }
    // Regression (issue 12): CreateLogStream carries no aws:SourceArn, so it must not be conditioned on
    // it; PutLogEvents must be, and each action appears in exactly one statement.
    const byAction = (a: string) => sts.filter((st) => list(st.Action).includes(a));
    expect(byAction('logs:CreateLogStream')).toHaveLength(1);
    expect(byAction('logs:PutLogEvents')).toHaveLength(1);
    expect(byAction('logs:CreateLogStream')[0].Condition).toBeUndefined();
    expect(list(byAction('logs:CreateLogStream')[0].Action)).toEqual(['logs:CreateLogStream']);
    expect(byAction('logs:PutLogEvents')[0].Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': ref('aws_cloudwatch_event_rule', ruleName, 'arn') },
    });
    const [, target] = byPath(s.json, 'aws_cloudwatch_event_target', 'alarm-audit/to-audit-logs');
    expect(dependsOn(target)).toContain(`aws_cloudwatch_log_resource_policy.${policyName}`);
    expect(target['role_arn']).toBeUndefined();
  });

  it('the DLQ accepts only this rule, only over TLS, and is itself alarmed (ticket)', () => {
    const [ruleName] = byPath(s.json, 'aws_cloudwatch_event_rule', 'alarm-audit/rule');
    const [, qp] = byPath(s.json, 'aws_sqs_queue_policy', 'alarm-audit/dlq-policy');
    const st = statements(qp['policy']);
    expect(st.find((x) => x.Effect === 'Allow')?.Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': ref('aws_cloudwatch_event_rule', ruleName, 'arn') },
    });
    expect(st.find((x) => x.Effect === 'Deny')?.Condition).toEqual({
      Bool: { 'aws:SecureTransport': 'false' },
    });
    expect(alarmNamed('payments-alarm-audit-dlq')['alarm_actions']).toEqual([topicRef('ticket')]);
  });

  it('does not target the on-call topic (the composite already pages it)', () => {
    for (const [, t] of resourcesOf(s.json, 'aws_cloudwatch_event_target'))
      expect(t['arn']).not.toBe(topicRef('page'));
  });
});
