import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../query/testing/synthetic-corpus.ts';
import { detectVolumeSpikes } from './volume-spike.ts';
import { binomialTail, detectNegativeSpikes } from './negative-spike.ts';
import { detectWatchedAuthors } from './watched-author.ts';
import { detectOverdueReplies } from './reply-overdue.ts';
import { groupEpisodes } from './episodes.ts';
import { median, scaledMad } from './robust.ts';
import { renderAlert } from './messages.ts';
import type { Series, SeriesPoint } from './series.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 8, 1);

/** Poisson-ish daily counts around `rate` (seeded), with `planted` overrides by day index. */
const daily = (seed: number, days: number, rate: number, planted: Record<number, [number, number?]> = {}, negShare = 0.1): Series => {
  const random = seededRandom(seed);
  const points: SeriesPoint[] = [];
  for (let d = 0; d < days; d++) {
    // Sum of Bernoulli draws: binomial with mean `rate`, no heavy tail.
    let x = 0;
    for (let k = 0; k < rate * 2; k++) if (random() < 0.5) x++;
    let neg = 0;
    for (let k = 0; k < x; k++) if (random() < negShare) neg++;
    const p = planted[d];
    if (p) {
      x = p[0];
      neg = p[1] ?? Math.round(x * negShare);
    }
    points.push({ start: T0 + d * DAY, mentions: x, negative: neg });
  }
  return { span: DAY, points, subject: 'coupe-chou' };
};

test('robust baseline helpers', () => {
  const cases: [number[], number, number][] = [
    [[], 0, 0],
    [[5], 5, 0],
    [[1, 2, 3, 100], 2.5, 1.4826],
    [[10, 10, 10, 11, 9], 10, 0],
  ];
  for (const [xs, m, mad] of cases) {
    assert.equal(median(xs), m, `median ${xs}`);
    assert.ok(Math.abs(scaledMad(xs) - mad) < 1e-9, `mad ${xs}`);
  }
});

test('episodes: flickering points within the quiet gap are one episode', () => {
  const f = (index: number, strength = 1) => ({ index, strength, detail: null });
  const cases: { name: string; idx: number[]; quiet: number; len: number; want: [number, number, boolean][] }[] = [
    { name: 'none', idx: [], quiet: 2, len: 10, want: [] },
    { name: 'one point in the past', idx: [3], quiet: 2, len: 10, want: [[3, 3, false]] },
    { name: 'flicker', idx: [3, 5, 7], quiet: 2, len: 20, want: [[3, 7, false]] },
    { name: 'two episodes', idx: [3, 4, 8], quiet: 2, len: 20, want: [[3, 4, false], [8, 8, false]] },
    { name: 'ongoing at the end', idx: [8], quiet: 2, len: 10, want: [[8, 8, true]] },
    { name: 'ended just now', idx: [7], quiet: 2, len: 10, want: [[7, 7, false]] },
  ];
  for (const c of cases)
    assert.deepEqual(
      groupEpisodes(c.idx.map((i) => f(i)), c.quiet, c.len).map((e) => [e.first, e.last, e.ongoing]),
      c.want,
      c.name,
    );
});

test('volume spikes: planted episodes found once each, quiet series never alert', () => {
  const cases: { name: string; series: Series; want: number[] }[] = [
    { name: 'quiet, 20/day', series: daily(1, 60, 20), want: [] },
    { name: 'quiet, 2/day (small shop)', series: daily(2, 60, 2), want: [] },
    { name: 'one-day spike', series: daily(3, 60, 20, { 40: [90] }), want: [40] },
    { name: 'three-day wave is one alert', series: daily(4, 60, 20, { 40: [80], 41: [200], 42: [120] }), want: [40] },
    { name: 'flickering wave is one alert', series: daily(5, 60, 20, { 40: [80], 42: [90], 44: [85] }), want: [40] },
    { name: 'two separate waves', series: daily(6, 60, 20, { 30: [90], 50: [100] }), want: [30, 50] },
    { name: 'small shop, 2/day then 15', series: daily(7, 60, 2, { 45: [15] }), want: [45] },
    { name: '2/day then 5 is not a spike', series: daily(8, 60, 2, { 45: [5] }), want: [] },
  ];
  for (const c of cases) {
    const got = detectVolumeSpikes(c.series);
    assert.deepEqual(
      got.map((a) => (a.startedAt - T0) / DAY),
      c.want,
      c.name,
    );
  }
  // Many seeds, no planted spike: no storm, at most a rare false alarm.
  let alarms = 0;
  for (let s = 100; s < 150; s++) alarms += detectVolumeSpikes(daily(s, 90, 30)).length;
  assert.ok(alarms <= 2, `${alarms} false alarms on 50 quiet series`);
});

