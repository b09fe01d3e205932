/**
 * Trends of a workspace, of one query or of all its mentions: emerging terms and hashtags of
 * the recent window (chosen by the user) against the 28 days before it, with the who / what /
 * when / where of the window and, for each emerging term, who carried it and where
 * (analysis/trends, ADR 0070). Computed from stored mentions on request.
 */
import { findTrends } from '../analysis/trends/find-trends.ts';
import { renderExplanation } from '../analysis/trends/explain.ts';
import { summarizeTopic, type TopicSummary, type Ranked } from '../analysis/trends/summary.ts';
import { termsOf, type TrendMention } from '../analysis/trends/counts.ts';
import { fail } from '../core/errors.ts';
import { isUuid } from '../core/ids.ts';
import type { Db } from '../storage/db.ts';
import { listTrendMentions } from '../storage/alert-inputs.repo.ts';
import { findQuery } from '../storage/queries.repo.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const trendWindows = { '24h': DAY, '72h': 3 * DAY, '7d': 7 * DAY } as const;
export type TrendWindowName = keyof typeof trendWindows;
/** The most mentions read for one computation (window and baseline together), newest first. */
export const trendMentionCap = 50_000;

/** An author of the "who": shown by handle, with its DID when the firehose named it so (ADR 0240). */
export interface RankedAuthor extends Ranked {
  readonly did?: string;
}

export interface TrendItem {
  readonly term: string;
  readonly hashtag: boolean;
  readonly mentions: number;
  readonly authors: number;
  readonly baselinePerDay: number;
  readonly ratio: number;
  readonly score: number;
  readonly explanation: { readonly fr: string; readonly en: string };
  readonly who: readonly RankedAuthor[];
  readonly sites: readonly Ranked[];
}

export interface WorkspaceTrends {
  readonly queryId: string | null;
  readonly window: TrendWindowName;
  readonly from: Date;
  readonly to: Date;
  readonly baselineDays: number;
  readonly scanned: number;
  readonly truncated: boolean;
  readonly trends: readonly TrendItem[];
  readonly summary: TopicSummary & { readonly who: readonly RankedAuthor[] };
}

export const workspaceTrends = async (
  db: Db,
  workspaceId: string,
  o: { queryId?: string | undefined; window: TrendWindowName; now: Date },
): Promise<WorkspaceTrends> => {
  if (o.queryId !== undefined && (!isUuid(o.queryId) || !(await findQuery(db, workspaceId, o.queryId)))) {
    throw fail('query.not-found');
  }
  const recentMs = trendWindows[o.window];
  const baselineDays = 28;
  const to = o.now.getTime();
  const from = to - recentMs;
  const rows = await listTrendMentions(db, workspaceId, { queryId: o.queryId, from: new Date(from - baselineDays * DAY), to: new Date(to), limit: trendMentionCap });
  const mentions: TrendMention[] = rows.map((r) => ({
    id: r.id,
    text: r.text,
    author: r.author,
    network: r.network,
    ...(r.url ? { url: r.url } : {}),
    links: r.links,
    publishedAt: r.publishedAt,
    sentiment: r.sentiment,
  }));
  // Authors are counted as shown (ADR 0240): a DID and the same handle read by search are one person.
  const didOf = new Map<string, string>();
  for (const r of rows) if (r.authorDid) didOf.set(r.author, r.authorDid);
  const withDids = (who: readonly Ranked[]): RankedAuthor[] => who.map((w) => {
    const did = didOf.get(w.key);
    return did ? { ...w, did } : w;
  });
  // Terms once per mention: the detector, the summary and the per-term "who" all read them.
  const withTerms = mentions.map((m) => ({ ...m, terms: termsOf(m) }));
  const found = findTrends(withTerms, { now: o.now, recentMs, baselineMs: baselineDays * DAY }, { limit: 10 });
  const recent = withTerms.filter((m) => (m.publishedAt as Date).getTime() >= from);
  const trends = found.map((t): TrendItem => {
    const carriers = recent.filter((m) => m.terms.includes(t.term));
    const s = summarizeTopic(carriers, { from, to, top: 5 });
    return {
      term: t.term,
      hashtag: t.hashtag,
      mentions: t.recentMentions,
      authors: t.recentAuthors,
      baselinePerDay: Math.round(t.baselineMentionsPerDay * 10) / 10,
      ratio: Math.round(t.ratio * 10) / 10,
      score: Math.round(t.score * 10) / 10,
      explanation: { fr: renderExplanation(t.explanation, 'fr'), en: renderExplanation(t.explanation, 'en') },
      who: withDids(s.who),
      sites: s.where.sites,
    };
  });
  const summary = summarizeTopic(recent, { from, to, top: 8 });
  return {
    queryId: o.queryId ?? null,
    window: o.window,
    from: new Date(from),
    to: new Date(to),
    baselineDays,
    scanned: rows.length,
    truncated: rows.length >= trendMentionCap,
    trends,
    summary: { ...summary, who: withDids(summary.who) },
  };
};
