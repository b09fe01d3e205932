import type { Clock } from '../core/clock.ts';
import { fail } from '../core/errors.ts';
import { isUuid } from '../core/ids.ts';
import type { Principal } from '../core/session.ts';
import { roleAtLeast, weakerRole, type Role } from '../core/workspace.ts';
import { findApiTokenByHash, touchApiToken } from '../storage/api-tokens.repo.ts';
import type { Db } from '../storage/db.ts';
import { findRole } from '../storage/memberships.repo.ts';
import { hashSecret } from './auth/secrets.ts';

/**
 * The role the principal holds in a workspace. A workspace the principal
 * cannot see is `not-found` (never `forbidden`: its existence is not told);
 * a role too weak for the action is `forbidden`.
 */
export const authorizeWorkspace = async (
  db: Db,
  principal: Principal,
  workspaceId: string,
  needed: Role,
): Promise<Role> => {
  const notFound = fail('workspace.not-found');
  if (!isUuid(workspaceId)) throw notFound;
  if (principal.kind === 'token' && principal.token.workspaceId !== workspaceId) throw notFound;
  const held = await findRole(db, workspaceId, principal.userId);
  if (!held) throw notFound;
  const effective = principal.kind === 'token' ? weakerRole(held, principal.token.role) : held;
  if (!roleAtLeast(effective, needed)) {
    throw fail('access.role-needed', { needed, held: effective });
  }
  return effective;
};

/** Account-level actions (profile, tokens, new workspaces) need a signed-in person, not an automation token. */
export const requireSessionPrincipal = (principal: Principal): void => {
  if (principal.kind !== 'session') {
    throw fail('access.token-not-for-account');
  }
};

const touchEveryMs = 60_000;

/** The principal for `Authorization: Bearer <token>`, or null when the token is unknown, revoked or orphaned. */
export const authenticateApiToken = async (db: Db, raw: string, clock: Clock): Promise<Principal | null> => {
  if (raw.length === 0 || raw.length > 200) return null;
  const token = await findApiTokenByHash(db, hashSecret(raw));
  if (!token || token.revokedAt) return null;
  if (!(await findRole(db, token.workspaceId, token.userId))) return null;
  const now = clock.now();
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= touchEveryMs) {
    await touchApiToken(db, token.workspaceId, token.id, now);
  }
  return { kind: 'token', userId: token.userId, token };
};
