import rule from '../../../aspects/rules/ApiMethodSettingsLogging';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_api_gateway_method_settings.m';
const ms = (settings?: Record<string, unknown>) => ({
  resource: {
    aws_api_gateway_method_settings: {
      m: { rest_api_id: 'abc', stage_name: 'prod', method_path: '*/*', ...(settings ? { settings } : {}) },
    },
  },
});

describe('ApiMethodSettingsLogging', () => {
  it('accepts INFO logging with metrics, and ERROR logging (plan array form)', () => {
    expect(outcomeOf(judge(rule, ADDR, ms({ logging_level: 'INFO', metrics_enabled: true })))).toBe(
      'compliant',
    );
    const plan = {
      resource: {
        aws_api_gateway_method_settings: {
          m: { settings: [{ logging_level: 'ERROR', metrics_enabled: true }] },
        },
      },
    };
    expect(outcomeOf(judge(rule, ADDR, plan))).toBe('compliant');
  });
  it('rejects logging OFF', () => {
    const [r] = judge(rule, ADDR, ms({ logging_level: 'OFF', metrics_enabled: true }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('"OFF"');
  });
  it('rejects logging and metrics left out, one result each', () => {
    const results = judge(rule, ADDR, ms({}));
    expect(results.map((r) => [r.outcome, r.attribute])).toEqual([
      ['non-compliant', 'settings.logging_level'],
      ['non-compliant', 'settings.metrics_enabled'],
    ]);
  });
  it('rejects metrics turned off', () => {
    expect(outcomeOf(judge(rule, ADDR, ms({ logging_level: 'INFO', metrics_enabled: false })))).toBe(
      'non-compliant',
    );
  });
  it('rejects method settings without a settings block', () => {
    expect(outcomeOf(judge(rule, ADDR, ms()))).toBe('non-compliant');
  });
  it('reports a logging level from a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, ms({ logging_level: '${var.level}', metrics_enabled: true })))).toBe(
      'unresolved',
    );
  });
});

describe('ApiMethodSettingsLogging messages (one clear line per violation)', () => {
  const level = (actual: string) => ({
    outcome: 'non-compliant',
    message: `settings.logging_level is ${actual}; it must be "ERROR" or "INFO"`,
    attribute: 'settings.logging_level',
  });
  it.each([
    ['logging OFF', { logging_level: 'OFF', metrics_enabled: true }, [level('"OFF"')]],
    ['logging left out', { metrics_enabled: true }, [level('not set (OFF)')]],
    ['a logging level that is not a string', { logging_level: 5, metrics_enabled: true }, [level('5')]],
    ['lower-case info', { logging_level: 'info', metrics_enabled: true }, [level('"info"')]],
    [
      'metrics off',
      { logging_level: 'ERROR', metrics_enabled: false },
      [
        {
          outcome: 'non-compliant',
          message: 'settings.metrics_enabled is false; it must be true',
          attribute: 'settings.metrics_enabled',
        },
      ],
    ],
  ])('judges %s', (_, settings, expected) => {
    expect(judge(rule, ADDR, ms(settings))).toEqual(expected);
  });
  it('rejects method settings without a settings block, in one line', () => {
    expect(judge(rule, ADDR, ms())).toEqual([
      {
        outcome: 'non-compliant',
        message: 'settings is not set, so execution logging and metrics are off',
        attribute: 'settings',
      },
    ]);
  });
});
