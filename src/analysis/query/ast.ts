/**
 * The syntax tree of a relais query (DESIGN §5). Every value is already
 * normalised (NFKD, marks removed, case folded), so the matcher compares as is.
 * Spans are UTF-16 offsets into the query text, `end` exclusive.
 */
import type { Network } from '../../core/mention.ts';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A token of that value, whatever its kind (word, hashtag, mention handle). */
export interface WordNode { readonly type: 'word'; readonly value: string; readonly span: Span }
/** Consecutive tokens of these values, whatever their kinds. */
export interface PhraseNode { readonly type: 'phrase'; readonly words: readonly string[]; readonly span: Span }
/** A token starting with `value` (at least 3 characters). */
export interface PrefixNode { readonly type: 'prefix'; readonly value: string; readonly span: Span }
export interface HashtagNode { readonly type: 'hashtag'; readonly value: string; readonly span: Span }
/** A mention of `handle`; on any server when `server` is null. */
export interface MentionNode { readonly type: 'mention'; readonly handle: string; readonly server: string | null; readonly span: Span }
/** The post's language: equal to `value` or a regional variant of it (`fr` matches `fr-ca`). */
export interface LangNode { readonly type: 'lang'; readonly value: string; readonly span: Span }
export interface SourceNode { readonly type: 'source'; readonly value: Network; readonly span: Span }
export interface AuthorNode { readonly type: 'author'; readonly handle: string; readonly server: string | null; readonly span: Span }
/** The post's URL or a link in it has this host or a subdomain of it. */
export interface SiteNode { readonly type: 'site'; readonly host: string; readonly span: Span }
export interface NotNode { readonly type: 'not'; readonly child: QueryNode; readonly span: Span }
export interface AndNode { readonly type: 'and'; readonly children: readonly QueryNode[]; readonly span: Span }
export interface OrNode { readonly type: 'or'; readonly children: readonly QueryNode[]; readonly span: Span }

export type AtomNode = WordNode | PhraseNode | PrefixNode | HashtagNode | MentionNode | LangNode | SourceNode | AuthorNode | SiteNode;
export type QueryNode = AtomNode | NotNode | AndNode | OrNode;

/** A post as the query language sees it. `lang`, `source`, `author` and `url` are optional facts. */
export interface MatchablePost {
  readonly text: string;
  readonly lang?: string | null;
  readonly source?: string | null;
  readonly author?: string | null;
  /**
   * Other names of the same author, verified by the caller: the handle a Bluesky DID resolves to
   * (ADR 0240). `author:` matches the author or any of them.
   */
  readonly authorAliases?: readonly string[] | null;
  readonly url?: string | null;
}
