import { z } from 'zod';
import { mastodonNotificationTypes, type MastodonSourceConfig } from './mastodon.source.ts';

/**
 * A stored Mastodon source (its `url` is the server, its `config` what to listen to) → the
 * connector's config. Two shapes are read: the API's (`mode` with `hashtag` | `q` | `account` |
 * `accessToken` and `types`, ADR 0121) and the older free form (exactly one of `hashtags` (a
 * list, or one `hashtag`), `search` or `account`; the demo's). `config.server` overrides the URL.
 * Secrets arrive here already opened by the ingest use case.
 */
const byMode = z.object({
  mode: z.enum(['hashtag', 'search', 'account', 'notifications']),
  hashtag: z.string().optional(),
  q: z.string().optional(),
  account: z.string().optional(),
  accessToken: z.string().optional(),
  types: z.array(z.enum(mastodonNotificationTypes)).optional(),
  maxPages: z.number().int().optional(),
});

const stored = z.object({
  server: z.string().optional(),
  hashtags: z.union([z.array(z.string()), z.string()]).optional(),
  hashtag: z.string().optional(),
  search: z.string().optional(),
  account: z.string().optional(),
  maxPages: z.number().int().optional(),
});

export const mastodonConfigFromStored = (url: string | null, config: Readonly<Record<string, unknown>>): MastodonSourceConfig | string => {
  if ('mode' in config) {
    const m = byMode.safeParse(config);
    if (!m.success) return `Mastodon source config: ${m.error.issues[0]?.path.join('.') ?? ''} ${m.error.issues[0]?.message ?? ''}`.trim();
    if (!url) return 'this Mastodon source has no server URL';
    const d = m.data;
    const value = (d.mode === 'hashtag' ? d.hashtag : d.mode === 'search' ? d.q : d.mode === 'account' ? d.account : '')?.trim().replace(d.mode === 'hashtag' ? /^#/ : d.mode === 'account' ? /^@/ : /^$/, '') ?? '';
    if (d.mode !== 'notifications' && !value) return `this Mastodon source has no ${d.mode === 'search' ? 'search terms' : d.mode}`;
    if (d.mode === 'notifications' && !d.accessToken) return 'this Mastodon source reads notifications but has no access token: reconnect the account';
    return {
      server: url,
      mode: d.mode,
      value,
      ...(d.accessToken ? { accessToken: d.accessToken } : {}),
      ...(d.types ? { types: d.types } : {}),
      ...(d.maxPages !== undefined ? { maxPages: d.maxPages } : {}),
    };
  }
  const c = stored.safeParse(config);
  if (!c.success) return `Mastodon source config: ${c.error.issues[0]?.path.join('.') ?? ''} ${c.error.issues[0]?.message ?? ''}`.trim();
  const server = c.data.server ?? url;
  if (!server) return 'this Mastodon source has no server URL';
  const tags = [...(typeof c.data.hashtags === 'string' ? [c.data.hashtags] : (c.data.hashtags ?? [])), ...(c.data.hashtag ? [c.data.hashtag] : [])]
    .map((t) => t.trim().replace(/^#/, ''))
    .filter(Boolean);
  const chosen = [tags.length > 0, Boolean(c.data.search?.trim()), Boolean(c.data.account?.trim())].filter(Boolean).length;
  if (chosen !== 1) return 'a Mastodon source listens to exactly one of: hashtags, search, account';
  const pages = c.data.maxPages !== undefined ? { maxPages: c.data.maxPages } : {};
  const [first, ...rest] = tags;
  if (first) return { server, mode: 'hashtag', value: first, ...(rest.length ? { anyTags: rest } : {}), ...pages };
  if (c.data.search?.trim()) return { server, mode: 'search', value: c.data.search.trim(), ...pages };
  return { server, mode: 'account', value: (c.data.account ?? '').trim(), ...pages };
};
