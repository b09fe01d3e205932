/**
 * The reputation index (definition and reasons in docs/reputation-index.md):
 * the share of positive minus the share of negative mentions, shrunk towards a
 * neutral prior by `priorWeight` pseudo-mentions (a third each positive, neutral
 * and negative), scaled to 0–100 where 50 is neutral.
 *
 *   net   = (positive − negative) / (total + priorWeight)
 *   index = 50 + 50 · net
 *
 * With few mentions the index stays near 50 (one happy customer gives 54.5, not
 * 100); with many it tends to the raw balance. The uncertainty is the posterior
 * standard deviation of the net balance under the matching Dirichlet posterior.
 * Counts may be fractional (for example weighted by age).
 */
export interface SentimentCounts {
  readonly positive: number;
  readonly neutral: number;
  readonly negative: number;
}

export interface ReputationIndex {
  /** 0–100, 50 neutral. */
  readonly index: number;
  /** Half-width of the ~95 % interval, in index points. */
  readonly margin: number;
  readonly components: {
    readonly positive: number;
    readonly neutral: number;
    readonly negative: number;
    readonly total: number;
    /** Positive minus negative share without the prior, in [−1, 1] (0 with no mentions). */
    readonly rawNet: number;
    /** The prior's pull: total / (total + priorWeight); 0 = all prior, 1 = all data. */
    readonly evidenceWeight: number;
    readonly priorWeight: number;
  };
}

export const DEFAULT_PRIOR_WEIGHT = 10;

export const reputationIndex = (counts: SentimentCounts, priorWeight = DEFAULT_PRIOR_WEIGHT): ReputationIndex => {
  const pos = Math.max(0, counts.positive);
  const neu = Math.max(0, counts.neutral);
  const neg = Math.max(0, counts.negative);
  const k = Math.max(0, priorWeight);
  const total = pos + neu + neg;
  const a0 = total + k;
  if (a0 === 0) {
    return { index: 50, margin: 50, components: { positive: 0, neutral: 0, negative: 0, total: 0, rawNet: 0, evidenceWeight: 0, priorWeight: k } };
  }
  const p = (pos + k / 3) / a0;
  const n = (neg + k / 3) / a0;
  const net = p - n;
  // Var(p − n) under Dirichlet(α) with α0 = total + k.
  const variance = (p * (1 - p) + n * (1 - n) + 2 * p * n) / (a0 + 1);
  const index = 50 + 50 * net;
  return {
    index,
    margin: Math.min(50, 1.96 * 50 * Math.sqrt(variance)),
    components: {
      positive: pos,
      neutral: neu,
      negative: neg,
      total,
      rawNet: total > 0 ? (pos - neg) / total : 0,
      evidenceWeight: total / a0,
      priorWeight: k,
    },
  };
};

/** The index with its components in words, French or English: "62 ± 8 : 30 positives, 50 neutres, 20 négatives…". */
export const describeReputation = (r: ReputationIndex, locale: 'fr' | 'en'): string => {
  const c = r.components;
  const n = (x: number): string => Math.round(x).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB');
  const pct = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.round(Math.abs(x) * 100)}${locale === 'fr' ? ' %' : '%'}`;
  if (c.total === 0) return locale === 'fr' ? '50 : aucune mention sur la période, indice neutre.' : '50: no mentions in the period, neutral index.';
  return locale === 'fr'
    ? `${n(r.index)} ± ${n(r.margin)} : ${n(c.positive)} positives, ${n(c.neutral)} neutres, ${n(c.negative)} négatives (solde brut ${pct(c.rawNet)}), sur ${n(c.total)} mentions, ${n(c.evidenceWeight * 100)} % issus des données.`
    : `${n(r.index)} ± ${n(r.margin)}: ${n(c.positive)} positive, ${n(c.neutral)} neutral, ${n(c.negative)} negative (raw balance ${pct(c.rawNet)}), from ${n(c.total)} mentions, ${n(c.evidenceWeight * 100)}% from the data.`;
};
