import { Construct } from 'constructs';
import { XrayEncryptionConfig } from '@cdktf/provider-aws/lib/xray-encryption-config';
import { XrayGroup } from '@cdktf/provider-aws/lib/xray-group';
import { XraySamplingRule } from '@cdktf/provider-aws/lib/xray-sampling-rule';
import type { Naming } from './naming';

/** Annotations the payment handler writes on its stage subsegments (see lambda/payments.ts). */
export const PAYMENT_ANNOTATIONS = ['stage', 'outcome', 'currency'] as const;

/** Values of `annotation.outcome` that mean a payment did not go through. */
export const FAILURE_OUTCOMES = ['error', 'declined', 'rejected', 'conflict'] as const;

export interface PaymentTracingProps {
  readonly naming: Naming;
  /** The `data` key. X-Ray's encryption setting is one per account and region. */
  readonly dataKeyArn: string;
  /** API name and stage: the X-Ray service name of a REST stage is `<api name>/<stage>`. */
  readonly apiName: string;
  readonly stageName: string;
  /** Share of requests traced beyond the reservoir. @default 0.1 */
  readonly fixedRate?: number;
  /** Requests per second always traced. @default 5 */
  readonly reservoirSize?: number;
  /**
   * X-Ray's encryption setting is ONE per account and region (every application's traces there): `manage`
   * sets it to the data key (an overwrite where another stack set it; it never fails), `external` leaves
   * it to whoever owns it. @default manage
   */
  readonly accountEncryption?: 'manage' | 'external';
}

/**
 * The service map of the payment flow: API stage and Lambda trace actively (set on those resources);
 * here the groups that filter the flow by the handler's annotations (every payment attempt, and the
 * failed ones), the sampling rule of the payments API, and X-Ray encryption with the data key.
 */
export class PaymentTracing extends Construct {
  readonly flowGroup: XrayGroup;
  readonly failuresGroup: XrayGroup;
  readonly samplingRule: XraySamplingRule;
  /** The account's X-Ray encryption setting, when this stack manages it. */
  readonly encryption: XrayEncryptionConfig | undefined;

  constructor(scope: Construct, id: string, props: PaymentTracingProps) {
    super(scope, id);
    const { naming } = props;

    // Every payment attempt opens a `validate` subsegment first (lambda/payments.ts); GET /health does not.
    this.flowGroup = new XrayGroup(this, 'flow', {
      groupName: naming.name('payment-flow', 'xray'),
      filterExpression: 'annotation.stage = "validate"',
      insightsConfiguration: { insightsEnabled: true, notificationsEnabled: false },
    });
    // Stage outcomes that are not success: errors, declines, rejections, idempotency conflicts.
    this.failuresGroup = new XrayGroup(this, 'failures', {
      groupName: naming.name('payment-failures', 'xray'),
      filterExpression: FAILURE_OUTCOMES.map((o) => `annotation.outcome = "${o}"`).join(' OR '),
      insightsConfiguration: { insightsEnabled: true, notificationsEnabled: false },
    });

    this.samplingRule = new XraySamplingRule(this, 'sampling', {
      ruleName: naming.name('api-sampling', 'xray'),
      priority: 100,
      version: 1,
      reservoirSize: props.reservoirSize ?? 5,
      fixedRate: props.fixedRate ?? 0.1,
      serviceName: `${props.apiName}/${props.stageName}`,
      serviceType: '*',
      host: '*',
      httpMethod: '*',
      urlPath: '*',
      resourceArn: '*',
    });

    this.encryption =
      (props.accountEncryption ?? 'manage') === 'manage'
        ? new XrayEncryptionConfig(this, 'encryption', { type: 'KMS', keyId: props.dataKeyArn })
        : undefined;
  }
}
