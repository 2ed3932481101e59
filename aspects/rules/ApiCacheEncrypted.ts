import { defineRule, notApplicable, unresolved } from '../core/rule';
import { firstBlock } from '../core/model';
import { literalBool } from '../core/values';
import { requireBoolValue } from './requirements';

export default defineRule({
  id: 'ApiCacheEncrypted',
  description: 'Every API Gateway method setting that caches responses encrypts the cache.',
  fix: 'set settings.cache_data_encrypted = true wherever settings.caching_enabled is true',
  severity: 'high',
  controls: {
    pciDss: ['3.5.1'],
    securityHub: ['APIGateway.5'],
    checkov: ['CKV_AWS_308'],
  },
  appliesTo: ['aws_api_gateway_method_settings'],
  evaluate: (r) => {
    const s = firstBlock(r.config['settings']);
    const caching = literalBool(s?.['caching_enabled']);
    if (caching.kind === 'unresolved') return unresolved('settings.caching_enabled', caching.expression);
    if (caching.kind !== 'value' || !caching.value) return notApplicable('caching is off');
    return requireBoolValue(s?.['cache_data_encrypted'], 'settings.cache_data_encrypted', true, false);
  },
});
