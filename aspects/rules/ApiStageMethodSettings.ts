import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import type { TfResource } from '../core/model';
import { literalString, refersTo } from '../core/values';
import { companionsOf } from './links';

export default defineRule({
  id: 'ApiStageMethodSettings',
  description: 'Every API Gateway REST stage has method settings for all its methods (method_path "*/*").',
  fix: 'declare an aws_api_gateway_method_settings with the stage\'s rest_api_id, stage_name = aws_api_gateway_stage.<stage>.stage_name and method_path = "*/*"',
  severity: 'high',
  controls: {
    pciDss: ['10.2.1'],
    securityHub: ['APIGateway.1'],
    cdkNag: [
      'HIPAA.Security-APIGWExecutionLoggingEnabled',
      'NIST.800.53.R5-APIGWExecutionLoggingEnabled',
      'PCI.DSS.321-APIGWExecutionLoggingEnabled',
    ],
    checkov: ['CKV2_AWS_4'],
  },
  appliesTo: ['aws_api_gateway_stage'],
  evaluate: (stage, { model }) => {
    const same = (a: unknown, b: unknown) => typeof a === 'string' && a !== '' && a === b;
    // method settings grouped by their rest_api_id text once per model (linear in the stack's size)
    const byApi = model.memo('method-settings-by-api', () => {
      const m = new Map<unknown, TfResource[]>();
      for (const r of model.ofType('aws_api_gateway_method_settings')) {
        const list = m.get(r.config['rest_api_id']);
        if (list) list.push(r);
        else m.set(r.config['rest_api_id'], [r]);
      }
      return m;
    });
    const candidates = [
      ...(byApi.get(stage.config['rest_api_id']) ?? []),
      ...companionsOf(model, 'aws_api_gateway_method_settings', 'rest_api_id', stage),
    ];
    const settings = [...new Set(candidates)].filter(
      (m) =>
        (same(m.config['rest_api_id'], stage.config['rest_api_id']) ||
          refersTo(m.config['rest_api_id'], stage)) &&
        (same(m.config['stage_name'], stage.config['stage_name']) || refersTo(m.config['stage_name'], stage)),
    );
    if (settings.length === 0) {
      return nonCompliant(
        'no aws_api_gateway_method_settings is declared for this stage, so execution logging and metrics are off',
        'stage_name',
      );
    }
    const paths = settings.map((m) => literalString(m.config['method_path']));
    if (paths.some((p) => p.kind === 'value' && p.value === '*/*')) return compliant();
    const open = paths.find((p) => p.kind === 'unresolved');
    if (open && open.kind === 'unresolved') return unresolved('method_path', open.expression);
    const listed = paths.map((p) => (p.kind === 'value' ? `"${p.value}"` : 'unset')).join(', ');
    return nonCompliant(
      `the stage's method settings cover only method_path ${listed}; one with method_path "*/*" is required`,
      'method_path',
    );
  },
});
