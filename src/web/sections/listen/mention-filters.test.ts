import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasFilters, readFilters, withFilter } from './mention-filters.ts';

test('filters read from the URL ignore blanks and unknown keys', () => {
  const f = readFilters(new URLSearchParams('network=mastodon&lang=&q=%20pain%20&foo=bar'));
  assert.deepEqual(f, { network: 'mastodon', q: 'pain' });
  assert.deepEqual(readFilters(new URLSearchParams('network=myspace&sentiment=angry&lang=French')), {});
  assert.deepEqual(readFilters(new URLSearchParams('sentiment=negative&lang=fr')), { sentiment: 'negative', lang: 'fr' });
  assert.equal(hasFilters(f), true);
  assert.equal(hasFilters(readFilters(new URLSearchParams(''))), false);
});

test('setting and clearing one filter keeps the others, in a stable order', () => {
  const f = { q: 'pain', network: 'rss' as const };
  assert.equal(withFilter(f, 'sentiment', 'negative'), '?network=rss&sentiment=negative&q=pain');
  assert.equal(withFilter(f, 'network', ''), '?q=pain');
  assert.equal(withFilter({}, 'q', '  '), '');
  assert.equal(withFilter({}, 'q', 'pain & co'), '?q=pain+%26+co');
});
