/**
 * Literals that name a resource declared in the stack. Authors often write a companion's link as text
 * (`queue_url = "https://sqs.us-east-1.amazonaws.com/111122223333/ledger-dlq"`, `bucket_arn =
 * "arn:aws:s3:::ledger-archive"`, `kms_master_key_id = "alias/ledger-alerting"`) instead of a reference; the
 * text names the same resource when its last segment is the resource's literal name.
 */
import type { TfModel, TfResource } from '../core/model';
import { isExpression } from '../core/values';

/** The literal, non-empty value of `attribute`, or undefined (absent, empty or an expression). */
export function literalText(r: TfResource, attribute: string): string | undefined {
  const v = r.config[attribute];
  return typeof v === 'string' && v !== '' && !isExpression(v) ? v : undefined;
}

/** The last segment of an ARN, URL or path: the text after the last `/` or `:`. */
export function lastSegment(text: string): string {
  return text.slice(Math.max(text.lastIndexOf('/'), text.lastIndexOf(':')) + 1);
}

/**
 * Resources of `type` whose literal `attribute` ends (after the last `/` or `:`) with `name`. Indexed once
 * per model, so asking it of every resource stays linear.
 */
export function namedByLiteral(
  model: TfModel,
  type: string,
  attribute: string,
  name: string | undefined,
): readonly TfResource[] {
  if (name === undefined) return [];
  const index = model.memoBy('literal-names', type, attribute, () => {
    const m = new Map<string, TfResource[]>();
    for (const r of model.ofType(type)) {
      const text = literalText(r, attribute);
      if (text === undefined) continue;
      const key = lastSegment(text);
      const list = m.get(key);
      if (list) list.push(r);
      else m.set(key, [r]);
    }
    return m;
  });
  return index.get(name) ?? [];
}

/** The declared resource of `type` whose literal `nameAttribute` equals `name` (first in configuration order). */
export function declaredByName(
  model: TfModel,
  type: string,
  nameAttribute: string,
  name: string,
): TfResource | undefined {
  const index = model.memoBy('declared-names', type, nameAttribute, () => {
    const m = new Map<string, TfResource>();
    for (const r of model.ofType(type)) {
      const text = literalText(r, nameAttribute);
      if (text !== undefined && !m.has(text)) m.set(text, r);
    }
    return m;
  });
  return index.get(name);
}
