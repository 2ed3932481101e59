/**
 * Judging a KMS key value with the stack's own aliases: `judgeKey` (engine) follows references; a literal
 * `alias/<name>` also names a customer-managed key when the stack declares an `aws_kms_alias` with that
 * name whose target is a key of the stack. The bare alias resolves in the caller's own account and region
 * (https://docs.aws.amazon.com/kms/latest/developerguide/alias-using.html), which is where the stack
 * creates its alias; an alias ARN could name another account's alias of the same name, so only the bare
 * form is matched.
 */
import type { TfModel } from '../core/model';
import type { KeyJudgement } from '../core/values';
import { judgeKey } from '../core/values';
import { declaredByName } from './declared-names';

export function judgeStackKey(
  model: TfModel,
  value: unknown,
  trustedKeyArns: readonly string[] = [],
): KeyJudgement {
  const j = judgeKey(model, value, trustedKeyArns);
  if (j.kind !== 'unknown' || typeof value !== 'string' || !/^alias\/./.test(value)) return j;
  const alias = declaredByName(model, 'aws_kms_alias', 'name', value);
  if (!alias) return j;
  // The alias's target is judged like any key value: a key of the stack, an alias of one, or unresolved.
  return judgeKey(model, alias.config['target_key_id'], trustedKeyArns, new Set([alias.address]));
}
