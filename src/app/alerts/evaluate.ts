/**
 * The alert evaluation of one workspace (ADR 0160): read its recent counts and candidate
 * mentions, run the pure detectors of analysis/alerts, and store one row per episode.
 *
 * - Series are 24-hour buckets per listening query, `historyDays` of them (the detectors' 28-day
 *   baseline plus the days to judge), read from the measure rollups (ADR 0190): the last week's
 *   buckets end at the next full hour, summed from hourly rollups, so the last is "the last 24
 *   hours" and a burst that straddles midnight is not cut in two; older ones are UTC days (the
 *   daily rollups). Hour buckets would be all zeros for a shop with a few mentions a day. The
 *   buckets move by an hour from one hour to the next, so an episode's key moves too: the overlap
 *   match below keeps it one row.
 * - Idempotent and storm-proof: an episode is found again at every run with the same key and
 *   its row is updated; an episode whose key moved (late mentions, the window sliding past its
 *   first point) is matched to the stored alert of the same kind and subject it overlaps.
 * - Only episodes still going on or ended within `recentDays` are stored: evaluating a
 *   workspace that just imported a year of history must not raise last spring's alerts.
 */
import { detectNegativeSpikes } from '../../analysis/alerts/negative-spike.ts';
import { detectOverdueReplies, type AwaitingMention } from '../../analysis/alerts/reply-overdue.ts';
import { detectVolumeSpikes } from '../../analysis/alerts/volume-spike.ts';
import { detectWatchedAuthors } from '../../analysis/alerts/watched-author.ts';
import { renderAlert } from '../../analysis/alerts/messages.ts';
import type { Alert } from '../../analysis/alerts/alert.ts';
import type { AlertEvidence, StoredAlert } from '../../core/alerting.ts';
import type { ListeningQuery } from '../../core/listening-query.ts';
import type { Db } from '../../storage/db.ts';
import { alertSeriesBuckets, listAwaitingCandidates, listMentionsByAuthors, readQuerySeries } from '../../storage/alert-inputs.repo.ts';
import { insertAlert, listRecentAlerts, touchAlerts, updateAlertEpisode, type AlertWrite } from '../../storage/alerts.repo.ts';
import { listQueries } from '../../storage/queries.repo.ts';
import { getAlertSettings, listWatchedAuthors } from '../../storage/watch-list.repo.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface EvaluateOptions {
  readonly historyDays?: number;
  readonly recentDays?: number;
  /** How far back mentions are read for the watch list and for replies owed. */
  readonly mentionDays?: number;
}

export interface EvaluateReport {
  /** Episodes seen for the first time. */
  readonly opened: StoredAlert[];
  /** Episodes already stored and updated. */
  readonly updated: number;
}

/** Case-folded, without the leading `@`: how handles are compared everywhere in alerts. */
export const foldHandle = (h: string): string => h.trim().replace(/^@/, '').toLowerCase();

const evidenceOf = (a: Alert, params: Record<string, string | number>): AlertEvidence => {
  const shown: Alert = { ...a, message: { key: a.message.key, params } };
  return { key: a.message.key, params, text: { fr: renderAlert(shown, 'fr'), en: renderAlert(shown, 'en') } };
};

interface Detected {
  readonly alert: Alert;
  readonly subject: string;
  readonly evidence: AlertEvidence;
  /** How far apart two episodes of one subject may be and still be the same one. */
  readonly gapMs: number;
}

const overlaps = (d: Detected, s: StoredAlert, now: number): boolean => {
  if (s.kind !== d.alert.kind || s.subject !== d.subject) return false;
  const sEnd = s.endedAt?.getTime() ?? now;
  const dEnd = d.alert.endedAt ?? now;
  return d.alert.startedAt <= sEnd + d.gapMs && dEnd + d.gapMs >= s.startedAt.getTime();
};

const seriesAlerts = async (db: Db, workspaceId: string, queries: readonly ListeningQuery[], now: number, historyDays: number): Promise<Detected[]> => {
  // 24-hour buckets: the last week's end at the next full hour (the last one is "the last 24 hours"), older ones are UTC days.
  const buckets = alertSeriesBuckets(new Date(now), historyDays);
  const series = await readQuerySeries(db, workspaceId, { queryIds: queries.map((q) => q.id), buckets, now: new Date(now) });
  const out: Detected[] = [];
  for (const q of queries) {
    const points = series.get(q.id) ?? [];
    const s = { span: DAY, points, subject: q.id };
    for (const a of [...detectVolumeSpikes(s), ...detectNegativeSpikes(s)]) {
      out.push({ alert: a, subject: q.id, evidence: evidenceOf(a, { ...a.message.params, subject: q.name, queryId: q.id }), gapMs: 2 * DAY });
    }
  }
  return out;
};

