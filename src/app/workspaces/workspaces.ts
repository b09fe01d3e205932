import type { Clock } from '../../core/clock.ts';
import { fail } from '../../core/errors.ts';
import type { Workspace, WorkspaceSummary } from '../../core/workspace.ts';
import type { Db } from '../../storage/db.ts';
import { addMembership } from '../../storage/memberships.repo.ts';
import { findWorkspace, insertWorkspace, listWorkspacesOfUser, renameWorkspace } from '../../storage/workspaces.repo.ts';

/** A new workspace owned by its creator. */
export const createWorkspace = (db: Db, userId: string, name: string, clock: Clock): Promise<Workspace> =>
  db.transaction(async (tx) => {
    const now = clock.now();
    const workspace = await insertWorkspace(tx, { name, now });
    await addMembership(tx, workspace.id, { userId, role: 'owner', now });
    return workspace;
  });

/** Callers check access first (app/access.ts); a workspace deleted meanwhile is `not-found`. */
export const getWorkspace = async (db: Db, workspaceId: string): Promise<Workspace> => {
  const w = await findWorkspace(db, workspaceId);
  if (!w) throw fail('workspace.not-found');
  return w;
};

export const renameWorkspaceTo = async (db: Db, workspaceId: string, name: string): Promise<Workspace> => {
  const w = await renameWorkspace(db, workspaceId, name);
  if (!w) throw fail('workspace.not-found');
  return w;
};

export const listMyWorkspaces = (db: Db, userId: string): Promise<WorkspaceSummary[]> => listWorkspacesOfUser(db, userId);
