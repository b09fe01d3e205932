import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redditConfigFromStored } from './connector-config.ts';

test('stored reddit sources: {subreddit} or {query} read the listing JSON, a lone feed URL the feed', () => {
  assert.deepEqual(redditConfigFromStored(null, { subreddit: 'wicked_edge' }), { subreddit: 'wicked_edge' });
  assert.deepEqual(redditConfigFromStored(null, { query: 'coupe-chou', subreddit: 'wicked_edge', comments: true, maxPages: 2 }), {
    subreddit: 'wicked_edge', query: 'coupe-chou', comments: true, maxPages: 2,
  });
  // The URL gives the API origin only (a test server, a mirror), whatever its path.
  assert.deepEqual(redditConfigFromStored('http://127.0.0.1:9/r/wicked_edge/', { subreddit: 'wicked_edge' }), { subreddit: 'wicked_edge', baseUrl: 'http://127.0.0.1:9' });
  // What the sources API stores for a subreddit: its .rss as the URL and the subreddit in the config.
  assert.deepEqual(redditConfigFromStored('https://www.reddit.com/r/wicked_edge/new/.rss', { subreddit: 'wicked_edge' }), {
    subreddit: 'wicked_edge', baseUrl: 'https://www.reddit.com',
  });
  assert.equal(redditConfigFromStored('https://www.reddit.com/r/wicked_edge/.rss', {}), 'feed');
  assert.equal(redditConfigFromStored('https://www.reddit.com/r/wicked_edge/.rss', { subreddit: '  ' }), 'feed');
  assert.match(String(redditConfigFromStored(null, {})), /neither a subreddit/);
  assert.match(String(redditConfigFromStored(null, { subreddit: 'a', maxPages: 0 })), /maxPages/);
});
