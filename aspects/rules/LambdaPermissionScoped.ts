import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { literalString } from '../core/values';
import { textOf } from './requirements';

export default defineRule({
  id: 'LambdaPermissionScoped',
  description:
    'Every Lambda permission names a specific principal (never *), and a service principal is limited to a source ARN or source account.',
  fix: 'set principal to the invoking service or account (not "*"); for a service principal (*.amazonaws.com) also set source_arn (e.g. the API\'s execution_arn) or source_account',
  severity: 'critical',
  controls: {
    pciDss: ['1.3.1', '7.2.1'],
    securityHub: ['Lambda.1'],
    cdkNag: [
      'HIPAA.Security-LambdaFunctionPublicAccessProhibited',
      'NIST.800.53.R5-LambdaFunctionPublicAccessProhibited',
      'PCI.DSS.321-LambdaFunctionPublicAccessProhibited',
    ],
    checkov: ['CKV_AWS_301', 'CKV_AWS_364'],
  },
  appliesTo: ['aws_lambda_permission'],
  evaluate: (r) => {
    const p = literalString(r.config['principal']);
    if (p.kind === 'unresolved') return unresolved('principal', p.expression);
    if (p.kind !== 'value') return nonCompliant('principal is not set', 'principal');
    if (p.value.trim() === '*')
      return nonCompliant('principal is "*", so anyone can invoke the function', 'principal');
    if (/\.amazonaws\.com(\.cn)?$/.test(p.value)) {
      // Presence is the point here: a reference (an API's execution_arn) is exactly what we want.
      if (textOf(r.config['source_arn']) || textOf(r.config['source_account'])) return compliant();
      return nonCompliant(
        `principal is the service "${p.value}" without source_arn or source_account, so any account's resource of that service can invoke the function`,
        'source_arn',
      );
    }
    return compliant();
  },
});
