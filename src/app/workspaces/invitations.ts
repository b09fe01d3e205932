import type { Clock } from '../../core/clock.ts';
import { fail } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Invitation } from '../../core/session.ts';
import { normaliseEmail, type User } from '../../core/user.ts';
import type { Role } from '../../core/workspace.ts';
import type { Db } from '../../storage/db.ts';
import {
  deleteInvitation,
  findInvitationByTokenHash,
  insertInvitation,
  listPendingInvitations,
  markInvitationAccepted,
} from '../../storage/invitations.repo.ts';
import { addMembership } from '../../storage/memberships.repo.ts';
import { findUserCredentials, insertUser } from '../../storage/users.repo.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';

export const invitationLifetimeMs = 7 * 24 * 3600_000;

/** Creates an invitation; the link token is returned this once and only its hash is kept. */
export const createInvitation = async (
  db: Db,
  workspaceId: string,
  input: { email: string; role: Role; invitedBy: string },
  clock: Clock,
): Promise<{ invitation: Invitation; token: string }> => {
  const token = newSecret(24);
  const now = clock.now();
  const invitation = await insertInvitation(db, workspaceId, {
    email: normaliseEmail(input.email),
    role: input.role,
    tokenHash: hashSecret(token),
    invitedBy: input.invitedBy,
    now,
    expiresAt: new Date(now.getTime() + invitationLifetimeMs),
  });
  return { invitation, token };
};

export const listInvitations = (db: Db, workspaceId: string, clock: Clock): Promise<Invitation[]> =>
  listPendingInvitations(db, workspaceId, clock.now());

export const revokeInvitation = async (db: Db, workspaceId: string, invitationId: string): Promise<void> => {
  if (!isUuid(invitationId) || !(await deleteInvitation(db, workspaceId, invitationId))) {
    throw fail('invitation.not-found');
  }
};

export interface AcceptInput {
  readonly token: string;
  /** The signed-in user accepting, if any. */
  readonly userId?: string | undefined;
  readonly name?: string | undefined;
  readonly password?: string | undefined;
}

/**
 * Accepts an invitation once. Signed in: the current user joins. Otherwise an
 * existing account for the invited e-mail proves itself with its password, or
 * a new account is created from name and password. Returns the user who joined
 * and whether the caller must be signed in as them.
 */
export const acceptInvitation = async (
  db: Db,
  input: AcceptInput,
  clock: Clock,
): Promise<{ userId: string; workspaceId: string; role: Role; signIn: User | null }> => {
  const invalid = fail('invitation.invalid');
  const invitation = await findInvitationByTokenHash(db, hashSecret(input.token));
  const now = clock.now();
  if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() <= now.getTime()) throw invalid;

  let userId = input.userId;
  let signIn: User | null = null;
  let newAccount: { name: string; passwordHash: string } | null = null;
  if (!userId) {
    const existing = await findUserCredentials(db, invitation.email);
    if (existing) {
      if (!input.password || !(await verifyPassword(existing.passwordHash, input.password))) {
        throw fail('invitation.password-needed');
      }
      userId = existing.user.id;
      signIn = existing.user;
    } else {
      if (!input.name || !input.password) {
        throw fail('invitation.account-needed');
      }
      newAccount = { name: input.name, passwordHash: await hashPassword(input.password) };
    }
  }
  // One transaction: a new account exists only if it joined (a concurrent accept of the same link loses entirely).
  const joined = await db.transaction(async (tx) => {
    if (newAccount) {
      signIn = await insertUser(tx, { email: invitation.email, locale: 'fr', now, ...newAccount });
      userId = signIn.id;
    }
    if (!userId || !(await markInvitationAccepted(tx, invitation.workspaceId, invitation.id, now))) throw invalid;
    return { userId, role: await addMembership(tx, invitation.workspaceId, { userId, role: invitation.role, now }) };
  });
  return { userId: joined.userId, workspaceId: invitation.workspaceId, role: joined.role, signIn };
};
