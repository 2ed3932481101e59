/**
 * A small evaluator for the subset of CloudWatch Logs JSON filter patterns the stack uses, so tests can
 * check a pattern against rendered log lines without AWS.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 *
 * Grammar:  pattern := '' | '{' expr '}'
 *           expr    := term (('&&' | '||') term)*      (left to right; && binds tighter than ||)
 *           term    := '(' expr ')' | selector op value
 *           selector:= '$.' name ('.' name)*
 *           op      := '=' | '!=' | '>' | '<' | '>=' | '<='
 *           value   := number | '"' chars '"' | '*'
 *
 * Semantics as CloudWatch documents them: numeric comparisons match only JSON numbers (a quoted "500"
 * does not satisfy `>= 500`); `=`/`!=` with a string compare strings, `*` inside a string is a wildcard;
 * `= *` matches any present value. A line that is not JSON never matches a JSON pattern.
 */

type Value = { kind: 'number'; value: number } | { kind: 'string'; value: string } | { kind: 'any' };
type Node =
  { kind: 'cmp'; path: string[]; op: string; value: Value } | { kind: 'and' | 'or'; left: Node; right: Node };

export class FilterPatternError extends Error {}

function tokenize(src: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(\$\.[A-Za-z0-9_.]+|>=|<=|!=|&&|\|\||[{}()=<>*]|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new FilterPatternError(`unexpected input at ${pos}: ${src.slice(pos)}`);
    tokens.push(m[1]);
    pos = re.lastIndex;
  }
  return tokens;
}

export function parseFilterPattern(pattern: string): Node | undefined {
  const tokens = tokenize(pattern);
  if (tokens.length === 0) return undefined; // empty pattern: matches everything
  let i = 0;
  const expect = (t: string): void => {
    if (tokens[i] !== t)
      throw new FilterPatternError(`expected ${t} at token ${i}, got ${tokens[i] ?? 'end'}`);
    i++;
  };
  const value = (): Value => {
    const t = tokens[i++];
    if (t === undefined) throw new FilterPatternError('missing value');
    if (t === '*') return { kind: 'any' };
    if (t.startsWith('"')) return { kind: 'string', value: JSON.parse(t) as string };
    if (/^-?\d/.test(t)) return { kind: 'number', value: Number(t) };
    throw new FilterPatternError(`bad value ${t}`);
  };
  const term = (): Node => {
    if (tokens[i] === '(') {
      i++;
      const e = expr();
      expect(')');
      return e;
    }
    const sel = tokens[i++];
    if (!sel?.startsWith('$.')) throw new FilterPatternError(`expected a $. selector, got ${sel ?? 'end'}`);
    const op = tokens[i++];
    if (!['=', '!=', '>', '<', '>=', '<='].includes(op ?? ''))
      throw new FilterPatternError(`bad operator ${op}`);
    return { kind: 'cmp', path: sel.slice(2).split('.'), op: op as string, value: value() };
  };
  const conj = (): Node => {
    let left = term();
    while (tokens[i] === '&&') {
      i++;
      left = { kind: 'and', left, right: term() };
    }
    return left;
  };
  const expr = (): Node => {
    let left = conj();
    while (tokens[i] === '||') {
      i++;
      left = { kind: 'or', left, right: conj() };
    }
    return left;
  };
  expect('{');
  const root = expr();
  expect('}');
  if (i !== tokens.length) throw new FilterPatternError(`trailing tokens: ${tokens.slice(i).join(' ')}`);
  return root;
}

function lookup(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function wildcard(pattern: string, s: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(s);
}

function compare(actual: unknown, op: string, v: Value): boolean {
  if (actual === undefined) return false;
  if (v.kind === 'any') return op === '=' ? true : false;
  if (v.kind === 'number') {
    if (typeof actual !== 'number') return false;
    switch (op) {
      case '=':
        return actual === v.value;
      case '!=':
        return actual !== v.value;
      case '>':
        return actual > v.value;
      case '<':
        return actual < v.value;
      case '>=':
        return actual >= v.value;
      case '<=':
        return actual <= v.value;
    }
    return false;
  }
  if (typeof actual !== 'string') return false;
  if (op === '=') return wildcard(v.value, actual);
  if (op === '!=') return !wildcard(v.value, actual);
  throw new FilterPatternError(`operator ${op} needs a number`);
}

function evalNode(n: Node, doc: unknown): boolean {
  switch (n.kind) {
    case 'and':
      return evalNode(n.left, doc) && evalNode(n.right, doc);
    case 'or':
      return evalNode(n.left, doc) || evalNode(n.right, doc);
    case 'cmp':
      return compare(lookup(doc, n.path), n.op, n.value);
  }
}

/** Does `line` match `pattern`? */
export function matches(pattern: string, line: string): boolean {
  const ast = parseFilterPattern(pattern);
  if (!ast) return true;
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch {
    return false;
  }
  return evalNode(ast, doc);
}

/** The value a metric transformation publishes for a matching `line`: a literal or `$.field` (numbers only). */
export function metricValue(value: string, line: string): number | undefined {
  if (!value.startsWith('$.')) return Number(value);
  const v = lookup(JSON.parse(line), value.slice(2).split('.'));
  return typeof v === 'number' ? v : undefined;
}

/** The `$.field` names a pattern reads. */
export function selectors(pattern: string): string[] {
  return tokenize(pattern)
    .filter((t) => t.startsWith('$.'))
    .map((t) => t.slice(2));
}
