import { createRoute } from '@hono/zod-openapi';
import {
  addWatchedAuthor,
  changeAlertSettings,
  changeAlertStatus,
  changeWatchedAuthor,
  listWatchList,
  listWorkspaceAlerts,
  readAlertSettings,
  removeWatchedAuthor,
} from '../../app/alerts/alerts.ts';
import { workspaceTrends } from '../../app/trends.ts';
import { okSchema } from '../../core/api/auth.ts';
import { errorEnvelopeSchema } from '../../core/api/common.ts';
import {
  alertParams,
  alertSettingsSchema,
  alertStatusBodySchema,
  alertsQuerySchema,
  alertsResponseSchema,
  alertViewOf,
  alertViewSchema,
  createWatchedBodySchema,
  updateWatchedBodySchema,
  watchedAuthorViewSchema,
  watchedParams,
  watchListResponseSchema,
} from '../../core/api/alerts.ts';
import { trendsQuerySchema, trendsResponseSchema } from '../../core/api/trends.ts';
import { trendsView, watchedView } from '../alerts.presenter.ts';
import { principalOf, type Api, type HttpDeps } from '../context.ts';
import { requireRole } from '../middleware/workspace-access.ts';
import { dispatchDeliveries } from '../deliveries.ts';
import { errorAnswers, jsonAnswer, jsonBody, workspaceParams } from './shared.ts';

const tags = ['alerts'];
const ws = '/api/v1/workspaces/{workspaceId}';
const readAnswers = { 400: errorAnswers[400], 401: errorAnswers[401], 404: errorAnswers[404] };
const editorAnswers = { ...readAnswers, 403: errorAnswers[403] };

const list = createRoute({ method: 'get', path: `${ws}/alerts`, tags, summary: 'Alerts: open first, then acknowledged, then resolved; ongoing, most severe and newest first', request: { params: workspaceParams, query: alertsQuerySchema }, responses: { 200: jsonAnswer('Alerts', alertsResponseSchema), ...readAnswers } });
const setStatus = createRoute({ method: 'patch', path: `${ws}/alerts/{alertId}`, tags, summary: 'Acknowledge, resolve or reopen an alert (editor); webhooks subscribed to the change are told', request: { params: alertParams, body: jsonBody(alertStatusBodySchema) }, responses: { 200: jsonAnswer('Alert', alertViewSchema), ...editorAnswers } });
const watchList = createRoute({ method: 'get', path: `${ws}/watch-list`, tags, summary: 'Watched authors: their mentions of the brand raise an alert', request: { params: workspaceParams }, responses: { 200: jsonAnswer('Watch list', watchListResponseSchema), ...readAnswers } });
const watchAdd = createRoute({ method: 'post', path: `${ws}/watch-list`, tags, summary: 'Watch an author (editor)', request: { params: workspaceParams, body: jsonBody(createWatchedBodySchema) }, responses: { 201: jsonAnswer('Watched', watchedAuthorViewSchema), ...editorAnswers, 409: jsonAnswer('Already on the watch list (conflict)', errorEnvelopeSchema) } });
const watchPatch = createRoute({ method: 'patch', path: `${ws}/watch-list/{watchedId}`, tags, summary: 'Change why or how closely an author is watched (editor)', request: { params: watchedParams, body: jsonBody(updateWatchedBodySchema) }, responses: { 200: jsonAnswer('Watched', watchedAuthorViewSchema), ...editorAnswers } });
const watchDelete = createRoute({ method: 'delete', path: `${ws}/watch-list/{watchedId}`, tags, summary: 'Stop watching an author (editor)', request: { params: watchedParams }, responses: { 200: jsonAnswer('Removed', okSchema), ...editorAnswers } });
const settingsGet = createRoute({ method: 'get', path: `${ws}/alert-settings`, tags, summary: 'Reply target and the brand’s own accounts', request: { params: workspaceParams }, responses: { 200: jsonAnswer('Settings', alertSettingsSchema), ...readAnswers } });
const settingsPut = createRoute({ method: 'put', path: `${ws}/alert-settings`, tags, summary: 'Change the reply target and the brand’s own accounts (editor)', request: { params: workspaceParams, body: jsonBody(alertSettingsSchema) }, responses: { 200: jsonAnswer('Settings', alertSettingsSchema), ...editorAnswers } });
const trends = createRoute({ method: 'get', path: `${ws}/trends`, tags: ['listen'], summary: 'Emerging terms and hashtags of a window against the 28 days before, with who / what / when / where', request: { params: workspaceParams, query: trendsQuerySchema }, responses: { 200: jsonAnswer('Trends', trendsResponseSchema), ...readAnswers } });

export const registerAlertRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  api.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const r = await listWorkspaceAlerts(db, c.req.valid('param').workspaceId, { status: q.status, limit: q.limit });
    return c.json({ items: r.items.map(alertViewOf), open: r.open }, 200);
  });
  api.openapi(setStatus, async (c) => {
    requireRole(c, 'editor');
    const { workspaceId, alertId } = c.req.valid('param');
    const r = await changeAlertStatus(db, workspaceId, alertId, c.req.valid('json').status, principalOf(c).userId, deps.clock.now());
    await dispatchDeliveries(deps, r.deliveries);
    return c.json(alertViewOf(r.alert), 200);
  });
  api.openapi(watchList, async (c) => c.json({ items: (await listWatchList(db, c.req.valid('param').workspaceId)).map(watchedView) }, 200));
  api.openapi(watchAdd, async (c) => {
    requireRole(c, 'editor');
    return c.json(watchedView(await addWatchedAuthor(db, c.req.valid('param').workspaceId, c.req.valid('json'), deps.clock.now())), 201);
  });
  api.openapi(watchPatch, async (c) => {
    requireRole(c, 'editor');
    const { workspaceId, watchedId } = c.req.valid('param');
    return c.json(watchedView(await changeWatchedAuthor(db, workspaceId, watchedId, c.req.valid('json'))), 200);
  });
  api.openapi(watchDelete, async (c) => {
    requireRole(c, 'editor');
    const { workspaceId, watchedId } = c.req.valid('param');
    await removeWatchedAuthor(db, workspaceId, watchedId);
    return c.json({ ok: true as const }, 200);
  });
  api.openapi(settingsGet, async (c) => {
    const s = await readAlertSettings(db, c.req.valid('param').workspaceId);
    return c.json({ replyTargetHours: s.replyTargetHours, ownHandles: [...s.ownHandles] }, 200);
  });
  api.openapi(settingsPut, async (c) => {
    requireRole(c, 'editor');
    const s = await changeAlertSettings(db, c.req.valid('param').workspaceId, c.req.valid('json'), deps.clock.now());
    return c.json({ replyTargetHours: s.replyTargetHours, ownHandles: [...s.ownHandles] }, 200);
  });
  api.openapi(trends, async (c) => {
    const q = c.req.valid('query');
    const r = await workspaceTrends(db, c.req.valid('param').workspaceId, { queryId: q.queryId, window: q.window ?? '24h', now: deps.clock.now() });
    return c.json(trendsView(r), 200);
  });
};
