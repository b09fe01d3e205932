/**
 * The allocating view of the tokeniser, for the query parser, tests and callers
 * that want token values (the matcher uses `scanTokens` directly).
 */
import { normalizeText } from './normalize.ts';
import { scanTokens, TokenBuffer, KIND_HASHTAG, KIND_MENTION } from './scan.ts';

export type TokenKind = 'word' | 'hashtag' | 'mention';

export interface Token {
  readonly kind: TokenKind;
  /** Normalised value: the word, the hashtag without `#`, the handle without `@`. */
  readonly value: string;
  /** Normalised server of a `@handle@server` mention. */
  readonly server?: string;
}

export interface Tokenized {
  readonly tokens: Token[];
  /** Links as written in the normalised text. */
  readonly links: string[];
}

// Scratch space shared by calls (they never interleave: the function is synchronous).
let shared = new TokenBuffer();

/** Tokenises text that is already normalised. */
export const tokenizeNormalized = (norm: string): Tokenized => {
  const buf = shared;
  scanTokens(norm, buf);
  const tokens: Token[] = [];
  for (let i = 0; i < buf.count; i++) {
    const value = norm.slice(buf.start[i], buf.end[i]);
    const k = buf.kind[i];
    if (k === KIND_HASHTAG) tokens.push({ kind: 'hashtag', value });
    else if (k === KIND_MENTION) {
      const s = buf.serverStart[i] ?? -1;
      tokens.push(s >= 0 ? { kind: 'mention', value, server: norm.slice(s, buf.serverEnd[i]) } : { kind: 'mention', value });
    } else tokens.push({ kind: 'word', value });
  }
  const links: string[] = [];
  for (let i = 0; i < buf.linkCount; i++) links.push(norm.slice(buf.linkStart[i], buf.linkEnd[i]));
  // Do not keep the buffers of a huge text alive between calls.
  if (buf.kind.length > 65536) shared = new TokenBuffer();
  return { tokens, links };
};

/** Normalises then tokenises (DESIGN §5). */
export const tokenize = (text: string): Tokenized => tokenizeNormalized(normalizeText(text));
