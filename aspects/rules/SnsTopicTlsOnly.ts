import { compliant, defineRule, nonCompliant, unresolved } from '../core/rule';
import { isTlsDenyStatement, statementCoversActions } from '../core/values';
import { topicPoliciesOf } from './topics';

export default defineRule({
  id: 'SnsTopicTlsOnly',
  description:
    'Every SNS topic has an access policy that denies sns:Publish to every principal when the request does not use TLS (aws:SecureTransport is false).',
  fix: 'declare an aws_sns_topic_policy for the topic (arn = the topic ARN) with a Deny of sns:Publish to Principal "*" on the topic, Condition Bool aws:SecureTransport = "false"',
  severity: 'medium',
  controls: { pciDss: ['4.2.1'], cdkNag: ['AwsSolutions-SNS3'] },
  appliesTo: ['aws_sns_topic'],
  evaluate: (r, { model }) => {
    const { documents, unknownLink } = topicPoliciesOf(model, r);
    for (const { document } of documents) {
      if (document.kind === 'document') {
        if (
          document.statements.some(
            (st) => isTlsDenyStatement(st) && statementCoversActions(st, ['sns:Publish']),
          )
        ) {
          return compliant();
        }
      }
    }
    if (unknownLink) return unresolved(unknownLink.attribute, unknownLink.expression);
    const pending = documents.find((d) => d.document.kind === 'unresolved');
    if (pending && pending.document.kind === 'unresolved')
      return unresolved(pending.attribute, pending.document.text);
    if (documents.length === 0) {
      return nonCompliant(
        'the topic has no access policy (no aws_sns_topic_policy refers to it), so nothing denies publishing without TLS',
        'policy',
      );
    }
    const invalid = documents.find((d) => d.document.kind === 'invalid');
    if (invalid && invalid.document.kind === 'invalid') {
      return nonCompliant(`${invalid.attribute} ${invalid.document.reason}`, invalid.attribute);
    }
    return nonCompliant(
      `${documents.map((d) => d.attribute).join(', ')} has no Deny of sns:Publish to principal "*" when aws:SecureTransport is "false"`,
      documents[0].attribute,
    );
  },
});
