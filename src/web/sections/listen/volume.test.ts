import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countVolume, windowStart } from './volume.ts';

const at = (y: number, mo: number, d: number, h = 12) => new Date(y, mo - 1, d, h).toISOString();

test('counts per local day and sentiment, oldest first, ending today', () => {
  const now = new Date(2026, 10, 22, 15);
  const v = countVolume(
    [
      { publishedAt: at(2026, 11, 22, 9), sentiment: { label: 'positive' } },
      { publishedAt: at(2026, 11, 22, 0), sentiment: { label: 'negative' } },
      { publishedAt: at(2026, 11, 20), sentiment: null },
      { publishedAt: at(2026, 11, 20), sentiment: { label: 'positive' } },
      { publishedAt: at(2026, 11, 19, 23), sentiment: { label: 'neutral' } },
      { publishedAt: at(2026, 11, 17), sentiment: { label: 'neutral' } }, // before the 5-day window
      { publishedAt: 'not a date', sentiment: null },
    ],
    now,
    5,
  );
  assert.deepEqual(v.days, ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
  assert.deepEqual(v.counts.positive, [0, 0, 1, 0, 1]);
  assert.deepEqual(v.counts.negative, [0, 0, 0, 0, 1]);
  assert.deepEqual(v.counts.neutral, [0, 1, 0, 0, 0]);
  assert.deepEqual(v.counts.unknown, [0, 0, 1, 0, 0]);
  assert.equal(v.total, 5);
});

test('the window starts at local midnight', () => {
  const s = windowStart(new Date(2026, 10, 22, 15, 30), 30);
  assert.deepEqual([s.getFullYear(), s.getMonth(), s.getDate(), s.getHours(), s.getMinutes()], [2026, 9, 24, 0, 0]);
});

test('a month boundary and an empty list', () => {
  const v = countVolume([], new Date(2026, 2, 2, 8), 3);
  assert.deepEqual(v.days, ['2026-02-28', '2026-03-01', '2026-03-02']);
  assert.equal(v.total, 0);
});
