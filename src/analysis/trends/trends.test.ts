import { test } from 'node:test';
import assert from 'node:assert/strict';
import { termsOfText } from './terms.ts';
import { countBuckets, countWindow, DAY_MS, HOUR_MS, mergeBuckets, type TrendMention } from './counts.ts';
import { detectEmerging, poissonSurprise } from './emerging.ts';
import { findTrends } from './find-trends.ts';
import { explainEmerging, renderExplanation } from './explain.ts';

test('terms of a text', () => {
  const cases: [string, string[]][] = [
    ['Le Barbier de la rue', ['barbier', 'rue']],
    ['#Barbe et barbe, BARBE', ['#barbe', 'barbe']],
    ['Crème brûlée à 12 euros', ['creme', 'brulee', 'euros']],
    ['the best shop in town', ['best', 'shop', 'town']],
    ["l'atelier @coupechou https://ex.com/atelier", ['atelier']],
    ['', []],
  ];
  for (const [text, want] of cases) assert.deepEqual(termsOfText(text), want, text);
});

test('poisson surprise grows with count and ratio, and is 0 at or below expectation', () => {
  const cases: [number, number, number][] = [
    [3, 3, 0],
    [1, 5, 0],
    [10, 1, 10 * Math.log(10) - 9],
  ];
  for (const [x, e, want] of cases) assert.ok(Math.abs(poissonSurprise(x, e) - want) < 1e-9, `${x} vs ${e}`);
  assert.ok(poissonSurprise(20, 2) > poissonSurprise(10, 1));
  assert.ok(poissonSurprise(10, 1) > poissonSurprise(10, 5));
});

const T0 = Date.UTC(2026, 9, 1);
const NOW = T0 + 29 * DAY_MS;
const m = (id: number, t: number, author: string, text: string): TrendMention => ({ id: `m${id}`, text, author, network: 'mastodon', publishedAt: t });

/** 29 days where "pain" is said by 4 people a day among 40 other posts, the last day with the given extra posts. */
const stream = (extra: (t: number, i: number) => TrendMention | null, n: number): TrendMention[] => {
  const out: TrendMention[] = [];
  let id = 0;
  for (let d = 0; d < 29; d++)
    for (let k = 0; k < 44; k++)
      out.push(m(id++, T0 + d * DAY_MS + k * 30 * 60_000, k < 4 ? `baker${k}` : `client${k}`, k < 4 ? 'pain croissant' : 'boulangerie ouverte'));
  for (let i = 0; i < n; i++) {
    const x = extra(NOW - DAY_MS + i * 60_000, i);
    if (x) out.push(x);
  }
  return out;
};

test('emerging terms: planted bursts found, steady and single-author terms not', () => {
  const cases: { name: string; extra: (t: number, i: number) => TrendMention | null; n: number; want: string[] }[] = [
    { name: 'quiet day', extra: () => null, n: 0, want: [] },
    { name: 'new hashtag from 12 people', extra: (t, i) => m(1000 + i, t, `fan${i}`, '#SauvonsLaBarbe !'), n: 12, want: ['#sauvonslabarbe'] },
    { name: 'new word from 4 people only', extra: (t, i) => m(1000 + i, t, `fan${i}`, 'galette'), n: 4, want: [] },
    { name: 'one account, 40 posts', extra: (t, i) => m(1000 + i, t, 'spam', '#promoflash'), n: 40, want: [] },
    {
      name: 'one account with a few reposts',
      extra: (t, i) => m(1000 + i, t, i < 30 ? 'spam' : `fan${i}`, '#promoflash'),
      n: 36,
      want: [],
    },
    { name: 'steady word at its usual rate', extra: (t, i) => m(1000 + i, t, `baker${i}`, 'pain'), n: 1, want: [] },
  ];
  for (const c of cases) {
    const got = findTrends(stream(c.extra, c.n), { now: new Date(NOW) }).map((t) => t.term);
    assert.deepEqual(got, c.want, c.name);
  }
});

test('a concentrated term is reported only on demand, and flagged', () => {
  const s = stream((t, i) => m(1000 + i, t, i < 30 ? 'spam' : `fan${i}`, '#promoflash'), 36);
  const got = findTrends(s, { now: new Date(NOW) }, { keepConcentrated: true });
  assert.equal(got.length, 1);
  assert.equal(got[0]?.term, '#promoflash');
  assert.equal(got[0]?.concentrated, true);
  assert.equal(got[0]?.recentAuthors, 7);
});

