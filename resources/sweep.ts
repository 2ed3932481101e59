import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SWEEP_EVENT } from '../lambda/contract';
import type { Naming } from './naming';

/** The event the payment Lambda answers with a sweep (lambda/app.ts `isSweepEvent`). */
export const SWEEP_EVENT_INPUT = SWEEP_EVENT;

export interface AbandonedPaymentSweepProps {
  readonly naming: Naming;
  /** The payment function: its name (permission) and ARN (target). */
  readonly functionName: string;
  readonly functionArn: string;
  /** How often the sweep runs. @default rate(15 minutes) */
  readonly schedule?: string;
}

/**
 * A schedule that asks the payment Lambda to sweep abandoned payments: authorizations left open past the
 * deadline are voided, and payments the processor captured but whose answer was lost are recorded as
 * captured (lambda/payments.ts). Without it, an authorization whose capture never ran would hold the
 * customer's funds until the processor expires it. The permission admits EventBridge for this rule only.
 */
export class AbandonedPaymentSweep extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: AbandonedPaymentSweepProps) {
    super(scope, id);
    this.rule = new CloudwatchEventRule(this, 'schedule', {
      name: props.naming.name('sweep-abandoned-payments', 'eventRule'),
      description: 'Voids or reconciles payments left open past their deadline',
      scheduleExpression: props.schedule ?? 'rate(15 minutes)',
      state: 'ENABLED',
    });
    new CloudwatchEventTarget(this, 'to-handler', {
      rule: this.rule.name,
      arn: props.functionArn,
      input: JSON.stringify(SWEEP_EVENT_INPUT),
    });
    new LambdaPermission(this, 'invoke', {
      statementId: 'AllowEventBridgeSweep',
      action: 'lambda:InvokeFunction',
      functionName: props.functionName,
      principal: 'events.amazonaws.com',
      sourceArn: this.rule.arn,
    });
  }
}
