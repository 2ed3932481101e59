/** Items 10 (dashboard), 11 (metric filters, synthesized), 15 (Contributor Insights), 19 (outputs), provider. */
import { ACCESS_LOG_METRIC_FILTERS } from '../../resources/access-log-format';
import { DASHBOARD_PERIOD, dashboardConsoleUrl } from '../../resources/dashboard';
import type { SynthResult } from '../support/synth';
import { resourcesOf, synthPaymentsStack } from '../support/synth';
import { block, byPath, ref } from './helpers';

let s: SynthResult;
beforeAll(() => {
  s = synthPaymentsStack();
});

interface Widget {
  type: string;
  properties: { title?: string; period?: number; metrics?: unknown[][]; alarms?: string[] };
}

describe('dashboard (item 10)', () => {
  const body = (): { widgets: Widget[]; periodOverride?: string } => {
    const [, d] = byPath(s.json, 'aws_cloudwatch_dashboard', 'dashboard/dashboard');
    return JSON.parse(String(d['dashboard_body'])) as { widgets: Widget[]; periodOverride?: string };
  };
  const metricWidgets = (): Widget[] => body().widgets.filter((w) => w.type === 'metric');
  /** [namespace, metricName, stat] of every metric line (expressions skipped). */
  const lines = (): Array<[string, string, string | undefined]> =>
    metricWidgets().flatMap((w) =>
      (w.properties.metrics ?? [])
        .filter((m) => typeof m[0] === 'string')
        .map((m) => {
          const opts = m[m.length - 1] as { stat?: string };
          return [m[0] as string, m[1] as string, typeof opts === 'object' ? opts.stat : undefined] as [
            string,
            string,
            string | undefined,
          ];
        }),
    );

  it('every graph aggregates over 300 seconds, kept when the viewer changes the range', () => {
    expect(metricWidgets().length).toBeGreaterThanOrEqual(8);
    for (const w of metricWidgets()) expect(w.properties.period).toBe(DASHBOARD_PERIOD);
    expect(DASHBOARD_PERIOD).toBe(300);
    expect(body().periodOverride).toBe('inherit');
  });

  it('shows API latency p50/p95/p99, request count and 5xx rate', () => {
    const api = lines().filter(([ns]) => ns === 'AWS/ApiGateway');
    expect(api.filter(([, m]) => m === 'Latency').map(([, , st]) => st)).toEqual(['p50', 'p95', 'p99']);
    expect(api.map(([, m]) => m)).toEqual(expect.arrayContaining(['Count', '5XXError']));
    const expressions = metricWidgets().flatMap((w) =>
      (w.properties.metrics ?? []).filter((m) => typeof m[0] === 'object'),
    );
    expect(JSON.stringify(expressions)).toContain('100 * errors5xx / requests');
  });

  it('shows Lambda errors with invocations, duration, throttles; DB connections; canary success', () => {
    const metrics = lines().map(([ns, m]) => `${ns}:${m}`);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'AWS/Lambda:Errors',
        'AWS/Lambda:Invocations',
        'AWS/Lambda:Duration',
        'AWS/Lambda:Throttles',
        'AWS/RDS:DatabaseConnections',
        'CloudWatchSynthetics:SuccessPercent',
      ]),
    );
  });

  it('shows the error rates from the access log and the failing-invocation rate, from the metrics the filters publish', () => {
    const byTitle = (t: RegExp) => {
      const w = metricWidgets().find((x) => t.test(x.properties.title ?? ''));
      if (!w) throw new Error(`no widget titled ${String(t)}`);
      return w.properties.metrics ?? [];
    };
    const published = resourcesOf(s.json, 'aws_cloudwatch_log_metric_filter').map(([, f]) => {
      const t = block(f['metric_transformation']);
      return `${String(t['namespace'])}:${String(t['name'])}`;
    });
    const access = byTitle(/access log/i);
    const accessLines = access
      .filter((m) => typeof m[0] === 'string')
      .map((m) => `${String(m[0])}:${String(m[1])}`);
    expect(accessLines).toEqual(
      expect.arrayContaining(['Payments/ApiAccessLogs:ApiRequests', 'Payments/ApiAccessLogs:Api5xxErrors']),
    );
    for (const l of accessLines) expect(published).toContain(l);
    expect(JSON.stringify(access)).toContain('100 * errors5xx / requests');
    const lambda = byTitle(/failing invocations/i);
    const handlerLine = lambda.find((m) => m[0] === 'Payments/HandlerLogs');
    expect(handlerLine?.[1]).toBe('FailedInvocations');
    expect(published).toContain('Payments/HandlerLogs:FailedInvocations');
    expect(JSON.stringify(lambda)).toContain('100 * (answered5xx + errors) / invocations');
  });

  it('shows the custom payment metrics from the configured namespace', () => {
    const payments = lines()
      .filter(([ns]) => ns === 'Payments')
      .map(([, m]) => m);
    expect(payments).toEqual(expect.arrayContaining(['PaymentCount', 'PaymentFailures', 'StageLatency']));
    // PaymentAmount carries a Currency dimension: shown through a SEARCH over the namespace.
    const searches = JSON.stringify(metricWidgets().flatMap((w) => w.properties.metrics));
    expect(searches).toContain('SEARCH(\'{Payments,Currency} MetricName=\\"PaymentAmount\\"\'');
  });

  it('has an alarm-status widget listing every alarm', () => {
    const alarmWidgets = body().widgets.filter((w) => w.type === 'alarm');
    expect(alarmWidgets).toHaveLength(1);
    const listed = new Set(alarmWidgets[0].properties.alarms);
    for (const [name] of resourcesOf(s.json, 'aws_cloudwatch_metric_alarm')) {
      expect(listed.has(ref('aws_cloudwatch_metric_alarm', name, 'arn'))).toBe(true);
    }
    for (const [name] of resourcesOf(s.json, 'aws_cloudwatch_composite_alarm')) {
      expect(listed.has(ref('aws_cloudwatch_composite_alarm', name, 'arn'))).toBe(true);
    }
  });

  it('does not pretend to set auto-refresh (no such body field exists)', () => {
    const [, d] = byPath(s.json, 'aws_cloudwatch_dashboard', 'dashboard/dashboard');
    expect(String(d['dashboard_body'])).not.toMatch(/"(autoRefresh|refresh|refreshInterval)"/);
  });
});

