/**
 * Episode deduplication shared by the detectors: firing points are grouped into
 * one episode until `quiet` consecutive non-firing buckets pass, so a spike that
 * flickers on and off is one alert, not a storm.
 */
export interface Firing<T> {
  /** Bucket index in the series. */
  readonly index: number;
  readonly strength: number;
  readonly detail: T;
}

export interface Episode<T> {
  readonly first: number;
  readonly last: number;
  /** The strongest firing point (the earliest among equals). */
  readonly peak: Firing<T>;
  readonly points: number;
  /** True when fewer than `quiet` buckets have passed since the last firing point. */
  readonly ongoing: boolean;
}

/** `firings` in increasing index order; `length` is the series length. */
export const groupEpisodes = <T>(firings: readonly Firing<T>[], quiet: number, length: number): Episode<T>[] => {
  const out: Episode<T>[] = [];
  let cur: { first: number; last: number; peak: Firing<T>; points: number } | null = null;
  for (const f of firings) {
    if (cur && f.index - cur.last <= quiet) {
      cur.last = f.index;
      cur.points++;
      if (f.strength > cur.peak.strength) cur.peak = f;
    } else {
      if (cur) out.push({ ...cur, ongoing: false });
      cur = { first: f.index, last: f.index, peak: f, points: 1 };
    }
  }
  if (cur) out.push({ ...cur, ongoing: length - 1 - cur.last < quiet });
  return out;
};
