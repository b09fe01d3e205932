import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ApiToken } from '../core/session.ts';
import type { Role } from '../core/workspace.ts';
import type { Db } from './db.ts';
import { apiTokens } from './schema.ts';

type Row = typeof apiTokens.$inferSelect;
const toApiToken = (r: Row): ApiToken => ({
  id: r.id,
  userId: r.userId,
  workspaceId: r.workspaceId,
  name: r.name,
  role: r.role as Role,
  lastUsedAt: r.lastUsedAt,
  createdAt: r.createdAt,
  revokedAt: r.revokedAt,
});

export const insertApiToken = async (
  db: Db,
  workspaceId: string,
  t: { userId: string; name: string; role: Role; tokenHash: string; now: Date },
): Promise<ApiToken> => {
  const [row] = await db
    .insert(apiTokens)
    .values({ workspaceId, userId: t.userId, name: t.name, role: t.role, tokenHash: t.tokenHash, createdAt: t.now })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toApiToken(row);
};

/**
 * A user's own tokens across the workspaces they belong to (personal tokens
 * are listed on the account page); every row still carries its workspace id.
 */
export const listApiTokensOfUser = async (db: Db, userId: string): Promise<ApiToken[]> => {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(toApiToken);
};

/** Look-up by the secret's hash, for authentication: the token itself names its workspace. */
export const findApiTokenByHash = async (db: Db, tokenHash: string): Promise<ApiToken | null> => {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
  return row ? toApiToken(row) : null;
};

export const touchApiToken = async (db: Db, workspaceId: string, id: string, now: Date): Promise<void> => {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id)));
};

/** Revokes a token of this user; false when there is no such live token. */
export const revokeApiToken = async (db: Db, userId: string, id: string, now: Date): Promise<boolean> => {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
};

/** When a member leaves a workspace, their tokens for it die with the membership. */
export const revokeApiTokensOfMember = async (db: Db, workspaceId: string, userId: string, now: Date): Promise<void> => {
  await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
};
