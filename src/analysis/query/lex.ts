/**
 * Lexer of the query language: parentheses, quoted phrases, upper-case
 * operators, a `-` that negates the term it starts, and bare terms (anything up
 * to white space, a parenthesis or a quote).
 */
import { queryError, type QueryError } from './errors.ts';

export type LexKind = 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'term' | 'phrase';

export interface Lexeme {
  readonly kind: LexKind;
  /** Raw text: the term as written, the phrase without its quotes, or the operator. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export type LexResult = { readonly ok: true; readonly lexemes: Lexeme[] } | { readonly ok: false; readonly error: QueryError };

const isSpace = (c: string): boolean => /\s/u.test(c);
const isTermEnd = (c: string): boolean => c === '(' || c === ')' || c === '"' || isSpace(c);

export const lexQuery = (q: string): LexResult => {
  const out: Lexeme[] = [];
  let i = 0;
  const n = q.length;
  while (i < n) {
    const c = q[i] ?? '';
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '"') {
      const close = q.indexOf('"', i + 1);
      if (close < 0) return { ok: false, error: queryError(q, 'unterminated-quote', i) };
      out.push({ kind: 'phrase', text: q.slice(i + 1, close), start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    // A `-` can only be seen here at the start of a term (inside a term the loop below takes it): it negates.
    if (c === '-') {
      const next = q[i + 1];
      if (next === undefined || isSpace(next) || next === ')') {
        return { ok: false, error: queryError(q, 'dangling-operator', i, { operator: '-' }) };
      }
      out.push({ kind: 'not', text: '-', start: i, end: i + 1 });
      i++;
      continue;
    }
    let j = i;
    while (j < n && !isTermEnd(q[j] ?? ' ')) j++;
    const text = q.slice(i, j);
    const kind: LexKind = text === 'AND' ? 'and' : text === 'OR' ? 'or' : text === 'NOT' ? 'not' : 'term';
    out.push({ kind, text, start: i, end: j });
    i = j;
  }
  return { ok: true, lexemes: out };
};
