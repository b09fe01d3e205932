import type { Clock } from '../../core/clock.ts';
import { createSafeFetch, type Fetcher } from '../../sources/http/safe-fetch.ts';

/** Receivers must answer quickly and briefly: 10 s, 64 KiB. One fetcher per process and setting. */
const fetchers = new Map<boolean, Fetcher>();

export const webhookFetcher = (opts: { allowPrivateNetworks: boolean; clock: Clock }): Fetcher => {
  let f = fetchers.get(opts.allowPrivateNetworks);
  if (!f) {
    f = createSafeFetch({ allowPrivateNetworks: opts.allowPrivateNetworks, timeoutMs: 10_000, maxBytes: 64 * 1024, clock: opts.clock });
    fetchers.set(opts.allowPrivateNetworks, f);
  }
  return f;
};
