import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MeasureSeries, ShareOfVoice } from '../../api/types.ts';
import { bucketLabels, periodQuery, reputationOption, shareOfVoiceOption, uncertainMargin, volumeOption } from './measure-charts.ts';

const point = (at: string, counts: [number, number, number], reputation: { index: number; margin: number }) => ({
  at,
  volume: counts[0] + counts[1] + counts[2],
  positive: counts[0],
  neutral: counts[1],
  negative: counts[2],
  meanScore: null,
  authors: 1,
  reach: 0,
  reachMentions: 0,
  reputation,
});
const series: MeasureSeries = {
  grain: 'day',
  from: '2026-12-05T00:00:00.000Z',
  to: '2026-12-06T00:00:00.000Z',
  query: null,
  points: [point('2026-12-05T00:00:00.000Z', [1, 0, 0], { index: 54.5, margin: 24 }), point('2026-12-06T00:00:00.000Z', [60, 30, 10], { index: 95, margin: 8 })],
  totals: { volume: 101, positive: 61, neutral: 30, negative: 10, meanScore: 0.3, authors: 2, reach: 0, reachMentions: 0, reputation: { index: 73, margin: 7, rawNet: 0.5, evidenceWeight: 0.91 } },
};

describe('measure charts', () => {
  it('periods ask for the last week by the hour, or whole UTC days back from today', () => {
    const now = new Date('2026-12-07T10:30:00Z');
    assert.deepEqual(periodQuery('week', now), { grain: 'hour' });
    assert.deepEqual(periodQuery('month', now), {});
    assert.deepEqual(periodQuery('quarter', now), { from: '2026-09-09' });
    assert.deepEqual(periodQuery('year', now), { from: '2025-12-08' });
  });

  it('labels days in the locale, without shifting them by the time zone', () => {
    assert.deepEqual(bucketLabels(['2026-12-05T00:00:00.000Z'], 'day', 'fr'), ['5 déc.']);
    assert.deepEqual(bucketLabels(['2026-12-05T00:00:00.000Z'], 'day', 'en-GB'), ['5 Dec']);
  });

  it('stacks the volume by sentiment', () => {
    const o = volumeOption(series, ['a', 'b'], { positive: 'P', neutral: 'U', negative: 'N' });
    assert.deepEqual(o.series.map((s) => s.data), [[1, 60], [0, 30], [0, 10]]);
  });

  it('draws the reputation band within 0–100 and greys points less certain than the threshold', () => {
    const o = reputationOption(series, ['a', 'b'], { index: 'Index', band: 'Margin' });
    const [lower, band, line] = o.series;
    assert.deepEqual(lower?.data, [30.5, 87]);
    // The upper edge of the second day is clipped at 100: 100 − 87.
    assert.deepEqual(band?.data, [48, 13]);
    const colours = (line?.data as { itemStyle: { color: string } }[]).map((d) => d.itemStyle.color);
    assert.equal(uncertainMargin, 10);
    assert.notEqual(colours[0], colours[1]);
  });

  it('gives each voice its share of the bucket, summing to 100 %, and 0 for a silent bucket', () => {
    const s: ShareOfVoice = {
      grain: 'day',
      from: series.from,
      to: series.to,
      entities: [
        { queryId: 'b', name: 'Brand', kind: 'brand', volume: 3, share: 0.6 },
        { queryId: 'c', name: 'Rival', kind: 'competitor', volume: 2, share: 0.4 },
      ],
      brandShare: 0.6,
      points: [
        { at: series.from, volumes: [0, 0], brandShare: null },
        { at: series.to, volumes: [3, 2], brandShare: 0.6 },
      ],
    };
    const o = shareOfVoiceOption(s, ['a', 'b']);
    assert.deepEqual(o.series.map((x) => x.data), [[0, 60], [0, 40]]);
  });
});
