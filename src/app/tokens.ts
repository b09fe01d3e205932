import type { Clock } from '../core/clock.ts';
import { fail } from '../core/errors.ts';
import { isUuid } from '../core/ids.ts';
import type { ApiToken } from '../core/session.ts';
import { roleAtLeast, type Role } from '../core/workspace.ts';
import { insertApiToken, listApiTokensOfUser, revokeApiToken } from '../storage/api-tokens.repo.ts';
import type { Db } from '../storage/db.ts';
import { findRole } from '../storage/memberships.repo.ts';
import { hashSecret, newSecret } from './auth/secrets.ts';

/** Personal API tokens carry a recognisable prefix so that secret scanners can spot a leaked one. */
export const apiTokenPrefix = 'rls_';

/** Creates a token for one of the user's workspaces, at most at the role they hold there; shown once. */
export const createApiToken = async (
  db: Db,
  userId: string,
  input: { name: string; workspaceId: string; role: Role },
  clock: Clock,
): Promise<{ apiToken: ApiToken; token: string }> => {
  const held = isUuid(input.workspaceId) ? await findRole(db, input.workspaceId, userId) : null;
  if (!held) throw fail('workspace.not-found');
  if (!roleAtLeast(held, input.role)) {
    throw fail('token.role-above-yours', { held, role: input.role });
  }
  const token = newSecret(24, apiTokenPrefix);
  const apiToken = await insertApiToken(db, input.workspaceId, {
    userId,
    name: input.name,
    role: input.role,
    tokenHash: hashSecret(token),
    now: clock.now(),
  });
  return { apiToken, token };
};

export const listApiTokens = (db: Db, userId: string): Promise<ApiToken[]> => listApiTokensOfUser(db, userId);

export const revokeMyApiToken = async (db: Db, userId: string, tokenId: string, clock: Clock): Promise<void> => {
  if (!isUuid(tokenId) || !(await revokeApiToken(db, userId, tokenId, clock.now()))) {
    throw fail('token.not-found');
  }
};
