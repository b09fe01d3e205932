import type { Context } from 'hono';
import { requestLocale } from '../errors.ts';
import { createRoute } from '@hono/zod-openapi';
import { ingestFetcher } from '../../app/ingest/fetcher.ts';
import { createSource, getSourceHealth, removeSource, requestFetch, updateSource } from '../../app/sources/manage.ts';
import { previewSource } from '../../app/sources/preview.ts';
import { secretKeyOf } from '../../config/secret-key.ts';
import { okSchema } from '../../core/api/auth.ts';
import { errorEnvelopeSchema } from '../../core/api/common.ts';
import {
  createSourceBodySchema,
  fetchRequestedSchema,
  sourceDetailSchema,
  sourceParams,
  sourcePreviewBodySchema,
  sourcePreviewSchema,
  updateSourceBodySchema,
} from '../../core/api/sources.ts';
import type { Api, HttpDeps } from '../context.ts';
import { requireRole } from '../middleware/workspace-access.ts';
import { sourceDetailView } from '../source-detail.presenter.ts';
import { errorAnswers, jsonAnswer, jsonBody, workspaceParams } from './shared.ts';

const tags = ['listen'];
const base = '/api/v1/workspaces/{workspaceId}/sources';
const editorAnswers = { 400: errorAnswers[400], 401: errorAnswers[401], 403: errorAnswers[403], 404: errorAnswers[404] };

const preview = createRoute({ method: 'post', path: `${base}/preview`, tags, summary: 'First items of a source of any kind (a feed, or the feed a page advertises; Mastodon, Hacker News, Reddit, Bluesky); a Mastodon token is verified; nothing saved (editor)', request: { params: workspaceParams, body: jsonBody(sourcePreviewBodySchema) }, responses: { 200: jsonAnswer('Preview', sourcePreviewSchema), ...editorAnswers } });
const create = createRoute({ method: 'post', path: base, tags, summary: 'Add a source of any kind; secrets are sealed at rest and never returned; it is fetched within a minute (editor)', request: { params: workspaceParams, body: jsonBody(createSourceBodySchema) }, responses: { 201: jsonAnswer('Created', sourceDetailSchema), ...editorAnswers } });
const get = createRoute({ method: 'get', path: `${base}/{sourceId}`, tags, summary: 'A source and its health: last success, last error, items per day over 14 days', request: { params: sourceParams }, responses: { 200: jsonAnswer('Source', sourceDetailSchema), 401: errorAnswers[401], 404: errorAnswers[404] } });
const patch = createRoute({ method: 'patch', path: `${base}/{sourceId}`, tags, summary: 'Rename, pause or resume, change the interval, the URL or the config; a secret left out is kept (editor)', request: { params: sourceParams, body: jsonBody(updateSourceBodySchema) }, responses: { 200: jsonAnswer('Updated', sourceDetailSchema), ...editorAnswers } });
const remove = createRoute({ method: 'delete', path: `${base}/{sourceId}`, tags, summary: 'Delete a source; its mentions stay (editor)', request: { params: sourceParams }, responses: { 200: jsonAnswer('Deleted', okSchema), ...editorAnswers } });
const fetchNow = createRoute({ method: 'post', path: `${base}/{sourceId}/fetch`, tags, summary: 'Fetch now: the source is queued at once (editor)', request: { params: sourceParams }, responses: { 202: jsonAnswer('Queued', fetchRequestedSchema), 409: jsonAnswer('The source is paused or disabled (conflict)', errorEnvelopeSchema), ...editorAnswers } });

export const registerSourceRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  const health = async (c: Context, workspaceId: string, sourceId: string) => {
    const h = await getSourceHealth(db, workspaceId, sourceId, deps.clock);
    return sourceDetailView(h.source, h.itemsPerDay, await requestLocale(c));
  };
  api.openapi(preview, async (c) => {
    requireRole(c, 'editor');
    const fetcher = ingestFetcher({ allowPrivateNetworks: deps.config.allowPrivateNetworks, clock: deps.clock });
    return c.json(await previewSource(c.req.valid('json'), { fetcher, clock: deps.clock }), 200);
  });
  api.openapi(create, async (c) => {
    requireRole(c, 'editor');
    const { workspaceId } = c.req.valid('param');
    const fetcher = ingestFetcher({ allowPrivateNetworks: deps.config.allowPrivateNetworks, clock: deps.clock });
    const created = await createSource(db, workspaceId, c.req.valid('json'), { clock: deps.clock, secretKey: secretKeyOf(deps.config), fetcher });
    return c.json(await health(c, workspaceId, created.id), 201);
  });
  api.openapi(get, async (c) => {
    const { workspaceId, sourceId } = c.req.valid('param');
    return c.json(await health(c, workspaceId, sourceId), 200);
  });
  api.openapi(patch, async (c) => {
    requireRole(c, 'editor');
    const { workspaceId, sourceId } = c.req.valid('param');
    const fetcher = ingestFetcher({ allowPrivateNetworks: deps.config.allowPrivateNetworks, clock: deps.clock });
    await updateSource(db, workspaceId, sourceId, c.req.valid('json'), { secretKey: secretKeyOf(deps.config), fetcher });
    return c.json(await health(c, workspaceId, sourceId), 200);
  });
  api.openapi(remove, async (c) => {
    requireRole(c, 'editor');
    const { workspaceId, sourceId } = c.req.valid('param');
    await removeSource(db, workspaceId, sourceId);
    return c.json({ ok: true as const }, 200);
  });
  api.openapi(fetchNow, async (c) => {
    requireRole(c, 'editor');
    const { workspaceId, sourceId } = c.req.valid('param');
    const jobs = deps.jobs;
    const r = await requestFetch(db, workspaceId, sourceId, jobs ? (id) => jobs.send('source-fetch', { id }, { singletonKey: `source-fetch:${id}` }) : undefined);
    return c.json({ sourceId, queued: r.queued }, 202);
  });
};