describe('metric filters on the access log (item 11)', () => {
  it('are exactly the filters defined beside the access log format, on the access log group', () => {
    const [group] = byPath(s.json, 'aws_cloudwatch_log_group', 'api/access-logs/group');
    const filters = resourcesOf(s.json, 'aws_cloudwatch_log_metric_filter')
      .map(([, f]) => f)
      .filter((f) => f['log_group_name'] === ref('aws_cloudwatch_log_group', group, 'name'));
    expect(filters).toHaveLength(ACCESS_LOG_METRIC_FILTERS.length);
    for (const def of ACCESS_LOG_METRIC_FILTERS) {
      const f = filters.find((x) => x['pattern'] === def.pattern);
      expect(f).toBeDefined();
      expect(f?.['log_group_name']).toBe(ref('aws_cloudwatch_log_group', group, 'name'));
      const t = block(f?.['metric_transformation']);
      expect(t).toMatchObject({
        name: def.metricName,
        namespace: 'Payments/ApiAccessLogs',
        value: def.value,
        unit: def.unit,
      });
      if (def.defaultValue !== undefined) expect(t['default_value']).toBe(String(def.defaultValue));
      expect(t['dimensions']).toBeUndefined();
    }
    const patterns = filters.map((f) => f['pattern']);
    expect(patterns).toContain('{ $.status >= 500 }');
    expect(
      filters.find((f) => block(f['metric_transformation'])['value'] === '$.responseLatency'),
    ).toBeDefined();
  });
});

describe('Contributor Insights (item 15)', () => {
  it('ranks callers of the access log by source IP and API key', () => {
    const rules = resourcesOf(s.json, 'aws_cloudwatch_contributor_insight_rule').map(([, r]) => r);
    expect(rules).toHaveLength(1);
    expect(rules[0]['rule_state']).toBe('ENABLED');
    const [group] = byPath(s.json, 'aws_cloudwatch_log_group', 'api/access-logs/group');
    const def = JSON.parse(String(rules[0]['rule_definition'])) as Record<string, unknown>;
    expect(def).toEqual({
      Schema: { Name: 'CloudWatchLogRule', Version: 1 },
      LogGroupNames: [ref('aws_cloudwatch_log_group', group, 'name')],
      LogFormat: 'JSON',
      Contribution: { Keys: ['$.sourceIp', '$.apiKeyId'], Filters: [] },
      AggregateOn: 'Count',
    });
  });
});

describe('outputs (item 19) and provider', () => {
  it('outputs the API URL, dashboard URL, canary name and topic ARNs', () => {
    const out = s.json.output ?? {};
    const [stage] = byPath(s.json, 'aws_api_gateway_stage', 'api/stage');
    const [canary] = byPath(s.json, 'aws_synthetics_canary', 'canary/canary');
    expect(out['api_url'].value).toBe(ref('aws_api_gateway_stage', stage, 'invoke_url'));
    expect(out['dashboard_url'].value).toBe(dashboardConsoleUrl('us-east-1', 'payments-overview'));
    expect(out['dashboard_url'].value).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=payments-overview',
    );
    expect(out['canary_name'].value).toBe(ref('aws_synthetics_canary', canary, 'name'));
    for (const which of ['page', 'ticket']) {
      const [topic] = byPath(s.json, 'aws_sns_topic', `${which}/topic`);
      expect(out[`${which}_topic_arn`].value).toBe(ref('aws_sns_topic', topic, 'arn'));
    }
  });

  it('configures one AWS provider in us-east-1 whose offline switches come from var.offline', () => {
    const providers = (s.json.provider?.['aws'] ?? []) as Array<Record<string, unknown>>;
    expect(providers).toHaveLength(1);
    const p = providers[0];
    expect(p['region']).toBe('us-east-1');
    expect(p['skip_credentials_validation']).toBe('${var.offline}');
    expect(p['skip_requesting_account_id']).toBe('${var.offline}');
    expect(String(p['skip_metadata_api_check'])).toContain('var.offline');
    expect(String(p['allowed_account_ids'])).toContain('123456789012');
    expect(s.json.variable?.['offline']).toMatchObject({ type: 'bool', default: false });
  });

  it('uses no data sources (plan works offline) and no provider but hashicorp/aws', () => {
    expect(s.json.data).toBeUndefined();
    const required = (s.json.terraform?.['required_providers'] ?? {}) as Record<
      string,
      { source: string; version: string }
    >;
    expect(Object.keys(required)).toEqual(['aws']);
    expect(required['aws'].version).toBe('5.100.0');
  });
});
