import type { Clock } from '../../core/clock.ts';
import { createPoliteness } from '../../sources/http/politeness.ts';
import { createSafeFetch, type Fetcher } from '../../sources/http/safe-fetch.ts';

/**
 * The process's fetcher for ingest: one per process and setting, so that per-host politeness
 * (at least `minDelayMs` between two requests to one host) holds across all jobs.
 */
const fetchers = new Map<string, Fetcher>();

export const ingestFetcher = (opts: { allowPrivateNetworks: boolean; clock: Clock; minDelayMs?: number }): Fetcher => {
  const key = `${opts.allowPrivateNetworks}:${opts.minDelayMs ?? 1000}`;
  let f = fetchers.get(key);
  if (!f) {
    f = createSafeFetch({
      allowPrivateNetworks: opts.allowPrivateNetworks,
      politeness: createPoliteness(opts.minDelayMs ?? 1000, opts.clock),
      clock: opts.clock,
    });
    fetchers.set(key, f);
  }
  return f;
};
