import { defineRule, nonCompliant } from '../core/rule';
import { literalBool } from '../core/values';
import { requireCmk } from './requirements';
import { judgeStackKey } from './kms-keys';

export default defineRule({
  id: 'SqsQueueKmsCmk',
  description:
    'Every SQS queue is encrypted with a customer-managed KMS key declared in the stack (SQS-managed SSE and alias/aws/sqs are not enough).',
  fix: 'set kms_master_key_id to a customer-managed aws_kms_key (not alias/aws/sqs) instead of relying on sqs_managed_sse_enabled',
  severity: 'high',
  controls: {
    pciDss: ['3.5.1'],
    securityHub: ['SQS.1'],
    cdkNag: ['AwsSolutions-SQS2'],
    checkov: ['CKV_AWS_27'],
  },
  appliesTo: ['aws_sqs_queue'],
  evaluate: (r, ctx) => {
    const key = judgeStackKey(ctx.model, r.config['kms_master_key_id'], ctx.policy.trustedKeyArns);
    const managedSse = literalBool(r.config['sqs_managed_sse_enabled']);
    if (key.kind === 'absent' && managedSse.kind === 'value' && managedSse.value) {
      return nonCompliant(
        'kms_master_key_id is not set and sqs_managed_sse_enabled is true: messages are encrypted with an SQS-owned key, not a customer-managed key',
        'kms_master_key_id',
      );
    }
    return requireCmk(r, 'kms_master_key_id', ctx);
  },
});
