import type { HackerNewsSourceConfig } from './hackernews.source.ts';

/**
 * A stored Hacker News source (url + free-form config) → the connector's config, or the reason
 * it cannot be fetched. Search terms come from `config.query` (or `config.search`, the name the
 * demo workspace uses); a source URL, when set, is the search API root (a mirror or a test
 * server); the paging settings are optional integers.
 */
export const hackerNewsConfigFromStored = (url: string | null, config: Readonly<Record<string, unknown>>): HackerNewsSourceConfig | string => {
  const terms = config['query'] ?? config['search'];
  if (typeof terms !== 'string' || terms.trim() === '') return 'this Hacker News source has no search terms (config.query)';
  const out: { -readonly [K in keyof HackerNewsSourceConfig]: HackerNewsSourceConfig[K] } = { query: terms.trim() };
  if (url) out.baseUrl = url;
  if (typeof config['tags'] === 'string') out.tags = config['tags'];
  for (const key of ['hitsPerPage', 'maxPages', 'overlapSeconds'] as const) {
    const v = config[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return `Hacker News source: ${key} must be a whole number`;
    out[key] = v;
  }
  return out;
};
