import { eq, lt, or } from 'drizzle-orm';
import type { Session } from '../core/session.ts';
import type { Db } from './db.ts';
import { sessions } from './schema.ts';

// Sessions are global (a user's, not a workspace's): the one table besides users without workspace_id.
type Row = typeof sessions.$inferSelect;
const toSession = (r: Row): Session => ({
  id: r.id,
  userId: r.userId,
  csrfToken: r.csrfToken,
  createdAt: r.createdAt,
  lastSeenAt: r.lastSeenAt,
  expiresAt: r.expiresAt,
});

export const insertSession = async (
  db: Db,
  s: { tokenHash: string; userId: string; csrfToken: string; now: Date; expiresAt: Date },
): Promise<Session> => {
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: s.tokenHash,
      userId: s.userId,
      csrfToken: s.csrfToken,
      createdAt: s.now,
      lastSeenAt: s.now,
      expiresAt: s.expiresAt,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toSession(row);
};

export const findSessionByTokenHash = async (db: Db, tokenHash: string): Promise<Session | null> => {
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  return row ? toSession(row) : null;
};

export const touchSession = async (db: Db, id: string, now: Date): Promise<void> => {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
};

export const deleteSession = async (db: Db, id: string): Promise<void> => {
  await db.delete(sessions).where(eq(sessions.id, id));
};

export const deleteSessionsOfUser = async (db: Db, userId: string): Promise<void> => {
  await db.delete(sessions).where(eq(sessions.userId, userId));
};

/** Removes sessions past their absolute end or idle since before `idleBefore`. */
export const deleteStaleSessions = async (db: Db, now: Date, idleBefore: Date): Promise<number> => {
  const rows = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)))
    .returning({ id: sessions.id });
  return rows.length;
};
