/** SNS topics: the access policies that govern a topic, and the alarms and event targets that publish to it. */
import type { TfModel, TfResource } from '../core/model';
import type { PolicyDocument } from '../core/values';
import { policyDocument } from '../core/values';
import { literalText, namedByLiteral } from './declared-names';
import { byPosition, companionsOf, linkedCompanions, unionInOrder } from './links';

export interface TopicPolicies {
  /** The policy documents that govern the topic, with the attribute each came from. */
  readonly documents: { readonly attribute: string; readonly document: PolicyDocument }[];
  readonly unknownLink?: { readonly attribute: string; readonly expression: string };
}

/**
 * The access policy of an SNS topic: every `aws_sns_topic_policy` whose `arn` refers to the topic (it
 * replaces the topic's own `policy`), else the topic's `policy` attribute (none when it is not set).
 */
export function topicPoliciesOf(model: TfModel, topic: TfResource): TopicPolicies {
  const linked = linkedCompanions(model, 'aws_sns_topic_policy', 'arn', topic);
  // A topic ARN written as text (arn:aws:sns:<region>:<account>:<name>) names the topic too.
  const byArn = namedByLiteral(model, 'aws_sns_topic_policy', 'arn', literalText(topic, 'name'));
  const found = unionInOrder(model, 'aws_sns_topic_policy', linked.found, byArn);
  const unknown = linked.unknown;
  if (found.length > 0) {
    return {
      documents: found.map((p) => ({
        attribute: `${p.address}.policy`,
        document: policyDocument(model, p.config['policy']),
      })),
    };
  }
  const own = policyDocument(model, topic.config['policy']);
  const documents = own.kind === 'absent' ? [] : [{ attribute: 'policy', document: own }];
  return unknown.length > 0 ? { documents, unknownLink: unknown[0] } : { documents };
}

/** The alarms and EventBridge targets in the stack that publish to a topic. */
export function topicPublishers(
  model: TfModel,
  topic: TfResource,
): { readonly alarms: readonly TfResource[]; readonly eventTargets: readonly TfResource[] } {
  // Three rules ask this of every topic, and one topic may serve thousands of alarms: computed once.
  return model.memoBy('publishers', topic, undefined, () => {
    const alarms = ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm'].flatMap((type) => {
      const named = new Set(
        ALARM_ACTION_ATTRIBUTES.flatMap((attr) => companionsOf(model, type, attr, topic)),
      );
      return [...named].sort(byPosition(model, type));
    });
    const eventTargets = companionsOf(model, 'aws_cloudwatch_event_target', 'arn', topic);
    return { alarms, eventTargets };
  });
}

/** The service principals that publish to a topic: CloudWatch for alarms, EventBridge for rule targets. */
export function publishingServices(model: TfModel, topic: TfResource): string[] {
  const { alarms, eventTargets } = topicPublishers(model, topic);
  return [
    ...(alarms.length > 0 ? ['cloudwatch.amazonaws.com'] : []),
    ...(eventTargets.length > 0 ? ['events.amazonaws.com'] : []),
  ];
}

export const ALARM_ACTION_ATTRIBUTES = ['alarm_actions', 'ok_actions', 'insufficient_data_actions'] as const;
