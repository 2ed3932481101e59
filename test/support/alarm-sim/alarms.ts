/**
 * CloudWatch alarms as synthesized (cdk.tf.json), evaluated period by period on simulated metrics.
 *
 * Metric alarm evaluation, from the CloudWatch User Guide, "Using Amazon CloudWatch alarms" (awsdocs/
 * amazon-cloudwatch-user-guide doc_source/AlarmThatSendsEmail.md, read 2026-12-02;
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html):
 * - "Datapoints to Alarm is the number of data points within the evaluation period that must be
 *   breaching to cause the alarm to go to the ALARM state. The breaching data points do not have to be
 *   consecutive, they just must all be within the last number of data points equal to Evaluation Period"
 *   (M out of N).
 * - "CloudWatch attempts to retrieve a higher number of data points than specified by Evaluation
 *   Periods" (the evaluation range; the documented tables, for 5-minute periods and N = 3, retrieve 5:
 *   modelled as N + 2). With at least N real datapoints in the range, the most recent N are evaluated
 *   and treat_missing_data is ignored. With fewer, "CloudWatch fills in the missing data points with the
 *   result you specified for how to treat missing data ... uses missing data points only as few times as
 *   possible": notBreaching fills non-breaching, breaching fills breaching; `ignore` keeps the current
 *   state when nothing decides; `missing` goes to INSUFFICIENT_DATA when the range has no datapoint.
 *   The simulator reproduces every row of the documented tables (test/stack/alarms-simulation.test.ts),
 *   and refuses the one case where those rows disagree with each other for `missing` (only breaching
 *   datapoints, fewer than M).
 * - Alarms notify on state changes only ("Alarms invoke actions for sustained state changes only"; for
 *   SNS "no additional actions are invoked" while the state holds).
 * - Anomaly-detection alarms (ANOMALY_DETECTION_BAND, LessThanLowerOrGreaterThanUpperThreshold) are
 *   refused: the band is a model CloudWatch trains on the metric's history, which is not simulated.
 *
 * Composite alarms (`alarm_rule`): ALARM(x) / OK(x) / INSUFFICIENT_DATA(x) are true when alarm x is in
 * that state; TRUE, FALSE, NOT, AND, OR and parentheses (NOT binds tightest, then AND, then OR). A
 * composite is ALARM when its rule is true, OK otherwise, and notifies on its own state changes
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html).
 */
import { SimRefusal, evaluateExpression, type Series, type Value } from './metric-math';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type TreatMissing = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

/** The metrics the traffic model publishes: one value or none per period. */
export interface MetricSource {
  /** Throws a SimRefusal when the model does not produce this metric. */
  series(q: MetricRef): Series;
  readonly periods: number;
  /** The model's period in seconds (every alarm must use it). */
  readonly periodSeconds: number;
}

export interface MetricRef {
  readonly namespace: string;
  readonly metricName: string;
  readonly stat: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly period: number;
}

export interface MetricAlarmDef {
  readonly kind: 'metric';
  readonly address: string;
  readonly name: string;
  readonly comparison: string;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissing: TreatMissing;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  /** The alarm's evaluated series (its metric, or its return_data expression). */
  evaluate(src: MetricSource): Series;
}

export interface CompositeAlarmDef {
  readonly kind: 'composite';
  readonly address: string;
  readonly name: string;
  readonly rule: string;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
}

export interface Notification {
  readonly period: number;
  readonly alarm: string;
  readonly to: AlarmState;
  readonly topics: readonly string[];
}

export interface SimulationResult {
  /** State of each alarm after each period's evaluation. */
  readonly states: Readonly<Record<string, readonly AlarmState[]>>;
  /** Every state change with the actions it invoked (in order). */
  readonly notifications: readonly Notification[];
  /** Each metric alarm's evaluated series. */
  readonly series: Readonly<Record<string, Series>>;
}

type Json = Record<string, unknown>;
const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Resolve `${aws_cloudwatch_metric_alarm.X.alarm_name}` style references to literal attributes. */
export function resolveRefs(text: string, resources: Readonly<Record<string, Record<string, Json>>>): string {
  return text.replace(
    /\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}/g,
    (whole, type: string, name: string, attr: string) => {
      const v = resources[type]?.[name]?.[attr];
      if (typeof v !== 'string' || v.includes('${')) {
        throw new SimRefusal(
          `cannot resolve ${whole}: ${type}.${name}.${attr} is not a literal in cdk.tf.json`,
        );
      }
      return v;
    },
  );
}

