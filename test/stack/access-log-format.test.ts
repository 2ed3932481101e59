import {
  ACCESS_LOG_FIELDS,
  ACCESS_LOG_METRIC_FILTERS,
  accessLogFormat,
  numericFields,
  renderAccessLogLine,
} from '../../resources/access-log-format';
import { topCallersRule } from '../../resources/insights';
import { matches, metricValue, parseFilterPattern, selectors } from './filter-pattern';

/** What API Gateway would substitute for one request. */
function sample(overrides: Record<string, string | number> = {}): Record<string, string | number> {
  return {
    '$context.requestId': 'c0ffee00-1111-2222-3333-444455556666',
    '$context.extendedRequestId': 'Xyz12AbCdEFg=',
    '$context.requestTime': '28/Nov/2025:10:15:42 +0000',
    '$context.requestTimeEpoch': 1764324942000,
    '$context.httpMethod': 'POST',
    '$context.resourcePath': '/payments',
    '$context.protocol': 'HTTP/1.1',
    '$context.stage': 'v1',
    '$context.status': 201,
    '$context.responseLength': 87,
    '$context.responseLatency': 143,
    '$context.integration.latency': 131,
    '$context.integration.status': 201,
    '$context.identity.sourceIp': '203.0.113.7',
    '$context.identity.apiKeyId': 'k3y1d',
    '$context.identity.caller': '-',
    '$context.identity.user': '-',
    '$context.error.message': '-',
    '$context.xrayTraceId': '1-5e1b4151-5ac6c58f5a5a0c2f0d1e2f3a',
    ...overrides,
  };
}

const line = (overrides: Record<string, string | number> = {}): string =>
  renderAccessLogLine(accessLogFormat(), sample(overrides));
const filter = (id: string) => {
  const f = ACCESS_LOG_METRIC_FILTERS.find((x) => x.id === id);
  if (!f) throw new Error(`no filter ${id}`);
  return f;
};

describe('access log format', () => {
  it('is one line of JSON with requestId, status, latencies, caller identity, method and resource path', () => {
    const format = accessLogFormat();
    expect(format).not.toContain('\n');
    for (const v of [
      '$context.requestId',
      '$context.status',
      '$context.responseLatency',
      '$context.integration.latency',
      '$context.identity.sourceIp',
      '$context.identity.apiKeyId',
      '$context.identity.caller',
      '$context.httpMethod',
      '$context.resourcePath',
    ]) {
      expect(format).toContain(v);
    }
  });

  it('emits status and responseLatency as unquoted numbers and integrationLatency quoted', () => {
    const format = accessLogFormat();
    expect(format).toContain('"status":$context.status,');
    expect(format).toContain('"responseLatency":$context.responseLatency,');
    expect(format).toContain('"integrationLatency":"$context.integration.latency"');
    expect(numericFields()).toEqual(expect.arrayContaining(['status', 'responseLatency']));
  });

  it('renders valid JSON whose numeric fields are JSON numbers', () => {
    const parsed = JSON.parse(line()) as Record<string, unknown>;
    expect(parsed.status).toBe(201);
    expect(parsed.responseLatency).toBe(143);
    expect(parsed.integrationLatency).toBe('131');
    expect(parsed.sourceIp).toBe('203.0.113.7');
    expect(parsed.apiKeyId).toBe('k3y1d');
  });

  it('stays valid JSON when API Gateway writes "-" for fields it does not have (no integration ran)', () => {
    const l = renderAccessLogLine(accessLogFormat(), {
      '$context.status': 403,
      '$context.responseLatency': 3,
      '$context.requestTimeEpoch': 1764324942000,
    });
    const parsed = JSON.parse(l) as Record<string, unknown>;
    expect(parsed.integrationLatency).toBe('-');
    expect(parsed.apiKeyId).toBe('-');
    expect(parsed.status).toBe(403);
  });

  it('quotes every field that is not always a number', () => {
    const alwaysNumeric = new Set([
      '$context.status',
      '$context.responseLatency',
      '$context.requestTimeEpoch',
    ]);
    for (const f of ACCESS_LOG_FIELDS) expect(f.quoted).toBe(!alwaysNumeric.has(f.variable));
  });
});

