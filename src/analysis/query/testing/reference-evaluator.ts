/**
 * A deliberately plain evaluator of one query against one post: it tokenises the
 * post into values and walks the syntax tree. The compiled matcher must agree
 * with it on every query and post (see matcher.property.test.ts); the benchmark
 * uses it as the baseline.
 */
import { tokenize, type Tokenized } from '../../text/tokenize.ts';
import { normalizeText } from '../../text/normalize.ts';
import { hostOfLink, hostWithin } from '../../text/links.ts';
import type { MatchablePost, QueryNode } from '../ast.ts';

export interface PreparedPost {
  readonly post: MatchablePost;
  readonly tokenized: Tokenized;
  readonly hosts: string[];
}

export const preparePost = (post: MatchablePost): PreparedPost => {
  const tokenized = tokenize(post.text);
  const hosts: string[] = [];
  for (const link of [...(post.url ? [normalizeText(post.url)] : []), ...tokenized.links]) {
    const h = hostOfLink(link);
    if (h) hosts.push(h);
  }
  return { post, tokenized, hosts };
};

export const evaluateReference = (node: QueryNode, p: PreparedPost): boolean => {
  const tokens = p.tokenized.tokens;
  switch (node.type) {
    case 'word':
      return tokens.some((t) => t.value === node.value);
    case 'phrase':
      for (let i = 0; i + node.words.length <= tokens.length; i++) {
        if (node.words.every((w, k) => tokens[i + k]?.value === w)) return true;
      }
      return false;
    case 'prefix':
      return tokens.some((t) => t.value.startsWith(node.value));
    case 'hashtag':
      return tokens.some((t) => t.kind === 'hashtag' && t.value === node.value);
    case 'mention':
      return tokens.some((t) => t.kind === 'mention' && t.value === node.handle && (node.server === null || t.server === node.server));
    case 'lang': {
      const l = (p.post.lang ?? '').toLowerCase().replace(/_/g, '-');
      return l === node.value || l.startsWith(`${node.value}-`);
    }
    case 'source':
      return (p.post.source ?? '').toLowerCase() === node.value;
    case 'author':
      // The author or one of its verified aliases (ADR 0240).
      return [p.post.author, ...(p.post.authorAliases ?? [])].some((name) => {
        if (!name) return false;
        const a = normalizeText(name.trim()).replace(/^@/, '');
        const at = a.indexOf('@');
        const handle = at < 0 ? a : a.slice(0, at);
        const server = at < 0 ? null : a.slice(at + 1);
        return handle === node.handle && (node.server === null || server === node.server);
      });
    case 'site':
      return p.hosts.some((h) => hostWithin(h, node.host));
    case 'not':
      return !evaluateReference(node.child, p);
    case 'and':
      return node.children.every((c) => evaluateReference(c, p));
    case 'or':
      return node.children.some((c) => evaluateReference(c, p));
  }
};

/** Ids of the queries that match, sorted like the matcher's. */
export const matchReference = (queries: ReadonlyMap<string, QueryNode>, post: MatchablePost): string[] => {
  const p = preparePost(post);
  const out: string[] = [];
  for (const [id, ast] of queries) if (evaluateReference(ast, p)) out.push(id);
  return out.sort();
};
