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
  /** Network handle: `@user@server` on Mastodon, `user.bsky.social` on Bluesky, a name or e-mail in feeds. */
  readonly handle: string;
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