describe('the filter-pattern evaluator (test oracle)', () => {
  it('parses the patterns it supports and rejects malformed ones', () => {
    expect(parseFilterPattern('{ $.a >= 1 && ($.b = "x" || $.c != 2) }')).toBeDefined();
    expect(parseFilterPattern('')).toBeUndefined();
    expect(() => parseFilterPattern('{ $.a >= }')).toThrow();
    expect(() => parseFilterPattern('{ a >= 1 }')).toThrow();
    expect(() => parseFilterPattern('{ $.a >= 1')).toThrow();
  });

  it('compares numbers only with JSON numbers: a quoted "500" does not satisfy >= 500', () => {
    expect(matches('{ $.status >= 500 }', '{"status":500}')).toBe(true);
    expect(matches('{ $.status >= 500 }', '{"status":"500"}')).toBe(false);
  });

  it('supports string equality with wildcards, presence, && and ||', () => {
    expect(matches('{ $.m = "PO*" }', '{"m":"POST"}')).toBe(true);
    expect(matches('{ $.m = * }', '{"m":"GET"}')).toBe(true);
    expect(matches('{ $.m = * }', '{"x":1}')).toBe(false);
    expect(matches('{ $.a = 1 && $.b = 2 }', '{"a":1,"b":3}')).toBe(false);
    expect(matches('{ $.a = 1 || $.b = 2 }', '{"a":0,"b":2}')).toBe(true);
    expect(matches('{ $.a = 1 }', 'not json')).toBe(false);
  });
});

describe('metric filters on the access log', () => {
  it('only read fields the format emits, and compare numerically only fields emitted as numbers', () => {
    const names = new Set(ACCESS_LOG_FIELDS.map((f) => f.name));
    const numeric = new Set(numericFields());
    for (const f of ACCESS_LOG_METRIC_FILTERS) {
      for (const field of selectors(f.pattern)) {
        expect(names.has(field)).toBe(true);
        expect(numeric.has(field)).toBe(true);
      }
      if (f.value.startsWith('$.')) expect(numeric.has(f.value.slice(2))).toBe(true);
      expect([...f.fields].sort()).toEqual(
        [...new Set(selectors(f.pattern).concat(f.value.startsWith('$.') ? [f.value.slice(2)] : []))].sort(),
      );
    }
  });

  it('latency: every request matches and publishes its responseLatency (percentiles come from the statistic)', () => {
    const f = filter('latency');
    expect(f.value).toBe('$.responseLatency');
    for (const [status, latency] of [
      [200, 12],
      [404, 3],
      [502, 29001],
    ]) {
      const l = line({ '$context.status': status, '$context.responseLatency': latency });
      expect(matches(f.pattern, l)).toBe(true);
      expect(metricValue(f.value, l)).toBe(latency);
    }
  });

  it('server errors: matches 500-599 only, publishing 1 (0 by default otherwise)', () => {
    const f = filter('server-errors');
    expect(f.pattern).toBe('{ $.status >= 500 }');
    expect(f.defaultValue).toBe(0);
    for (const s of [500, 502, 503, 504])
      expect(matches(f.pattern, line({ '$context.status': s }))).toBe(true);
    for (const s of [200, 201, 400, 403, 429, 499])
      expect(matches(f.pattern, line({ '$context.status': s }))).toBe(false);
    expect(metricValue(f.value, line({ '$context.status': 502 }))).toBe(1);
  });

  it('client errors: matches 400-499 only', () => {
    const f = filter('client-errors');
    for (const s of [400, 403, 429, 499])
      expect(matches(f.pattern, line({ '$context.status': s }))).toBe(true);
    for (const s of [200, 399, 500]) expect(matches(f.pattern, line({ '$context.status': s }))).toBe(false);
  });

  it('requests: every request counts once', () => {
    const f = filter('requests');
    for (const s of [200, 201, 301, 400, 403, 500, 504]) {
      const l = line({ '$context.status': s });
      expect(matches(f.pattern, l)).toBe(true);
      expect(metricValue(f.value, l)).toBe(1);
    }
  });

  it('would stop matching if status were quoted: the reason the format emits it unquoted', () => {
    const quoted = accessLogFormat(
      ACCESS_LOG_FIELDS.map((f) => (f.name === 'status' ? { ...f, quoted: true } : f)),
    );
    const l = renderAccessLogLine(quoted, sample({ '$context.status': 503 }));
    expect(matches(filter('server-errors').pattern, l)).toBe(false);
  });

  it('no filter uses dimensions together with a default value (CloudWatch rejects it)', () => {
    for (const f of ACCESS_LOG_METRIC_FILTERS) expect(Object.keys(f)).not.toContain('dimensions');
  });
});

describe('contributor insights rule', () => {
  it('reads the same JSON fields the access log emits: sourceIp and apiKeyId', () => {
    const rule = JSON.parse(topCallersRule('/aws/apigateway/x')) as {
      Contribution: { Keys: string[] };
    };
    const names = new Set(ACCESS_LOG_FIELDS.map((f) => f.name));
    for (const k of rule.Contribution.Keys) expect(names.has(k.replace(/^\$\./, ''))).toBe(true);
    const parsed = JSON.parse(line()) as Record<string, unknown>;
    expect(parsed.sourceIp).toBeDefined();
    expect(parsed.apiKeyId).toBeDefined();
  });
});
