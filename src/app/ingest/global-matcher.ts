import type { MatchablePost } from '../../analysis/query/ast.ts';
import { createMatcher } from '../../analysis/query/matcher.ts';
import { parseQuery } from '../../analysis/query/parse.ts';
import type { Db } from '../../storage/db.ts';
import { listQueryTexts, queryVersions } from '../../storage/queries.repo.ts';

/**
 * One compiled matcher for the listening queries of every workspace (DESIGN §5, ADR 0132):
 * a post is matched once against one index, whatever the number of workspaces, and the
 * result is split by workspace. Used by the ingest of a source (its workspace's share of
 * the result) and by consumers that hear posts for every workspace at once (a firehose).
 *
 * - **Lazy**: nothing is loaded until a workspace is synced (`syncWorkspace`) or all are
 *   (`syncAll`, required once before `matchAll`).
 * - **Incremental**: a workspace whose queries changed is reloaded alone, and only the
 *   queries whose text changed are removed from or added to the index.
 * - **Correct across processes**: each sync compares a version computed by the database
 *   from the committed rows (count and checksum of ids and texts, `queryVersions`) with the
 *   version of what was loaded; a query changed by the web process is seen by a worker at
 *   its next batch. `queriesChanged` is the in-process hook: it makes the next `syncAll`
 *   check at once instead of waiting for its interval.
 *
 * A query that no longer parses (saved by an older version of the language) is left out
 * rather than failing the whole ingest.
 */
export interface WorkspaceMatches {
  readonly workspaceId: string;
  /** Sorted (code-unit order), as `Matcher.match` sorts them. */
  readonly queryIds: string[];
}

export interface GlobalMatcherStats {
  readonly workspaces: number;
  readonly queries: number;
  /** Workspaces (re)loaded from the database since the matcher was created. */
  readonly reloads: number;
}

export interface GlobalMatcher {
  /** Brings one workspace up to date: one indexed version query, a reload only when it changed. */
  syncWorkspace(workspaceId: string): Promise<void>;
  /**
   * Brings every workspace up to date (the first call loads them all). Later calls check the
   * database at most once per `maxAgeMs` (default 1,000) unless `queriesChanged` was called.
   */
  syncAll(opts?: { readonly maxAgeMs?: number }): Promise<void>;
  /** The workspaces whose queries match `post`, each with its matching query ids. Needs `syncAll` first. */
  matchAll(post: MatchablePost): WorkspaceMatches[];
  /** The ids of `workspaceId`'s queries that match `post`. Needs `syncWorkspace(workspaceId)` (or `syncAll`) first. */
  matchWorkspace(workspaceId: string, post: MatchablePost): string[];
  /** The `author:` values of every loaded query (`Matcher.authorTerms`). */
  authorTerms(): string[];
  /** This process created, changed or deleted a query of `workspaceId`. */
  queriesChanged(workspaceId: string): void;
  stats(): GlobalMatcherStats;
}

interface Loaded {
  version: string;
  /** Query id → its text (indexed when it parses). */
  readonly texts: Map<string, string>;
}

interface Key {
  readonly workspaceId: string;
  readonly queryId: string;
}

// Query ids and workspace ids are UUIDs; the separator sorts before any of their characters, so
// the matcher's code-unit order groups a workspace's keys together in query id order.
const keyOf = (workspaceId: string, queryId: string): string => `${workspaceId}\u0000${queryId}`;

