import { and, asc, count, eq } from 'drizzle-orm';
import type { Member, Role } from '../core/workspace.ts';
import type { Db } from './db.ts';
import { memberships, users } from './schema.ts';

/** Adds the user with this role; an existing membership keeps its role. Returns the role now held. */
export const addMembership = async (
  db: Db,
  workspaceId: string,
  m: { userId: string; role: Role; now: Date },
): Promise<Role> => {
  await db
    .insert(memberships)
    .values({ workspaceId, userId: m.userId, role: m.role, createdAt: m.now })
    .onConflictDoNothing();
  return (await findRole(db, workspaceId, m.userId)) ?? m.role;
};

export const findRole = async (db: Db, workspaceId: string, userId: string): Promise<Role | null> => {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row ? (row.role as Role) : null;
};

export const listMembers = async (db: Db, workspaceId: string): Promise<Member[]> => {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt), asc(users.email));
  return rows.map((r) => ({ ...r, role: r.role as Role }));
};

export const setRole = async (db: Db, workspaceId: string, userId: string, role: Role): Promise<boolean> => {
  const rows = await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return rows.length > 0;
};

export const removeMembership = async (db: Db, workspaceId: string, userId: string): Promise<boolean> => {
  const rows = await db
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return rows.length > 0;
};

export const countOwners = async (db: Db, workspaceId: string): Promise<number> => {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  return row?.n ?? 0;
};
