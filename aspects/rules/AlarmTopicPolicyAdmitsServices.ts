import type { RuleResult } from '../core/rule';
import { compliant, defineRule, nonCompliant, notApplicable, unresolved } from '../core/rule';
import { statementCoversActions } from '../core/values';
import { allowsService } from './policy-statements';
import { topicPoliciesOf, publishingServices } from './topics';

export default defineRule({
  id: 'AlarmTopicPolicyAdmitsServices',
  description:
    'Every SNS topic that CloudWatch alarms or EventBridge rules publish to has an access policy that allows sns:Publish to cloudwatch.amazonaws.com and/or events.amazonaws.com.',
  fix: 'declare an aws_sns_topic_policy for the topic (arn = the topic ARN) with an Allow of sns:Publish on the topic for Service cloudwatch.amazonaws.com (alarms) and events.amazonaws.com (EventBridge), ideally conditioned on aws:SourceAccount',
  severity: 'high',
  controls: {},
  appliesTo: ['aws_sns_topic'],
  evaluate: (r, { model }) => {
    const services = publishingServices(model, r);
    if (services.length === 0)
      return notApplicable('no alarm or EventBridge target in the stack publishes to the topic');

    const { documents, unknownLink } = topicPoliciesOf(model, r);
    const parsed = documents.flatMap((d) => (d.document.kind === 'document' ? d.document.statements : []));
    const missing = services.filter(
      (service) =>
        !parsed.some((st) => allowsService(st, service) && statementCoversActions(st, ['sns:Publish'])),
    );
    if (missing.length === 0) return compliant();
    if (unknownLink) return unresolved(unknownLink.attribute, unknownLink.expression);
    const pending = documents.find((d) => d.document.kind === 'unresolved');
    if (pending && pending.document.kind === 'unresolved')
      return unresolved(pending.attribute, pending.document.text);
    const invalid = documents.find((d) => d.document.kind === 'invalid');
    if (invalid && invalid.document.kind === 'invalid') {
      return nonCompliant(`${invalid.attribute} ${invalid.document.reason}`, invalid.attribute);
    }
    const results: RuleResult[] = missing.map((service) => {
      const who = service.startsWith('cloudwatch') ? 'alarms' : 'EventBridge rules';
      return nonCompliant(
        documents.length === 0
          ? `the topic has no access policy (no aws_sns_topic_policy refers to it), so ${who} cannot publish: Service ${service} needs sns:Publish`
          : `${documents.map((d) => d.attribute).join(', ')} does not allow sns:Publish to Service ${service}, so ${who} cannot publish to the topic`,
        'policy',
      );
    });
    return results;
  },
});
