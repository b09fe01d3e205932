import { fail } from '../../core/errors.ts';
import type { MeasureGrain } from '../../core/api/measures.ts';
import { hourlyFrom } from '../../storage/rollups.repo.ts';

/** A range of buckets at one grain: `from` and `to` are bucket starts (UTC), both included. */
export interface MeasureRange {
  readonly grain: MeasureGrain;
  readonly from: Date;
  readonly to: Date;
}

const stepMs: Record<MeasureGrain, number> = { day: 86_400_000, hour: 3_600_000 };
/** Defaults: the last 30 days, or the last 7 days by the hour. */
const defaultBuckets: Record<MeasureGrain, number> = { day: 30, hour: 7 * 24 };
/** Two years of days; hours are kept for a week anyway. */
const maxBuckets: Record<MeasureGrain, number> = { day: 731, hour: 7 * 24 + 1 };

export const truncate = (d: Date, grain: MeasureGrain): Date => new Date(d.getTime() - (d.getTime() % stepMs[grain]));

/** The bucket starts of a range, oldest first. */
export const bucketsOf = (r: MeasureRange): Date[] => {
  const out: Date[] = [];
  for (let t = r.from.getTime(); t <= r.to.getTime(); t += stepMs[r.grain]) out.push(new Date(t));
  return out;
};

/** The range asked for (ISO dates, any time of day), checked against what the rollups keep. */
export const resolveRange = (q: { grain?: MeasureGrain | undefined; from?: string | undefined; to?: string | undefined }, now: Date): MeasureRange => {
  const grain = q.grain ?? 'day';
  const to = truncate(q.to ? new Date(q.to) : now, grain);
  const from = truncate(q.from ? new Date(q.from) : new Date(to.getTime() - (defaultBuckets[grain] - 1) * stepMs[grain]), grain);
  if (from.getTime() > to.getTime()) throw fail('measures.from-after-to');
  if ((to.getTime() - from.getTime()) / stepMs[grain] + 1 > maxBuckets[grain]) {
    throw grain === 'day' ? fail('measures.too-many-days', { max: maxBuckets.day }) : fail('measures.too-many-hours');
  }
  if (grain === 'hour' && from.getTime() < hourlyFrom(now).getTime()) {
    throw fail('measures.hours-kept');
  }
  return { grain, from, to };
};