test('volume spike alert: key stable across re-evaluation, ended or ongoing, evidence', () => {
  const s = daily(4, 60, 20, { 40: [80], 41: [200], 42: [120] });
  const [a] = detectVolumeSpikes(s);
  assert.ok(a);
  assert.equal(a.severity, 'critical');
  assert.equal(a.peakAt, T0 + 41 * DAY);
  assert.equal(a.endedAt, T0 + 43 * DAY);
  assert.equal(a.message.params.peak, 200);
  // Evaluated again the next day, with the wave still on the last bucket: same key, ongoing.
  const partial: Series = { ...s, points: s.points.slice(0, 42) };
  const [b] = detectVolumeSpikes(partial);
  assert.equal(b?.key, a.key);
  assert.equal(b?.endedAt, null);
  assert.match(renderAlert(a, 'en'), /^Volume spike on "coupe-chou": 200 mentions in 24 h, against 2\d(\.\d)? usually/);
  assert.match(renderAlert(a, 'fr'), /^Pic de volume sur « coupe-chou » : 200 mentions en 24 h/);
});

test('hourly series with a daily season: mornings are not spikes', () => {
  const random = seededRandom(9);
  const points: SeriesPoint[] = [];
  for (let h = 0; h < 24 * 21; h++) {
    const hour = h % 24;
    const rate = hour >= 8 && hour < 20 ? 12 : 0.5;
    let x = 0;
    for (let k = 0; k < rate * 2; k++) if (random() < 0.5) x++;
    if (h === 24 * 20 + 3) x = 14; // 3 a.m. on the last day
    points.push({ start: T0 + h * HOUR, mentions: x, negative: 0 });
  }
  const series: Series = { span: HOUR, points, subject: 'all' };
  const seasonal = detectVolumeSpikes(series, { season: 24, window: 7 });
  assert.deepEqual(
    seasonal.map((a) => (a.startedAt - T0) / HOUR),
    [24 * 20 + 3],
  );
  // Without the season, every morning would look like a spike against the night.
  assert.ok(detectVolumeSpikes(series, { window: 12, minHistory: 6 }).length > 5);
});

test('binomial tail', () => {
  const cases: [number, number, number, number][] = [
    [0, 10, 0.3, 1],
    [11, 10, 0.3, 0],
    [10, 10, 0.5, 1 / 1024],
    [9, 10, 0.5, 11 / 1024],
    [1, 3, 0.1, 1 - 0.9 ** 3],
  ];
  for (const [k, n, p, want] of cases) assert.ok(Math.abs(binomialTail(k, n, p) - want) < 1e-12, `${k} ${n} ${p}`);
});

test('negative-share spikes: minimum counts, planted episodes, no storm', () => {
  const cases: { name: string; series: Series; want: number[] }[] = [
    { name: 'steady 10% negative', series: daily(11, 60, 20), want: [] },
    { name: '1 of 2 negative is not a spike', series: daily(12, 60, 2, { 40: [2, 1], 41: [2, 2] }), want: [] },
    { name: '3 of 3 negative is still too few', series: daily(13, 60, 2, { 40: [3, 3] }), want: [] },
    { name: '12 of 20 negative', series: daily(14, 60, 20, { 40: [20, 12] }), want: [40] },
    { name: 'bad week is one alert', series: daily(15, 60, 20, { 40: [20, 10], 41: [25, 15], 43: [22, 11] }), want: [40] },
    { name: 'a spike of volume with the usual share is not negative', series: daily(16, 60, 20, { 40: [100, 10] }), want: [] },
  ];
  for (const c of cases)
    assert.deepEqual(
      detectNegativeSpikes(c.series).map((a) => (a.startedAt - T0) / DAY),
      c.want,
      c.name,
    );
  const [a] = detectNegativeSpikes(daily(14, 60, 20, { 40: [20, 12] }));
  assert.ok(a);
  assert.match(renderAlert(a, 'en'), /^Negative mentions rising on "coupe-chou": 12 of 20 mentions \(60%\), against \d+% usually\.$/);
  // No storm: at most 2 false alarms per 1,000 quiet days (the p-value of 1e-3 trades a few for recall on small shops).
  let alarms = 0;
  for (let s = 200; s < 250; s++) alarms += detectNegativeSpikes(daily(s, 90, 30)).length;
  assert.ok(alarms <= 9, `${alarms} false alarms on 4,500 quiet days`);
});