const watchedAlerts = async (db: Db, workspaceId: string, brandIds: readonly string[], now: number, days: number): Promise<Detected[]> => {
  const watch = await listWatchedAuthors(db, workspaceId);
  if (watch.length === 0 || brandIds.length === 0) return [];
  const rows = await listMentionsByAuthors(db, workspaceId, {
    queryIds: brandIds,
    handles: watch.map((w) => foldHandle(w.handle)),
    since: new Date(now - days * DAY),
    until: new Date(now + 1),
  });
  // A handle is watched on its network: @claire on Mastodon is not claire on Bluesky.
  const alerts: Alert[] = [];
  for (const network of new Set(watch.map((w) => w.network))) {
    alerts.push(
      ...detectWatchedAuthors(
        rows.filter((r) => r.network === network).map((r) => ({ id: r.id, author: r.author, publishedAt: r.publishedAt, ...(r.url ? { url: r.url } : {}) })),
        watch.filter((w) => w.network === network).map((w) => ({ handle: w.handle, ...(w.role ? { role: w.role } : {}), priority: w.priority })),
        { now: new Date(now) },
      ),
    );
  }
  return alerts.map((a) => ({ alert: a, subject: a.key.split(':')[1] ?? '', evidence: evidenceOf(a, { ...a.message.params }), gapMs: 6 * HOUR }));
};

/** A mention needs an answer when it asks a question or names one of the brand's own accounts. */
const needsReply = (text: string, mentions: readonly string[], own: ReadonlySet<string>): boolean => {
  if (text.includes('?')) return true;
  return mentions.some((m) => {
    const f = foldHandle(m);
    return own.has(f) || [...own].some((o) => o.split('@')[0] === f);
  });
};

const overdueAlerts = async (db: Db, workspaceId: string, brandIds: readonly string[], now: number, days: number): Promise<Detected[]> => {
  const settings = await getAlertSettings(db, workspaceId);
  if (settings.ownHandles.length === 0 || brandIds.length === 0) return [];
  const own = new Set(settings.ownHandles.map(foldHandle));
  const rows = await listAwaitingCandidates(db, workspaceId, { queryIds: brandIds, ownHandles: [...own], since: new Date(now - days * DAY) });
  const awaiting: AwaitingMention[] = rows.map((r) => ({ id: r.id, publishedAt: r.publishedAt, needsReply: needsReply(r.text, r.mentions, own), answeredAt: r.answeredAt }));
  const alerts = detectOverdueReplies(awaiting, { now: new Date(now), targetMs: settings.replyTargetHours * HOUR });
  return alerts.map((a) => ({ alert: a, subject: 'inbox', evidence: evidenceOf(a, { ...a.message.params }), gapMs: 0 }));
};

const severityRank = { info: 0, warning: 1, critical: 2 } as const;

/** JSON with sorted keys: jsonb gives keys back in its own order. */
const canonical = (v: unknown): string =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? `{${Object.keys(v)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
        .join(',')}}`
    : JSON.stringify(v);

/** Nothing to write but the time it was seen: same evidence, end and peak, and no higher severity. */
const unchanged = (s: StoredAlert, w: AlertWrite): boolean =>
  (s.endedAt?.getTime() ?? null) === (w.endedAt?.getTime() ?? null) &&
  s.peakAt.getTime() === w.peakAt.getTime() &&
  severityRank[w.severity] <= severityRank[s.severity] &&
  canonical(s.evidence) === canonical(w.evidence);

export const evaluateWorkspaceAlerts = async (db: Db, workspaceId: string, nowDate: Date, o: EvaluateOptions = {}): Promise<EvaluateReport> => {
  const now = nowDate.getTime();
  const recentDays = o.recentDays ?? 7;
  const mentionDays = o.mentionDays ?? 14;
  const queries = await listQueries(db, workspaceId);
  const brandIds = queries.filter((q) => q.kind === 'brand').map((q) => q.id);
  const detected = [
    ...(await seriesAlerts(db, workspaceId, queries, now, o.historyDays ?? 35)),
    ...(await watchedAlerts(db, workspaceId, brandIds, now, mentionDays)),
    ...(await overdueAlerts(db, workspaceId, brandIds, now, mentionDays)),
  ].filter((d) => d.alert.endedAt === null || d.alert.endedAt >= now - recentDays * DAY);

  const stored = await listRecentAlerts(db, workspaceId, new Date(now - 60 * DAY));
  const opened: StoredAlert[] = [];
  const unchangedIds: string[] = [];
  let updated = 0;
  for (const d of detected) {
    const write: AlertWrite = {
      kind: d.alert.kind,
      subject: d.subject,
      episodeKey: d.alert.key,
      severity: d.alert.severity,
      startedAt: new Date(d.alert.startedAt),
      endedAt: d.alert.endedAt === null ? null : new Date(d.alert.endedAt),
      peakAt: new Date(d.alert.peakAt),
      evidence: d.evidence,
    };
    const same = stored.find((s) => s.episodeKey === d.alert.key) ?? stored.find((s) => overlaps(d, s, now));
    if (same) {
      if (unchanged(same, write)) unchangedIds.push(same.id);
      else await updateAlertEpisode(db, workspaceId, same.id, write, nowDate);
      updated++;
      continue;
    }
    const created = await insertAlert(db, workspaceId, write, nowDate);
    if (created) {
      opened.push(created);
      stored.push(created);
    } else updated++;
  }
  await touchAlerts(db, workspaceId, [...new Set(unchangedIds)], nowDate);
  return { opened, updated };
};