/** Read every alarm of the synthesized stack. Anomaly-detection alarms come back as refusals. */
export function readAlarms(json: { resource: Record<string, Record<string, Json>> }): {
  metric: MetricAlarmDef[];
  composite: CompositeAlarmDef[];
  refused: Array<{ address: string; name: string; reason: string }>;
} {
  const metric: MetricAlarmDef[] = [];
  const refused: Array<{ address: string; name: string; reason: string }> = [];
  for (const [name, a] of Object.entries(json.resource['aws_cloudwatch_metric_alarm'] ?? {})) {
    const address = `aws_cloudwatch_metric_alarm.${name}`;
    try {
      metric.push(metricAlarm(address, a, json.resource));
    } catch (err) {
      if (!(err instanceof SimRefusal)) throw err;
      refused.push({ address, name: String(a['alarm_name']), reason: err.message });
    }
  }
  const composite: CompositeAlarmDef[] = Object.entries(
    json.resource['aws_cloudwatch_composite_alarm'] ?? {},
  ).map(([name, a]) => ({
    kind: 'composite',
    address: `aws_cloudwatch_composite_alarm.${name}`,
    name: String(a['alarm_name']),
    rule: resolveRefs(String(a['alarm_rule']), json.resource),
    alarmActions: asList(a['alarm_actions'] as string[] | undefined),
    okActions: asList(a['ok_actions'] as string[] | undefined),
  }));
  return { metric, composite, refused };
}

const MODELLED_COMPARISONS = [
  'GreaterThanThreshold',
  'GreaterThanOrEqualToThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
];

function metricAlarm(
  address: string,
  a: Json,
  resources: Readonly<Record<string, Record<string, Json>>>,
): MetricAlarmDef {
  const name = String(a['alarm_name']);
  const dims = (d: unknown): Record<string, string> =>
    Object.fromEntries(
      Object.entries((d as Record<string, string> | undefined) ?? {}).map(([k, v]) => [
        k,
        resolveRefs(String(v), resources),
      ]),
    );
  const comparison = String(a['comparison_operator']);
  if (!MODELLED_COMPARISONS.includes(comparison)) {
    throw new SimRefusal(
      `${name}: comparison ${comparison} (anomaly detection band) is not modelled: the band is trained by CloudWatch on the metric's history`,
    );
  }
  if (a['threshold_metric_id'] !== undefined) {
    throw new SimRefusal(`${name}: threshold_metric_id (a band as threshold) is not modelled`);
  }
  const threshold = Number(a['threshold']);
  const evaluationPeriods = Number(a['evaluation_periods']);
  const datapointsToAlarm = Number(a['datapoints_to_alarm'] ?? evaluationPeriods);
  const treatMissing = String(a['treat_missing_data'] ?? 'missing') as TreatMissing;
  if (!['missing', 'notBreaching', 'breaching', 'ignore'].includes(treatMissing)) {
    throw new SimRefusal(`${name}: treat_missing_data ${treatMissing} is unknown`);
  }
  if (!Number.isFinite(threshold) || !(datapointsToAlarm >= 1 && datapointsToAlarm <= evaluationPeriods)) {
    throw new SimRefusal(
      `${name}: threshold ${String(a['threshold'])} or M ${datapointsToAlarm} of N ${evaluationPeriods} is invalid`,
    );
  }
  const queries = asList(a['metric_query'] as Json[] | undefined);
  let evaluate: (src: MetricSource) => Series;
  if (queries.length === 0) {
    const ref: MetricRef = {
      namespace: String(a['namespace']),
      metricName: String(a['metric_name']),
      stat: String(a['statistic'] ?? a['extended_statistic']),
      dimensions: dims(a['dimensions']),
      period: Number(a['period']),
    };
    evaluate = (src) => fetch(src, ref);
  } else {
    const returned = queries.filter((q) => q['return_data'] === true);
    if (returned.length !== 1) throw new SimRefusal(`${name}: exactly one metric_query must return data`);
    const byId = new Map(queries.map((q) => [String(q['id']), q]));
    for (const q of queries) {
      if (q['expression'] !== undefined) {
        // Parse now so an unmodelled function is refused when the alarm is read, not mid-simulation.
        evaluateExpression(String(q['expression']), 0, () => ({ kind: 'ts', v: [] }));
      }
    }
    evaluate = (src) => {
      const cache = new Map<string, Value>();
      const visiting = new Set<string>();
      const resolve = (id: string): Value => {
        const hit = cache.get(id);
        if (hit) return hit;
        const q = byId.get(id);
        if (!q) throw new SimRefusal(`${name}: expression refers to unknown id ${id}`);
        if (visiting.has(id)) throw new SimRefusal(`${name}: expression cycle through ${id}`);
        visiting.add(id);
        let v: Value;
        if (q['expression'] !== undefined) {
          v = evaluateExpression(String(q['expression']), src.periods, resolve);
        } else {
          const m = (Array.isArray(q['metric']) ? q['metric'][0] : q['metric']) as Json;
          v = {
            kind: 'ts',
            v: fetch(src, {
              namespace: String(m['namespace']),
              metricName: String(m['metric_name']),
              stat: String(m['stat']),
              dimensions: dims(m['dimensions']),
              period: Number(m['period']),
            }),
          };
        }
        visiting.delete(id);
        cache.set(id, v);
        return v;
      };
      const out = resolve(String(returned[0]['id']));
      if (out.kind !== 'ts')
        throw new SimRefusal(`${name}: the returned expression is a scalar, not a time series`);
      return out.v;
    };
  }
  return {
    kind: 'metric',
    address,
    name,
    comparison,
    threshold,
    evaluationPeriods,
    datapointsToAlarm,
    treatMissing,
    alarmActions: asList(a['alarm_actions'] as string[] | undefined),
    okActions: asList(a['ok_actions'] as string[] | undefined),
    evaluate,
  };
}