test('watched authors: one alert per burst of posts, handles matched loosely', () => {
  const now = new Date(T0 + 3 * DAY);
  const watch = [
    { handle: '@Lea@piaille.fr', role: 'leader', priority: 'high' as const },
    { handle: 'nicolas', role: 'relay' },
  ];
  const m = (id: string, author: string, hoursAfter: number) => ({ id, author, publishedAt: T0 + hoursAfter * HOUR });
  const mentions = [
    m('1', 'lea@piaille.fr', 1),
    m('2', '@LEA@piaille.fr', 2),
    m('3', '@lea@piaille.fr', 5),
    m('4', '@lea@piaille.fr', 40),
    m('5', '@nicolas@mastodon.social', 70),
    m('6', '@lea@other.example', 10),
    m('7', 'someone', 11),
    m('8', '@lea@piaille.fr', 24 * 5),
  ];
  const got = detectWatchedAuthors(mentions, watch, { now });
  assert.deepEqual(
    got.map((a) => [a.message.params.mention, a.message.params.count, a.severity, a.endedAt === null]),
    [
      ['1', 3, 'warning', false],
      ['4', 1, 'warning', false],
      ['5', 1, 'info', true],
    ],
  );
  assert.equal(renderAlert(got[0]!, 'fr'), 'lea@piaille.fr (leader) parle de vous (3 messages).');
  assert.equal(renderAlert(got[2]!, 'en'), '@nicolas@mastodon.social (relay) mentioned you.');
  assert.deepEqual(detectWatchedAuthors(mentions, [], { now }), []);
});

test('overdue replies: one alert per backlog, not per message', () => {
  const target = 4 * HOUR;
  const m = (id: string, atHour: number, answeredHour: number | null, needsReply = true) => ({
    id,
    publishedAt: T0 + atHour * HOUR,
    needsReply,
    answeredAt: answeredHour === null ? null : T0 + answeredHour * HOUR,
  });
  const cases: { name: string; now: number; list: ReturnType<typeof m>[]; want: [number, number | null, string, number][] }[] = [
    { name: 'answered in time', now: 20, list: [m('a', 0, 2), m('b', 1, 4)], want: [] },
    { name: 'not yet late', now: 3, list: [m('a', 0, null)], want: [] },
    { name: 'needs no reply', now: 20, list: [m('a', 0, null, false)], want: [] },
    { name: 'one waiting', now: 6, list: [m('a', 0, null)], want: [[4, null, 'warning', 1]] },
    {
      name: 'ten waiting at once are one alert',
      now: 9,
      list: Array.from({ length: 10 }, (_, i) => m(`x${i}`, i * 0.2, null)),
      want: [[4, null, 'critical', 10]],
    },
    { name: 'a past late reply, then a new one', now: 30, list: [m('a', 0, 6), m('b', 20, null)], want: [[4, 6, 'warning', 1], [24, null, 'critical', 1]] },
  ];
  for (const c of cases) {
    const got = detectOverdueReplies(c.list, { now: new Date(T0 + c.now * HOUR), targetMs: target });
    assert.deepEqual(
      got.map((a) => [(a.startedAt - T0) / HOUR, a.endedAt === null ? null : (a.endedAt - T0) / HOUR, a.severity, a.message.params.waiting]),
      c.want,
      c.name,
    );
  }
  const [a] = detectOverdueReplies([m('a', 0, null), m('b', 1, null)], { now: new Date(T0 + 7 * HOUR), targetMs: target });
  assert.equal(renderAlert(a!, 'en'), '2 messages have waited more than 4 h for a reply (the oldest 7 h).');
  assert.equal(renderAlert(a!, 'fr'), '2 messages attendent une réponse depuis plus de 4 h (le plus ancien depuis 7 h).');
});
