import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mastodonConfigFromStored } from './connector-config.ts';

test('a stored Mastodon source becomes a connector config', () => {
  // The demo's shape: the server in url, hashtags in config.
  assert.deepEqual(mastodonConfigFromStored('https://piaille.example', { hashtags: ['#rasage', 'barbe', 'coupechou'] }), {
    server: 'https://piaille.example',
    mode: 'hashtag',
    value: 'rasage',
    anyTags: ['barbe', 'coupechou'],
  });
  assert.deepEqual(mastodonConfigFromStored('https://m.example', { hashtag: 'cats' }), { server: 'https://m.example', mode: 'hashtag', value: 'cats' });
  assert.deepEqual(mastodonConfigFromStored(null, { server: 'https://m.example', search: ' savon ', maxPages: 2 }), { server: 'https://m.example', mode: 'search', value: 'savon', maxPages: 2 });
  assert.deepEqual(mastodonConfigFromStored('https://m.example', { account: '@coupechou' }), { server: 'https://m.example', mode: 'account', value: '@coupechou' });
});

test('a stored config that says nothing, too much, or has no server is refused with a reason', () => {
  assert.match(String(mastodonConfigFromStored('https://m.example', {})), /exactly one/);
  assert.match(String(mastodonConfigFromStored('https://m.example', { hashtags: ['a'], search: 'b' })), /exactly one/);
  assert.match(String(mastodonConfigFromStored(null, { hashtags: ['a'] })), /no server/);
  assert.match(String(mastodonConfigFromStored('https://m.example', { hashtags: 3 })), /hashtags/);
});
