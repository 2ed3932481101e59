import { defineRule, unresolved } from '../core/rule';
import { policyDocument } from '../core/values';
import { linkedCompanions, unionInOrder } from './links';
import { literalText, namedByLiteral } from './declared-names';
import type { GoverningDocument } from './resource-policies';
import { judgePublicGrants } from './resource-policies';

export default defineRule({
  id: 'SqsQueueNotPublic',
  description:
    'No SQS queue access policy allows everyone (principal "*") an action unless a condition limits the caller to fixed values of aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce or a similar key.',
  fix: 'name the principals that need the queue (an account root, a role, a service such as events.amazonaws.com with aws:SourceArn), or keep "*" only with a Condition that pins the caller: ArnEquals aws:SourceArn = "${aws_sns_topic.<name>.arn}" or StringEquals aws:SourceAccount = "<account>"',
  severity: 'critical',
  controls: { pciDss: ['1.4.2', '7.2.1'], securityHub: ['SQS.3'], checkov: ['CKV_AWS_168'] },
  appliesTo: ['aws_sqs_queue'],
  evaluate: (r, { model }) => {
    const c = linkedCompanions(model, 'aws_sqs_queue_policy', 'queue_url', r);
    // A queue URL written as text (https://sqs.<region>.amazonaws.com/<account>/<name>) names it too.
    const byUrl = namedByLiteral(model, 'aws_sqs_queue_policy', 'queue_url', literalText(r, 'name'));
    const policies = unionInOrder(model, 'aws_sqs_queue_policy', c.found, byUrl);
    const documents: GoverningDocument[] = policies.map((p) => ({
      attribute: `${p.address}.policy`,
      document: policyDocument(model, p.config['policy']),
    }));
    // The queue's own `policy` holds when no aws_sqs_queue_policy replaces it.
    const own = policyDocument(model, r.config['policy']);
    if (documents.length === 0 && own.kind !== 'absent')
      documents.push({ attribute: 'policy', document: own });
    if (documents.length === 0 && c.unknown.length > 0)
      return unresolved(c.unknown[0].attribute, c.unknown[0].expression);
    return judgePublicGrants(model, documents);
  },
});
