import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { requireSessionPrincipal } from '../../app/access.ts';
import { createApiToken, listApiTokens, revokeMyApiToken } from '../../app/tokens.ts';
import { fail } from '../../core/errors.ts';
import { okSchema } from '../../core/api/auth.ts';
import { createdTokenSchema, createTokenRequestSchema, tokensResponseSchema } from '../../core/api/tokens.ts';
import { principalOf, type Api, type HttpDeps } from '../context.ts';
import { tokenView } from '../presenters.ts';
import { errorAnswers, jsonAnswer, jsonBody } from './shared.ts';

const tags = ['tokens'];

const list = createRoute({
  method: 'get',
  path: '/api/v1/me/tokens',
  tags,
  summary: 'Your personal API tokens (never the secrets)',
  responses: { 200: jsonAnswer('Live tokens', tokensResponseSchema), 401: errorAnswers[401], 403: errorAnswers[403] },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/me/tokens',
  tags,
  summary: 'Create a token for one of your workspaces; the secret is shown in this answer only',
  request: { body: jsonBody(createTokenRequestSchema) },
  responses: { 201: jsonAnswer('Created', createdTokenSchema), ...errorAnswers },
});

const revoke = createRoute({
  method: 'delete',
  path: '/api/v1/me/tokens/{tokenId}',
  tags,
  summary: 'Revoke one of your tokens (a token may revoke itself)',
  request: { params: z.object({ tokenId: z.string() }) },
  responses: { 200: jsonAnswer('Revoked', okSchema), 401: errorAnswers[401], 403: errorAnswers[403], 404: errorAnswers[404] },
});

export const registerTokenRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  api.openapi(list, async (c) => {
    const principal = principalOf(c);
    requireSessionPrincipal(principal);
    return c.json({ items: (await listApiTokens(db, principal.userId)).map(tokenView) }, 200);
  });
  api.openapi(create, async (c) => {
    const principal = principalOf(c);
    requireSessionPrincipal(principal);
    const { apiToken, token } = await createApiToken(db, principal.userId, c.req.valid('json'), deps.clock);
    return c.json({ ...tokenView(apiToken), token }, 201);
  });
  api.openapi(revoke, async (c) => {
    const principal = principalOf(c);
    const { tokenId } = c.req.valid('param');
    // A token may revoke itself (rotation from a script); any other id is simply not one it can see.
    if (principal.kind === 'token' && principal.token.id !== tokenId) throw fail('token.not-found');
    await revokeMyApiToken(db, principal.userId, tokenId, deps.clock);
    return c.json({ ok: true as const }, 200);
  });
};
