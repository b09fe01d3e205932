import { AppError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { workspaceSlug, type Workspace } from '../../core/workspace.ts';
import type { Db } from '../../storage/db.ts';
import { findWorkspace, listAllWorkspaces } from '../../storage/workspaces.repo.ts';

/**
 * A workspace named the way an operator names it on the command line: its id, its name (case
 * and accents ignored) or its slug. Unknown and ambiguous names are errors that say what to
 * give instead; an ambiguous one lists the candidates' ids.
 */
export const resolveWorkspace = async (db: Db, ref: string): Promise<Workspace> => {
  const wanted = ref.trim();
  if (wanted === '') throw new AppError('bad-request', '--workspace: give the workspace\'s id, name or slug');
  if (isUuid(wanted)) {
    const w = await findWorkspace(db, wanted);
    if (!w) throw new AppError('not-found', `no workspace has the id ${wanted}`);
    return w;
  }
  const all = await listAllWorkspaces(db);
  const key = workspaceSlug(wanted);
  const exact = all.filter((w) => w.name === wanted);
  const matches = exact.length > 0 ? exact : all.filter((w) => workspaceSlug(w.name) === key && key !== '');
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    throw new AppError('conflict', `"${wanted}" names ${matches.length} workspaces; give the id of one: ${matches.map((w) => `${w.id} (${w.name})`).join(', ')}`);
  }
  throw new AppError('not-found', `no workspace is named "${wanted}" (by name, slug or id)${all.length > 0 && all.length <= 20 ? `; the workspaces are: ${all.map((w) => `${w.name} [${workspaceSlug(w.name)}]`).join(', ')}` : ''}`);
};
