import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hackerNewsConfigFromStored } from './connector-config.ts';

test('stored config → connector config', () => {
  const cases: Array<[string | null, Record<string, unknown>, unknown]> = [
    [null, { query: ' coupe-chou ' }, { query: 'coupe-chou' }],
    [null, { search: 'Coupe-Chou' }, { query: 'Coupe-Chou' }],
    ['http://127.0.0.1:9/api/v1', { query: 'x', hitsPerPage: 50, maxPages: 2, tags: 'story' }, { query: 'x', baseUrl: 'http://127.0.0.1:9/api/v1', hitsPerPage: 50, maxPages: 2, tags: 'story' }],
  ];
  for (const [url, config, expected] of cases) assert.deepEqual(hackerNewsConfigFromStored(url, config), expected);
});

test('a stored config without terms or with bad numbers says why', () => {
  assert.match(String(hackerNewsConfigFromStored(null, {})), /no search terms/);
  assert.match(String(hackerNewsConfigFromStored(null, { query: '   ' })), /no search terms/);
  assert.match(String(hackerNewsConfigFromStored(null, { query: 'x', maxPages: '3' })), /maxPages must be a whole number/);
  assert.match(String(hackerNewsConfigFromStored(null, { query: 'x', hitsPerPage: 2.5 })), /hitsPerPage/);
});

test('the connector refuses a stored source without terms before any request', async () => {
  const { hackerNewsConnector } = await import('./connector.ts');
  const { SourceError } = await import('../source.ts');
  const { fixedClock } = await import('../../core/clock.ts');
  let calls = 0;
  const ctx = { signal: AbortSignal.timeout(1000), clock: fixedClock('2026-01-15T12:00:00Z'), fetcher: async () => { calls++; throw new Error('no request expected'); } };
  await assert.rejects(hackerNewsConnector.fetch({ url: null, config: {} }, {}, ctx), (e: unknown) => e instanceof SourceError && e.code === 'config' && e.action === 'give-up');
  assert.equal(calls, 0);
});
