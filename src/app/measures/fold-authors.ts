import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../storage/db.ts';
import { lastClosedDay, refreshAuthorLastDays, seriesToFold } from '../../storage/measures.repo.ts';

export const foldAuthorsTaskName = 'measures-fold-authors';
/** One queued and one running fold per workspace. */
export const foldAuthorsKey = (workspaceId: string): string => `measures-fold-authors:${workspaceId}`;

export interface FoldReport {
  /** Series whose cache was behind. */
  readonly series: number;
  /** Months folded into the cache, over those series. */
  readonly months: number;
}

/** The workspaces with at least one series whose cache of authors' last days is behind yesterday. */
export const workspacesToFold = async (db: Db, clock: Clock): Promise<string[]> => [
  ...new Set((await seriesToFold(db, lastClosedDay(clock.now()))).map((s) => s.workspaceId)),
];

/**
 * Brings the cache of the authors' last days (ADR 0190) of every series of a workspace up to
 * yesterday (UTC), series by series, each in its own transaction under the workspace's rollup lock.
 * The dashboard's reads never fold (ADR 0310): they stay exact without it, and get faster once it
 * has run. Idempotent: a second run finds nothing behind.
 */
export const foldAuthorLastDays = async (db: Db, workspaceId: string, clock: Clock, o: { signal?: AbortSignal } = {}): Promise<FoldReport> => {
  const through = lastClosedDay(clock.now());
  let series = 0;
  let months = 0;
  for (const s of await seriesToFold(db, through, workspaceId)) {
    o.signal?.throwIfAborted();
    const n = await refreshAuthorLastDays(db, workspaceId, s.seriesId, through);
    if (n > 0) series++;
    months += n;
  }
  return { series, months };
};
