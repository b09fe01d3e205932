import { and, asc, eq } from 'drizzle-orm';
import { defaultAlertSettings, type AlertSettings, type WatchedAuthorEntry, type WatchPriority } from '../core/alerting.ts';
import type { Network } from '../core/mention.ts';
import type { Db } from './db.ts';
import { alertSettings, watchedAuthors } from './schema.ts';

type Row = typeof watchedAuthors.$inferSelect;
const toEntry = (r: Row): WatchedAuthorEntry => ({
  id: r.id,
  workspaceId: r.workspaceId,
  network: r.network,
  handle: r.handle,
  role: r.role,
  priority: r.priority,
  createdAt: r.createdAt,
});

export interface WatchedAuthorInput {
  readonly network: Network;
  readonly handle: string;
  readonly role: string;
  readonly priority: WatchPriority;
}

/** Null when the workspace already watches this handle on this network. */
export const insertWatchedAuthor = async (db: Db, workspaceId: string, w: WatchedAuthorInput, now: Date): Promise<WatchedAuthorEntry | null> => {
  const rows = await db.insert(watchedAuthors).values({ workspaceId, ...w, createdAt: now }).onConflictDoNothing().returning();
  return rows[0] ? toEntry(rows[0]) : null;
};

export const listWatchedAuthors = async (db: Db, workspaceId: string): Promise<WatchedAuthorEntry[]> => {
  const rows = await db
    .select()
    .from(watchedAuthors)
    .where(eq(watchedAuthors.workspaceId, workspaceId))
    .orderBy(asc(watchedAuthors.network), asc(watchedAuthors.handle));
  return rows.map(toEntry);
};

export const updateWatchedAuthor = async (
  db: Db,
  workspaceId: string,
  id: string,
  patch: { role?: string | undefined; priority?: WatchPriority | undefined },
): Promise<WatchedAuthorEntry | null> => {
  const set: Partial<Pick<Row, 'role' | 'priority'>> = {};
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.priority !== undefined) set.priority = patch.priority;
  const where = and(eq(watchedAuthors.workspaceId, workspaceId), eq(watchedAuthors.id, id));
  if (Object.keys(set).length === 0) {
    const [row] = await db.select().from(watchedAuthors).where(where);
    return row ? toEntry(row) : null;
  }
  const [row] = await db.update(watchedAuthors).set(set).where(where).returning();
  return row ? toEntry(row) : null;
};

export const deleteWatchedAuthor = async (db: Db, workspaceId: string, id: string): Promise<boolean> => {
  const rows = await db
    .delete(watchedAuthors)
    .where(and(eq(watchedAuthors.workspaceId, workspaceId), eq(watchedAuthors.id, id)))
    .returning({ id: watchedAuthors.id });
  return rows.length > 0;
};

export const getAlertSettings = async (db: Db, workspaceId: string): Promise<AlertSettings> => {
  const [row] = await db.select().from(alertSettings).where(eq(alertSettings.workspaceId, workspaceId));
  return row ? { replyTargetHours: row.replyTargetHours, ownHandles: row.ownHandles } : defaultAlertSettings;
};

export const saveAlertSettings = async (db: Db, workspaceId: string, s: AlertSettings, now: Date): Promise<AlertSettings> => {
  const values = { replyTargetHours: s.replyTargetHours, ownHandles: [...s.ownHandles], updatedAt: now };
  await db
    .insert(alertSettings)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: alertSettings.workspaceId, set: values });
  return { replyTargetHours: values.replyTargetHours, ownHandles: values.ownHandles };
};
