import { z } from 'zod';
import type { MastodonSourceConfig } from './mastodon.source.ts';

/**
 * A stored Mastodon source (its `url` is the server, its `config` what to listen to) → the
 * connector's config. Exactly one of `hashtags` (a list, or one `hashtag`), `search` or
 * `account`; `config.server` overrides the URL.
 */
const stored = z.object({
  server: z.string().optional(),
  hashtags: z.union([z.array(z.string()), z.string()]).optional(),
  hashtag: z.string().optional(),
  search: z.string().optional(),
  account: z.string().optional(),
  maxPages: z.number().int().optional(),
});

export const mastodonConfigFromStored = (url: string | null, config: Readonly<Record<string, unknown>>): MastodonSourceConfig | string => {
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
