/**
 * Volume spike: a bucket far above its robust baseline. Baseline = median of the
 * history; spread = max(scaled MAD, √median, `minSpread`) — the √ term is the
 * Poisson noise floor, so a topic that is always at 2 a day does not alert on 5.
 * Fires when z = (x − median) / spread ≥ `z`, x ≥ `minMentions` and x ≥ `minRatio`·median;
 * critical when z ≥ `zCritical`.
 */
import type { Alert } from './alert.ts';
import { groupEpisodes, type Firing } from './episodes.ts';
import { median, scaledMad } from './robust.ts';
import { historyOf, type Series } from './series.ts';

export interface VolumeSpikeOptions {
  readonly window: number;
  readonly season: number;
  readonly minHistory: number;
  readonly z: number;
  readonly zCritical: number;
  readonly minMentions: number;
  readonly minRatio: number;
  readonly minSpread: number;
  /** Non-firing buckets that end an episode. */
  readonly quiet: number;
}

/** Defaults for day buckets; for hourly buckets pass `{ season: 24, window: 7 }`. */
export const defaultVolumeSpikeOptions: VolumeSpikeOptions = {
  window: 28,
  season: 0,
  minHistory: 7,
  z: 4,
  zCritical: 8,
  minMentions: 5,
  minRatio: 2,
  minSpread: 1,
  quiet: 2,
};

interface Detail {
  readonly mentions: number;
  readonly baseline: number;
}

export const detectVolumeSpikes = (series: Series, options: Partial<VolumeSpikeOptions> = {}): Alert[] => {
  const o = { ...defaultVolumeSpikeOptions, ...options };
  const values = series.points.map((p) => p.mentions);
  const firings: Firing<Detail>[] = [];
  for (let i = 0; i < values.length; i++) {
    const h = historyOf(values, i, o.window, o.season);
    if (h.length < o.minHistory) continue;
    const x = values[i] as number;
    const m = median(h);
    const spread = Math.max(scaledMad(h, m), Math.sqrt(m), o.minSpread);
    const z = (x - m) / spread;
    if (z >= o.z && x >= o.minMentions && x >= o.minRatio * m) firings.push({ index: i, strength: z, detail: { mentions: x, baseline: m } });
  }
  return groupEpisodes(firings, o.quiet, values.length).map((e) => {
    const start = series.points[e.first]?.start ?? 0;
    const peak = e.peak.detail;
    let total = 0;
    for (let i = e.first; i <= e.last; i++) total += values[i] ?? 0;
    return {
      kind: 'volume-spike',
      key: `volume-spike:${series.subject}:${start}`,
      severity: e.peak.strength >= o.zCritical ? 'critical' : 'warning',
      startedAt: start,
      endedAt: e.ongoing ? null : (series.points[e.last]?.start ?? start) + series.span,
      peakAt: series.points[e.peak.index]?.start ?? start,
      message: {
        key: 'alert.volume-spike',
        params: {
          subject: series.subject,
          peak: peak.mentions,
          baseline: Math.round(peak.baseline * 10) / 10,
          ratio: Math.round((peak.mentions / Math.max(peak.baseline, 1)) * 10) / 10,
          total,
          hours: Math.round(series.span / 3_600_000),
        },
      },
    };
  });
};
