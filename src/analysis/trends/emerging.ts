/**
 * Emerging terms: a term is emerging when the number of distinct people using it
 * in the recent window is far above what its baseline rate predicts.
 *
 * - Count: distinct authors in the recent window, not mentions, so one account
 *   posting forty times counts once; a term where one author wrote more than
 *   `maxAuthorShare` of the mentions is reported as `concentrated` and left out
 *   unless `keepConcentrated` (a single-author burst is spam or a monologue, not
 *   a trend; the product shows it only on demand).
 * - Baseline: distinct authors per day over the baseline buckets (day buckets
 *   expected: finer buckets count a returning author once per bucket, which only
 *   makes the baseline higher and detection more conservative), with an additive
 *   pseudo-count `smoothing` so a term never seen before still has a small rate.
 * - Score: the Poisson log-likelihood ratio of the observed count `x` against the
 *   expected count `e`, `x·ln(x/e) − (x − e)` (half the G² statistic). It grows
 *   with both the size and the surprise of a rise, so a term going 0 → 5 and one
 *   going 20 → 80 both rank, while a term at its usual rate scores near 0.
 * - Volume: when the whole topic is louder than its baseline (a wave brings its
 *   own posts, full of ordinary words), every expectation is scaled by the ratio
 *   of recent to baseline volume, so ordinary words riding the wave do not look
 *   emerging; never scaled down, so a quiet day does not lower the bar.
 * - Week: a term said every Saturday is not emerging on a Saturday. With two weeks
 *   or more of baseline and a recent window of a day at most, the expectation is the
 *   larger of the overall rate and the rate on the buckets a whole number of weeks
 *   before the window.
 * - Gates: at least `minAuthors` people, `x / e ≥ minRatio`, score ≥ `minScore`.
 */
import { DAY_MS, WEEK_MS, mergeBuckets, type TermBucket, type WindowCounts } from './counts.ts';

export interface EmergingOptions {
  readonly minAuthors: number;
  readonly minRatio: number;
  readonly minScore: number;
  /** Pseudo-count of author-days added to every term's baseline. */
  readonly smoothing: number;
  readonly maxAuthorShare: number;
  readonly keepConcentrated: boolean;
  /** Also expect the term at its rate on the same weekday (needs ≥ 2 weeks of day buckets). */
  readonly weekly: boolean;
  /** Scale expectations up when the whole topic is louder than usual (never down). */
  readonly volumeAdjust: boolean;
  readonly limit: number;
}

export const defaultEmergingOptions: EmergingOptions = {
  minAuthors: 5,
  minRatio: 3,
  minScore: 10,
  smoothing: 0.5,
  maxAuthorShare: 0.5,
  keepConcentrated: false,
  weekly: true,
  volumeAdjust: true,
  limit: 20,
};

export interface EmergingTerm {
  readonly term: string;
  readonly hashtag: boolean;
  readonly recentMentions: number;
  readonly recentAuthors: number;
  /** Baseline distinct authors per day (author-days / days). */
  readonly baselineAuthorsPerDay: number;
  /** Baseline mentions per day, for the explanation. */
  readonly baselineMentionsPerDay: number;
  /** Expected distinct authors in the recent window from the smoothed baseline. */
  readonly expected: number;
  readonly ratio: number;
  readonly score: number;
  /** Share of the recent mentions written by the most active author. */
  readonly topAuthorShare: number;
  readonly concentrated: boolean;
}

/** Poisson log-likelihood ratio of `x` observed against `e` expected; 0 when `x ≤ e`. */
export const poissonSurprise = (x: number, e: number): number => (x <= e || e <= 0 ? 0 : x * Math.log(x / e) - (x - e));

export interface EmergingInput {
  readonly recent: WindowCounts;
  readonly baseline: readonly TermBucket[];
}

export const detectEmerging = (input: EmergingInput, options: Partial<EmergingOptions> = {}): EmergingTerm[] => {
  const o = { ...defaultEmergingOptions, ...options };
  const recentDays = (input.recent.to - input.recent.from) / DAY_MS;
  let baseMs = 0;
  for (const b of input.baseline) baseMs += b.span;
  const baseDays = baseMs / DAY_MS;
  if (!(recentDays > 0)) return [];
  const base = mergeBuckets(input.baseline);
  let baseVolume = 0;
  for (const b of input.baseline) baseVolume += b.mentions;
  const sameWeekday = input.baseline.filter((b) => {
    const lag = (((input.recent.from - b.start) % WEEK_MS) + WEEK_MS) % WEEK_MS;
    return lag < b.span && b.span <= DAY_MS;
  });
  const weekly = o.weekly && baseDays >= 14 && recentDays <= 1 && sameWeekday.length >= 2 ? mergeBuckets(sameWeekday) : null;
  const volumeFactor =
    o.volumeAdjust && baseDays > 0 && baseVolume > 0 ? Math.max(1, input.recent.mentions / ((baseVolume / baseDays) * recentDays)) : 1;
  const out: EmergingTerm[] = [];
  for (const [term, t] of input.recent.terms) {
    if (t.authors < o.minAuthors) continue;
    const b = base.get(term);
    // No baseline at all (a brand-new workspace): every term is new; the smoothing alone sets the rate per day.
    const perDay = ((b?.authors ?? 0) + o.smoothing) / Math.max(baseDays, 1);
    const weekdayRate = weekly ? ((weekly.get(term)?.authors ?? 0) + o.smoothing) / sameWeekday.length : 0;
    const expected = Math.max(perDay, weekdayRate) * recentDays * volumeFactor;
    const x = t.authors;
    const ratio = x / expected;
    if (ratio < o.minRatio) continue;
    const score = poissonSurprise(x, expected);
    if (score < o.minScore) continue;
    const topAuthorShare = t.mentions > 0 ? t.topAuthorMentions / t.mentions : 0;
    const concentrated = topAuthorShare > o.maxAuthorShare;
    if (concentrated && !o.keepConcentrated) continue;
    out.push({
      term,
      hashtag: term.startsWith('#'),
      recentMentions: t.mentions,
      recentAuthors: t.authors,
      baselineAuthorsPerDay: baseDays > 0 ? (b?.authors ?? 0) / baseDays : 0,
      baselineMentionsPerDay: baseDays > 0 ? (b?.mentions ?? 0) / baseDays : 0,
      expected,
      ratio,
      score,
      topAuthorShare,
      concentrated,
    });
  }
  out.sort((p, q) => q.score - p.score || (p.term < q.term ? -1 : p.term > q.term ? 1 : 0));
  return out.slice(0, o.limit);
};
