/**
 * A mention: one normalised shape for every item relais hears, whatever the
 * network. Sources produce `MentionDraft`s (no workspace, no analysis);
 * the ingest use case adds analysis and stores them as `Mention`s.
 */
export const networks = ['rss', 'mastodon', 'bluesky', 'hackernews', 'reddit', 'import'] as const;
export type Network = (typeof networks)[number];

export const sentimentLabels = ['positive', 'neutral', 'negative'] as const;
export type SentimentLabel = (typeof sentimentLabels)[number];

export interface Sentiment {
  readonly label: SentimentLabel;
  /** In [-1, 1]. */
  readonly score: number;
}

export interface MentionAuthor {
  /**
   * Network handle: `@user@server` on Mastodon, `user.bsky.social` on Bluesky, a name or e-mail in feeds.
   * A Bluesky author is stored by DID (firehose, search, notifications alike: ADR 0280); reads show
   * its verified handle here, or the DID itself while none is known (ADR 0210, 0240).
   */
  readonly handle: string;
  /** The author's DID, when the network names authors by DID (the stable id; reads only). */
  readonly did?: string;
  /**
   * Bluesky drafts only: the handle a network view (search, notifications) gave beside the DID
   * stored in `handle` (ADR 0280). The network's word, not relais's check: ingest matches
   * `author:` on it and hands it to the identity resolver as a hint; it is never stored as the
   * author nor shown.
   */
  readonly handleHint?: string;
  readonly name?: string;
  readonly url?: string;
  readonly avatarUrl?: string;
}

export interface MentionMetrics {
  readonly replies?: number;
  readonly reposts?: number;
  readonly likes?: number;
  readonly quotes?: number;
  readonly score?: number;
}

export interface MentionDraft {
  readonly network: Network;
  /** Stable id on its network (status id, at:// URI, feed item guid or link); dedup key with the network. */
  readonly externalId: string;
  readonly url?: string;
  readonly author: MentionAuthor;
  /** Plain text, HTML removed; what analysis reads. */
  readonly text: string;
  /** Sanitised HTML for display, when the network gives HTML. */
  readonly html?: string;
  readonly title?: string;
  readonly links: readonly string[];
  readonly hashtags: readonly string[];
  readonly mentions: readonly string[];
  /** Language declared by the network (BCP 47 primary subtag), if any. */
  readonly declaredLang?: string;
  readonly publishedAt: Date;
  /** External id of the post this one replies to (thread). */
  readonly inReplyTo?: string;
  readonly threadRoot?: string;
  readonly metrics?: MentionMetrics;
}

export interface Mention extends MentionDraft {
  readonly id: string;
  readonly workspaceId: string;
  readonly sourceId: string | null;
  /** Detected (or declared) language, `und` when unsure. */
  readonly lang: string;
  readonly sentiment: Sentiment | null;
  /** Ids of the workspace's queries this mention matched, sorted. */
  readonly matchedQueries: readonly string[];
  readonly fetchedAt: Date;
}

/** An AT Protocol DID (`did:plc:…`, `did:web:…`): how the Bluesky firehose names an author. */
export const isDid = (author: string): boolean => author.startsWith('did:');

/**
 * An author as every read shows it (ADR 0240): the verified handle of a DID when one is known,
 * with the DID kept as the stable id; any other author as stored.
 */
export const shownAuthor = (stored: string, verifiedHandle: string | null | undefined): { readonly handle: string; readonly did?: string } =>
  isDid(stored) ? { handle: verifiedHandle ?? stored, did: stored } : { handle: stored };

/**
 * The author facts the query matcher reads (ADR 0240): the stored author, and the handle its DID
 * was verified to as an alias, so `author:handle` matches a firehose post.
 */
export const authorToMatch = (stored: string, verifiedHandle: string | null | undefined): { readonly author: string; readonly authorAliases: readonly string[] | null } => ({
  author: stored,
  authorAliases: verifiedHandle && verifiedHandle !== stored ? [verifiedHandle] : null,
});
