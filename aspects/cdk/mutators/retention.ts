/**
 * LogRetentionMutator — mutates `aws_cloudwatch_log_group.retention_in_days` where it was left out,
 * setting the policy's retention. Invariants: idempotent; an explicit value (even a wrong one, or a
 * token) is never changed — the LogGroupRetention rule judges it.
 */
import type { IAspect } from '../engine';
import type { IConstruct } from 'constructs';
import type { CompliancePolicy } from '../../core/policy';
import { mutable, resourceType, setIfAbsent } from './util';

export class LogRetentionMutator implements IAspect {
  constructor(private readonly policy: CompliancePolicy) {}

  visit(node: IConstruct): void {
    if (resourceType(node) !== 'aws_cloudwatch_log_group') return;
    const r = mutable(node);
    setIfAbsent(r, 'retentionInDays', this.policy.logRetentionDays);
  }
}
