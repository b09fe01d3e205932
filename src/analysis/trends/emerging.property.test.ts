import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countBuckets, countWindow, DAY_MS, type TrendMention } from './counts.ts';
import { detectEmerging } from './emerging.ts';
import { findTrends } from './find-trends.ts';
import { seededRandom } from '../query/testing/synthetic-corpus.ts';

const T0 = Date.UTC(2026, 9, 1);
const NOW = T0 + 29 * DAY_MS;
const vocabulary = ['pain', 'barbe', '#barbe', 'atelier', 'fougasse', 'velo', 'savon', '#repair'];

const mention = fc.record({
  day: fc.integer({ min: 0, max: 28 }),
  ms: fc.integer({ min: 0, max: DAY_MS - 1 }),
  author: fc.integer({ min: 0, max: 30 }),
  terms: fc.uniqueArray(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 3 }),
});
const toMentions = (xs: { day: number; ms: number; author: number; terms: string[] }[]): TrendMention[] =>
  xs.map((x, i) => ({ id: `m${i}`, terms: x.terms, author: `a${x.author}`, network: 'mastodon', publishedAt: T0 + x.day * DAY_MS + x.ms }));

test('trends do not depend on the order of the mentions', () => {
  fc.assert(
    fc.property(fc.array(mention, { maxLength: 300 }), fc.integer(), (xs, seed) => {
      const ms = toMentions(xs);
      const random = seededRandom(seed);
      const shuffled = [...ms];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j] as TrendMention, shuffled[i] as TrendMention];
      }
      assert.deepEqual(findTrends(shuffled, { now: new Date(NOW) }, { minAuthors: 2, minScore: 1 }), findTrends(ms, { now: new Date(NOW) }, { minAuthors: 2, minScore: 1 }));
    }),
    { numRuns: 50 },
  );
});

test('more baseline use of a term never raises its score', () => {
  fc.assert(
    fc.property(fc.array(mention, { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (xs, extra) => {
      const ms = toMentions(xs);
      const recentFrom = NOW - DAY_MS;
      const recent = countWindow(ms, recentFrom, NOW);
      const options = { minAuthors: 1, minRatio: 0, minScore: 0, limit: 100, volumeAdjust: false };
      const before = new Map(detectEmerging({ recent, baseline: countBuckets(ms, recentFrom - 28 * DAY_MS, recentFrom, DAY_MS) }, options).map((t) => [t.term, t.score]));
      const more = [...ms];
      for (let i = 0; i < extra; i++) more.push({ id: `x${i}`, terms: ['pain'], author: `b${i}`, network: 'rss', publishedAt: T0 + (i % 28) * DAY_MS });
      const after = detectEmerging({ recent, baseline: countBuckets(more, recentFrom - 28 * DAY_MS, recentFrom, DAY_MS) }, options);
      for (const t of after) assert.ok(t.term !== 'pain' || t.score <= (before.get('pain') ?? 0) + 1e-9, `${t.score} > ${before.get('pain')}`);
    }),
    { numRuns: 50 },
  );
});
