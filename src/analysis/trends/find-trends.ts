/**
 * Trends of one topic from its mentions: the recent window ending at `now`
 * (from the injected clock) against the baseline days before it.
 * The ingest can instead keep day buckets in rollups and call `detectEmerging`.
 */
import { countBuckets, countWindow, DAY_MS, HOUR_MS, type TrendMention } from './counts.ts';
import { detectEmerging, type EmergingOptions, type EmergingTerm } from './emerging.ts';
import { explainEmerging, type TrendExplanation } from './explain.ts';

export interface TrendWindow {
  readonly now: Date;
  /** Length of the recent window; default 24 h. */
  readonly recentMs?: number;
  /** Length of the baseline just before it; default 28 days. */
  readonly baselineMs?: number;
}

export interface Trend extends EmergingTerm {
  readonly explanation: TrendExplanation;
}

export const findTrends = (mentions: readonly TrendMention[], window: TrendWindow, options: Partial<EmergingOptions> = {}): Trend[] => {
  const to = window.now.getTime();
  const recentMs = window.recentMs ?? DAY_MS;
  const baselineMs = window.baselineMs ?? 28 * DAY_MS;
  const from = to - recentMs;
  const recent = countWindow(mentions, from, to);
  const baseline = countBuckets(mentions, from - baselineMs, from, DAY_MS);
  const hours = Math.round(recentMs / HOUR_MS);
  return detectEmerging({ recent, baseline }, options).map((t) => ({ ...t, explanation: explainEmerging(t, hours) }));
};
