/** The key policy in force for a KMS key. */
import type { TfModel, TfResource } from '../core/model';
import type { PolicyDocument } from '../core/values';
import { policyDocument } from '../core/values';
import { linkedCompanions } from './links';

export interface KeyPolicy {
  /** Where the effective policy comes from: `policy` or `aws_kms_key_policy.x.policy`. */
  readonly attribute: string;
  readonly document: PolicyDocument;
  /** Set when no policy is found but an `aws_kms_key_policy` with an unknowable `key_id` exists. */
  readonly unknownLink?: { readonly attribute: string; readonly expression: string };
}

/**
 * The key policy in force for a key: an `aws_kms_key_policy` whose `key_id` refers to the key replaces
 * the key's own `policy` attribute; otherwise the `policy` attribute. Absent when neither is set (AWS
 * then applies its default key policy).
 */
export function keyPolicyOf(model: TfModel, key: TfResource): KeyPolicy {
  const { found, unknown } = linkedCompanions(model, 'aws_kms_key_policy', 'key_id', key);
  if (found.length > 0) {
    const p = found[0];
    return { attribute: `${p.address}.policy`, document: policyDocument(model, p.config['policy']) };
  }
  const document = policyDocument(model, key.config['policy']);
  if (document.kind === 'absent' && unknown.length > 0) {
    return { attribute: 'policy', document, unknownLink: unknown[0] };
  }
  return { attribute: 'policy', document };
}
