/**
 * Parser of the relais query language (DESIGN §5) into a syntax tree.
 *
 *   or    := and ("OR" and)*
 *   and   := unary (("AND")? unary)*        adjacency is AND
 *   unary := ("NOT" | "-") unary | primary  NOT binds tightest
 *   primary := "(" or ")" | term | "phrase"
 *
 * Besides syntax errors, a query is refused when it is true on a blank post
 * (no tokens, no links, no language, source, author or URL): evaluate it with
 * every atom false; if that gives true, it would match posts that contain none
 * of its terms (`NOT x`, `-x`, `a OR -b`). This is also what lets the matcher
 * evaluate only the queries that had at least one term hit.
 */
import type { QueryNode, Span } from './ast.ts';
import { queryError, queryLimits, type QueryError } from './errors.ts';
import { lexQuery, type Lexeme } from './lex.ts';
import { parsePhrase, parseTerm } from './terms.ts';

export type ParseResult = { readonly ok: true; readonly ast: QueryNode } | { readonly ok: false; readonly error: QueryError };

class Failure {
  readonly error: QueryError;
  constructor(error: QueryError) {
    this.error = error;
  }
}

const span = (start: number, end: number): Span => ({ start, end });

const opName = (l: Lexeme): string => (l.kind === 'not' ? l.text : l.kind.toUpperCase());

class Parser {
  private readonly q: string;
  private readonly lx: Lexeme[];
  private pos = 0;
  private depth = 0;
  private terms = 0;

  constructor(q: string, lexemes: Lexeme[]) {
    this.q = q;
    this.lx = lexemes;
  }

  parse(): QueryNode {
    const node = this.or();
    const rest = this.lx[this.pos];
    if (rest) {
      // `or()` stops only at a closing parenthesis it cannot use.
      this.fail('unexpected-closing-parenthesis', rest.start);
    }
    return node;
  }

  private fail(code: QueryError['code'], offset: number, params: Record<string, string | number> = {}): never {
    throw new Failure(queryError(this.q, code, offset, params));
  }

  private peek(): Lexeme | undefined {
    return this.lx[this.pos];
  }

  private startsUnary(l: Lexeme | undefined): boolean {
    return l !== undefined && (l.kind === 'term' || l.kind === 'phrase' || l.kind === 'lparen' || l.kind === 'not');
  }

  private or(): QueryNode {
    const children = [this.and()];
    for (let l = this.peek(); l?.kind === 'or'; l = this.peek()) {
      this.pos++;
      if (!this.startsUnary(this.peek())) this.fail('dangling-operator', l.start, { operator: 'OR' });
      children.push(this.and());
    }
    return children.length === 1 && children[0] ? children[0] : this.group('or', children);
  }

  private and(): QueryNode {
    const first = this.peek();
    if (first && (first.kind === 'and' || first.kind === 'or')) this.fail('dangling-operator', first.start, { operator: opName(first) });
    const children = [this.unary()];
    for (;;) {
      const l = this.peek();
      if (l?.kind === 'and') {
        this.pos++;
        if (!this.startsUnary(this.peek())) this.fail('dangling-operator', l.start, { operator: 'AND' });
      } else if (!this.startsUnary(l)) break;
      children.push(this.unary());
    }
    return children.length === 1 && children[0] ? children[0] : this.group('and', children);
  }

  /** Flattens nested groups of the same operator: `a (b c)` is one AND of three. */
  private group(type: 'and' | 'or', parts: QueryNode[]): QueryNode {
    const children: QueryNode[] = [];
    for (const p of parts) {
      if (p.type === type) children.push(...p.children);
      else children.push(p);
    }
    const first = children[0];
    const last = children[children.length - 1];
    return { type, children, span: span(first?.span.start ?? 0, last?.span.end ?? 0) };
  }

  private enter(offset: number): void {
    if (++this.depth > queryLimits.maxDepth) this.fail('too-deep', offset, { max: queryLimits.maxDepth });
  }

  private unary(): QueryNode {
    const l = this.peek();
    if (l?.kind === 'not') {
      this.pos++;
      if (!this.startsUnary(this.peek())) this.fail('dangling-operator', l.start, { operator: l.text });
      this.enter(l.start);
      const child = this.unary();
      this.depth--;
      return { type: 'not', child, span: span(l.start, child.span.end) };
    }
    return this.primary();
  }

  private primary(): QueryNode {
    const l = this.peek();
    if (!l) return this.fail('dangling-operator', this.q.length, { operator: '?' });
    if (l.kind === 'rparen') this.fail('unexpected-closing-parenthesis', l.start);
    this.pos++;
    if (l.kind === 'lparen') {
      const next = this.peek();
      if (!next) this.fail('unclosed-parenthesis', l.start);
      if (next.kind === 'rparen') this.fail('empty-group', l.start);
      this.enter(l.start);
      const inner = this.or();
      this.depth--;
      const close = this.peek();
      if (close?.kind !== 'rparen') this.fail('unclosed-parenthesis', l.start);
      this.pos++;
      return inner;
    }
    if (++this.terms > queryLimits.maxTerms) this.fail('too-many-terms', l.start, { max: queryLimits.maxTerms });
    const r = l.kind === 'phrase' ? parsePhrase(this.q, l.text, span(l.start, l.end)) : parseTerm(this.q, l.text, span(l.start, l.end));
    if (!r.ok) throw new Failure(r.error);
    return r.node;
  }
}

/** Whether the query is true on a blank post, where every atom is false. */
export const trueOnBlank = (node: QueryNode): boolean => {
  switch (node.type) {
    case 'not':
      return !trueOnBlank(node.child);
    case 'and':
      return node.children.every(trueOnBlank);
    case 'or':
      return node.children.some(trueOnBlank);
    default:
      return false;
  }
};

/** The negation that makes `node` true on a blank post (where to point the user). */
const blameBlank = (node: QueryNode): number => {
  if (node.type === 'and' || node.type === 'or') {
    const culprit = node.children.find(trueOnBlank);
    return culprit ? blameBlank(culprit) : node.span.start;
  }
  if (node.type === 'not' && node.child.type === 'not' && trueOnBlank(node.child.child)) return blameBlank(node.child.child);
  return node.span.start;
};

/** Syntax only, without the blank-post rule (for tests and tools that explain a refusal). */
export const parseQuerySyntax = (q: string): ParseResult => {
  if (q.length > queryLimits.maxLength) {
    return { ok: false, error: queryError(q, 'query-too-long', queryLimits.maxLength, { length: q.length, max: queryLimits.maxLength }) };
  }
  const lexed = lexQuery(q);
  if (!lexed.ok) return lexed;
  if (lexed.lexemes.length === 0) return { ok: false, error: queryError(q, 'empty-query', 0) };
  try {
    return { ok: true, ast: new Parser(q, lexed.lexemes).parse() };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    throw e;
  }
};

/** Parses a query a user may save: syntax, limits, and at least one positive term (see above). */
export const parseQuery = (q: string): ParseResult => {
  const r = parseQuerySyntax(q);
  if (r.ok && trueOnBlank(r.ast)) return { ok: false, error: queryError(q, 'no-positive-term', blameBlank(r.ast)) };
  return r;
};