function fetch(src: MetricSource, ref: MetricRef): Series {
  if (ref.period !== src.periodSeconds) {
    throw new SimRefusal(
      `period ${ref.period} s of ${ref.namespace}/${ref.metricName} is not the model's ${src.periodSeconds} s`,
    );
  }
  return src.series(ref);
}

export function breaches(comparison: string, value: number, threshold: number): boolean {
  switch (comparison) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
    default:
      throw new SimRefusal(`comparison ${comparison} is not modelled`);
  }
}

/**
 * One evaluation: `range` is the evaluation range (oldest first, N + 2 periods; undefined = missing),
 * `current` the state before it.
 */
export function evaluateRange(
  alarm: Pick<
    MetricAlarmDef,
    'name' | 'comparison' | 'threshold' | 'evaluationPeriods' | 'datapointsToAlarm' | 'treatMissing'
  >,
  range: Series,
  current: AlarmState,
): AlarmState {
  const n = alarm.evaluationPeriods;
  const m = alarm.datapointsToAlarm;
  const present = range.filter((x): x is number => x !== undefined);
  const breach = (x: number) => breaches(alarm.comparison, x, alarm.threshold);
  if (present.length >= n) {
    return present.slice(-n).filter(breach).length >= m ? 'ALARM' : 'OK';
  }
  const b = present.filter(breach).length;
  const nb = present.length - b;
  const fill = n - present.length;
  switch (alarm.treatMissing) {
    case 'notBreaching':
      return b >= m ? 'ALARM' : 'OK';
    case 'breaching':
      return b + fill >= m ? 'ALARM' : 'OK';
    case 'ignore':
      if (b >= m) return 'ALARM';
      return nb > 0 ? 'OK' : current;
    case 'missing':
      if (present.length === 0) return 'INSUFFICIENT_DATA';
      if (b >= m) return 'ALARM';
      if (nb > 0) return 'OK';
      throw new SimRefusal(
        `${alarm.name}: treat_missing_data=missing with only ${b} breaching datapoint(s) (< ${m}) and nothing else in range is not modelled: the documented examples disagree (X - - - - is ALARM, - - - - X is INSUFFICIENT_DATA)`,
      );
  }
}

