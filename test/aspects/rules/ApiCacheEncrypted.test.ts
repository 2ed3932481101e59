import rule from '../../../aspects/rules/ApiCacheEncrypted';
import { judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_api_gateway_method_settings.m';
const ms = (settings: Record<string, unknown>) => ({
  resource: {
    aws_api_gateway_method_settings: {
      m: { rest_api_id: 'abc', stage_name: 'prod', method_path: '*/*', settings },
    },
  },
});

describe('ApiCacheEncrypted', () => {
  it('accepts an encrypted cache', () => {
    expect(outcomeOf(judge(rule, ADDR, ms({ caching_enabled: true, cache_data_encrypted: true })))).toBe(
      'compliant',
    );
  });
  it('rejects caching without encryption (left out or false)', () => {
    expect(outcomeOf(judge(rule, ADDR, ms({ caching_enabled: true })))).toBe('non-compliant');
    expect(outcomeOf(judge(rule, ADDR, ms({ caching_enabled: true, cache_data_encrypted: false })))).toBe(
      'non-compliant',
    );
  });
  it('does not apply when caching is off', () => {
    expect(outcomeOf(judge(rule, ADDR, ms({ caching_enabled: false })))).toBe('not-applicable');
    expect(outcomeOf(judge(rule, ADDR, ms({})))).toBe('not-applicable');
  });
  it('reports caching from a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, ms({ caching_enabled: '${var.cache}' })))).toBe('unresolved');
  });
});

describe('ApiCacheEncrypted messages (one clear line per violation)', () => {
  const none = {
    resource: {
      aws_api_gateway_method_settings: { m: { rest_api_id: 'abc', stage_name: 'prod', method_path: '*/*' } },
    },
  };
  it.each([
    [
      'caching without encryption',
      ms({ caching_enabled: true }),
      {
        outcome: 'non-compliant',
        message: 'settings.cache_data_encrypted is not set (the provider default is false); it must be true',
        attribute: 'settings.cache_data_encrypted',
      },
    ],
    [
      'caching enabled from a variable',
      ms({ caching_enabled: '${var.cache}' }),
      {
        outcome: 'unresolved',
        message:
          'settings.caching_enabled is "${var.cache}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
        attribute: 'settings.caching_enabled',
      },
    ],
    [
      'caching turned off',
      ms({ caching_enabled: false }),
      { outcome: 'not-applicable', message: 'caching is off' },
    ],
    ['no settings block at all', none, { outcome: 'not-applicable', message: 'caching is off' }],
  ])('judges %s', (_, input, expected) => {
    expect(judge(rule, ADDR, input)).toEqual([expected]);
  });
});
