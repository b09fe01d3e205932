import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiFilters, hasFilters, readFilters, startOfDay, withFilter } from './mention-filters.ts';

test('filters read from the URL ignore blanks and unknown keys', () => {
  const f = readFilters(new URLSearchParams('network=mastodon&lang=&q=%20pain%20&foo=bar'));
  assert.deepEqual(f, { network: 'mastodon', q: 'pain' });
  assert.deepEqual(readFilters(new URLSearchParams('network=myspace&sentiment=angry&lang=French')), {});
  assert.deepEqual(readFilters(new URLSearchParams('sentiment=negative&lang=fr')), { sentiment: 'negative', lang: 'fr' });
  assert.equal(hasFilters(f), true);
  assert.equal(hasFilters(readFilters(new URLSearchParams(''))), false);
});

test('source, query and dates are kept only when well formed', () => {
  const f = readFilters(new URLSearchParams('source=abc-123&query=q_1&from=2026-11-01&to=2026-11-30'));
  assert.deepEqual(f, { source: 'abc-123', query: 'q_1', from: '2026-11-01', to: '2026-11-30' });
  assert.deepEqual(readFilters(new URLSearchParams('source=a%20b&query=' + 'x'.repeat(65) + '&from=2026-02-30&to=30/11/2026')), {});
});

test('setting and clearing one filter keeps the others, in a stable order', () => {
  const f = { q: 'pain', network: 'rss' };
  assert.equal(withFilter(f, 'sentiment', 'negative'), '?network=rss&sentiment=negative&q=pain');
  assert.equal(withFilter(f, 'network', ''), '?q=pain');
  assert.equal(withFilter({}, 'q', '  '), '');
  assert.equal(withFilter({}, 'q', 'pain & co'), '?q=pain+%26+co');
  assert.equal(withFilter({ to: '2026-11-30', source: 's1' }, 'from', '2026-11-01'), '?source=s1&from=2026-11-01&to=2026-11-30');
});

test('a calendar day starts at local midnight, daylight saving included', () => {
  assert.equal(startOfDay('2026-01-15', 'Europe/Paris').toISOString(), '2026-01-14T23:00:00.000Z');
  assert.equal(startOfDay('2026-07-15', 'Europe/Paris').toISOString(), '2026-07-14T22:00:00.000Z');
  // The day of the spring change still starts at 00:00 winter time.
  assert.equal(startOfDay('2026-03-29', 'Europe/Paris').toISOString(), '2026-03-28T23:00:00.000Z');
  assert.equal(startOfDay('2026-01-15', 'UTC').toISOString(), '2026-01-15T00:00:00.000Z');
  assert.equal(startOfDay('2026-01-15', 'America/New_York').toISOString(), '2026-01-15T05:00:00.000Z');
});

test('the API filters make the last day inclusive and map ids', () => {
  const f = readFilters(new URLSearchParams('source=s1&query=q1&from=2026-11-01&to=2026-11-30&sentiment=positive'));
  assert.deepEqual(apiFilters(f, 'Europe/Paris'), {
    sourceId: 's1',
    queryId: 'q1',
    sentiment: 'positive',
    since: '2026-10-31T23:00:00.000Z',
    until: '2026-11-30T23:00:00.000Z',
  });
});

test('the day of the autumn change starts at 00:00 summer time', () => {
  assert.equal(startOfDay('2026-10-25', 'Europe/Paris').toISOString(), '2026-10-24T22:00:00.000Z');
  assert.equal(startOfDay('2026-10-26', 'Europe/Paris').toISOString(), '2026-10-25T23:00:00.000Z');
});
