/**
 * Query errors are data: a stable code, a position and parameters. Messages are
 * rendered per locale by `messages.ts`, so the API, the CLI and the web page
 * can each show them in the user's language.
 */
export type QueryErrorCode =
  | 'empty-query'
  | 'query-too-long'
  | 'too-deep'
  | 'too-many-terms'
  | 'unclosed-parenthesis'
  | 'unexpected-closing-parenthesis'
  | 'empty-group'
  | 'unterminated-quote'
  | 'dangling-operator'
  | 'unknown-field'
  | 'missing-field-value'
  | 'bad-field-value'
  | 'prefix-too-short'
  | 'misplaced-wildcard'
  | 'bad-hashtag'
  | 'bad-mention'
  | 'no-letters'
  | 'no-positive-term';

export interface QueryError {
  readonly code: QueryErrorCode;
  /** 0-based UTF-16 offset into the query text. */
  readonly offset: number;
  /** 1-based column, counted in characters (code points) as a person counts them. */
  readonly column: number;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Limits that keep one query from costing the whole instance. */
export const queryLimits = {
  maxLength: 2000,
  /** Parentheses and negations nested inside each other. */
  maxDepth: 32,
  /** Terms (words, phrases, prefixes, hashtags, mentions, fields). */
  maxTerms: 200,
} as const;

export const columnAt = (text: string, offset: number): number => {
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // The high half of a surrogate pair counts, its low half does not.
    if (c < 0xdc00 || c > 0xdfff) column++;
  }
  return column;
};

export const queryError = (
  text: string,
  code: QueryErrorCode,
  offset: number,
  params: Record<string, string | number> = {},
): QueryError => ({ code, offset, column: columnAt(text, offset), params });
