import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { signIn } from '../../app/auth/login.ts';
import { acceptInvitation, createInvitation, listInvitations, revokeInvitation } from '../../app/workspaces/invitations.ts';
import { listMyWorkspaces } from '../../app/workspaces/workspaces.ts';
import { getUser } from '../../app/auth/accounts.ts';
import { okSchema, sessionViewSchema } from '../../core/api/auth.ts';
import {
  acceptInvitationRequestSchema,
  createdInvitationSchema,
  createInvitationRequestSchema,
  invitationsResponseSchema,
} from '../../core/api/invitations.ts';
import { principalOf, type Api, type HttpDeps } from '../context.ts';
import { requireRole } from '../middleware/workspace-access.ts';
import { invitationView, sessionView } from '../presenters.ts';
import { sessionPolicy, signedInAnswer } from '../session-policy.ts';
import { errorAnswers, jsonAnswer, jsonBody, workspaceParams } from './shared.ts';

const tags = ['invitations'];

const list = createRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/invitations',
  tags,
  summary: 'Pending invitations (owner)',
  request: { params: workspaceParams },
  responses: { 200: jsonAnswer('Pending', invitationsResponseSchema), ...errorAnswers },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/invitations',
  tags,
  summary: 'Invite someone by e-mail (owner); the link token is in this answer only',
  request: { params: workspaceParams, body: jsonBody(createInvitationRequestSchema) },
  responses: { 201: jsonAnswer('Created', createdInvitationSchema), ...errorAnswers },
});

const revoke = createRoute({
  method: 'delete',
  path: '/api/v1/workspaces/{workspaceId}/invitations/{invitationId}',
  tags,
  summary: 'Withdraw an invitation (owner)',
  request: { params: z.object({ workspaceId: z.string(), invitationId: z.string() }) },
  responses: { 200: jsonAnswer('Withdrawn', okSchema), ...errorAnswers },
});

const accept = createRoute({
  method: 'post',
  path: '/api/v1/invitations/accept',
  tags,
  summary: 'Accept an invitation: as the signed-in user, an existing account (password), or a new one (name, password)',
  security: [], // public
  request: { body: jsonBody(acceptInvitationRequestSchema) },
  responses: { 200: jsonAnswer('Joined and signed in', sessionViewSchema), 400: errorAnswers[400], 401: errorAnswers[401], 404: errorAnswers[404] },
});

export const registerInvitationRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  api.openapi(list, async (c) => {
    requireRole(c, 'owner');
    const items = await listInvitations(db, c.req.valid('param').workspaceId, deps.clock);
    return c.json({ items: items.map(invitationView) }, 200);
  });
  api.openapi(create, async (c) => {
    requireRole(c, 'owner');
    const body = c.req.valid('json');
    const { invitation, token } = await createInvitation(
      db,
      c.req.valid('param').workspaceId,
      { ...body, invitedBy: principalOf(c).userId },
      deps.clock,
    );
    return c.json({ ...invitationView(invitation), token }, 201);
  });
  api.openapi(revoke, async (c) => {
    requireRole(c, 'owner');
    const { workspaceId, invitationId } = c.req.valid('param');
    await revokeInvitation(db, workspaceId, invitationId);
    return c.json({ ok: true as const }, 200);
  });
  api.openapi(accept, async (c) => {
    const principal = c.get('principal');
    // Only a browser session joins as itself; an automation token cannot accept on anyone's behalf.
    const userId = principal?.kind === 'session' ? principal.userId : undefined;
    const joined = await acceptInvitation(db, { ...c.req.valid('json'), userId }, deps.clock);
    if (joined.signIn) {
      const s = await signIn(db, joined.signIn, deps.clock, sessionPolicy(deps.config));
      return c.json(signedInAnswer(c, deps.config, s), 200);
    }
    const user = await getUser(db, joined.userId);
    const csrf = principal?.kind === 'session' ? principal.session.csrfToken : null;
    return c.json(sessionView(user, await listMyWorkspaces(db, user.id), csrf), 200);
  });
};
