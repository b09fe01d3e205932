import type { SourceDefinition } from '../../../core/api/sources.ts';

/**
 * The add-source form's fields for every kind, and the definition the API takes (ADR 0121).
 * Checked here first so the user reads a French or English message next to the field; the
 * server checks again and has the last word.
 */
export const formKinds = ['rss', 'mastodon', 'hackernews', 'reddit', 'bluesky'] as const;
export type FormKind = (typeof formKinds)[number];
export const mastodonModes = ['hashtag', 'search', 'account', 'notifications'] as const;
export type MastodonMode = (typeof mastodonModes)[number];
export const redditModes = ['subreddit', 'search', 'feed'] as const;
export type RedditMode = (typeof redditModes)[number];
export const blueskyModes = ['search', 'notifications', 'firehose'] as const;
export type BlueskyMode = (typeof blueskyModes)[number];

export interface SourceForm {
  kind: FormKind;
  url: string;
  server: string;
  mastodonMode: MastodonMode;
  /** The hashtag, search terms or account, by mode (Mastodon, Hacker News, Reddit, Bluesky search). */
  value: string;
  token: string;
  redditMode: RedditMode;
  blueskyMode: BlueskyMode;
  service: string;
  identifier: string;
}

export const emptyForm: SourceForm = {
  kind: 'rss',
  url: '',
  server: 'https://mastodon.social',
  mastodonMode: 'hashtag',
  value: '',
  token: '',
  redditMode: 'subreddit',
  blueskyMode: 'search',
  service: 'https://bsky.social',
  identifier: '',
};

/** A message key of `sources.add.error.*` and the field it belongs to. */
export interface FormProblem {
  readonly field: 'url' | 'server' | 'value' | 'token' | 'identifier' | 'service';
  readonly key: 'url' | 'server' | 'hashtag' | 'account' | 'terms' | 'subreddit' | 'token' | 'appPassword' | 'identifier';
}

const isHttpUrl = (s: string): boolean => /^https?:\/\/\S+$/i.test(s) && URL.canParse(s);

export const toDefinition = (f: SourceForm): { definition: SourceDefinition } | { problem: FormProblem } => {
  const url = f.url.trim();
  const value = f.value.trim();
  const need = (ok: boolean, field: FormProblem['field'], key: FormProblem['key']) => (ok ? null : { problem: { field, key } });
  switch (f.kind) {
    case 'rss':
      return need(isHttpUrl(url), 'url', 'url') ?? { definition: { kind: 'rss', url } };
    case 'reddit':
      if (f.redditMode === 'feed') return need(isHttpUrl(url), 'url', 'url') ?? { definition: { kind: 'reddit', url } };
      if (f.redditMode === 'subreddit')
        return need(/^(\/?r\/)?[A-Za-z0-9_]{2,21}$/.test(value), 'value', 'subreddit') ?? { definition: { kind: 'reddit', config: { subreddit: value } } };
      return need(value !== '', 'value', 'terms') ?? { definition: { kind: 'reddit', config: { query: value } } };
    case 'hackernews':
      return need(value !== '', 'value', 'terms') ?? { definition: { kind: 'hackernews', config: { query: value } } };
    case 'mastodon': {
      const server = f.server.trim();
      const bad = need(isHttpUrl(server), 'server', 'server');
      if (bad) return bad;
      switch (f.mastodonMode) {
        case 'hashtag':
          return need(/^#?[\p{L}\p{N}_]{1,100}$/u.test(value), 'value', 'hashtag') ?? { definition: { kind: 'mastodon', url: server, config: { mode: 'hashtag', hashtag: value } } };
        case 'search':
          return need(value !== '', 'value', 'terms') ?? { definition: { kind: 'mastodon', url: server, config: { mode: 'search', q: value } } };
        case 'account':
          return (
            need(/^@?[A-Za-z0-9_.-]+(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?$/.test(value), 'value', 'account') ?? {
              definition: { kind: 'mastodon', url: server, config: { mode: 'account', account: value } },
            }
          );
        case 'notifications':
          return need(f.token.trim() !== '', 'token', 'token') ?? { definition: { kind: 'mastodon', url: server, config: { mode: 'notifications', accessToken: f.token.trim() } } };
      }
      break;
    }
    case 'bluesky':
      if (f.blueskyMode === 'firehose') return { definition: { kind: 'bluesky', config: { mode: 'firehose' } } };
      if (f.blueskyMode === 'search') return need(value !== '', 'value', 'terms') ?? { definition: { kind: 'bluesky', config: { mode: 'search', q: value } } };
      return (
        need(isHttpUrl(f.service.trim()), 'service', 'server') ??
        need(f.identifier.trim().length >= 3, 'identifier', 'identifier') ??
        need(f.token.trim() !== '', 'token', 'appPassword') ?? {
          definition: { kind: 'bluesky', config: { mode: 'notifications', service: f.service.trim(), identifier: f.identifier.trim(), appPassword: f.token.trim() } },
        }
      );
  }
  return { problem: { field: 'value', key: 'terms' } };
};
