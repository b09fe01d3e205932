import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeTopic } from './summary.ts';
import { DAY_MS, HOUR_MS, type TrendMention } from './counts.ts';

const T0 = Date.UTC(2026, 9, 1);
const mentions: TrendMention[] = [
  { id: '1', text: 'Super coupe chez #CoupeChou', author: 'lea', network: 'mastodon', publishedAt: T0 + 10 * 60_000, sentiment: 'positive' },
  { id: '2', text: 'Coupe ratée, déçu', author: 'marc', network: 'bluesky', publishedAt: T0 + 70 * 60_000, sentiment: 'negative' },
  { id: '3', text: 'La coupe du jour', author: 'lea', network: 'rss', url: 'https://www.blog.example.fr/p/3', publishedAt: new Date(T0 + 75 * 60_000), sentiment: 'neutral' },
  { id: '4', text: 'Lien https://news.example.com/x barbe', author: 'zoe', network: 'mastodon', links: ['https://news.example.com/x'], publishedAt: T0 + 3 * HOUR_MS + 1 },
  { id: '5', text: 'hors fenêtre', author: 'zoe', network: 'mastodon', publishedAt: T0 + DAY_MS },
];

test('who, what, when and where of a topic', () => {
  const s = summarizeTopic(mentions, { from: T0, to: T0 + 4 * HOUR_MS, top: 3 });
  assert.equal(s.mentions, 4);
  assert.equal(s.authors, 3);
  assert.deepEqual(s.who, [
    { key: 'lea', mentions: 2 },
    { key: 'marc', mentions: 1 },
    { key: 'zoe', mentions: 1 },
  ]);
  assert.deepEqual(s.what[0], { key: 'coupe', mentions: 3, authors: 2 });
  assert.equal(s.when.bucket, 'hour');
  assert.deepEqual(
    s.when.buckets.map((b) => [b.mentions, b.negative]),
    [
      [1, 0],
      [2, 1],
      [0, 0],
      [1, 0],
    ],
  );
  assert.deepEqual(s.where.networks, [
    { key: 'mastodon', mentions: 2 },
    { key: 'bluesky', mentions: 1 },
    { key: 'rss', mentions: 1 },
  ]);
  assert.deepEqual(s.where.sites, [
    { key: 'blog.example.fr', mentions: 1 },
    { key: 'news.example.com', mentions: 1 },
  ]);
  assert.deepEqual(s.sentiment, { positive: 1, neutral: 1, negative: 1 });
});

test('long windows get day buckets; an empty window is all zeros', () => {
  const s = summarizeTopic(mentions, { from: T0, to: T0 + 7 * DAY_MS });
  assert.equal(s.when.bucket, 'day');
  assert.deepEqual(
    s.when.buckets.map((b) => b.mentions),
    [4, 1, 0, 0, 0, 0, 0],
  );
  const empty = summarizeTopic([], { from: T0, to: T0 + DAY_MS });
  assert.equal(empty.mentions, 0);
  assert.equal(empty.when.buckets.length, 24);
  assert.deepEqual(empty.who, []);
});
