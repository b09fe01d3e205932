/**
 * Alert use cases: evaluate a workspace and queue the webhook deliveries of the episodes it
 * opened; list alerts; acknowledge or resolve one (and tell the webhooks); the watch list and
 * the alert settings.
 */
import type { AlertSettings, AlertStatus, StoredAlert, WatchedAuthorEntry, WatchPriority } from '../../core/alerting.ts';
import { fail, type AppError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Network } from '../../core/mention.ts';
import { countOpenAlerts, findAlert, listAlerts, setAlertStatus } from '../../storage/alerts.repo.ts';
import type { Db } from '../../storage/db.ts';
import { listWorkspacesWithQueries } from '../../storage/alert-inputs.repo.ts';
import {
  deleteWatchedAuthor,
  getAlertSettings,
  insertWatchedAuthor,
  listWatchedAuthors,
  saveAlertSettings,
  updateWatchedAuthor,
} from '../../storage/watch-list.repo.ts';
import { queueAlertEvent } from '../webhooks/endpoints.ts';
import { evaluateWorkspaceAlerts, type EvaluateOptions } from './evaluate.ts';

export interface AlertRun {
  readonly opened: number;
  readonly updated: number;
  /** Webhook deliveries queued in the database; the caller enqueues a job for each. */
  readonly deliveries: string[];
}

export const runAlertEvaluation = async (db: Db, workspaceId: string, now: Date, o: EvaluateOptions = {}): Promise<AlertRun> => {
  const report = await evaluateWorkspaceAlerts(db, workspaceId, now, o);
  const deliveries: string[] = [];
  for (const alert of report.opened) deliveries.push(...(await queueAlertEvent(db, workspaceId, 'alert.opened', alert, now)));
  return { opened: report.opened.length, updated: report.updated, deliveries };
};

/** Workspaces the scheduler evaluates: those with at least one listening query. */
export const workspacesToEvaluate = (db: Db): Promise<string[]> => listWorkspacesWithQueries(db);

export const listWorkspaceAlerts = async (
  db: Db,
  workspaceId: string,
  o: { status?: AlertStatus | undefined; limit?: number | undefined },
): Promise<{ items: StoredAlert[]; open: number }> => ({
  items: await listAlerts(db, workspaceId, { status: o.status, limit: o.limit ?? 50 }),
  open: await countOpenAlerts(db, workspaceId),
});

const alertNotFound = (): AppError => fail('alert.not-found');

export const changeAlertStatus = async (
  db: Db,
  workspaceId: string,
  id: string,
  status: AlertStatus,
  by: string | null,
  now: Date,
): Promise<{ alert: StoredAlert; deliveries: string[] }> => {
  if (!isUuid(id)) throw alertNotFound();
  const before = await findAlert(db, workspaceId, id);
  if (!before) throw alertNotFound();
  if (before.status === status) return { alert: before, deliveries: [] };
  const alert = await setAlertStatus(db, workspaceId, id, status, by, now);
  if (!alert) throw alertNotFound();
  const event = status === 'acknowledged' ? 'alert.acknowledged' : status === 'resolved' ? 'alert.resolved' : null;
  const deliveries = event ? await queueAlertEvent(db, workspaceId, event, alert, now) : [];
  return { alert, deliveries };
};

// --- watch list and settings ---------------------------------------------------------------

const watchedNotFound = (): AppError => fail('watched.not-found');

export const addWatchedAuthor = async (
  db: Db,
  workspaceId: string,
  body: { network: Network; handle: string; role?: string | undefined; priority?: WatchPriority | undefined },
  now: Date,
): Promise<WatchedAuthorEntry> => {
  const handle = body.handle.trim();
  const created = await insertWatchedAuthor(db, workspaceId, { network: body.network, handle, role: body.role ?? '', priority: body.priority ?? 'normal' }, now);
  if (!created) throw fail('watched.exists', { handle });
  return created;
};

export const listWatchList = (db: Db, workspaceId: string): Promise<WatchedAuthorEntry[]> => listWatchedAuthors(db, workspaceId);

export const changeWatchedAuthor = async (
  db: Db,
  workspaceId: string,
  id: string,
  body: { role?: string | undefined; priority?: WatchPriority | undefined },
): Promise<WatchedAuthorEntry> => {
  if (!isUuid(id)) throw watchedNotFound();
  const updated = await updateWatchedAuthor(db, workspaceId, id, body);
  if (!updated) throw watchedNotFound();
  return updated;
};

export const removeWatchedAuthor = async (db: Db, workspaceId: string, id: string): Promise<void> => {
  if (!isUuid(id) || !(await deleteWatchedAuthor(db, workspaceId, id))) throw watchedNotFound();
};

export const readAlertSettings = (db: Db, workspaceId: string): Promise<AlertSettings> => getAlertSettings(db, workspaceId);

export const changeAlertSettings = async (db: Db, workspaceId: string, s: AlertSettings, now: Date): Promise<AlertSettings> => {
  const ownHandles = [...new Set(s.ownHandles.map((h) => h.trim()).filter((h) => h.length > 0))];
  return saveAlertSettings(db, workspaceId, { replyTargetHours: s.replyTargetHours, ownHandles }, now);
};
