import { createRoute } from '@hono/zod-openapi';
import { getUser, updateProfile } from '../../app/auth/accounts.ts';
import { requireSessionPrincipal } from '../../app/access.ts';
import { listMyWorkspaces } from '../../app/workspaces/workspaces.ts';
import { sessionViewSchema, updateMeRequestSchema, updateMeResponseSchema } from '../../core/api/auth.ts';
import { weakerRole } from '../../core/workspace.ts';
import { principalOf, type Api, type HttpDeps } from '../context.ts';
import { sessionView, userView } from '../presenters.ts';
import { errorAnswers, jsonAnswer, jsonBody } from './shared.ts';

const getMe = createRoute({
  method: 'get',
  path: '/api/v1/me',
  tags: ['account'],
  summary: 'Who is signed in, their workspaces, and the CSRF token of the session',
  responses: { 200: jsonAnswer('The caller', sessionViewSchema), 401: errorAnswers[401] },
});

const patchMe = createRoute({
  method: 'patch',
  path: '/api/v1/me',
  tags: ['account'],
  summary: 'Change your name or interface language',
  request: { body: jsonBody(updateMeRequestSchema) },
  responses: {
    200: jsonAnswer('Updated', updateMeResponseSchema),
    400: errorAnswers[400],
    401: errorAnswers[401],
    403: errorAnswers[403],
  },
});

export const registerMeRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  api.openapi(getMe, async (c) => {
    const principal = principalOf(c);
    const user = await getUser(db, principal.userId);
    const all = await listMyWorkspaces(db, user.id);
    if (principal.kind === 'token') {
      // A token sees only its own workspace, at the weaker of its role and the member's.
      const { token } = principal;
      const scoped = all.filter((w) => w.id === token.workspaceId).map((w) => ({ ...w, role: weakerRole(w.role, token.role) }));
      return c.json(sessionView(user, scoped, null), 200);
    }
    return c.json(sessionView(user, all, principal.session.csrfToken), 200);
  });
  api.openapi(patchMe, async (c) => {
    const principal = principalOf(c);
    requireSessionPrincipal(principal);
    const user = await updateProfile(db, principal.userId, c.req.valid('json'));
    return c.json({ user: userView(user) }, 200);
  });
};
