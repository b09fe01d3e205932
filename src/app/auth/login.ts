import type { Clock } from '../../core/clock.ts';
import { fail } from '../../core/errors.ts';
import type { Session } from '../../core/session.ts';
import { normaliseEmail, type User } from '../../core/user.ts';
import type { WorkspaceSummary } from '../../core/workspace.ts';
import type { Db } from '../../storage/db.ts';
import { findUserCredentials } from '../../storage/users.repo.ts';
import { listWorkspacesOfUser } from '../../storage/workspaces.repo.ts';
import { verifyPassword } from './passwords.ts';
import { assertLoginAllowed, defaultLoginLimits, noteLoginResult, type LoginLimits } from './rate-limit.ts';
import { endSession, startSession, type SessionPolicy } from './sessions.ts';

export interface SignedIn {
  readonly user: User;
  readonly workspaces: WorkspaceSummary[];
  readonly session: Session;
  /** The cookie value; never stored. */
  readonly token: string;
}

export interface LoginDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly policy: SessionPolicy;
  readonly limits?: LoginLimits;
}

/**
 * Signs in with e-mail and password: rate limit first, then one argon2
 * verification whether or not the account exists, then a new session (a new
 * token at every login, so a token planted before login is worthless).
 */
export const login = async (
  deps: LoginDeps,
  input: { email: string; password: string; ip: string },
): Promise<SignedIn> => {
  const { db, clock, policy } = deps;
  const limits = deps.limits ?? defaultLoginLimits;
  const key = { email: normaliseEmail(input.email), ip: input.ip };
  await assertLoginAllowed(db, key, clock.now(), limits);
  const found = await findUserCredentials(db, key.email);
  const ok = await verifyPassword(found?.passwordHash, input.password);
  await noteLoginResult(db, key, ok, clock.now(), limits);
  if (!found || !ok) throw fail('auth.wrong-credentials');
  return signIn(db, found.user, clock, policy);
};

/** A new session for a user whose identity is already established (setup, invitation accept). */
export const signIn = async (db: Db, user: User, clock: Clock, policy: SessionPolicy): Promise<SignedIn> => {
  const { token, session } = await startSession(db, user.id, clock, policy);
  return { user, workspaces: await listWorkspacesOfUser(db, user.id), session, token };
};

export const logout = (db: Db, sessionId: string): Promise<void> => endSession(db, sessionId);
