import type { MiddlewareHandler } from 'hono';
import { authorizeWorkspace } from '../../app/access.ts';
import { fail } from '../../core/errors.ts';
import { roleAtLeast, type Role } from '../../core/workspace.ts';
import type { AppEnv, HttpDeps } from '../context.ts';
import type { Context } from 'hono';

/**
 * Runs before validation on every /workspaces/:workspaceId route: a workspace
 * the caller is not a member of is 404 whatever the request looks like, so
 * neither its existence nor its routes' shapes leak.
 */
export const workspaceAccess =
  (deps: HttpDeps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const principal = c.get('principal');
    if (!principal) throw fail('auth.sign-in-first');
    const role = await authorizeWorkspace(deps.database.db, principal, c.req.param('workspaceId') ?? '', 'viewer');
    c.set('role', role);
    return next();
  };

/** Inside a workspace route: the caller's role must allow the action, else 403. */
export const requireRole = (c: Context<AppEnv>, needed: Role): void => {
  const held = c.get('role');
  if (!roleAtLeast(held, needed)) throw fail('access.role-needed', { needed, held });
};
