import {
  compare, index, isDict, LookupFailed, method, PyTuple, pyDict, truthy, typeName, Unsupported,
  type PyValue,
} from './py-values.ts';

export { LookupFailed, NotApplicable, PyTuple, pyDict, pyEquals, truthy, Unsupported, type PyDict, type PyValue } from './py-values.ts';

/**
 * A small evaluator for the subset of Python that feedparser's `Expect:` lines use:
 * literals (str with escapes and implicit concatenation, int, float, None/True/False,
 * tuples, lists, `{}`), names, indexing and attribute access on dicts, `.get()`, `.keys()`,
 * `.has_key()`, `len()`, comparisons (chained), `in` / `not in`, `is` / `is not`,
 * `and` / `or` / `not`, `+` on strings and numbers, unary minus.
 *
 * A lookup that the view cannot answer because relais does not keep that field throws
 * `NotApplicable` with a category; anything outside the subset throws `Unsupported`.
 */

// ---------- tokens ----------

type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'name'; v: string }
  | { t: 'op'; v: string }
  | { t: 'end' };

const unescape = (body: string, raw: boolean): string => {
  if (raw) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.|\n)/g, (_, e: string) => {
    const c = e[0];
    if (c === 'x' || c === 'u' || c === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/[0-7]/.test(c ?? '')) return String.fromCodePoint(parseInt(e, 8));
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '\n': '', a: '\x07', b: '\b', f: '\f', v: '\v' };
    return simple[e] ?? `\\${e}`;
  });
};

