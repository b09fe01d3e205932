/**
 * How often a feed says it may be polled: RSS `<ttl>` (minutes) and the syndication module's
 * `sy:updatePeriod` × `sy:updateFrequency` (RSS 1.0, also found in RSS 2.0 and Atom). Publishers
 * set these to spare their servers; relais waits at least that long, but never more than a day,
 * so that a feed that over-states its period still gets read daily.
 */
export const MAX_REFRESH_SECONDS = 86_400;

const periodSeconds: Readonly<Record<string, number>> = {
  hourly: 3_600,
  daily: 86_400,
  weekly: 604_800,
  monthly: 2_592_000,
  yearly: 31_536_000,
};

export interface RefreshHints {
  /** RSS `<ttl>`, in minutes. */
  readonly ttl?: number | undefined;
  readonly sy?: { readonly updatePeriod?: string | undefined; readonly updateFrequency?: number | undefined } | undefined;
}

/** Seconds to wait between two reads as the feed asks, capped at a day; undefined when it says nothing usable. */
export const refreshSeconds = (hints: RefreshHints): number | undefined => {
  const candidates: number[] = [];
  if (typeof hints.ttl === 'number' && Number.isFinite(hints.ttl) && hints.ttl > 0) candidates.push(hints.ttl * 60);
  const period = hints.sy?.updatePeriod?.trim().toLowerCase();
  if (period && periodSeconds[period] !== undefined) {
    const raw = hints.sy?.updateFrequency;
    // The module's default frequency is 1; a frequency below 1 is meaningless.
    const frequency = typeof raw === 'number' && Number.isFinite(raw) && raw >= 1 ? raw : 1;
    candidates.push(periodSeconds[period] / frequency);
  }
  if (candidates.length === 0) return undefined;
  return Math.min(MAX_REFRESH_SECONDS, Math.round(Math.max(...candidates)));
};
