import rule from '../../../aspects/rules/ApiMethodSettingsNoDataTrace';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_api_gateway_method_settings.m';
const ms = (settings: Record<string, unknown>) => ({
  resource: {
    aws_api_gateway_method_settings: {
      m: { rest_api_id: 'abc', stage_name: 'prod', method_path: '*/*', settings },
    },
  },
});

describe('ApiMethodSettingsNoDataTrace', () => {
  it('accepts data trace left out or set to false', () => {
    expect(outcomeOf(judge(rule, ADDR, ms({ logging_level: 'INFO' })))).toBe('compliant');
    expect(outcomeOf(judge(rule, ADDR, ms({ data_trace_enabled: false })))).toBe('compliant');
  });
  it('rejects data_trace_enabled true', () => {
    const [r] = judge(rule, ADDR, ms({ data_trace_enabled: true }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('settings.data_trace_enabled');
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, ms({ data_trace_enabled: '${var.trace}' })))).toBe('unresolved');
  });
});

describe('ApiMethodSettingsNoDataTrace without settings', () => {
  it('accepts method settings without a settings block (data trace is off by default)', () => {
    const input = {
      resource: {
        aws_api_gateway_method_settings: {
          m: { rest_api_id: 'abc', stage_name: 'prod', method_path: '*/*' },
        },
      },
    };
    expect(judge(rule, ADDR, input)).toEqual([{ outcome: 'compliant' }]);
  });
});
