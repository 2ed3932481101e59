import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../core/rule';
import { statementCoversActions } from '../core/values';
import { allowsService } from './policy-statements';
import { keyPolicyOf } from './key-policies';
import { publishingServices } from './topics';
import { judgeStackKey } from './kms-keys';

/**
 * What a publishing service needs on the topic's key (`kms:GenerateDataKey*`, `kms:Decrypt`).
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 */
const REQUIRED_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];

export default defineRule({
  id: 'AlarmTopicKeyAdmitsServices',
  description:
    'Every SNS topic that CloudWatch alarms or EventBridge rules publish to is encrypted with a customer-managed key whose policy lets cloudwatch.amazonaws.com and/or events.amazonaws.com use kms:GenerateDataKey* and kms:Decrypt.',
  fix: 'encrypt the topic with a customer-managed aws_kms_key (not alias/aws/sns) and add to its key policy an Allow for Service cloudwatch.amazonaws.com (alarms) and events.amazonaws.com (EventBridge) of kms:GenerateDataKey* and kms:Decrypt',
  severity: 'high',
  controls: {},
  appliesTo: ['aws_sns_topic'],
  evaluate: (r, { model, policy }) => {
    const services = publishingServices(model, r);
    if (services.length === 0)
      return notApplicable('no alarm or EventBridge target in the stack publishes to the topic');

    const key = judgeStackKey(model, r.config['kms_master_key_id'], policy.trustedKeyArns);
    if (key.kind === 'unresolved') return unresolved('kms_master_key_id', key.text);
    if (key.kind === 'aws-managed') {
      return nonCompliant(
        `kms_master_key_id is "${key.text}", an AWS-managed key whose policy cannot admit ${services.join(' or ')}: notifications are silently dropped (only alarm history shows the KMS AccessDenied)`,
        'kms_master_key_id',
      );
    }
    if (key.kind !== 'cmk' || key.key === undefined) {
      return notApplicable(
        key.kind === 'absent'
          ? 'the topic is not KMS-encrypted (SnsTopicKmsCmk judges that)'
          : 'the key is not declared in this stack, so its policy cannot be read (SnsTopicKmsCmk judges the key)',
      );
    }
    const { attribute: policyAttr, document, unknownLink } = keyPolicyOf(model, key.key);
    const where = `the key policy of ${key.key.address}`;
    if (unknownLink) return unresolved(unknownLink.attribute, unknownLink.expression);
    if (document.kind === 'absent') {
      return nonCompliant(
        `${where} is not set; the default key policy does not admit ${services.join(' or ')}, so notifications are silently dropped`,
        'kms_master_key_id',
      );
    }
    if (document.kind === 'unresolved') return unresolved(`${key.key.address}.${policyAttr}`, document.text);
    if (document.kind === 'invalid') return nonCompliant(`${where} ${document.reason}`, 'kms_master_key_id');

    const results: RuleResult[] = [];
    for (const service of services) {
      const ok = document.statements.some(
        (st) => allowsService(st, service) && statementCoversActions(st, REQUIRED_ACTIONS),
      );
      if (!ok) {
        const who = service.startsWith('cloudwatch') ? 'alarms' : 'EventBridge rules';
        results.push(
          nonCompliant(
            `${where} does not allow Service ${service} kms:GenerateDataKey* and kms:Decrypt, so notifications from ${who} are silently dropped`,
            'kms_master_key_id',
          ),
        );
      }
    }
    return results.length > 0 ? results : compliant();
  },
});
