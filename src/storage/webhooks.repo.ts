import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEvent } from '../core/alerting.ts';
import { storedProblem, type StoredReason } from '../core/messages.ts';
import type { Db } from './db.ts';
import { webhookDeliveries, webhookEndpoints } from './schema.ts';

type EndpointRow = typeof webhookEndpoints.$inferSelect;
const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  workspaceId: r.workspaceId,
  url: r.url,
  description: r.description,
  events: r.events as WebhookEvent[],
  active: r.active,
  createdAt: r.createdAt,
});

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  workspaceId: r.workspaceId,
  endpointId: r.endpointId,
  event: r.event,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  lastStatusCode: r.lastStatusCode,
  lastError: r.lastError,
  lastErrorProblem: storedProblem(r.lastErrorProblem),
  lastAttemptAt: r.lastAttemptAt,
  deliveredAt: r.deliveredAt,
  createdAt: r.createdAt,
});

export const insertEndpoint = async (
  db: Db,
  workspaceId: string,
  e: { url: string; description: string; secret: string; events: readonly WebhookEvent[]; now: Date },
): Promise<WebhookEndpoint> => {
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ workspaceId, url: e.url, description: e.description, secret: e.secret, events: [...e.events], createdAt: e.now })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toEndpoint(row);
};

export const listEndpoints = async (db: Db, workspaceId: string): Promise<WebhookEndpoint[]> => {
  const rows = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, workspaceId)).orderBy(asc(webhookEndpoints.createdAt));
  return rows.map(toEndpoint);
};

export const findEndpoint = async (db: Db, workspaceId: string, id: string): Promise<WebhookEndpoint | null> => {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
  return row ? toEndpoint(row) : null;
};

/** The signing secret, read only by the delivery. */
export const findEndpointSecret = async (db: Db, workspaceId: string, id: string): Promise<{ endpoint: WebhookEndpoint; secret: string } | null> => {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
  return row ? { endpoint: toEndpoint(row), secret: row.secret } : null;
};

export const updateEndpoint = async (
  db: Db,
  workspaceId: string,
  id: string,
  patch: { url?: string | undefined; description?: string | undefined; events?: readonly WebhookEvent[] | undefined; active?: boolean | undefined },
): Promise<WebhookEndpoint | null> => {
  const set: Partial<Pick<EndpointRow, 'url' | 'description' | 'events' | 'active'>> = {};
  if (patch.url !== undefined) set.url = patch.url;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.events !== undefined) set.events = [...patch.events];
  if (patch.active !== undefined) set.active = patch.active;
  if (Object.keys(set).length === 0) return findEndpoint(db, workspaceId, id);
  const [row] = await db
    .update(webhookEndpoints)
    .set(set)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
    .returning();
  return row ? toEndpoint(row) : null;
};

export const deleteEndpoint = async (db: Db, workspaceId: string, id: string): Promise<boolean> => {
  const rows = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
};

/** Active endpoints subscribed to `event`. */
export const listSubscribedEndpoints = async (db: Db, workspaceId: string, event: WebhookEvent): Promise<WebhookEndpoint[]> => {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.workspaceId, workspaceId),
        eq(webhookEndpoints.active, true),
        sql`${webhookEndpoints.events} @> ${JSON.stringify([event])}::jsonb`,
      ),
    );
  return rows.map(toEndpoint);
};

export const insertDelivery = async (
  db: Db,
  workspaceId: string,
  d: { id: string; endpointId: string; event: WebhookEvent; body: string; now: Date },
): Promise<WebhookDelivery> => {
  const [row] = await db
    .insert(webhookDeliveries)
    .values({ id: d.id, workspaceId, endpointId: d.endpointId, event: d.event, body: d.body, createdAt: d.now })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toDelivery(row);
};

/** By id alone: the delivery job's payload is the id, and the row names its workspace. */
export const findDeliveryForJob = async (db: Db, id: string): Promise<WebhookDelivery | null> => {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row ? toDelivery(row) : null;
};

export const listDeliveries = async (db: Db, workspaceId: string, endpointId: string, limit: number): Promise<WebhookDelivery[]> => {
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.endpointId, endpointId)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  return rows.map(toDelivery);
};

/** One attempt's outcome, its error kept as English text and as a message key; attempts are counted in the database so a redelivered job cannot undercount. */
export const recordDeliveryAttempt = async (
  db: Db,
  workspaceId: string,
  id: string,
  outcome: { status: DeliveryStatus; statusCode: number | null; error: StoredReason | null; at: Date },
): Promise<WebhookDelivery | null> => {
  const [row] = await db
    .update(webhookDeliveries)
    .set({
      status: outcome.status,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatusCode: outcome.statusCode,
      // Text and key together, so that they never disagree (ADR 0250).
      lastError: outcome.error ? outcome.error.text.slice(0, 500) : null,
      lastErrorProblem: outcome.error?.problem ? { ...outcome.error.problem } : null,
      lastAttemptAt: outcome.at,
      ...(outcome.status === 'succeeded' ? { deliveredAt: outcome.at } : {}),
    })
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, id)))
    .returning();
  return row ? toDelivery(row) : null;
};
