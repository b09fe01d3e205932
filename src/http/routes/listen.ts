import { requestLocale } from '../errors.ts';
import { createRoute } from '@hono/zod-openapi';
import { listWorkspaceQueries, listWorkspaceSources, searchMentions } from '../../app/listen.ts';
import { mentionsPageSchema, mentionsQuerySchema, queriesResponseSchema, sourcesResponseSchema } from '../../core/api/listen.ts';
import type { Api, HttpDeps } from '../context.ts';
import { mentionView, queryView, sourceView } from '../presenters.ts';
import { errorAnswers, jsonAnswer, workspaceParams } from './shared.ts';

const tags = ['listen'];

const mentions = createRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/mentions',
  tags,
  summary: 'Mentions, newest first, with filters and cursor pagination',
  request: { params: workspaceParams, query: mentionsQuerySchema },
  responses: { 200: jsonAnswer('A page of mentions', mentionsPageSchema), ...errorAnswers },
});

const sources = createRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/sources',
  tags,
  summary: 'Sources and their health',
  request: { params: workspaceParams },
  responses: { 200: jsonAnswer('Sources', sourcesResponseSchema), 401: errorAnswers[401], 404: errorAnswers[404] },
});

const queries = createRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/queries',
  tags,
  summary: 'Listening queries (brand, competitors, trade)',
  request: { params: workspaceParams },
  responses: { 200: jsonAnswer('Queries', queriesResponseSchema), 401: errorAnswers[401], 404: errorAnswers[404] },
});

export const registerListenRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  api.openapi(mentions, async (c) => {
    const q = c.req.valid('query');
    const page = await searchMentions(db, c.req.valid('param').workspaceId, {
      ...q,
      since: q.since ? new Date(q.since) : undefined,
      until: q.until ? new Date(q.until) : undefined,
    });
    return c.json({ items: page.items.map(mentionView), nextCursor: page.nextCursor }, 200);
  });
  api.openapi(sources, async (c) => {
    const items = await listWorkspaceSources(db, c.req.valid('param').workspaceId);
    const locale = await requestLocale(c);
    return c.json({ items: items.map((s) => sourceView(s, locale)) }, 200);
  });
  api.openapi(queries, async (c) => {
    const items = await listWorkspaceQueries(db, c.req.valid('param').workspaceId);
    return c.json({ items: items.map(queryView) }, 200);
  });
};
