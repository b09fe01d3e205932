import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../storage/db.ts';
import { leaseSource, listDueSources } from '../../storage/source-fetch.repo.ts';
import { fetchableKinds } from './connectors.ts';

/**
 * The scheduler's tick (every minute): enqueue the sources that are due, at most `limit`.
 * - one job per source at a time: the job's singleton key is the source id, and the source is
 *   leased (its next fetch pushed to now + interval) so the next tick does not pick it again;
 *   the fetch itself then sets the real next time (interval, backoff or Retry-After);
 * - politeness per host: sources on the same host start `perHostSpacingSeconds` apart.
 * A tick that dies after the lease and before the enqueue delays that source by one interval:
 * it is late, never lost, and never fetched twice at once.
 */
export type EnqueueFetch = (sourceId: string, opts: { startAfterSeconds: number; singletonKey: string }) => Promise<unknown>;

export interface ScheduleOptions {
  readonly limit?: number;
  readonly perHostSpacingSeconds?: number;
}

const hostOf = (url: string | null): string => {
  try {
    return url ? new URL(url).host.toLowerCase() : '';
  } catch {
    return '';
  }
};

export const sourceFetchKey = (sourceId: string): string => `source-fetch:${sourceId}`;

/**
 * Names reserved by RFC 6761 never resolve: a fetch (or a stream) could only fail. The demo's
 * sources use them, so they keep the health the demo gave them instead of piling up DNS errors.
 */
export const unresolvable = (host: string): boolean => /(^|\.)(example|invalid)$/.test(host.replace(/:\d+$/, ''));

export const scheduleDueSources = async (db: Db, clock: Clock, enqueue: EnqueueFetch, opts: ScheduleOptions = {}): Promise<number> => {
  const now = clock.now();
  const spacing = opts.perHostSpacingSeconds ?? 2;
  const due = await listDueSources(db, fetchableKinds, now, opts.limit ?? 500);
  const perHost = new Map<string, number>();
  let enqueued = 0;
  for (const s of due) {
    const host = hostOf(s.url);
    if (host && unresolvable(host)) {
      await leaseSource(db, s.id, new Date(now.getTime() + s.fetchIntervalSeconds * 1000));
      continue;
    }
    const n = host ? (perHost.get(host) ?? 0) : 0;
    if (host) perHost.set(host, n + 1);
    await leaseSource(db, s.id, new Date(now.getTime() + s.fetchIntervalSeconds * 1000));
    await enqueue(s.id, { startAfterSeconds: n * spacing, singletonKey: sourceFetchKey(s.id) });
    enqueued++;
  }
  return enqueued;
};
