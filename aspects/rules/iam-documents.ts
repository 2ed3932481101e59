/** Identity-based IAM policy documents carried by roles and policies, and the judgement of their Allow statements. */
import type { TfModel, TfResource } from '../core/model';
import { blocks } from '../core/model';
import type { RuleResult } from '../core/rule';
import { compliant, nonCompliant, notApplicable, unresolved } from '../core/rule';
import type { PolicyDocument, Statement } from '../core/values';
import { policyDocument } from '../core/values';
import { statementLabel } from './policy-statements';

export interface AttachedDocument {
  readonly attribute: string;
  readonly document: PolicyDocument;
}

/**
 * The identity-based policy documents a resource carries: `policy` of `aws_iam_policy` /
 * `aws_iam_role_policy`, each `inline_policy.policy` of `aws_iam_role` (the trust policy is not one).
 */
export function iamDocumentsOf(model: TfModel, r: TfResource): AttachedDocument[] {
  if (r.type === 'aws_iam_role') {
    return blocks(r.config['inline_policy'])
      .map((b, i) => ({ b, i }))
      .filter(({ b }) => b['policy'] !== undefined && b['policy'] !== null && b['policy'] !== '')
      .map(({ b, i }) => ({
        attribute:
          typeof b['name'] === 'string'
            ? `inline_policy "${b['name']}".policy`
            : `inline_policy[${i}].policy`,
        document: policyDocument(model, b['policy']),
      }));
  }
  const document = policyDocument(model, r.config['policy']);
  return document.kind === 'absent' ? [] : [{ attribute: 'policy', document }];
}

/**
 * Judges every Allow statement of every identity-based policy a resource carries: `problems` names what
 * is wrong with one statement (empty when nothing). Unresolved and invalid documents are reported as
 * such; a resource without a permissions policy is not applicable.
 */
export function judgeAllowStatements(
  model: TfModel,
  r: TfResource,
  problems: (st: Statement) => readonly string[],
): RuleResult | RuleResult[] {
  const documents = iamDocumentsOf(model, r);
  if (documents.length === 0) return notApplicable('the resource carries no permissions policy');
  const results: RuleResult[] = [];
  for (const { attribute, document } of documents) {
    if (document.kind === 'unresolved') results.push(unresolved(attribute, document.text));
    else if (document.kind === 'invalid')
      results.push(nonCompliant(`${attribute} ${document.reason}`, attribute));
    else if (document.kind === 'document') {
      document.statements.forEach((st, i) => {
        if (st.effect !== 'Allow') return;
        for (const p of problems(st))
          results.push(nonCompliant(`${attribute} ${statementLabel(st, i)} ${p}`, attribute));
      });
    }
  }
  return results.length > 0 ? results : compliant();
}
