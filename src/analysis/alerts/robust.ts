/** Robust location and spread for baselines: a single past spike does not move them. */
export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Median absolute deviation scaled by 1.4826, so it estimates σ for normal data. */
export const scaledMad = (xs: readonly number[], center = median(xs)): number => 1.4826 * median(xs.map((x) => Math.abs(x - center)));
