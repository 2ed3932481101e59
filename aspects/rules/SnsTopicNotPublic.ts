import { defineRule, unresolved } from '../core/rule';
import { topicPoliciesOf } from './topics';
import { judgePublicGrants } from './resource-policies';

export default defineRule({
  id: 'SnsTopicNotPublic',
  description:
    'No SNS topic access policy allows everyone (principal "*") an action unless a condition limits the caller to fixed values of aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce or a similar key.',
  fix: 'name the principals that need the topic (an account root, a role, a service such as cloudwatch.amazonaws.com), or keep "*" only with a Condition that pins the caller: StringEquals aws:SourceAccount = "<account>", ArnLike aws:SourceArn = "arn:aws:<service>:<region>:<account>:...", or StringEquals aws:PrincipalOrgID = "o-..."',
  severity: 'critical',
  controls: { pciDss: ['1.4.2', '7.2.1'], securityHub: ['SNS.4'], checkov: ['CKV_AWS_169'] },
  appliesTo: ['aws_sns_topic'],
  evaluate: (r, { model }) => {
    const { documents, unknownLink } = topicPoliciesOf(model, r);
    if (documents.length === 0 && unknownLink)
      return unresolved(unknownLink.attribute, unknownLink.expression);
    return judgePublicGrants(model, documents);
  },
});
