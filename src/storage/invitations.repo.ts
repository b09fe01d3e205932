import { and, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Invitation } from '../core/session.ts';
import type { Role } from '../core/workspace.ts';
import type { Db } from './db.ts';
import { invitations } from './schema.ts';

type Row = typeof invitations.$inferSelect;
const toInvitation = (r: Row): Invitation => ({
  id: r.id,
  workspaceId: r.workspaceId,
  email: r.email,
  role: r.role as Role,
  invitedBy: r.invitedBy,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  acceptedAt: r.acceptedAt,
});

export const insertInvitation = async (
  db: Db,
  workspaceId: string,
  i: { email: string; role: Role; tokenHash: string; invitedBy: string; now: Date; expiresAt: Date },
): Promise<Invitation> => {
  const [row] = await db
    .insert(invitations)
    .values({
      workspaceId,
      email: i.email,
      role: i.role,
      tokenHash: i.tokenHash,
      invitedBy: i.invitedBy,
      createdAt: i.now,
      expiresAt: i.expiresAt,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toInvitation(row);
};

/** Invitations not yet accepted and not expired at `now`, newest first. */
export const listPendingInvitations = async (db: Db, workspaceId: string, now: Date): Promise<Invitation[]> => {
  const rows = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt));
  return rows.map(toInvitation);
};

/**
 * The one look-up without a workspace id: the secret token is the capability,
 * and the caller does not know the workspace before accepting.
 */
export const findInvitationByTokenHash = async (db: Db, tokenHash: string): Promise<Invitation | null> => {
  const [row] = await db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
  return row ? toInvitation(row) : null;
};

/** Marks accepted once; false when it was already accepted (a concurrent accept lost). */
export const markInvitationAccepted = async (db: Db, workspaceId: string, id: string, now: Date): Promise<boolean> => {
  const rows = await db
    .update(invitations)
    .set({ acceptedAt: now })
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return rows.length > 0;
};

export const deleteInvitation = async (db: Db, workspaceId: string, id: string): Promise<boolean> => {
  const rows = await db
    .delete(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id)))
    .returning({ id: invitations.id });
  return rows.length > 0;
};

/**
 * Maintenance across all workspaces (the nightly purge): invitations never
 * accepted and past their expiry. Accepted ones stay as the record of who joined how.
 */
export const deleteExpiredInvitations = async (db: Db, now: Date): Promise<number> => {
  const rows = await db
    .delete(invitations)
    .where(and(isNull(invitations.acceptedAt), lt(invitations.expiresAt, now)))
    .returning({ id: invitations.id });
  return rows.length;
};
