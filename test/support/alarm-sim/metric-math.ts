/**
 * CloudWatch metric math, the subset the stack's alarms use, evaluated on time series of one value (or
 * none) per period. Anything else is refused with a `SimRefusal` naming it: the simulator never guesses.
 *
 * Semantics, from the CloudWatch User Guide, "Using metric math" (awsdocs/amazon-cloudwatch-user-guide
 * doc_source/using-metric-math.md, read 2026-12-02;
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html):
 * - Arithmetic `+ - * / ^`: "Missing values in a time series are treated as 0. If the value of a data
 *   point causes a function to attempt to divide by zero, the data point is dropped." Modelled as: a
 *   timestamp is in the result when at least one time-series operand has a value there; a missing operand
 *   value at such a timestamp counts as 0; a time series combined with a scalar keeps its own timestamps.
 * - Comparison `== != <= >= < >` and logical `AND && OR ||`: 1 (true) or 0 (false) per timestamp; "when
 *   ... only one of the time series has a value for a particular time stamp, the function treats the
 *   missing value in the other time series as 0".
 * - `IF(condition, trueValue[, falseValue])`, per timestamp of the condition (documented tables):
 *   condition missing -> dropped; true -> trueValue (a scalar, or the series' value, or 0 where that
 *   series has none); false -> falseValue (a scalar, or the series' value, dropped where it has none or
 *   when it is omitted). A scalar condition picks one whole operand.
 * - `FILL(series, scalar)`: every period of the evaluated range gets the scalar where the series has no
 *   value. FILL with REPEAT or LINEAR, and every other function (ANOMALY_DETECTION_BAND, METRICS, SUM,
 *   RATE, ...), is refused.
 */

export type Series = ReadonlyArray<number | undefined>;
export type Value =
  { readonly kind: 'scalar'; readonly v: number } | { readonly kind: 'ts'; readonly v: Series };

/** The simulator met something it does not model; the message says what. */
export class SimRefusal extends Error {
  override readonly name = 'SimRefusal';
}

type Node =
  | { t: 'num'; v: number }
  | { t: 'id'; name: string }
  | { t: 'neg'; e: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'call'; fn: string; args: Node[] };

const TOKEN = /\s*(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/^()<>,])/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new SimRefusal(`metric math: cannot read "${src.slice(pos)}" in "${src}"`);
    out.push(m[1]);
    pos = TOKEN.lastIndex;
  }
  return out;
}

/** Parse an expression (precedence, loosest first: OR, AND, comparison, + -, * /, ^, unary -). */
export function parseExpression(src: string): Node {
  const tokens = tokenize(src);
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const take = (expected?: string): string => {
    const tok = tokens[i++];
    if (tok === undefined || (expected !== undefined && tok !== expected)) {
      throw new SimRefusal(`metric math: expected ${expected ?? 'more input'} at token ${i} of "${src}"`);
    }
    return tok;
  };
  const binary = (next: () => Node, ops: readonly string[]): (() => Node) => {
    return () => {
      let left = next();
      for (let op = peek(); op !== undefined && ops.includes(op); op = peek()) {
        take();
        const norm = op === '&&' ? 'AND' : op === '||' ? 'OR' : op;
        left = { t: 'bin', op: norm, l: left, r: next() };
      }
      return left;
    };
  };
  const primary = (): Node => {
    const tok = take();
    if (tok === '(') {
      const e = orExpr();
      take(')');
      return e;
    }
    if (tok === '-') return { t: 'neg', e: power() };
    if (/^\d/.test(tok)) return { t: 'num', v: Number(tok) };
    if (/^[A-Za-z_]/.test(tok)) {
      if (peek() === '(') {
        take('(');
        const args: Node[] = [];
        if (peek() !== ')') {
          args.push(orExpr());
          while (peek() === ',') {
            take(',');
            args.push(orExpr());
          }
        }
        take(')');
        return { t: 'call', fn: tok, args };
      }
      return { t: 'id', name: tok };
    }
    throw new SimRefusal(`metric math: unexpected "${tok}" in "${src}"`);
  };
  const power: () => Node = () => {
    const base = primary();
    if (peek() === '^') {
      take();
      return { t: 'bin', op: '^', l: base, r: power() };
    }
    return base;
  };
  const mul = binary(power, ['*', '/']);
  const add = binary(mul, ['+', '-']);
  const cmp = binary(add, ['==', '!=', '<=', '>=', '<', '>']);
  const andExpr = binary(cmp, ['AND', '&&']);
  const orExpr = binary(andExpr, ['OR', '||']);
  const tree = orExpr();
  if (i !== tokens.length) throw new SimRefusal(`metric math: unexpected "${tokens[i]}" in "${src}"`);
  return tree;
}