/** Run every alarm over the source's periods. */
export function simulate(
  alarms: { metric: readonly MetricAlarmDef[]; composite: readonly CompositeAlarmDef[] },
  src: MetricSource,
): SimulationResult {
  const states: Record<string, AlarmState[]> = {};
  const series: Record<string, Series> = {};
  const notifications: Notification[] = [];
  const current: Record<string, AlarmState> = {};
  for (const a of alarms.metric) {
    series[a.name] = a.evaluate(src);
    if (series[a.name].length !== src.periods) throw new Error(`${a.name}: series length mismatch`);
    states[a.name] = [];
    current[a.name] = 'INSUFFICIENT_DATA';
  }
  const rules = alarms.composite.map((c) => ({ c, rule: parseRule(c.rule) }));
  for (const { c } of rules) {
    states[c.name] = [];
    current[c.name] = 'INSUFFICIENT_DATA';
  }
  const change = (
    t: number,
    name: string,
    to: AlarmState,
    def: { alarmActions: readonly string[]; okActions: readonly string[] },
  ) => {
    if (current[name] === to) return;
    current[name] = to;
    notifications.push({
      period: t,
      alarm: name,
      to,
      topics: to === 'ALARM' ? def.alarmActions : to === 'OK' ? def.okActions : [],
    });
  };
  for (let t = 0; t < src.periods; t++) {
    for (const a of alarms.metric) {
      const r = a.evaluationPeriods + 2;
      const range: Array<number | undefined> = [];
      for (let k = t - r + 1; k <= t; k++) range.push(k < 0 ? undefined : series[a.name][k]);
      change(t, a.name, evaluateRange(a, range, current[a.name]), a);
      states[a.name].push(current[a.name]);
    }
    for (const { c, rule } of rules) {
      change(
        t,
        c.name,
        evalRule(rule, (name) => {
          if (!(name in current)) throw new SimRefusal(`${c.name}: rule names unknown alarm ${name}`);
          return current[name];
        })
          ? 'ALARM'
          : 'OK',
        c,
      );
      states[c.name].push(current[c.name]);
    }
  }
  return { states, notifications, series };
}

// ---- composite alarm rules ----------------------------------------------------------------------------

type Rule =
  | { t: 'state'; state: AlarmState; alarm: string }
  | { t: 'const'; v: boolean }
  | { t: 'not'; e: Rule }
  | { t: 'and' | 'or'; l: Rule; r: Rule };

export function parseRule(src: string): Rule {
  const re = /\s*(ALARM|OK|INSUFFICIENT_DATA|TRUE|FALSE|AND|OR|NOT|\(|\)|"(?:[^"\\]|\\.)*"|[^\s()"]+)/y;
  const tokens: string[] = [];
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new SimRefusal(`alarm_rule: cannot read "${src.slice(pos)}"`);
    tokens.push(m[1]);
    pos = re.lastIndex;
  }
  let i = 0;
  const take = (expected?: string): string => {
    const tok = tokens[i++];
    if (tok === undefined || (expected !== undefined && tok !== expected)) {
      throw new SimRefusal(`alarm_rule: expected ${expected ?? 'more'} at token ${i} of "${src}"`);
    }
    return tok;
  };
  const primary = (): Rule => {
    const tok = take();
    if (tok === 'NOT') return { t: 'not', e: primary() };
    if (tok === 'TRUE' || tok === 'FALSE') return { t: 'const', v: tok === 'TRUE' };
    if (tok === '(') {
      const e = or();
      take(')');
      return e;
    }
    if (tok === 'ALARM' || tok === 'OK' || tok === 'INSUFFICIENT_DATA') {
      take('(');
      const raw = take();
      take(')');
      const alarm = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
      // An ARN names the alarm by its last field.
      return {
        t: 'state',
        state: tok,
        alarm: alarm.startsWith('arn:') ? (alarm.split(':alarm:').pop() ?? alarm) : alarm,
      };
    }
    throw new SimRefusal(`alarm_rule: unexpected "${tok}" in "${src}"`);
  };
  const and = (): Rule => {
    let l = primary();
    while (tokens[i] === 'AND') {
      take();
      l = { t: 'and', l, r: primary() };
    }
    return l;
  };
  const or = (): Rule => {
    let l = and();
    while (tokens[i] === 'OR') {
      take();
      l = { t: 'or', l, r: and() };
    }
    return l;
  };
  const rule = or();
  if (i !== tokens.length) throw new SimRefusal(`alarm_rule: unexpected "${tokens[i]}" in "${src}"`);
  return rule;
}

export function evalRule(rule: Rule, stateOf: (alarm: string) => AlarmState): boolean {
  switch (rule.t) {
    case 'state':
      return stateOf(rule.alarm) === rule.state;
    case 'const':
      return rule.v;
    case 'not':
      return !evalRule(rule.e, stateOf);
    case 'and':
      return evalRule(rule.l, stateOf) && evalRule(rule.r, stateOf);
    case 'or':
      return evalRule(rule.l, stateOf) || evalRule(rule.r, stateOf);
  }
}
