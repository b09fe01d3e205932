/**
 * The field atoms of all queries (`lang:`, `source:`, `author:`, `site:`), each
 * looked up once per post rather than per token.
 */
import { normalizeText } from '../text/normalize.ts';
import { hostOfLink } from '../text/links.ts';
import type { TokenBuffer } from '../text/scan.ts';
import type { AuthorNode, LangNode, MatchablePost, SiteNode, SourceNode } from './ast.ts';

export type FieldNode = LangNode | SourceNode | AuthorNode | SiteNode;

/** `@lea@piaille.fr`, `lea@piaille.fr` or `lea.bsky.social` → handle and server, normalised. */
const authorParts = (author: string): { handle: string; server: string | null } => {
  const a = normalizeText(author.trim()).replace(/^@/, '');
  const at = a.indexOf('@');
  return at < 0 ? { handle: a, server: null } : { handle: a.slice(0, at), server: a.slice(at + 1) };
};

export class FieldIndex {
  private readonly lang = new Map<string, number>();
  private readonly source = new Map<string, number>();
  /** By `handle` (any server) or `handle@server`. */
  private readonly author = new Map<string, number>();
  private readonly site = new Map<string, number>();

  /** Indexes the atom of `n` (or takes it out when `atom` is -1). */
  set(n: FieldNode, atom: number): void {
    const [map, key] =
      n.type === 'lang' ? [this.lang, n.value]
      : n.type === 'source' ? [this.source, n.value]
      : n.type === 'author' ? [this.author, n.server === null ? n.handle : `${n.handle}@${n.server}`]
      : [this.site, n.host];
    if (atom >= 0) map.set(key, atom);
    else map.delete(key);
  }

  /** The `author:` values indexed: `handle` or `handle@server`. */
  authorTerms(): string[] {
    return [...this.author.keys()];
  }

  /** Calls `hit` with each field atom that is true of the post (`text` and `buf`: its normalised text and tokens). */
  hits(post: MatchablePost, text: string, buf: TokenBuffer, hit: (atom: number) => void): void {
    if (this.lang.size > 0 && post.lang) {
      // `fr-ca` is French: try the full tag, then each shorter one.
      let l = post.lang.toLowerCase();
      if (l.includes('_')) l = l.replace(/_/g, '-');
      for (;;) {
        const a = this.lang.get(l);
        if (a !== undefined) hit(a);
        const dash = l.lastIndexOf('-');
        if (dash < 0) break;
        l = l.slice(0, dash);
      }
    }
    if (this.source.size > 0 && post.source) {
      const a = this.source.get(post.source.toLowerCase());
      if (a !== undefined) hit(a);
    }
    if (this.author.size > 0) {
      if (post.author) this.authorHits(post.author, hit);
      // A DID and its verified handle are one author (ADR 0240); a hit twice is harmless.
      if (post.authorAliases) for (const alias of post.authorAliases) this.authorHits(alias, hit);
    }
    if (this.site.size > 0) {
      if (post.url) {
        const host = hostOfLink(normalizeText(post.url));
        if (host) this.siteHits(host, hit);
      }
      for (let i = 0; i < buf.linkCount; i++) {
        const host = hostOfLink(text.slice(buf.linkStart[i], buf.linkEnd[i]));
        if (host) this.siteHits(host, hit);
      }
    }
  }

  private authorHits(author: string, hit: (atom: number) => void): void {
    const { handle, server } = authorParts(author);
    const a = this.author.get(handle);
    if (a !== undefined) hit(a);
    if (server !== null) {
      const b = this.author.get(`${handle}@${server}`);
      if (b !== undefined) hit(b);
    }
  }

  /** The host itself, then each parent domain: `a.b.example.com`, `b.example.com`, … */
  private siteHits(host: string, hit: (atom: number) => void): void {
    for (let h = host; ; ) {
      const a = this.site.get(h);
      if (a !== undefined) hit(a);
      const dot = h.indexOf('.');
      if (dot < 0) return;
      h = h.slice(dot + 1);
    }
  }
}
