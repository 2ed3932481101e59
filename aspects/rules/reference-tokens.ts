/**
 * References inside a written value (`arn:aws:sns:*:${data.aws_caller_identity.c.account_id}:alerts`):
 * each `${...}` is one value Terraform computes at apply. To read the value's fields (an ARN's account,
 * its resource part, a CIDR's prefix), each reference is stood in by a numbered token with no `:`, `/`,
 * `*` or `?` in it; a field quoted in a message has its references written back as the author wrote them.
 * One mechanism for every rule that reads such values (LambdaPermissionScoped, the resource-policy
 * conditions, LogGroupKeyAdmitsLogs).
 */

const REFERENCE = /\$\{[^}]*\}/g;
// Two private-use characters delimit a token: no ARN, account id, CIDR or condition value holds them, so
// a token never meets text of the value that looks like one.
const token = (i: number): string => `\uE000${i}\uE001`;
const TOKEN = /\uE000(\d+)\uE001/g;
const WHOLE_TOKEN = /^\uE000\d+\uE001$/;
const TOKEN_PIECE = /(\uE000\d+\uE001)/;

/** One piece of a field: literal text, or a reference (`text` is then the reference as written). */
export interface Piece {
  readonly reference: boolean;
  readonly text: string;
}

export interface StoodIn {
  /** The value with each reference stood in by its token. */
  readonly text: string;
  /** The part (of `text`) is one reference, whole. */
  isReference(part: string): boolean;
  /** The part (of `text`) with its references written back. */
  asWritten(part: string): string;
  /** The part (of `text`) cut into literal text and references, in order; no empty piece. */
  pieces(part: string): readonly Piece[];
}

/** Stands in the references of `value` (see the module's comment). */
export function standInReferences(value: string): StoodIn {
  const refs: string[] = [];
  const text = value.replace(REFERENCE, (ref) => token(refs.push(ref) - 1));
  // A token-like text the value held itself (no reference of that number) is written back as it was.
  const refAt = (token: string, i: string): string => refs[Number(i)] ?? token;
  return {
    text,
    isReference: (part) => WHOLE_TOKEN.test(part),
    asWritten: (part) => part.replace(TOKEN, refAt),
    pieces: (part) =>
      part
        .split(TOKEN_PIECE)
        .filter((p) => p !== '')
        .map((p) =>
          WHOLE_TOKEN.test(p)
            ? { reference: true, text: refAt(p, p.slice(1, -1)) }
            : { reference: false, text: p },
        ),
  };
}
