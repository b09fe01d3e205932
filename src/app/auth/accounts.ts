import { sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.ts';
import { fail } from '../../core/errors.ts';
import type { Locale, User } from '../../core/user.ts';
import type { Workspace } from '../../core/workspace.ts';
import type { Db } from '../../storage/db.ts';
import { addMembership } from '../../storage/memberships.repo.ts';
import { countUsers, findUserById, insertUser, updateUser } from '../../storage/users.repo.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { hashPassword } from './passwords.ts';

export interface NewAccount {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly locale?: Locale | undefined;
}

export const needsSetup = async (db: Db): Promise<boolean> => (await countUsers(db)) === 0;

/** A user who owns a new workspace, in one transaction. `conflict` when the e-mail is taken. */
export const createAccountWithWorkspace = async (
  db: Db,
  account: NewAccount,
  workspaceName: string,
  clock: Clock,
  opts: { onlyIfNoUser?: boolean } = {},
): Promise<{ user: User; workspace: Workspace }> => {
  const passwordHash = await hashPassword(account.password);
  return db.transaction(async (tx) => {
    if (opts.onlyIfNoUser) {
      // Two first-admin setups racing: the second waits here, then sees the first user.
      await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
      if ((await countUsers(tx)) > 0) throw fail('auth.already-set-up');
    }
    const now = clock.now();
    const user = await insertUser(tx, {
      email: account.email,
      name: account.name,
      passwordHash,
      locale: account.locale ?? 'fr',
      now,
    });
    const workspace = await insertWorkspace(tx, { name: workspaceName, now });
    await addMembership(tx, workspace.id, { userId: user.id, role: 'owner', now });
    return { user, workspace };
  });
};

/** First-run setup: only while no user exists. */
export const setupFirstAdmin = (
  db: Db,
  account: NewAccount,
  workspaceName: string,
  clock: Clock,
): Promise<{ user: User; workspace: Workspace }> =>
  createAccountWithWorkspace(db, account, workspaceName, clock, { onlyIfNoUser: true });

export const getUser = async (db: Db, userId: string): Promise<User> => {
  const user = await findUserById(db, userId);
  if (!user) throw fail('auth.account-gone');
  return user;
};

export const updateProfile = async (
  db: Db,
  userId: string,
  patch: { name?: string | undefined; locale?: Locale | undefined },
): Promise<User> => {
  const user = await updateUser(db, userId, patch);
  if (!user) throw fail('auth.account-gone');
  return user;
};
