import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../core/rule';
import { literalBool, literalString } from '../core/values';

export default defineRule({
  id: 'ApiMethodAuthorization',
  description: 'Every API Gateway method (except CORS OPTIONS) requires an authorizer or an API key.',
  fix: 'set authorization to "AWS_IAM", "CUSTOM" or "COGNITO_USER_POOLS" (with authorizer_id), or set api_key_required = true',
  severity: 'critical',
  controls: {
    pciDss: ['7.2.1', '8.3.1'],
    cdkNag: ['AwsSolutions-APIG4'],
    checkov: ['CKV_AWS_59', 'CKV2_AWS_70'],
  },
  appliesTo: ['aws_api_gateway_method'],
  evaluate: (r) => {
    const method = literalString(r.config['http_method']);
    if (method.kind === 'value' && method.value.toUpperCase() === 'OPTIONS') {
      return notApplicable('CORS preflight (OPTIONS) requests carry no credentials');
    }
    const auth = literalString(r.config['authorization']);
    if (auth.kind === 'unresolved') return unresolved('authorization', auth.expression);
    if (auth.kind === 'value' && auth.value !== '' && auth.value.toUpperCase() !== 'NONE') return compliant();
    const key = literalBool(r.config['api_key_required']);
    if (key.kind === 'value' && key.value) return compliant();
    if (key.kind === 'unresolved') return unresolved('api_key_required', key.expression);
    if (method.kind === 'unresolved') return unresolved('http_method', method.expression);
    const actual = auth.kind === 'value' ? `"${auth.value}"` : 'not set';
    return nonCompliant(
      `authorization is ${actual} and no API key is required, so anyone can call the method`,
      'authorization',
    );
  },
});
