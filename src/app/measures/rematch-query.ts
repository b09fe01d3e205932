import { createMatcher } from '../../analysis/query/matcher.ts';
import { parseQuery } from '../../analysis/query/parse.ts';
import type { Clock } from '../../core/clock.ts';
import { authorToMatch } from '../../core/mention.ts';
import type { Db } from '../../storage/db.ts';
import { forgetQueryMatches, readMatchPage, setQueryMatches } from '../../storage/query-matches.repo.ts';
import { findQuery } from '../../storage/queries.repo.ts';
import { dropQueryRollups, rebuildQueryRollups } from '../../storage/rollups.repo.ts';

export interface RematchReport {
  /** Mentions read. */
  readonly scanned: number;
  /** Mentions that now match the query and did not, or the reverse. */
  readonly changed: number;
  /** False when the query no longer exists (its matches and series were removed). */
  readonly exists: boolean;
}

export const rematchPageSize = 2000;

/**
 * After a query was created, changed or deleted: every stored mention of the workspace is
 * matched again against the query's current text (`matched_queries` gains or loses the query's
 * id), then the query's rollups are rebuilt from the mentions, so the dashboards tell the truth
 * about the past as well as about what comes next. Reads the query's current state, so running it
 * twice, or after a later change, leaves the same result (a job's at-least-once delivery).
 */
export const rematchQuery = async (
  db: Db,
  workspaceId: string,
  queryId: string,
  clock: Clock,
  o: { pageSize?: number; signal?: AbortSignal } = {},
): Promise<RematchReport> => {
  const query = await findQuery(db, workspaceId, queryId);
  const parsed = query ? parseQuery(query.text) : null;
  if (!query || !parsed?.ok) {
    // Deleted (or saved by an older language version and no longer parsing): it matches nothing.
    const changed = await forgetQueryMatches(db, workspaceId, queryId);
    if (query) await rebuildQueryRollups(db, workspaceId, queryId, clock.now());
    else await dropQueryRollups(db, workspaceId, queryId);
    return { scanned: 0, changed, exists: query !== null };
  }
  const matcher = createMatcher();
  matcher.add(query.id, parsed.ast);
  const pageSize = o.pageSize ?? rematchPageSize;
  let after: string | null = null;
  let scanned = 0;
  let changed = 0;
  for (;;) {
    o.signal?.throwIfAborted();
    const page = await readMatchPage(db, workspaceId, queryId, after, pageSize);
    if (page.length === 0) break;
    const add: string[] = [];
    const remove: string[] = [];
    for (const m of page) {
      // The same post fields as the ingest gives the matcher (store-drafts.ts).
      const hit = matcher.match({ text: m.title ? `${m.title}\n${m.text}` : m.text, lang: m.lang, source: m.network, ...authorToMatch(m.authorHandle, m.verifiedHandle), url: m.url }).length > 0;
      if (hit && !m.matched) add.push(m.id);
      else if (!hit && m.matched) remove.push(m.id);
    }
    changed += await setQueryMatches(db, workspaceId, queryId, add, remove);
    scanned += page.length;
    after = page[page.length - 1]?.id ?? null;
    if (page.length < pageSize) break;
  }
  await rebuildQueryRollups(db, workspaceId, queryId, clock.now());
  return { scanned, changed, exists: true };
};

/** Queue name and key of the re-match job; one queued and one running per query at most. */
export const queryRematchTaskName = 'query-rematch';
export const queryRematchKey = (queryId: string): string => `query-rematch:${queryId}`;

export type SendJob = (task: string, payload: object, opts?: { singletonKey?: string }) => Promise<string | null>;

/**
 * Asks for a re-match: through the job queue when the process has one, at once otherwise (tests,
 * scripts without a queue).
 */
export const requestQueryRematch = async (db: Db, workspaceId: string, queryId: string, clock: Clock, send?: SendJob): Promise<void> => {
  if (send) {
    await send(queryRematchTaskName, { workspaceId, queryId }, { singletonKey: queryRematchKey(queryId) });
    return;
  }
  await rematchQuery(db, workspaceId, queryId, clock);
};
