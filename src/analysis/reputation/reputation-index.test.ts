import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeReputation, reputationIndex } from './reputation-index.ts';

const counts = fc.record({
  positive: fc.integer({ min: 0, max: 5000 }),
  neutral: fc.integer({ min: 0, max: 5000 }),
  negative: fc.integer({ min: 0, max: 5000 }),
});

test('worked examples', () => {
  const cases: [number, number, number, number][] = [
    [0, 0, 0, 50],
    [1, 0, 0, 50 + 50 / 11],
    [0, 0, 1, 50 - 50 / 11],
    [10, 0, 0, 75],
    [30, 50, 20, 50 + (50 * 10) / 110],
    [1000, 0, 0, 50 + (50 * 1000) / 1010],
  ];
  for (const [positive, neutral, negative, want] of cases) {
    const r = reputationIndex({ positive, neutral, negative });
    assert.ok(Math.abs(r.index - want) < 1e-9, `${positive}/${neutral}/${negative}: ${r.index}`);
  }
  const r = reputationIndex({ positive: 30, neutral: 50, negative: 20 });
  assert.equal(r.components.rawNet, 0.1);
  assert.ok(Math.abs(r.components.evidenceWeight - 100 / 110) < 1e-12);
});

test('bounded in [0, 100], with a margin in [0, 50]', () => {
  fc.assert(
    fc.property(counts, fc.integer({ min: 0, max: 100 }), (c, k) => {
      const r = reputationIndex(c, k);
      return r.index >= 0 && r.index <= 100 && r.margin >= 0 && r.margin <= 50;
    }),
  );
});

test('monotone: one more positive raises it, one more negative lowers it', () => {
  fc.assert(
    fc.property(counts, (c) => {
      const base = reputationIndex(c).index;
      return reputationIndex({ ...c, positive: c.positive + 1 }).index > base && reputationIndex({ ...c, negative: c.negative + 1 }).index < base;
    }),
  );
});

test('shrinks with few mentions: never further from 50 than the raw balance, and closer with fewer', () => {
  fc.assert(
    fc.property(counts, fc.integer({ min: 2, max: 50 }), (c, factor) => {
      const r = reputationIndex(c);
      const raw = 50 + 50 * r.components.rawNet;
      if (Math.abs(r.index - 50) > Math.abs(raw - 50) + 1e-9) return false;
      // The same mix seen `factor` times as often moves away from 50, towards the raw balance.
      const more = reputationIndex({ positive: c.positive * factor, neutral: c.neutral * factor, negative: c.negative * factor });
      return Math.abs(more.index - 50) >= Math.abs(r.index - 50) - 1e-9 && Math.abs(more.index - raw) <= Math.abs(r.index - raw) + 1e-9;
    }),
  );
});

test('the margin narrows as mentions accumulate', () => {
  const margins = [0, 5, 50, 500, 5000].map((n) => reputationIndex({ positive: n * 0.6, neutral: n * 0.3, negative: n * 0.1 }).margin);
  for (let i = 1; i < margins.length; i++) assert.ok((margins[i] as number) < (margins[i - 1] as number), `${margins}`);
  assert.ok((margins[4] as number) < 1.5);
});

test('described with its components in French and English', () => {
  const r = reputationIndex({ positive: 30, neutral: 50, negative: 20 });
  assert.equal(describeReputation(r, 'en'), '55 ± 7: 30 positive, 50 neutral, 20 negative (raw balance +10%), from 100 mentions, 91% from the data.');
  assert.equal(describeReputation(r, 'fr'), '55 ± 7 : 30 positives, 50 neutres, 20 négatives (solde brut +10 %), sur 100 mentions, 91 % issus des données.');
  assert.equal(describeReputation(reputationIndex({ positive: 0, neutral: 0, negative: 0 }), 'en'), '50: no mentions in the period, neutral index.');
});
