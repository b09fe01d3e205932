import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLinkHeader } from './link-header.ts';

test('Mastodon pagination links: next and prev, resolved against the request URL', () => {
  const h =
    '<https://mastodon.example/api/v1/timelines/tag/cats?max_id=103186126728896492>; rel="next", <https://mastodon.example/api/v1/timelines/tag/cats?min_id=103206185588894565>; rel="prev"';
  assert.deepEqual(parseLinkHeader(h, 'https://mastodon.example/api/v1/timelines/tag/cats'), {
    next: 'https://mastodon.example/api/v1/timelines/tag/cats?max_id=103186126728896492',
    prev: 'https://mastodon.example/api/v1/timelines/tag/cats?min_id=103206185588894565',
  });
});

test('relative targets, unquoted and multiple rels, the first of a rel wins, junk ignored', () => {
  const h = '</a?p=1>; rel=next; title="x", </b?p=2>; rel="prev previous", </c>; rel="next", garbage';
  assert.deepEqual(parseLinkHeader(h, 'http://h.example/api/'), {
    next: 'http://h.example/a?p=1',
    prev: 'http://h.example/b?p=2',
    previous: 'http://h.example/b?p=2',
  });
  assert.deepEqual(parseLinkHeader(undefined, 'http://h.example/'), {});
  assert.deepEqual(parseLinkHeader('', 'http://h.example/'), {});
});
