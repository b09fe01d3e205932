/**
 * Webhook endpoints of a workspace: create (the secret is generated here and returned once),
 * change, delete, list with their deliveries, and queue events for them.
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { Clock } from '../../core/clock.ts';
import type { StoredAlert, WebhookDelivery, WebhookEndpoint, WebhookEvent } from '../../core/alerting.ts';
import { alertViewOf } from '../../core/api/alerts.ts';
import { fail, type AppError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Db } from '../../storage/db.ts';
import { isPublicAddress } from '../../sources/http/address-guard.ts';
import {
  deleteEndpoint,
  findEndpoint,
  insertDelivery,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  listSubscribedEndpoints,
  updateEndpoint,
} from '../../storage/webhooks.repo.ts';
import { newSecret } from '../auth/secrets.ts';

const notFound = (): AppError => fail('webhook.not-found');

/**
 * http(s) only, no credentials in the URL, and no private or loopback host written as such unless the
 * operator allows private networks. Names are checked again at every delivery, after DNS (safe-fetch).
 */
export const checkEndpointUrl = (raw: string, allowPrivateNetworks: boolean): string => {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw fail('webhook.bad-url');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw fail('webhook.scheme');
  if (u.username || u.password) throw fail('webhook.credentials');
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const local = host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && !isPublicAddress(host));
  if (local && !allowPrivateNetworks) {
    throw fail('webhook.private-address', { host });
  }
  return u.toString();
};

export interface CreatedEndpoint {
  readonly endpoint: WebhookEndpoint;
  /** Shown once; relais keeps it to sign, and never shows it again. */
  readonly secret: string;
}

export const createWebhookEndpoint = async (
  db: Db,
  workspaceId: string,
  body: { url: string; description?: string | undefined; events: readonly WebhookEvent[] },
  o: { clock: Clock; allowPrivateNetworks: boolean },
): Promise<CreatedEndpoint> => {
  const url = checkEndpointUrl(body.url, o.allowPrivateNetworks);
  const secret = newSecret(32, 'whsec_');
  const endpoint = await insertEndpoint(db, workspaceId, { url, description: body.description ?? '', secret, events: body.events, now: o.clock.now() });
  return { endpoint, secret };
};

export const changeWebhookEndpoint = async (
  db: Db,
  workspaceId: string,
  id: string,
  body: { url?: string | undefined; description?: string | undefined; events?: readonly WebhookEvent[] | undefined; active?: boolean | undefined },
  o: { allowPrivateNetworks: boolean },
): Promise<WebhookEndpoint> => {
  if (!isUuid(id)) throw notFound();
  const url = body.url === undefined ? undefined : checkEndpointUrl(body.url, o.allowPrivateNetworks);
  const updated = await updateEndpoint(db, workspaceId, id, { ...body, url });
  if (!updated) throw notFound();
  return updated;
};

export const removeWebhookEndpoint = async (db: Db, workspaceId: string, id: string): Promise<void> => {
  if (!isUuid(id) || !(await deleteEndpoint(db, workspaceId, id))) throw notFound();
};

export const listWebhookEndpoints = (db: Db, workspaceId: string): Promise<WebhookEndpoint[]> => listEndpoints(db, workspaceId);

export const listEndpointDeliveries = async (db: Db, workspaceId: string, id: string, limit = 50): Promise<WebhookDelivery[]> => {
  if (!isUuid(id) || !(await findEndpoint(db, workspaceId, id))) throw notFound();
  return listDeliveries(db, workspaceId, id, limit);
};

/** The JSON every delivery of an event carries; fixed at queue time so retries send the same bytes. */
const bodyOf = (id: string, event: WebhookEvent, workspaceId: string, at: Date, data: unknown): string =>
  JSON.stringify({ id, type: event, createdAt: at.toISOString(), workspaceId, data });

const queue = async (db: Db, workspaceId: string, endpoints: readonly WebhookEndpoint[], event: WebhookEvent, data: unknown, now: Date): Promise<string[]> => {
  const ids: string[] = [];
  for (const e of endpoints) {
    const id = randomUUID();
    await insertDelivery(db, workspaceId, { id, endpointId: e.id, event, body: bodyOf(id, event, workspaceId, now, data), now });
    ids.push(id);
  }
  return ids;
};

/** Deliveries of an alert event to every active endpoint subscribed to it; returns their ids, for the queue. */
export const queueAlertEvent = async (db: Db, workspaceId: string, event: Exclude<WebhookEvent, 'webhook.test'>, alert: StoredAlert, now: Date): Promise<string[]> => {
  const endpoints = await listSubscribedEndpoints(db, workspaceId, event);
  return queue(db, workspaceId, endpoints, event, { alert: alertViewOf(alert) }, now);
};

/** A test event to one endpoint, whatever its subscriptions (and even when paused). */
export const queueTestEvent = async (db: Db, workspaceId: string, id: string, now: Date): Promise<string> => {
  if (!isUuid(id)) throw notFound();
  const endpoint = await findEndpoint(db, workspaceId, id);
  if (!endpoint) throw notFound();
  const [deliveryId] = await queue(db, workspaceId, [endpoint], 'webhook.test', { message: 'relais test event: your endpoint receives and can verify relais webhooks.' }, now);
  return deliveryId as string;
};
