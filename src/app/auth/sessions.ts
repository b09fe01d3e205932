import type { Clock } from '../../core/clock.ts';
import type { Session } from '../../core/session.ts';
import type { User } from '../../core/user.ts';
import type { Db } from '../../storage/db.ts';
import { deleteSession, findSessionByTokenHash, insertSession, touchSession } from '../../storage/sessions.repo.ts';
import { findUserById } from '../../storage/users.repo.ts';
import { hashSecret, newSecret } from './secrets.ts';

export interface SessionPolicy {
  /** A session unused for this long ends. */
  readonly idleMs: number;
  /** A session ends this long after sign-in, whatever the activity. */
  readonly maxMs: number;
}

// last_seen_at is written at most once a minute: a page load makes several requests.
const touchEveryMs = 60_000;

/** Starts a session: a fresh 128-bit token for the cookie (returned once) and a CSRF token. */
export const startSession = async (
  db: Db,
  userId: string,
  clock: Clock,
  policy: SessionPolicy,
): Promise<{ token: string; session: Session }> => {
  const token = newSecret(16);
  const now = clock.now();
  const session = await insertSession(db, {
    tokenHash: hashSecret(token),
    userId,
    csrfToken: newSecret(16),
    now,
    expiresAt: new Date(now.getTime() + policy.maxMs),
  });
  return { token, session };
};

/** The live session for a cookie value, or null; an expired or idle session is deleted on sight. */
export const validateSession = async (
  db: Db,
  token: string,
  clock: Clock,
  policy: SessionPolicy,
): Promise<{ session: Session; user: User } | null> => {
  if (token.length === 0 || token.length > 100) return null;
  const session = await findSessionByTokenHash(db, hashSecret(token));
  if (!session) return null;
  const now = clock.now().getTime();
  if (now >= session.expiresAt.getTime() || now - session.lastSeenAt.getTime() >= policy.idleMs) {
    await deleteSession(db, session.id);
    return null;
  }
  const user = await findUserById(db, session.userId);
  if (!user) return null;
  if (now - session.lastSeenAt.getTime() >= touchEveryMs) await touchSession(db, session.id, new Date(now));
  return { session, user };
};

export const endSession = (db: Db, sessionId: string): Promise<void> => deleteSession(db, sessionId);