/** Evaluate `src` over `length` periods; `resolve` gives the value of a metric or expression id. */
export function evaluateExpression(src: string, length: number, resolve: (id: string) => Value): Value {
  return evalNode(parseExpression(src), length, resolve, src);
}

function evalNode(n: Node, len: number, resolve: (id: string) => Value, src: string): Value {
  switch (n.t) {
    case 'num':
      return { kind: 'scalar', v: n.v };
    case 'id':
      if (['REPEAT', 'LINEAR'].includes(n.name)) {
        throw new SimRefusal(`metric math: FILL(..., ${n.name}) is not modelled (in "${src}")`);
      }
      return resolve(n.name);
    case 'neg':
      return pointwise([evalNode(n.e, len, resolve, src)], len, ([a]) => -a);
    case 'bin': {
      const l = evalNode(n.l, len, resolve, src);
      const r = evalNode(n.r, len, resolve, src);
      return pointwise([l, r], len, ([a, b]) => binop(n.op, a, b));
    }
    case 'call':
      return call(n, len, resolve, src);
  }
}

function binop(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? undefined : a / b; // dropped, as documented
    case '^':
      return a ** b;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case 'AND':
      return a !== 0 && b !== 0 ? 1 : 0;
    case 'OR':
      return a !== 0 || b !== 0 ? 1 : 0;
    default:
      throw new SimRefusal(`metric math: operator ${op} is not modelled`);
  }
}

/**
 * Apply `f` per timestamp. Scalars only: a scalar. Otherwise a timestamp is present when any series
 * operand has a value there; missing series values count as 0.
 */
function pointwise(args: readonly Value[], len: number, f: (xs: number[]) => number | undefined): Value {
  if (args.every((a) => a.kind === 'scalar')) {
    const v = f(args.map((a) => a.v as number));
    if (v === undefined) throw new SimRefusal('metric math: a scalar division by zero is not modelled');
    return { kind: 'scalar', v };
  }
  const out: Array<number | undefined> = [];
  for (let t = 0; t < len; t++) {
    const present = args.some((a) => a.kind === 'ts' && a.v[t] !== undefined);
    if (!present) {
      out.push(undefined);
      continue;
    }
    out.push(f(args.map((a) => (a.kind === 'scalar' ? a.v : (a.v[t] ?? 0)))));
  }
  return { kind: 'ts', v: out };
}

function call(
  n: Extract<Node, { t: 'call' }>,
  len: number,
  resolve: (id: string) => Value,
  src: string,
): Value {
  if (n.fn === 'IF') {
    if (n.args.length < 2 || n.args.length > 3) {
      throw new SimRefusal(`metric math: IF takes 2 or 3 arguments (in "${src}")`);
    }
    const [cond, whenTrue, whenFalse] = n.args.map((a) => evalNode(a, len, resolve, src));
    if (cond.kind === 'scalar') {
      if (cond.v !== 0) return whenTrue;
      return whenFalse ?? { kind: 'ts', v: Array.from({ length: len }, () => undefined) };
    }
    const out: Array<number | undefined> = [];
    for (let t = 0; t < len; t++) {
      const c = cond.v[t];
      if (c === undefined) out.push(undefined);
      else if (c !== 0) out.push(whenTrue.kind === 'scalar' ? whenTrue.v : (whenTrue.v[t] ?? 0));
      else if (whenFalse === undefined) out.push(undefined);
      else out.push(whenFalse.kind === 'scalar' ? whenFalse.v : whenFalse.v[t]);
    }
    return { kind: 'ts', v: out };
  }
  if (n.fn === 'FILL') {
    if (n.args.length !== 2) throw new SimRefusal(`metric math: FILL takes 2 arguments (in "${src}")`);
    const series = evalNode(n.args[0], len, resolve, src);
    const filler = evalNode(n.args[1], len, resolve, src);
    if (series.kind !== 'ts' || filler.kind !== 'scalar') {
      throw new SimRefusal(`metric math: only FILL(time series, scalar) is modelled (in "${src}")`);
    }
    return { kind: 'ts', v: series.v.map((x) => x ?? filler.v) };
  }
  throw new SimRefusal(`metric math: function ${n.fn} is not modelled (in "${src}")`);
}
