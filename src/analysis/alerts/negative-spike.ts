/**
 * Negative-share spike: a bucket where the share of negative mentions is well
 * above the topic's usual share. The usual share is the history's pooled share,
 * shrunk towards `priorShare` with `priorWeight` pseudo-mentions so a short or
 * quiet history does not set it to 0. Fires when the bucket has at least
 * `minMentions` mentions and `minNegative` negative ones (1 of 2 is not a spike),
 * its share exceeds the usual share by `minLift`, and the exact binomial tail
 * P(X ≥ neg | n, p) is at most `pValue` (critical at `pValueCritical`). The exact
 * tail rather than a normal z: with a usual share near 10 % the normal
 * approximation fired on 7 negatives of 22 about once in two months.
 */
import type { Alert } from './alert.ts';
import { groupEpisodes, type Firing } from './episodes.ts';
import { historyOf, type Series } from './series.ts';

export interface NegativeSpikeOptions {
  readonly window: number;
  readonly season: number;
  readonly minMentions: number;
  readonly minNegative: number;
  readonly minLift: number;
  readonly pValue: number;
  readonly pValueCritical: number;
  readonly priorShare: number;
  readonly priorWeight: number;
  readonly quiet: number;
}

export const defaultNegativeSpikeOptions: NegativeSpikeOptions = {
  window: 28,
  season: 0,
  minMentions: 8,
  minNegative: 4,
  minLift: 0.15,
  pValue: 1e-3,
  pValueCritical: 1e-8,
  priorShare: 0.15,
  priorWeight: 20,
  quiet: 2,
};

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space from k up (terms shrink fast above the mean). */
export const binomialTail = (k: number, n: number, p: number): number => {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let logC = 0;
  for (let i = 1; i <= k; i++) logC += Math.log(n - k + i) - Math.log(i);
  let term = Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p));
  let sum = 0;
  for (let j = k; j <= n; j++) {
    sum += term;
    if (term < sum * 1e-15) break;
    term *= ((n - j) / (j + 1)) * (p / (1 - p));
  }
  return Math.min(1, sum);
};

interface Detail {
  readonly mentions: number;
  readonly negative: number;
  readonly usual: number;
}

export const detectNegativeSpikes = (series: Series, options: Partial<NegativeSpikeOptions> = {}): Alert[] => {
  const o = { ...defaultNegativeSpikeOptions, ...options };
  const n = series.points.map((p) => p.mentions);
  const neg = series.points.map((p) => p.negative);
  const firings: Firing<Detail>[] = [];
  for (let i = 0; i < n.length; i++) {
    const x = n[i] as number;
    const k = neg[i] as number;
    if (x < o.minMentions || k < o.minNegative) continue;
    const hn = historyOf(n, i, o.window, o.season).reduce((a, b) => a + b, 0);
    const hk = historyOf(neg, i, o.window, o.season).reduce((a, b) => a + b, 0);
    const p = (hk + o.priorShare * o.priorWeight) / (hn + o.priorWeight);
    const share = k / x;
    if (share < p + o.minLift) continue;
    const tail = binomialTail(k, x, p);
    if (tail <= o.pValue) firings.push({ index: i, strength: -Math.log10(Math.max(tail, 1e-300)), detail: { mentions: x, negative: k, usual: p } });
  }
  return groupEpisodes(firings, o.quiet, n.length).map((e) => {
    const start = series.points[e.first]?.start ?? 0;
    const d = e.peak.detail;
    return {
      kind: 'negative-spike',
      key: `negative-spike:${series.subject}:${start}`,
      severity: e.peak.strength >= -Math.log10(o.pValueCritical) ? 'critical' : 'warning',
      startedAt: start,
      endedAt: e.ongoing ? null : (series.points[e.last]?.start ?? start) + series.span,
      peakAt: series.points[e.peak.index]?.start ?? start,
      message: {
        key: 'alert.negative-spike',
        params: {
          subject: series.subject,
          negative: d.negative,
          mentions: d.mentions,
          share: Math.round((d.negative / d.mentions) * 100),
          usual: Math.round(d.usual * 100),
        },
      },
    };
  });
};
