import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { mentions, sources } from './schema.ts';

/**
 * What the global Bluesky firehose consumer reads and writes across workspaces (ADR 0111):
 * the one consumer serves every workspace with an active firehose source, so these are the
 * only queries that name several workspaces, and each names them explicitly.
 */

export interface FirehoseSubscription {
  readonly workspaceId: string;
  readonly sourceId: string;
}

/** Active Bluesky sources in firehose mode, one per workspace (the oldest when there are several). */
export const listFirehoseSubscriptions = async (db: Db): Promise<FirehoseSubscription[]> => {
  const rows = await db
    .select({ workspaceId: sources.workspaceId, sourceId: sources.id, createdAt: sources.createdAt })
    .from(sources)
    .where(and(eq(sources.kind, 'bluesky'), eq(sources.status, 'active'), sql`${sources.config}->>'mode' = 'firehose'`))
    .orderBy(sources.createdAt, sources.id);
  const byWorkspace = new Map<string, FirehoseSubscription>();
  for (const r of rows) if (!byWorkspace.has(r.workspaceId)) byWorkspace.set(r.workspaceId, { workspaceId: r.workspaceId, sourceId: r.sourceId });
  return [...byWorkspace.values()];
};

/** The author deleted these posts: remove them from the given workspaces. Returns how many rows went. */
export const deleteNetworkMentions = async (db: Db, workspaceIds: readonly string[], network: 'bluesky', externalIds: readonly string[]): Promise<number> => {
  if (workspaceIds.length === 0 || externalIds.length === 0) return 0;
  const r = await db
    .delete(mentions)
    .where(and(inArray(mentions.workspaceId, [...workspaceIds]), eq(mentions.network, network), inArray(mentions.externalId, [...externalIds])))
    .returning({ id: mentions.id });
  return r.length;
};

/** The firehose is alive for these sources: their health shows a recent success. */
export const markSourcesAlive = async (db: Db, sourceIds: readonly string[], at: Date): Promise<void> => {
  if (sourceIds.length === 0) return;
  await db
    .update(sources)
    .set({ lastSuccessAt: at, errorCount: 0 })
    .where(inArray(sources.id, [...sourceIds]));
};
