import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mastodonConfigFromStored } from '../../sources/mastodon/connector-config.ts';
import { hackerNewsConfigFromStored } from '../../sources/hackernews/connector-config.ts';
import { storedDefinition } from './define.ts';

test('each definition is stored in the shape its connector reads', () => {
  const tag = storedDefinition({ kind: 'mastodon', url: 'https://piaille.fr', config: { mode: 'hashtag', hashtag: '#Rasage' } });
  assert.deepEqual(tag, { kind: 'mastodon', url: 'https://piaille.fr', config: { mode: 'hashtag', hashtag: 'Rasage' }, defaultName: '#Rasage — piaille.fr' });
  assert.deepEqual(mastodonConfigFromStored(tag.url, tag.config), { server: 'https://piaille.fr', mode: 'hashtag', value: 'Rasage' });

  const account = storedDefinition({ kind: 'mastodon', url: 'https://piaille.fr', config: { mode: 'account', account: '@lea@piaille.fr' } });
  assert.deepEqual(mastodonConfigFromStored(account.url, account.config), { server: 'https://piaille.fr', mode: 'account', value: 'lea@piaille.fr' });

  const notif = storedDefinition({ kind: 'mastodon', url: 'https://piaille.fr', config: { mode: 'notifications', accessToken: 't', types: ['mention', 'quote'] } });
  assert.deepEqual(mastodonConfigFromStored(notif.url, notif.config), { server: 'https://piaille.fr', mode: 'notifications', value: '', accessToken: 't', types: ['mention', 'quote'] });
  assert.equal(notif.defaultName, 'notifications — piaille.fr');
  // Without its token (not reconnected), the connector says what to do.
  assert.match(String(mastodonConfigFromStored(notif.url, { mode: 'notifications' })), /no access token: reconnect/);

  const hn = storedDefinition({ kind: 'hackernews', config: { query: 'coupe-chou' } });
  assert.deepEqual(hackerNewsConfigFromStored(hn.url, hn.config), { query: 'coupe-chou' });
});

test('Reddit stays a feed: a subreddit or a search is stored with its .rss listing and its config', () => {
  assert.deepEqual(storedDefinition({ kind: 'reddit', config: { subreddit: '/r/Barber' } }), {
    kind: 'reddit',
    url: 'https://www.reddit.com/r/Barber/new/.rss',
    config: { subreddit: 'Barber' },
    defaultName: 'r/Barber',
  });
  assert.equal(storedDefinition({ kind: 'reddit', config: { query: 'savon & barbe' } }).url, 'https://www.reddit.com/search.rss?q=savon%20%26%20barbe&sort=new');
  assert.deepEqual(storedDefinition({ kind: 'reddit', url: 'https://www.reddit.com/r/x/.rss' }).config, {});
});

test('Bluesky keeps its mode; the notifications service is the URL', () => {
  const n = storedDefinition({ kind: 'bluesky', config: { mode: 'notifications', service: 'https://bsky.social', identifier: '@brand.bsky.social', appPassword: 'p' } });
  assert.equal(n.url, 'https://bsky.social');
  assert.equal(n.defaultName, 'Bluesky @brand.bsky.social');
  assert.deepEqual(storedDefinition({ kind: 'bluesky', config: { mode: 'firehose' } }), { kind: 'bluesky', url: null, config: { mode: 'firehose' }, defaultName: 'Bluesky firehose' });
});
