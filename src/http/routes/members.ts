import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { changeMemberRole, listWorkspaceMembers, removeMember } from '../../app/workspaces/members.ts';
import { okSchema } from '../../core/api/auth.ts';
import { changeRoleRequestSchema, memberViewSchema, membersResponseSchema } from '../../core/api/workspaces.ts';
import { errorEnvelopeSchema } from '../../core/api/common.ts';
import { principalOf, type Api, type HttpDeps } from '../context.ts';
import { requireRole } from '../middleware/workspace-access.ts';
import { memberView } from '../presenters.ts';
import { errorAnswers, jsonAnswer, jsonBody } from './shared.ts';

const tags = ['members'];
const memberParams = z.object({ workspaceId: z.string(), userId: z.string() });
const lastOwner = jsonAnswer('The last owner cannot leave or be demoted (conflict)', errorEnvelopeSchema);

const list = createRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/members',
  tags,
  summary: 'Members and their roles',
  request: { params: z.object({ workspaceId: z.string() }) },
  responses: { 200: jsonAnswer('Members', membersResponseSchema), 401: errorAnswers[401], 404: errorAnswers[404] },
});

const change = createRoute({
  method: 'patch',
  path: '/api/v1/workspaces/{workspaceId}/members/{userId}',
  tags,
  summary: "Change a member's role (owner)",
  request: { params: memberParams, body: jsonBody(changeRoleRequestSchema) },
  responses: { 200: jsonAnswer('Updated', memberViewSchema), ...errorAnswers, 409: lastOwner },
});

const remove = createRoute({
  method: 'delete',
  path: '/api/v1/workspaces/{workspaceId}/members/{userId}',
  tags,
  summary: 'Remove a member (owner), or leave the workspace yourself',
  request: { params: memberParams },
  responses: { 200: jsonAnswer('Removed', okSchema), ...errorAnswers, 409: lastOwner },
});

export const registerMemberRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  api.openapi(list, async (c) => {
    const members = await listWorkspaceMembers(db, c.req.valid('param').workspaceId);
    return c.json({ items: members.map(memberView) }, 200);
  });
  api.openapi(change, async (c) => {
    requireRole(c, 'owner');
    const { workspaceId, userId } = c.req.valid('param');
    const member = await changeMemberRole(db, workspaceId, userId, c.req.valid('json').role);
    return c.json(memberView(member), 200);
  });
  api.openapi(remove, async (c) => {
    const { workspaceId, userId } = c.req.valid('param');
    // Anyone may leave; removing someone else takes an owner.
    if (principalOf(c).userId !== userId) requireRole(c, 'owner');
    await removeMember(db, workspaceId, userId, deps.clock);
    return c.json({ ok: true as const }, 200);
  });
};
