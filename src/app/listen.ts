import { fail } from '../core/errors.ts';
import type { ListeningQuery } from '../core/listening-query.ts';
import type { Mention, Network, SentimentLabel } from '../core/mention.ts';
import type { Source } from '../core/source.ts';
import type { Db } from '../storage/db.ts';
import { listMentions, type MentionKey } from '../storage/mentions.repo.ts';
import { listQueries } from '../storage/queries.repo.ts';
import { listSources } from '../storage/sources.repo.ts';
import { isUuid } from '../core/ids.ts';

export interface MentionSearch {
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
  readonly network?: Network | undefined;
  readonly sourceId?: string | undefined;
  readonly queryId?: string | undefined;
  readonly lang?: string | undefined;
  readonly sentiment?: SentimentLabel | undefined;
  readonly q?: string | undefined;
  readonly since?: Date | undefined;
  readonly until?: Date | undefined;
}

export const defaultPageSize = 50;
const nothing = '00000000-0000-0000-0000-000000000000';
export const maxPageSize = 200;

// The cursor is opaque to clients: base64url of "<published ISO>|<id>".
export const encodeCursor = (k: MentionKey): string =>
  Buffer.from(`${k.publishedAt.toISOString()}|${k.id}`).toString('base64url');

export const decodeCursor = (cursor: string): MentionKey => {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const publishedAt = new Date(iso ?? '');
  if (!id || !isUuid(id) || Number.isNaN(publishedAt.getTime())) {
    throw fail('listen.bad-cursor');
  }
  return { publishedAt, id };
};

/** A page of a workspace's mentions, newest first, with the cursor of the next page. */
export const searchMentions = async (
  db: Db,
  workspaceId: string,
  s: MentionSearch,
): Promise<{ items: Mention[]; nextCursor: string | null }> => {
  const limit = Math.min(Math.max(s.limit ?? defaultPageSize, 1), maxPageSize);
  const page = await listMentions(
    db,
    workspaceId,
    {
      network: s.network,
      // A malformed id cannot name a source or query: it simply matches nothing.
      sourceId: s.sourceId === undefined ? undefined : isUuid(s.sourceId) ? s.sourceId : nothing,
      queryId: s.queryId,
      lang: s.lang,
      sentiment: s.sentiment,
      text: s.q || undefined,
      since: s.since,
      until: s.until,
    },
    { limit, after: s.cursor ? decodeCursor(s.cursor) : undefined },
  );
  return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
};

export const listWorkspaceSources = (db: Db, workspaceId: string): Promise<Source[]> => listSources(db, workspaceId);

export const listWorkspaceQueries = (db: Db, workspaceId: string): Promise<ListeningQuery[]> => listQueries(db, workspaceId);
