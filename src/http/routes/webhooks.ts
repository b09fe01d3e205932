import { createRoute } from '@hono/zod-openapi';
import {
  changeWebhookEndpoint,
  createWebhookEndpoint,
  listEndpointDeliveries,
  listWebhookEndpoints,
  queueTestEvent,
  removeWebhookEndpoint,
} from '../../app/webhooks/endpoints.ts';
import { okSchema } from '../../core/api/auth.ts';
import {
  createdWebhookSchema,
  createWebhookBodySchema,
  testWebhookResponseSchema,
  updateWebhookBodySchema,
  webhookDeliveriesResponseSchema,
  webhookEndpointsResponseSchema,
  webhookEndpointViewSchema,
  webhookParams,
} from '../../core/api/alerts.ts';
import { deliveryView, endpointView } from '../alerts.presenter.ts';
import type { Api, HttpDeps } from '../context.ts';
import { requireRole } from '../middleware/workspace-access.ts';
import { dispatchDeliveries } from '../deliveries.ts';
import { requestLocale } from '../errors.ts';
import { errorAnswers, jsonAnswer, jsonBody, workspaceParams } from './shared.ts';

const tags = ['webhooks'];
const base = '/api/v1/workspaces/{workspaceId}/webhooks';
const answers = { 400: errorAnswers[400], 401: errorAnswers[401], 403: errorAnswers[403], 404: errorAnswers[404] };

const list = createRoute({ method: 'get', path: base, tags, summary: 'Webhook endpoints (owner)', request: { params: workspaceParams }, responses: { 200: jsonAnswer('Endpoints', webhookEndpointsResponseSchema), ...answers } });
const create = createRoute({ method: 'post', path: base, tags, summary: 'Add an endpoint; the answer carries its signing secret, shown only once (owner)', request: { params: workspaceParams, body: jsonBody(createWebhookBodySchema) }, responses: { 201: jsonAnswer('Created', createdWebhookSchema), ...answers } });
const patch = createRoute({ method: 'patch', path: `${base}/{webhookId}`, tags, summary: 'Change an endpoint’s URL, events, description, or pause it (owner)', request: { params: webhookParams, body: jsonBody(updateWebhookBodySchema) }, responses: { 200: jsonAnswer('Updated', webhookEndpointViewSchema), ...answers } });
const remove = createRoute({ method: 'delete', path: `${base}/{webhookId}`, tags, summary: 'Delete an endpoint and its delivery log (owner)', request: { params: webhookParams }, responses: { 200: jsonAnswer('Deleted', okSchema), ...answers } });
const deliveries = createRoute({ method: 'get', path: `${base}/{webhookId}/deliveries`, tags, summary: 'The last 50 deliveries: status, attempts, last error (owner)', request: { params: webhookParams }, responses: { 200: jsonAnswer('Deliveries', webhookDeliveriesResponseSchema), ...answers } });
const test = createRoute({ method: 'post', path: `${base}/{webhookId}/test`, tags, summary: 'Send a signed `webhook.test` event to the endpoint (owner)', request: { params: webhookParams }, responses: { 202: jsonAnswer('Queued or sent', testWebhookResponseSchema), ...answers } });

export const registerWebhookRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  const allowPrivateNetworks = deps.config.allowPrivateNetworks;
  api.openapi(list, async (c) => {
    requireRole(c, 'owner');
    return c.json({ items: (await listWebhookEndpoints(db, c.req.valid('param').workspaceId)).map(endpointView) }, 200);
  });
  api.openapi(create, async (c) => {
    requireRole(c, 'owner');
    const r = await createWebhookEndpoint(db, c.req.valid('param').workspaceId, c.req.valid('json'), { clock: deps.clock, allowPrivateNetworks });
    return c.json({ ...endpointView(r.endpoint), secret: r.secret }, 201);
  });
  api.openapi(patch, async (c) => {
    requireRole(c, 'owner');
    const { workspaceId, webhookId } = c.req.valid('param');
    return c.json(endpointView(await changeWebhookEndpoint(db, workspaceId, webhookId, c.req.valid('json'), { allowPrivateNetworks })), 200);
  });
  api.openapi(remove, async (c) => {
    requireRole(c, 'owner');
    const { workspaceId, webhookId } = c.req.valid('param');
    await removeWebhookEndpoint(db, workspaceId, webhookId);
    return c.json({ ok: true as const }, 200);
  });
  api.openapi(deliveries, async (c) => {
    requireRole(c, 'owner');
    const { workspaceId, webhookId } = c.req.valid('param');
    const locale = await requestLocale(c);
    return c.json({ items: (await listEndpointDeliveries(db, workspaceId, webhookId)).map((d) => deliveryView(d, locale)) }, 200);
  });
  api.openapi(test, async (c) => {
    requireRole(c, 'owner');
    const { workspaceId, webhookId } = c.req.valid('param');
    const id = await queueTestEvent(db, workspaceId, webhookId, deps.clock.now());
    const queued = await dispatchDeliveries(deps, [id]);
    const [d] = (await listEndpointDeliveries(db, workspaceId, webhookId, 50)).filter((x) => x.id === id);
    return c.json({ deliveryId: id, queued, delivery: d ? deliveryView(d, await requestLocale(c)) : null }, 202);
  });
};
