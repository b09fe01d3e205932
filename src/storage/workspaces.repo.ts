import { and, asc, eq } from 'drizzle-orm';
import type { Role, Workspace, WorkspaceSummary } from '../core/workspace.ts';
import type { Db } from './db.ts';
import { memberships, workspaces } from './schema.ts';

type Row = typeof workspaces.$inferSelect;
const toWorkspace = (r: Row): Workspace => ({ id: r.id, name: r.name, createdAt: r.createdAt });

export const insertWorkspace = async (db: Db, w: { name: string; now: Date }): Promise<Workspace> => {
  const [row] = await db.insert(workspaces).values({ name: w.name, createdAt: w.now }).returning();
  if (!row) throw new Error('insert returned no row');
  return toWorkspace(row);
};

export const findWorkspace = async (db: Db, workspaceId: string): Promise<Workspace | null> => {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  return row ? toWorkspace(row) : null;
};

export const renameWorkspace = async (db: Db, workspaceId: string, name: string): Promise<Workspace | null> => {
  const [row] = await db.update(workspaces).set({ name }).where(eq(workspaces.id, workspaceId)).returning();
  return row ? toWorkspace(row) : null;
};

/** The workspaces a user belongs to, with the role held in each, oldest membership first. */
export const listWorkspacesOfUser = async (db: Db, userId: string): Promise<WorkspaceSummary[]> => {
  const rows = await db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(workspaces.name));
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role as Role }));
};

/** The workspace by name among a user's own, for idempotent seeding. */
export const findWorkspaceOfUserByName = async (db: Db, userId: string, name: string): Promise<Workspace | null> => {
  const [row] = await db
    .select({ id: workspaces.id, name: workspaces.name, createdAt: workspaces.createdAt })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), eq(workspaces.name, name)));
  return row ?? null;
};

/**
 * Inside a transaction: serialise changes to one workspace's memberships
 * (two owners removing each other at once must not leave it ownerless).
 */
export const lockWorkspace = async (db: Db, workspaceId: string): Promise<boolean> => {
  const rows = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
  return rows.length > 0;
};

/** Every workspace of the installation (operator tools: the CLI names workspaces by name or slug). */
export const listAllWorkspaces = async (db: Db): Promise<Workspace[]> =>
  (await db.select().from(workspaces).orderBy(asc(workspaces.createdAt), asc(workspaces.name))).map(toWorkspace);
