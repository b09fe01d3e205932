import { and, isNull, lt, or } from 'drizzle-orm';
import type { Db } from './db.ts';
import { invitations, loginAttempts, sessions } from './schema.ts';

export interface PurgeCounts {
  readonly sessions: number;
  readonly invitations: number;
  readonly loginAttempts: number;
}

/**
 * Deletes what has expired: sessions past their absolute expiry or idle for
 * longer than `sessionIdleMs`, invitations expired unaccepted for a month,
 * login attempts older than the rate-limit memory (`attemptsKeepMs`).
 */
export const purgeExpiredRows = async (
  db: Db,
  now: Date,
  opts: { sessionIdleMs: number; attemptsKeepMs: number },
): Promise<PurgeCounts> => {
  const idleBefore = new Date(now.getTime() - opts.sessionIdleMs);
  const s = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)))
    .returning({ id: sessions.id });
  const monthAgo = new Date(now.getTime() - 30 * 86400_000);
  const i = await db
    .delete(invitations)
    .where(and(isNull(invitations.acceptedAt), lt(invitations.expiresAt, monthAgo)))
    .returning({ id: invitations.id });
  const l = await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.at, new Date(now.getTime() - opts.attemptsKeepMs)))
    .returning({ id: loginAttempts.id });
  return { sessions: s.length, invitations: i.length, loginAttempts: l.length };
};
