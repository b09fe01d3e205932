/**
 * Turns one bare term or quoted phrase of a query into an atom: a word, a phrase,
 * a prefix, a hashtag, a mention or a field, normalised exactly like post text.
 */
import { networks, type Network } from '../../core/mention.ts';
import { normalizeText } from '../text/normalize.ts';
import { tokenizeNormalized } from '../text/tokenize.ts';
import { hostOfLink } from '../text/links.ts';
import type { AtomNode, Span } from './ast.ts';
import { queryError, type QueryError } from './errors.ts';

export type TermResult = { readonly ok: true; readonly node: AtomNode } | { readonly ok: false; readonly error: QueryError };

export const MIN_PREFIX = 3;

const fieldRe = /^([A-Za-z]+):/;
const langRe = /^(?:[a-z]{2,3}|und)(?:-[a-z0-9]{1,8})*$/;
const hostRe = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*$/u;

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Words or a phrase from text without operators (a plain term or the inside of quotes). */
const wordsNode = (q: string, raw: string, span: Span): TermResult => {
  const { tokens } = tokenizeNormalized(normalizeText(raw));
  const first = tokens[0];
  if (!first) return { ok: false, error: queryError(q, 'no-letters', span.start, { value: raw }) };
  if (tokens.length === 1) return { ok: true, node: { type: 'word', value: first.value, span } };
  return { ok: true, node: { type: 'phrase', words: tokens.map((t) => t.value), span } };
};

/** Parses `@handle` or `@handle@server` (already normalised, with its `@`), or null. */
const mentionParts = (norm: string): { handle: string; server: string | null } | null => {
  const { tokens, links } = tokenizeNormalized(norm);
  const t = tokens[0];
  if (tokens.length !== 1 || links.length > 0 || !t || t.kind !== 'mention') return null;
  const server = t.server ?? null;
  // The single token must cover the whole term: `@lea!` or `@lea@` is not a mention.
  if (`@${t.value}${server ? `@${server}` : ''}` !== norm) return null;
  return { handle: t.value, server };
};

const fieldNode = (q: string, field: string, raw: string, span: Span, valueStart: number): TermResult => {
  const example: Record<string, string> = { lang: 'lang:fr', source: 'source:mastodon', author: 'author:@lea', site: 'site:example.com' };
  if (raw === '') return { ok: false, error: queryError(q, 'missing-field-value', valueStart, { field, example: example[field] ?? '' }) };
  const bad = (expected: string): TermResult => ({
    ok: false,
    error: queryError(q, 'bad-field-value', valueStart, { field, value: raw, expected }),
  });
  const v = normalizeText(raw);
  switch (field) {
    case 'lang':
      return langRe.test(v) ? { ok: true, node: { type: 'lang', value: v, span } } : bad('fr, en, es…');
    case 'source':
      return (networks as readonly string[]).includes(v)
        ? { ok: true, node: { type: 'source', value: v as Network, span } }
        : bad(networks.join(', '));
    case 'author': {
      const m = mentionParts(v.startsWith('@') ? v : `@${v}`);
      return m ? { ok: true, node: { type: 'author', handle: m.handle, server: m.server, span } } : bad('@nom, @nom@serveur');
    }
    default: {
      const host = /^https?:\/\//.test(v) ? hostOfLink(v) : v.replace(/\/+$/, '');
      return host && hostRe.test(host) ? { ok: true, node: { type: 'site', host, span } } : bad('example.com');
    }
  }
};

/** A bare term as written in the query (no white space, parenthesis or quote inside). */
export const parseTerm = (q: string, raw: string, span: Span): TermResult => {
  const field = fieldRe.exec(raw);
  if (field && field[1] !== undefined) {
    const name = field[1].toLowerCase();
    if (name !== 'lang' && name !== 'source' && name !== 'author' && name !== 'site') {
      return { ok: false, error: queryError(q, 'unknown-field', span.start, { field: field[1] }) };
    }
    const valueStart = span.start + field[0].length;
    return fieldNode(q, name, raw.slice(field[0].length), span, valueStart);
  }
  const star = raw.indexOf('*');
  if (raw.startsWith('#')) {
    if (star >= 0) return { ok: false, error: queryError(q, 'misplaced-wildcard', span.start + star) };
    const norm = normalizeText(raw);
    const { tokens, links } = tokenizeNormalized(norm);
    const t = tokens[0];
    if (tokens.length !== 1 || links.length > 0 || !t || t.kind !== 'hashtag' || `#${t.value}` !== norm) {
      return { ok: false, error: queryError(q, 'bad-hashtag', span.start, { value: raw }) };
    }
    return { ok: true, node: { type: 'hashtag', value: t.value, span } };
  }
  if (raw.startsWith('@')) {
    if (star >= 0) return { ok: false, error: queryError(q, 'misplaced-wildcard', span.start + star) };
    const m = mentionParts(normalizeText(raw));
    if (!m) return { ok: false, error: queryError(q, 'bad-mention', span.start, { value: raw }) };
    return { ok: true, node: { type: 'mention', handle: m.handle, server: m.server, span } };
  }
  if (star >= 0) {
    if (star !== raw.length - 1) return { ok: false, error: queryError(q, 'misplaced-wildcard', span.start + star) };
    const base = raw.slice(0, -1);
    const { tokens } = tokenizeNormalized(normalizeText(base));
    const t = tokens[0];
    if (tokens.length > 1) return { ok: false, error: queryError(q, 'misplaced-wildcard', span.start + star) };
    if (!t || codePoints(t.value) < MIN_PREFIX) {
      return { ok: false, error: queryError(q, 'prefix-too-short', span.start, { value: base, min: MIN_PREFIX }) };
    }
    return { ok: true, node: { type: 'prefix', value: t.value, span } };
  }
  return wordsNode(q, raw, span);
};

/** The inside of a quoted phrase: words only (no fields, no operators, `*` is plain punctuation). */
export const parsePhrase = (q: string, raw: string, span: Span): TermResult => wordsNode(q, raw, span);
