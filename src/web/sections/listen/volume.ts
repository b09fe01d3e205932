/**
 * Mentions per day and sentiment over the last days, for the volume chart. Days are
 * local calendar days of the viewer. Pure: the current time comes in.
 */
import type { SentimentLabel } from '../../api/types.ts';

export type VolumeSeries = SentimentLabel | 'unknown';
export const VOLUME_SERIES: readonly VolumeSeries[] = ['positive', 'neutral', 'negative', 'unknown'];

export interface Volume {
  /** Local dates `YYYY-MM-DD`, oldest first, one per day, `days` of them ending today. */
  days: string[];
  counts: Record<VolumeSeries, number[]>;
  total: number;
}

const localDay = (t: Date): string =>
  `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;

/** The instant the window starts: local midnight `days - 1` days before `now`. */
export const windowStart = (now: Date, days: number): Date =>
  new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1));

export const countVolume = (
  mentions: readonly { publishedAt: string; sentiment: { label: SentimentLabel } | null }[],
  now: Date,
  days: number,
): Volume => {
  const start = windowStart(now, days);
  const dayList: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < days; i++) {
    const d = localDay(new Date(start.getFullYear(), start.getMonth(), start.getDate() + i));
    index.set(d, i);
    dayList.push(d);
  }
  const counts = Object.fromEntries(VOLUME_SERIES.map((s) => [s, new Array<number>(days).fill(0)])) as Record<VolumeSeries, number[]>;
  let total = 0;
  for (const m of mentions) {
    const t = new Date(m.publishedAt);
    if (Number.isNaN(t.getTime())) continue;
    const i = index.get(localDay(t));
    if (i === undefined) continue;
    const series = counts[m.sentiment?.label ?? 'unknown'];
    series[i] = (series[i] ?? 0) + 1;
    total++;
  }
  return { days: dayList, counts, total };
};
