/** Log groups declared in the stack, by name. */
import type { TfModel } from '../core/model';

/** Log group names declared in the stack, literal text as synthesized (references kept as `${...}`). */
export function declaredLogGroupNames(model: TfModel): ReadonlySet<string> {
  return model.memo('log-group-names', () => {
    const names = new Set<string>();
    for (const g of model.ofType('aws_cloudwatch_log_group')) {
      const n = g.config['name'];
      if (typeof n === 'string') names.add(n);
    }
    return names;
  });
}

/**
 * Whether a log group whose `name` is, as text, one of `candidates` is declared in the stack. Text
 * equality is sound for expressions too: the same text evaluates to the same name at apply.
 */
export function logGroupDeclared(model: TfModel, candidates: readonly string[]): boolean {
  const names = declaredLogGroupNames(model);
  return candidates.some((c) => names.has(c));
}