const tokenize = (src: string): Tok[] => {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const str = /^([uUbBrR]{0,2})('''|"""|'|")/.exec(src.slice(i, i + 5));
    if (str && (str[1] === '' || /^[uUbBrR]+$/.test(str[1] ?? ''))) {
      const prefix = (str[1] ?? '').toLowerCase();
      const q = str[2] ?? '"';
      let j = i + (str[0]?.length ?? 0);
      let body = '';
      for (;;) {
        if (j >= src.length) throw new Unsupported('unterminated string');
        if (src.startsWith(q, j)) break;
        if (src[j] === '\\') {
          body += src.slice(j, j + 2);
          j += 2;
        } else body += src[j++];
      }
      out.push({ t: 'str', v: unescape(body, prefix.includes('r')) });
      i = j + q.length;
      continue;
    }
    const num = /^\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|^\.\d+/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_]\w*/.exec(src.slice(i));
    if (name) {
      out.push({ t: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = /^(==|!=|<=|>=|[<>()[\]{},.:+\-*%])/.exec(src.slice(i));
    if (op) {
      out.push({ t: 'op', v: op[0] });
      i += op[0].length;
      continue;
    }
    throw new Unsupported(`unexpected character ${JSON.stringify(ch)}`);
  }
  out.push({ t: 'end' });
  return out;
};

// ---------- parser + evaluator (evaluates while parsing, lazily for and/or) ----------

/** A deferred sub-expression, so `and`/`or` short-circuit like Python's. */
type Thunk = () => PyValue;

export interface Scope {
  /** The value of a top-level name; throws NotApplicable for names relais does not model. */
  lookup(name: string): PyValue;
}

class Parser {
  private pos = 0;
  private readonly toks: Tok[];
  private readonly scope: Scope;
  constructor(src: string, scope: Scope) {
    this.toks = tokenize(src);
    this.scope = scope;
  }
  private peek(o = 0): Tok {
    return this.toks[this.pos + o] ?? { t: 'end' };
  }
  private isOp(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t.t === 'op' && t.v === v;
  }
  private isName(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t.t === 'name' && t.v === v;
  }
  private expectOp(v: string): void {
    if (!this.isOp(v)) throw new Unsupported(`expected ${v}`);
    this.pos++;
  }
  parseAll(): Thunk {
    const e = this.orExpr();
    if (this.peek().t !== 'end') throw new Unsupported('trailing input');
    return e;
  }
  private orExpr(): Thunk {
    let left = this.andExpr();
    while (this.isName('or')) {
      this.pos++;
      const l = left;
      const r = this.andExpr();
      left = () => {
        const v = l();
        return truthy(v) ? v : r();
      };
    }
    return left;
  }
  private andExpr(): Thunk {
    let left = this.notExpr();
    while (this.isName('and')) {
      this.pos++;
      const l = left;
      const r = this.notExpr();
      left = () => {
        const v = l();
        return truthy(v) ? r() : v;
      };
    }
    return left;
  }
  private notExpr(): Thunk {
    if (this.isName('not')) {
      this.pos++;
      const e = this.notExpr();
      return () => !truthy(e());
    }
    return this.comparison();
  }
  private compOp(): string | undefined {
    const t = this.peek();
    if (t.t === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(t.v)) {
      this.pos++;
      return t.v;
    }
    if (this.isName('in')) {
      this.pos++;
      return 'in';
    }
    if (this.isName('not') && this.isName('in', 1)) {
      this.pos += 2;
      return 'not in';
    }
    if (this.isName('is')) {
      this.pos++;
      if (this.isName('not')) {
        this.pos++;
        return 'is not';
      }
      return 'is';
    }
    return undefined;
  }
  private comparison(): Thunk {
    const first = this.sum();
    const rest: Array<[string, Thunk]> = [];
    for (let op = this.compOp(); op; op = this.compOp()) rest.push([op, this.sum()]);
    if (rest.length === 0) return first;
    return () => {
      let left = first();
      for (const [op, t] of rest) {
        const right = t();
        if (!compare(op, left, right)) return false;
        left = right;
      }
      return true;
    };
  }
  private sum(): Thunk {
    let left = this.unary();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.peek() as { v: string }).v;
      this.pos++;
      const l = left;
      const r = this.unary();
      left = () => {
        const a = l();
        const b = r();
        if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
        if (typeof a === 'number' && typeof b === 'number') return op === '+' ? a + b : a - b;
        if (op === '+' && a instanceof PyTuple && b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
        throw new Unsupported(`${typeName(a)} ${op} ${typeName(b)}`);
      };
    }
    return left;
  }
  private unary(): Thunk {
    if (this.isOp('-')) {
      this.pos++;
      const e = this.unary();
      return () => {
        const v = e();
        if (typeof v !== 'number') throw new Unsupported('unary minus');
        return -v;
      };
    }
    return this.postfix();
  }
  private args(): Thunk[] {
    const out: Thunk[] = [];
    this.expectOp('(');
    while (!this.isOp(')')) {
      out.push(this.orExpr());
      if (!this.isOp(')')) this.expectOp(',');
    }
    this.expectOp(')');
    return out;
  }
  private postfix(): Thunk {
    let e = this.atom();
    for (;;) {
      if (this.isOp('[')) {
        this.pos++;
        if (this.isOp(':') || this.isOp(':', 1)) throw new Unsupported('slices');
        const k = this.orExpr();
        this.expectOp(']');
        const base = e;
        e = () => index(base(), k());
      } else if (this.isOp('.')) {
        this.pos++;
        const t = this.peek();
        if (t.t !== 'name') throw new Unsupported('attribute');
        this.pos++;
        const base = e;
        const name = t.v;
        if (this.isOp('(')) {
          const args = this.args();
          e = () => method(base(), name)(args.map((a) => a()));
        } else {
          // FeedParserDict: attribute access is key access.
          e = () => {
            const v = base();
            if (!isDict(v)) throw new Unsupported(`attribute .${name} of ${typeName(v)}`);
            const got = v.get(name);
            if (got === undefined) throw new LookupFailed(`AttributeError: ${name}`);
            return got;
          };
        }
      } else return e;
    }
  }
  private atom(): Thunk {
    const t = this.peek();
    this.pos++;
    if (t.t === 'num') return () => t.v;
    if (t.t === 'str') {
      let s = t.v;
      while (this.peek().t === 'str') s += (this.toks[this.pos++] as { v: string }).v;
      return () => s;
    }
    if (t.t === 'name') {
      if (t.v === 'None') return () => null;
      if (t.v === 'True') return () => true;
      if (t.v === 'False') return () => false;
      if (this.isOp('(')) {
        const args = this.args();
        const name = t.v;
        if (name === 'len') return () => {
          const v = args[0]?.() ?? null;
          if (typeof v === 'string') return [...v].length;
          if (Array.isArray(v)) return v.length;
          if (v instanceof PyTuple) return v.items.length;
          if (isDict(v)) return v.keys().length;
          throw new Unsupported(`len(${typeName(v)})`);
        };
        if (name === 'tuple' || name === 'list') return () => {
          const v = args[0]?.() ?? null;
          const items = Array.isArray(v) ? v : v instanceof PyTuple ? [...v.items] : undefined;
          if (!items) throw new Unsupported(`${name}(${typeName(v)})`);
          return name === 'tuple' ? new PyTuple(items) : items;
        };
        // isinstance, locals(), __import__ … concern Python objects, not feed data.
        return () => this.scope.lookup(`${name}()`);
      }
      const name = t.v;
      return () => this.scope.lookup(name);
    }
    if (t.t === 'op' && t.v === '(') {
      if (this.isOp(')')) {
        this.pos++;
        return () => new PyTuple([]);
      }
      const items: Thunk[] = [this.orExpr()];
      let tuple = false;
      while (this.isOp(',')) {
        this.pos++;
        tuple = true;
        if (this.isOp(')')) break;
        items.push(this.orExpr());
      }
      this.expectOp(')');
      const only = items[0] as Thunk;
      return tuple ? () => new PyTuple(items.map((i) => i())) : only;
    }
    if (t.t === 'op' && t.v === '[') {
      const items: Thunk[] = [];
      while (!this.isOp(']')) {
        items.push(this.orExpr());
        if (!this.isOp(']')) this.expectOp(',');
      }
      this.expectOp(']');
      return () => items.map((i) => i());
    }
    if (t.t === 'op' && t.v === '{') {
      this.expectOp('}');
      return () => pyDict({});
    }
    throw new Unsupported(`unexpected ${t.t === 'end' ? 'end' : JSON.stringify((t as { v: unknown }).v)}`);
  }
}

/** Compiles an expression; evaluation happens when the returned function is called. */
export const compilePy = (src: string, scope: Scope): Thunk => new Parser(src, scope).parseAll();

/** Splits an expression on its top-level `and`s: each conjunct is counted as one assertion. */
export const splitConjuncts = (src: string): string[] => {
  const toks = tokenize(src);
  // Re-split on the source text: find top-level `and` tokens by scanning with depth.
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const re = /('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|[()[\]{}]|\band\b)/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const s = m[0];
    if (s === '(' || s === '[' || s === '{') depth++;
    else if (s === ')' || s === ']' || s === '}') depth--;
    else if (s === 'and' && depth === 0) {
      parts.push(src.slice(start, m.index).trim());
      start = m.index + 3;
    }
  }
  parts.push(src.slice(start).trim());
  // A top-level `or` makes the conjunct split meaningless: keep such an expression whole.
  const hasTopOr = toks.some((t, k) => t.t === 'name' && t.v === 'or' && depthAt(toks, k) === 0);
  return hasTopOr ? [src.trim()] : parts.filter((p) => p !== '');
};

const depthAt = (toks: Tok[], k: number): number => {
  let d = 0;
  for (let i = 0; i < k; i++) {
    const t = toks[i];
    if (t?.t === 'op' && (t.v === '(' || t.v === '[' || t.v === '{')) d++;
    if (t?.t === 'op' && (t.v === ')' || t.v === ']' || t.v === '}')) d--;
  }
  return d;
};
