import type { Clock } from '../core/clock.ts';
import type { Db } from '../storage/db.ts';
import { deleteExpiredInvitations } from '../storage/invitations.repo.ts';
import { pruneLoginAttempts } from '../storage/login-attempts.repo.ts';
import { pruneHourlyRollups } from '../storage/rollups.repo.ts';
import { deleteStaleSessions } from '../storage/sessions.repo.ts';

/** Login attempts older than this can no longer count toward any limit. */
const loginAttemptsKeptMs = 24 * 3600_000;

export interface PurgeCounts {
  readonly sessions: number;
  readonly invitations: number;
  readonly loginAttempts: number;
  /** Hourly measure rows older than a week (their days stay). */
  readonly hourlyRollups: number;
}

/**
 * Deletes what can no longer be used: sessions past their absolute end (or
 * idle longer than `sessionIdleMs`, when given), unaccepted invitations past
 * expiry, old login attempts, hourly measure rows older than a week. Idempotent; safe to run at any time.
 */
export const purgeExpired = async (db: Db, clock: Clock, opts: { sessionIdleMs?: number } = {}): Promise<PurgeCounts> => {
  const now = clock.now();
  const idleBefore = opts.sessionIdleMs ? new Date(now.getTime() - opts.sessionIdleMs) : new Date(0);
  return {
    sessions: await deleteStaleSessions(db, now, idleBefore),
    invitations: await deleteExpiredInvitations(db, now),
    loginAttempts: await pruneLoginAttempts(db, new Date(now.getTime() - loginAttemptsKeptMs)),
    hourlyRollups: await pruneHourlyRollups(db, now),
  };
};
