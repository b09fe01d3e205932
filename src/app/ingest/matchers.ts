import { createMatcher, type Matcher } from '../../analysis/query/matcher.ts';
import { parseQuery } from '../../analysis/query/parse.ts';
import type { ListeningQuery } from '../../core/listening-query.ts';

/**
 * The compiled matcher of a workspace's queries, built once and reused while the queries do
 * not change (the key is every query's id and text). A query that no longer parses (saved by
 * an older version of the language) is left out rather than failing the whole ingest.
 */
const cache = new Map<string, { key: string; matcher: Matcher }>();
const maxWorkspaces = 500;

export const workspaceMatcher = (workspaceId: string, queries: readonly ListeningQuery[]): Matcher => {
  const key = queries.map((q) => `${q.id}\u0000${q.text}`).join('\u0001');
  const hit = cache.get(workspaceId);
  if (hit && hit.key === key) return hit.matcher;
  const matcher = createMatcher();
  for (const q of queries) {
    const parsed = parseQuery(q.text);
    if (parsed.ok) matcher.add(q.id, parsed.ast);
  }
  if (cache.size >= maxWorkspaces) cache.delete(cache.keys().next().value as string);
  cache.set(workspaceId, { key, matcher });
  return matcher;
};

/** Drops a workspace's compiled matcher; called whenever one of its queries is created, changed or deleted. */
export const forgetWorkspaceMatcher = (workspaceId: string): void => {
  cache.delete(workspaceId);
};
