import { createRoute } from '@hono/zod-openapi';
import { changeListeningQuery, createListeningQuery, previewQuery, removeListeningQuery, validateQueryText } from '../../app/listen-queries.ts';
import { requestQueryRematch } from '../../app/measures/rematch-query.ts';
import { okSchema } from '../../core/api/auth.ts';
import { queryViewSchema } from '../../core/api/listen.ts';
import {
  createQueryBodySchema,
  previewQueryBodySchema,
  queryParams,
  queryPreviewSchema,
  queryValidationSchema,
  updateQueryBodySchema,
  validateQueryBodySchema,
} from '../../core/api/listen-queries.ts';
import type { Api, HttpDeps } from '../context.ts';
import { requireRole } from '../middleware/workspace-access.ts';
import { mentionView, queryView } from '../presenters.ts';
import { errorAnswers, jsonAnswer, jsonBody, workspaceParams } from './shared.ts';

const tags = ['listen'];
const base = '/api/v1/workspaces/{workspaceId}/queries';
const readAnswers = { 400: errorAnswers[400], 401: errorAnswers[401], 404: errorAnswers[404] };
const editorAnswers = { ...readAnswers, 403: errorAnswers[403] };

const validate = createRoute({ method: 'post', path: `${base}/validate`, tags, summary: 'Check a query: valid, or the problem with its position (200 either way)', request: { params: workspaceParams, body: jsonBody(validateQueryBodySchema) }, responses: { 200: jsonAnswer('Validation', queryValidationSchema), ...readAnswers } });
const preview = createRoute({ method: 'post', path: `${base}/preview`, tags, summary: 'Matches of a query among the 5,000 most recent stored mentions, newest first', request: { params: workspaceParams, body: jsonBody(previewQueryBodySchema) }, responses: { 200: jsonAnswer('Preview', queryPreviewSchema), ...readAnswers } });
const create = createRoute({ method: 'post', path: base, tags, summary: 'Add a listening query (editor)', request: { params: workspaceParams, body: jsonBody(createQueryBodySchema) }, responses: { 201: jsonAnswer('Created', queryViewSchema), ...editorAnswers } });
const patch = createRoute({ method: 'patch', path: `${base}/{queryId}`, tags, summary: 'Rename a query, change its kind or text (editor)', request: { params: queryParams, body: jsonBody(updateQueryBodySchema) }, responses: { 200: jsonAnswer('Updated', queryViewSchema), ...editorAnswers } });
const remove = createRoute({ method: 'delete', path: `${base}/{queryId}`, tags, summary: 'Delete a query; mentions it matched stay, its measures go (editor)', request: { params: queryParams }, responses: { 200: jsonAnswer('Deleted', okSchema), ...editorAnswers } });

export const registerQueryRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  const jobs = deps.jobs;
  // Stored mentions are matched again and the query's measures rebuilt, in the background.
  const rematch = (workspaceId: string, queryId: string) =>
    requestQueryRematch(db, workspaceId, queryId, deps.clock, jobs ? (t, p, o) => jobs.send(t, p, o) : undefined);
  api.openapi(validate, (c) => {
    const body = c.req.valid('json');
    return c.json(validateQueryText(body.query, body.locale), 200);
  });
  api.openapi(preview, async (c) => {
    const body = c.req.valid('json');
    const r = await previewQuery(db, c.req.valid('param').workspaceId, body.query, { limit: body.limit, locale: body.locale });
    return c.json({ ...r, items: r.items.map(mentionView) }, 200);
  });
  api.openapi(create, async (c) => {
    requireRole(c, 'editor');
    const workspaceId = c.req.valid('param').workspaceId;
    const created = await createListeningQuery(db, workspaceId, c.req.valid('json'), deps.clock);
    await rematch(workspaceId, created.id);
    return c.json(queryView(created), 201);
  });
  api.openapi(patch, async (c) => {
    requireRole(c, 'editor');
    const { workspaceId, queryId } = c.req.valid('param');
    const body = c.req.valid('json');
    const updated = await changeListeningQuery(db, workspaceId, queryId, body);
    if (body.query !== undefined) await rematch(workspaceId, updated.id);
    return c.json(queryView(updated), 200);
  });
  api.openapi(remove, async (c) => {
    requireRole(c, 'editor');
    const { workspaceId, queryId } = c.req.valid('param');
    await removeListeningQuery(db, workspaceId, queryId);
    await rematch(workspaceId, queryId);
    return c.json({ ok: true as const }, 200);
  });
};
