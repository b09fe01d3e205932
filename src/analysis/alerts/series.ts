/** Per-bucket counts of one topic, oldest first, buckets of equal length (the rollups of the ingest). */
export interface SeriesPoint {
  /** Epoch ms of the bucket's start. */
  readonly start: number;
  readonly mentions: number;
  readonly negative: number;
}

export interface Series {
  /** Bucket length in ms. */
  readonly span: number;
  readonly points: readonly SeriesPoint[];
  /** Which workspace query (or `all`) the series counts; part of each alert's key. */
  readonly subject: string;
}

/**
 * The history a bucket is compared with: the `window` buckets just before it, or with
 * a `season` (24 for hourly buckets) the same phase in the `window` previous seasons,
 * so a quiet night does not make every morning a spike.
 */
export const historyOf = (values: readonly number[], i: number, window: number, season: number): number[] => {
  const out: number[] = [];
  if (season > 0) {
    for (let k = 1; k <= window && i - k * season >= 0; k++) out.push(values[i - k * season] as number);
  } else {
    for (let j = Math.max(0, i - window); j < i; j++) out.push(values[j] as number);
  }
  return out;
};