test('a rise of a word already in the baseline ranks below a new one of the same size', () => {
  const s = stream((t, i) => m(1000 + i, t, `fan${i}`, i % 2 === 0 ? 'pain' : 'fougasse'), 60);
  const got = findTrends(s, { now: new Date(NOW) });
  assert.deepEqual(
    got.map((t) => t.term),
    ['fougasse', 'pain'],
  );
  assert.ok((got[1]?.baselineAuthorsPerDay ?? 0) > 3.9);
});

test('buckets add up to the window they cover', () => {
  const s = stream((t, i) => m(1000 + i, t, `fan${i % 3}`, 'fougasse #pain'), 9);
  const from = NOW - 3 * DAY_MS;
  const merged = mergeBuckets(countBuckets(s, from, NOW, DAY_MS));
  const window = countWindow(s, from, NOW);
  for (const [term, t] of window.terms) assert.equal(merged.get(term)?.mentions, t.mentions, term);
  assert.equal(window.terms.get('fougasse')?.authors, 3);
  assert.equal(window.terms.get('fougasse')?.topAuthorMentions, 3);
  assert.equal(countBuckets(s, from, NOW, HOUR_MS).length, 72);
});

test('detectEmerging with no baseline treats every term as new', () => {
  const s = Array.from({ length: 8 }, (_, i) => m(i, NOW - HOUR_MS, `p${i}`, 'ouverture'));
  const got = detectEmerging({ recent: countWindow(s, NOW - DAY_MS, NOW), baseline: [] });
  assert.deepEqual(
    got.map((t) => t.term),
    ['ouverture'],
  );
});

test('explanations in French and English', () => {
  const s = stream((t, i) => m(1000 + i, t, `fan${i % 30}`, i % 2 === 0 ? 'pain #barbe' : '#barbe'), 34);
  const [t] = findTrends(s, { now: new Date(NOW) });
  assert.ok(t);
  assert.equal(renderExplanation(t.explanation, 'en'), '#barbe: 34 mentions by 30 people in the last 24 h, never seen before');
  assert.equal(renderExplanation(t.explanation, 'fr'), '#barbe : 34 mentions par 30 personnes ces dernières 24 h, jamais vu avant');
  const risen = { ...t, baselineMentionsPerDay: 3.14 };
  assert.equal(renderExplanation(explainEmerging(risen, 24), 'en'), '#barbe: 34 mentions by 30 people in the last 24 h vs 3.1/day before');
  assert.equal(renderExplanation(explainEmerging(risen, 24), 'fr'), '#barbe : 34 mentions par 30 personnes ces dernières 24 h, contre 3,1/jour avant');
});

test('a word said every week on the same day is not emerging on that day', () => {
  const s = stream(() => null, 0);
  for (const d of [0, 7, 14, 21, 28]) for (let i = 0; i < 20; i++) s.push(m(5000 + d * 100 + i, T0 + d * DAY_MS + i * 60_000, `shopper${d}-${i}`, 'marche'));
  assert.deepEqual(findTrends(s, { now: new Date(NOW) }), []);
  assert.deepEqual(
    findTrends(s, { now: new Date(NOW) }, { weekly: false }).map((t) => t.term),
    ['marche'],
  );
  // Said on another weekday than its usual one, it is emerging.
  const other = stream(() => null, 0);
  for (const d of [1, 8, 15, 22, 28]) for (let i = 0; i < 20; i++) other.push(m(5000 + d * 100 + i, T0 + d * DAY_MS + i * 60_000, `shopper${d}-${i}`, 'marche'));
  assert.deepEqual(
    findTrends(other, { now: new Date(NOW) }).map((t) => t.term),
    ['marche'],
  );
});

test('a mention with an invalid date is skipped, not counted in a bucket', () => {
  const bad: TrendMention = { id: 'x', text: 'fougasse', author: 'a', network: 'rss', publishedAt: new Date('not a date') };
  const buckets = countBuckets([bad], NOW - DAY_MS, NOW, HOUR_MS);
  assert.equal(buckets.reduce((s, b) => s + b.mentions, 0), 0);
  assert.equal(countWindow([bad], NOW - DAY_MS, NOW).mentions, 0);
});
