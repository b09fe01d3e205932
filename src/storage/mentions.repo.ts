import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { shownAuthor, type Mention, type MentionMetrics, type Network, type SentimentLabel } from '../core/mention.ts';
import { mentionIdentityJoin } from './bluesky-identities.repo.ts';
import type { Db } from './db.ts';
import { blueskyIdentities, mentions } from './schema.ts';

type Row = typeof mentions.$inferSelect;

/**
 * A firehose author is stored by DID (the stable key); reads show the verified handle when the
 * identity cache knows it, with the DID as `author.did` (ADR 0210, 0240). A left join on the
 * cache's primary key: one probe per row of the page.
 */
const withHandle = { m: mentions, handle: blueskyIdentities.handle };
const shown = (r: { m: Row; handle: string | null }): Mention => {
  const m = toMention(r.m);
  return { ...m, author: { ...m.author, ...shownAuthor(r.m.authorHandle, r.handle) } };
};

const toMention = (r: Row): Mention => ({
  id: r.id,
  workspaceId: r.workspaceId,
  sourceId: r.sourceId,
  network: r.network,
  externalId: r.externalId,
  ...(r.url !== null && { url: r.url }),
  author: {
    handle: r.authorHandle,
    ...(r.authorName !== null && { name: r.authorName }),
    ...(r.authorUrl !== null && { url: r.authorUrl }),
    ...(r.authorAvatarUrl !== null && { avatarUrl: r.authorAvatarUrl }),
  },
  text: r.text,
  ...(r.html !== null && { html: r.html }),
  ...(r.title !== null && { title: r.title }),
  links: r.links,
  hashtags: r.hashtags,
  mentions: r.mentionedHandles,
  ...(r.declaredLang !== null && { declaredLang: r.declaredLang }),
  lang: r.lang,
  sentiment:
    r.sentimentLabel !== null && r.sentimentScore !== null ? { label: r.sentimentLabel, score: r.sentimentScore } : null,
  matchedQueries: r.matchedQueries,
  publishedAt: r.publishedAt,
  fetchedAt: r.fetchedAt,
  ...(r.inReplyTo !== null && { inReplyTo: r.inReplyTo }),
  ...(r.threadRoot !== null && { threadRoot: r.threadRoot }),
  metrics: r.metrics as MentionMetrics,
});

export type NewMention = Omit<Mention, 'id' | 'workspaceId'>;

/**
 * Stores mentions; one already stored (same network and external id in this
 * workspace) is left as it is. Returns the ids of the rows actually inserted.
 */
export const insertMentions = async (db: Db, workspaceId: string, items: readonly NewMention[]): Promise<string[]> => {
  if (items.length === 0) return [];
  const rows = await db
    .insert(mentions)
    .values(
      items.map((m) => ({
        workspaceId,
        sourceId: m.sourceId,
        network: m.network,
        externalId: m.externalId,
        url: m.url ?? null,
        authorHandle: m.author.handle,
        authorName: m.author.name ?? null,
        authorUrl: m.author.url ?? null,
        authorAvatarUrl: m.author.avatarUrl ?? null,
        text: m.text,
        html: m.html ?? null,
        title: m.title ?? null,
        links: [...m.links],
        hashtags: [...m.hashtags],
        mentionedHandles: [...m.mentions],
        declaredLang: m.declaredLang ?? null,
        lang: m.lang,
        sentimentLabel: m.sentiment?.label ?? null,
        sentimentScore: m.sentiment?.score ?? null,
        matchedQueries: [...m.matchedQueries],
        publishedAt: m.publishedAt,
        fetchedAt: m.fetchedAt,
        inReplyTo: m.inReplyTo ?? null,
        threadRoot: m.threadRoot ?? null,
        metrics: { ...(m.metrics ?? {}) },
      })),
    )
    .onConflictDoNothing({ target: [mentions.workspaceId, mentions.network, mentions.externalId] })
    .returning({ id: mentions.id });
  return rows.map((r) => r.id);
};

export interface MentionFilters {
  readonly network?: Network | undefined;
  readonly sourceId?: string | undefined;
  /** Only mentions that matched this query id. */
  readonly queryId?: string | undefined;
  readonly lang?: string | undefined;
  readonly sentiment?: SentimentLabel | undefined;
  /** Case-insensitive substring of the text or title. */
  readonly text?: string | undefined;
  /** Inclusive lower bound on published_at. */
  readonly since?: Date | undefined;
  /** Exclusive upper bound on published_at. */
  readonly until?: Date | undefined;
}

/** Position after which the next page starts (newest first). */
export interface MentionKey {
  readonly publishedAt: Date;
  readonly id: string;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Newest first; `next` is the key to pass as `after` for the following page, null at the end. */
export const listMentions = async (
  db: Db,
  workspaceId: string,
  filters: MentionFilters,
  page: { limit: number; after?: MentionKey | undefined },
): Promise<{ items: Mention[]; next: MentionKey | null }> => {
  const where: SQL[] = [eq(mentions.workspaceId, workspaceId)];
  if (filters.network) where.push(eq(mentions.network, filters.network));
  if (filters.sourceId) where.push(eq(mentions.sourceId, filters.sourceId));
  if (filters.queryId) where.push(sql`${mentions.matchedQueries} @> ${JSON.stringify([filters.queryId])}::jsonb`);
  if (filters.lang) where.push(eq(mentions.lang, filters.lang));
  if (filters.sentiment) where.push(eq(mentions.sentimentLabel, filters.sentiment));
  if (filters.since) where.push(gte(mentions.publishedAt, filters.since));
  if (filters.until) where.push(lt(mentions.publishedAt, filters.until));
  if (filters.text) {
    const pattern = `%${escapeLike(filters.text)}%`;
    const match = or(ilike(mentions.text, pattern), ilike(mentions.title, pattern));
    if (match) where.push(match);
  }
  if (page.after) {
    where.push(sql`(${mentions.publishedAt}, ${mentions.id}) < (${page.after.publishedAt.toISOString()}::timestamptz, ${page.after.id}::uuid)`);
  }
  const rows = await db
    .select(withHandle)
    .from(mentions)
    .leftJoin(blueskyIdentities, mentionIdentityJoin)
    .where(and(...where))
    .orderBy(desc(mentions.publishedAt), desc(mentions.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map(shown);
  const last = items.at(-1);
  return { items, next: rows.length > page.limit && last ? { publishedAt: last.publishedAt, id: last.id } : null };
};

export const findMention = async (db: Db, workspaceId: string, id: string): Promise<Mention | null> => {
  const [row] = await db
    .select(withHandle)
    .from(mentions)
    .leftJoin(blueskyIdentities, mentionIdentityJoin)
    .where(and(eq(mentions.workspaceId, workspaceId), eq(mentions.id, id)));
  return row ? shown(row) : null;
};
