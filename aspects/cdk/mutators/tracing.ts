/**
 * TracingMutator — mutates. Turns on active X-Ray tracing where it was left out:
 * `aws_lambda_function.tracing_config.mode = "Active"`, `aws_api_gateway_stage.xray_tracing_enabled`,
 * `aws_synthetics_canary.run_config.active_tracing`. Invariants: idempotent; explicit values
 * (`PassThrough`, `false`, tokens) are never changed — the tracing rules judge them.
 */
import type { IAspect } from '../engine';
import type { IConstruct } from 'constructs';
import type { CompliancePolicy } from '../../core/policy';
import { blockValue, isToken, mutable, put, resourceType, setIfAbsent } from './util';

export class TracingMutator implements IAspect {
  constructor(private readonly policy: CompliancePolicy) {}

  visit(node: IConstruct): void {
    if (!this.policy.tracing) return;
    const type = resourceType(node);
    if (type === undefined) return;
    const r = mutable(node);
    switch (type) {
      case 'aws_lambda_function': {
        const cfg = r['tracingConfigInput'];
        if (cfg === undefined) put(r, 'TracingConfig', { mode: 'Active' });
        return;
      }
      case 'aws_api_gateway_stage':
        setIfAbsent(r, 'xrayTracingEnabled', true);
        return;
      case 'aws_synthetics_canary': {
        const raw = r['runConfigInput'];
        if (isToken(raw)) return;
        const run = blockValue(raw) ?? {};
        if (run['activeTracing'] === undefined) put(r, 'RunConfig', { ...run, activeTracing: true });
        return;
      }
    }
  }
}
