import { createRoute } from '@hono/zod-openapi';
import { requireSessionPrincipal } from '../../app/access.ts';
import { createWorkspace, getWorkspace, listMyWorkspaces, renameWorkspaceTo } from '../../app/workspaces/workspaces.ts';
import { workspaceRefSchema } from '../../core/api/auth.ts';
import { itemsOf } from '../../core/api/common.ts';
import { createWorkspaceRequestSchema, renameWorkspaceRequestSchema, workspaceViewSchema } from '../../core/api/workspaces.ts';
import { weakerRole, type Role } from '../../core/workspace.ts';
import { principalOf, type Api, type HttpDeps } from '../context.ts';
import { requireRole } from '../middleware/workspace-access.ts';
import { workspaceView } from '../presenters.ts';
import { errorAnswers, jsonAnswer, jsonBody, workspaceParams } from './shared.ts';

const tags = ['workspaces'];

const list = createRoute({
  method: 'get',
  path: '/api/v1/workspaces',
  tags,
  summary: 'The workspaces you belong to, with your role',
  responses: { 200: jsonAnswer('Workspaces', itemsOf(workspaceRefSchema)), 401: errorAnswers[401] },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/workspaces',
  tags,
  summary: 'Create a workspace; you become its owner',
  request: { body: jsonBody(createWorkspaceRequestSchema) },
  responses: { 201: jsonAnswer('Created', workspaceViewSchema), 400: errorAnswers[400], 401: errorAnswers[401], 403: errorAnswers[403] },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}',
  tags,
  summary: 'One workspace',
  request: { params: workspaceParams },
  responses: { 200: jsonAnswer('Workspace', workspaceViewSchema), 401: errorAnswers[401], 404: errorAnswers[404] },
});

const rename = createRoute({
  method: 'patch',
  path: '/api/v1/workspaces/{workspaceId}',
  tags,
  summary: 'Rename a workspace (owner)',
  request: { params: workspaceParams, body: jsonBody(renameWorkspaceRequestSchema) },
  responses: { 200: jsonAnswer('Renamed', workspaceViewSchema), ...errorAnswers },
});

export const registerWorkspaceRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  api.openapi(list, async (c) => {
    const principal = principalOf(c);
    const all = await listMyWorkspaces(db, principal.userId);
    const visible = principal.kind === 'token' ? all.filter((w) => w.id === principal.token.workspaceId) : all;
    const roleOf = (held: Role) => (principal.kind === 'token' ? weakerRole(held, principal.token.role) : held);
    return c.json({ items: visible.map((w) => ({ id: w.id, name: w.name, role: roleOf(w.role) })) }, 200);
  });
  api.openapi(create, async (c) => {
    const principal = principalOf(c);
    requireSessionPrincipal(principal);
    const w = await createWorkspace(db, principal.userId, c.req.valid('json').name, deps.clock);
    return c.json(workspaceView(w, 'owner'), 201);
  });
  api.openapi(get, async (c) => c.json(workspaceView(await getWorkspace(db, c.req.valid('param').workspaceId), c.get('role')), 200));
  api.openapi(rename, async (c) => {
    requireRole(c, 'owner');
    const w = await renameWorkspaceTo(db, c.req.valid('param').workspaceId, c.req.valid('json').name);
    return c.json(workspaceView(w, c.get('role')), 200);
  });
};
