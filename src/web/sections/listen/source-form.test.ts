import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceDefinitionSchema } from '../../../core/api/sources.ts';
import { emptyForm, toDefinition, type SourceForm } from './source-form.ts';

const form = (f: Partial<SourceForm>): SourceForm => ({ ...emptyForm, ...f });

test('each kind and mode gives the definition the API accepts', () => {
  const cases: [Partial<SourceForm>, unknown][] = [
    [{ kind: 'rss', url: ' https://example.org/feed ' }, { kind: 'rss', url: 'https://example.org/feed' }],
    [{ kind: 'mastodon', mastodonMode: 'hashtag', value: '#savon' }, { kind: 'mastodon', url: 'https://mastodon.social', config: { mode: 'hashtag', hashtag: '#savon' } }],
    [{ kind: 'mastodon', mastodonMode: 'search', value: 'savon artisanal' }, { kind: 'mastodon', url: 'https://mastodon.social', config: { mode: 'search', q: 'savon artisanal' } }],
    [{ kind: 'mastodon', mastodonMode: 'account', value: '@lea@piaille.fr' }, { kind: 'mastodon', url: 'https://mastodon.social', config: { mode: 'account', account: '@lea@piaille.fr' } }],
    [{ kind: 'mastodon', mastodonMode: 'notifications', token: ' t0k ' }, { kind: 'mastodon', url: 'https://mastodon.social', config: { mode: 'notifications', accessToken: 't0k' } }],
    [{ kind: 'hackernews', value: 'coupe-chou' }, { kind: 'hackernews', config: { query: 'coupe-chou' } }],
    [{ kind: 'reddit', redditMode: 'subreddit', value: 'r/barber' }, { kind: 'reddit', config: { subreddit: 'r/barber' } }],
    [{ kind: 'reddit', redditMode: 'search', value: 'savon' }, { kind: 'reddit', config: { query: 'savon' } }],
    [{ kind: 'reddit', redditMode: 'feed', url: 'https://www.reddit.com/r/x/.rss' }, { kind: 'reddit', url: 'https://www.reddit.com/r/x/.rss' }],
    [{ kind: 'bluesky', blueskyMode: 'search', value: 'savon' }, { kind: 'bluesky', config: { mode: 'search', q: 'savon' } }],
    [{ kind: 'bluesky', blueskyMode: 'firehose' }, { kind: 'bluesky', config: { mode: 'firehose' } }],
    [
      { kind: 'bluesky', blueskyMode: 'notifications', identifier: 'brand.bsky.social', token: 'abcd-efgh' },
      { kind: 'bluesky', config: { mode: 'notifications', service: 'https://bsky.social', identifier: 'brand.bsky.social', appPassword: 'abcd-efgh' } },
    ],
  ];
  for (const [f, expected] of cases) {
    const r = toDefinition(form(f));
    assert.ok('definition' in r, JSON.stringify(f));
    assert.deepEqual(r.definition, expected);
    assert.ok(sourceDefinitionSchema.safeParse(r.definition).success, JSON.stringify(r.definition));
  }
});

test('a missing or malformed field is named with its message key', () => {
  const cases: [Partial<SourceForm>, string, string][] = [
    [{ kind: 'rss', url: 'ftp://x' }, 'url', 'url'],
    [{ kind: 'mastodon', server: 'mastodon.social', value: 'x' }, 'server', 'server'],
    [{ kind: 'mastodon', value: 'deux mots' }, 'value', 'hashtag'],
    [{ kind: 'mastodon', mastodonMode: 'account', value: 'a b' }, 'value', 'account'],
    [{ kind: 'mastodon', mastodonMode: 'notifications' }, 'token', 'token'],
    [{ kind: 'hackernews', value: ' ' }, 'value', 'terms'],
    [{ kind: 'reddit', value: 'a' }, 'value', 'subreddit'],
    [{ kind: 'bluesky', blueskyMode: 'notifications', identifier: 'brand.bsky.social' }, 'token', 'appPassword'],
    [{ kind: 'bluesky', blueskyMode: 'notifications' }, 'identifier', 'identifier'],
  ];
  for (const [f, field, key] of cases) assert.deepEqual(toDefinition(form(f)), { problem: { field, key } }, JSON.stringify(f));
});
