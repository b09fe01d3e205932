import { and, asc, desc, eq, gte, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AlertEvidence, AlertStatus, StoredAlert, StoredAlertKind, StoredAlertSeverity } from '../core/alerting.ts';
import type { Db } from './db.ts';
import { alerts } from './schema.ts';

type Row = typeof alerts.$inferSelect;
const toAlert = (r: Row): StoredAlert => ({
  id: r.id,
  workspaceId: r.workspaceId,
  kind: r.kind,
  subject: r.subject,
  episodeKey: r.episodeKey,
  severity: r.severity,
  status: r.status,
  startedAt: r.startedAt,
  endedAt: r.endedAt,
  peakAt: r.peakAt,
  firstSeenAt: r.firstSeenAt,
  lastSeenAt: r.lastSeenAt,
  evidence: r.evidence as unknown as AlertEvidence,
  statusChangedAt: r.statusChangedAt,
});

export interface AlertWrite {
  readonly kind: StoredAlertKind;
  readonly subject: string;
  readonly episodeKey: string;
  readonly severity: StoredAlertSeverity;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly peakAt: Date;
  readonly evidence: AlertEvidence;
}

/** A new episode; null when its key is already stored (a concurrent evaluation won the race). */
export const insertAlert = async (db: Db, workspaceId: string, a: AlertWrite, now: Date): Promise<StoredAlert | null> => {
  const rows = await db
    .insert(alerts)
    .values({ workspaceId, ...a, evidence: a.evidence as unknown as Record<string, unknown>, firstSeenAt: now, lastSeenAt: now })
    .onConflictDoNothing({ target: [alerts.workspaceId, alerts.episodeKey] })
    .returning();
  return rows[0] ? toAlert(rows[0]) : null;
};

/**
 * The episode grew or ended: new evidence, severity (never lowered), end. The key and the
 * status are kept, so an acknowledged episode stays acknowledged while it goes on.
 */
export const updateAlertEpisode = async (
  db: Db,
  workspaceId: string,
  id: string,
  a: Pick<AlertWrite, 'severity' | 'endedAt' | 'peakAt' | 'evidence'>,
  now: Date,
): Promise<void> => {
  await db
    .update(alerts)
    .set({
      severity: sql`case when ${alerts.severity} = 'critical' or ${a.severity} = 'critical' then 'critical' when ${alerts.severity} = 'warning' or ${a.severity} = 'warning' then 'warning' else 'info' end`,
      endedAt: a.endedAt,
      peakAt: a.peakAt,
      evidence: a.evidence as unknown as Record<string, unknown>,
      lastSeenAt: now,
    })
    .where(and(eq(alerts.workspaceId, workspaceId), eq(alerts.id, id)));
};

/** Episodes seen again unchanged: only their `last_seen_at` moves, in one statement. */
export const touchAlerts = async (db: Db, workspaceId: string, ids: readonly string[], now: Date): Promise<void> => {
  if (ids.length === 0) return;
  await db
    .update(alerts)
    .set({ lastSeenAt: now })
    .where(and(eq(alerts.workspaceId, workspaceId), inArray(alerts.id, [...ids])));
};

/** Alerts whose episode may still be going on or ended after `since`: what a new evaluation can extend. */
export const listRecentAlerts = async (db: Db, workspaceId: string, since: Date): Promise<StoredAlert[]> => {
  const rows = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.workspaceId, workspaceId), or(sql`${alerts.endedAt} is null`, gte(alerts.endedAt, since)) as SQL))
    .orderBy(asc(alerts.startedAt));
  return rows.map(toAlert);
};

/** Open first, then acknowledged, then resolved; within each, ongoing before ended, the most severe first, the newest first. */
export const listAlerts = async (
  db: Db,
  workspaceId: string,
  o: { status?: AlertStatus | undefined; limit: number },
): Promise<StoredAlert[]> => {
  const where: SQL[] = [eq(alerts.workspaceId, workspaceId)];
  if (o.status) where.push(eq(alerts.status, o.status));
  const rows = await db
    .select()
    .from(alerts)
    .where(and(...where))
    .orderBy(
      sql`case ${alerts.status} when 'open' then 0 when 'acknowledged' then 1 else 2 end`,
      sql`${alerts.endedAt} is not null`,
      sql`case ${alerts.severity} when 'critical' then 0 when 'warning' then 1 else 2 end`,
      desc(alerts.startedAt),
      desc(alerts.id),
    )
    .limit(o.limit);
  return rows.map(toAlert);
};

export const findAlert = async (db: Db, workspaceId: string, id: string): Promise<StoredAlert | null> => {
  const [row] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.workspaceId, workspaceId), eq(alerts.id, id)));
  return row ? toAlert(row) : null;
};

export const setAlertStatus = async (
  db: Db,
  workspaceId: string,
  id: string,
  status: AlertStatus,
  by: string | null,
  now: Date,
): Promise<StoredAlert | null> => {
  const [row] = await db
    .update(alerts)
    .set({ status, statusChangedAt: now, statusChangedBy: by })
    .where(and(eq(alerts.workspaceId, workspaceId), eq(alerts.id, id)))
    .returning();
  return row ? toAlert(row) : null;
};

export const countOpenAlerts = async (db: Db, workspaceId: string): Promise<number> => {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(alerts)
    .where(and(eq(alerts.workspaceId, workspaceId), eq(alerts.status, 'open')));
  return row?.n ?? 0;
};