export const createGlobalMatcher = (db: Db, now: () => number = Date.now): GlobalMatcher => {
  const matcher = createMatcher();
  const keys = new Map<string, Key>();
  const loaded = new Map<string, Loaded>();
  const changed = new Set<string>();
  let allLoaded = false;
  let lastAllCheck = -Infinity;
  let reloads = 0;
  // Syncs run one at a time, so a slow reload never overwrites a newer one.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const run = queue.then(f, f);
    queue = run.catch(() => {});
    return run;
  };

  const put = (workspaceId: string, queryId: string, text: string): void => {
    const parsed = parseQuery(text);
    const key = keyOf(workspaceId, queryId);
    if (!parsed.ok) {
      matcher.remove(key);
      keys.delete(key);
      return;
    }
    matcher.add(key, parsed.ast);
    keys.set(key, { workspaceId, queryId });
  };
  const drop = (workspaceId: string, queryId: string): void => {
    const key = keyOf(workspaceId, queryId);
    matcher.remove(key);
    keys.delete(key);
  };

  /** Makes the index hold exactly `rows` for `workspaceId`, touching only the queries whose text differs. */
  const apply = (workspaceId: string, version: string, rows: ReadonlyArray<{ id: string; text: string }>): void => {
    reloads++;
    const before = loaded.get(workspaceId)?.texts;
    const texts = new Map<string, string>();
    for (const r of rows) {
      if (before?.get(r.id) !== r.text) put(workspaceId, r.id, r.text);
      texts.set(r.id, r.text);
    }
    if (before) for (const id of before.keys()) if (!texts.has(id)) drop(workspaceId, id);
    loaded.set(workspaceId, { version, texts });
  };

  const forget = (workspaceId: string): void => {
    const before = loaded.get(workspaceId);
    if (!before) return;
    for (const id of before.texts.keys()) drop(workspaceId, id);
    loaded.delete(workspaceId);
  };

  const reload = async (workspaceId: string, version: string): Promise<void> => {
    const rows = await listQueryTexts(db, workspaceId);
    apply(workspaceId, version, rows);
  };

  const syncWorkspace = (workspaceId: string): Promise<void> =>
    serial(async () => {
      const version = (await queryVersions(db, workspaceId)).get(workspaceId) ?? EMPTY;
      changed.delete(workspaceId);
      if (loaded.get(workspaceId)?.version === version) return;
      if (version === EMPTY) {
        forget(workspaceId);
        loaded.set(workspaceId, { version, texts: new Map() });
        return;
      }
      await reload(workspaceId, version);
    });

  const syncAll = (opts: { readonly maxAgeMs?: number } = {}): Promise<void> =>
    serial(async () => {
      const t = now();
      if (allLoaded && changed.size === 0 && t - lastAllCheck < (opts.maxAgeMs ?? 1000)) return;
      lastAllCheck = t;
      changed.clear();
      const versions = await queryVersions(db);
      if (!allLoaded) {
        // First load: every query in one read, grouped by workspace.
        const all = await listQueryTexts(db);
        const byWorkspace = new Map<string, Array<{ id: string; text: string }>>();
        for (const r of all) {
          let list = byWorkspace.get(r.workspaceId);
          if (!list) byWorkspace.set(r.workspaceId, (list = []));
          list.push(r);
        }
        for (const [ws, rows] of byWorkspace) if (loaded.get(ws)?.version !== versions.get(ws)) apply(ws, versions.get(ws) ?? STALE, rows);
        for (const ws of [...loaded.keys()]) if (!byWorkspace.has(ws)) forget(ws);
        allLoaded = true;
        return;
      }
      for (const [ws, version] of versions) if (loaded.get(ws)?.version !== version) await reload(ws, version);
      for (const ws of [...loaded.keys()]) if (!versions.has(ws)) forget(ws);
    });

  const matchAll = (post: MatchablePost): WorkspaceMatches[] => {
    if (!allLoaded) throw new Error('globalMatcher.matchAll needs syncAll() first');
    const hits = matcher.match(post);
    const out: WorkspaceMatches[] = [];
    let current: WorkspaceMatches | null = null;
    for (const h of hits) {
      const k = keys.get(h) as Key;
      if (!current || current.workspaceId !== k.workspaceId) out.push((current = { workspaceId: k.workspaceId, queryIds: [] }));
      current.queryIds.push(k.queryId);
    }
    return out;
  };

  const matchWorkspace = (workspaceId: string, post: MatchablePost): string[] => {
    if (!allLoaded && !loaded.has(workspaceId)) throw new Error(`globalMatcher.matchWorkspace needs syncWorkspace(${workspaceId}) first`);
    const out: string[] = [];
    for (const h of matcher.match(post)) {
      const k = keys.get(h) as Key;
      if (k.workspaceId === workspaceId) out.push(k.queryId);
    }
    return out;
  };

  return {
    syncWorkspace,
    syncAll,
    matchAll,
    matchWorkspace,
    authorTerms: () => matcher.authorTerms(),
    queriesChanged: (workspaceId) => {
      changed.add(workspaceId);
    },
    stats: () => ({ workspaces: [...loaded.values()].filter((l) => l.texts.size > 0).length, queries: keys.size, reloads }),
  };
};

// Versions of a workspace without queries, and of one loaded before its version was read.
const EMPTY = '0:0';
const STALE = '';

const byDb = new WeakMap<Db, GlobalMatcher>();
/** The process's global matcher over `db`, created on first use (one per database handle). */
export const globalMatcher = (db: Db): GlobalMatcher => {
  let m = byDb.get(db);
  if (!m) byDb.set(db, (m = createGlobalMatcher(db)));
  return m;
};

/** The in-process hook of the query editor: a query of `workspaceId` was created, changed or deleted. */
export const queriesChanged = (db: Db, workspaceId: string): void => {
  byDb.get(db)?.queriesChanged(workspaceId);
};
