/**
 * Chart options of the measures dashboard, built from the API's answers. Pure (no React, no
 * echarts import): echarts itself is loaded only when a chart is first drawn (ui/chart.tsx).
 */
import type { MeasureGrain, MeasureSeries, ShareOfVoice } from '../../api/types.ts';

export const sentimentColours = { positive: '#2f8a57', neutral: '#8d9aa3', negative: '#c2412f' } as const;
const voiceColours = ['#1f6f8b', '#c98b2b', '#7a4e9c', '#4f8f3a', '#b4495b', '#3b5b92', '#8a6d3b'];
const axisColour = '#566462';
const gridColour = '#ece7dd';
/** docs/reputation-index.md: a point whose margin is wider than this is shown greyed. */
export const uncertainMargin = 10;

export type Period = 'week' | 'month' | 'quarter' | 'year';
export const periods: readonly Period[] = ['week', 'month', 'quarter', 'year'];

/** The API query of a period: the last 7 days by the hour, or the last 30, 90 or 365 days. */
export const periodQuery = (p: Period, now: Date): { grain?: MeasureGrain; from?: string } => {
  if (p === 'week') return { grain: 'hour' };
  if (p === 'month') return {};
  const days = p === 'quarter' ? 90 : 365;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { from: new Date(today - (days - 1) * 86_400_000).toISOString().slice(0, 10) };
};

/** Bucket labels: "7 déc." for days, "7 déc. 14:00" for hours (in the viewer's time zone). */
export const bucketLabels = (atIsos: readonly string[], grain: MeasureGrain, locale: string): string[] => {
  const f =
    grain === 'day'
      ? new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })
      : new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return atIsos.map((iso) => f.format(new Date(iso)));
};

const base = (labels: readonly string[]) => ({
  textStyle: { fontFamily: 'system-ui, sans-serif' },
  grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
  legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 12, icon: 'roundRect' },
  tooltip: { trigger: 'axis' },
  xAxis: { type: 'category', data: labels, axisTick: { show: false }, axisLine: { lineStyle: { color: '#cdc6b8' } }, axisLabel: { color: axisColour } },
});

export interface SentimentNames {
  readonly positive: string;
  readonly neutral: string;
  readonly negative: string;
}

/** Mentions per bucket, stacked by sentiment. */
export const volumeOption = (m: MeasureSeries, labels: readonly string[], names: SentimentNames) => ({
  ...base(labels),
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: gridColour } }, axisLabel: { color: axisColour } },
  series: (['positive', 'neutral', 'negative'] as const).map((s) => ({
    name: names[s],
    type: 'bar',
    stack: 'volume',
    barMaxWidth: 18,
    itemStyle: { color: sentimentColours[s] },
    data: m.points.map((p) => p[s]),
  })),
});

/**
 * The reputation index per bucket with its ~95 % band (a transparent base plus a stacked band
 * of twice the margin, clipped to 0–100). Points less certain than `uncertainMargin` are grey.
 */
export const reputationOption = (m: MeasureSeries, labels: readonly string[], names: { index: string; band: string }) => {
  const lower = m.points.map((p) => Math.max(0, p.reputation.index - p.reputation.margin));
  const upper = m.points.map((p) => Math.min(100, p.reputation.index + p.reputation.margin));
  return {
    ...base(labels),
    yAxis: { type: 'value', min: 0, max: 100, interval: 25, splitLine: { lineStyle: { color: gridColour } }, axisLabel: { color: axisColour } },
    series: [
      { name: 'lower', type: 'line', stack: 'band', data: lower, symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false }, silent: true },
      {
        name: names.band,
        type: 'line',
        stack: 'band',
        data: upper.map((u, i) => Math.round((u - (lower[i] ?? 0)) * 10) / 10),
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(31, 111, 139, 0.15)' },
        itemStyle: { color: 'rgba(31, 111, 139, 0.3)' },
        tooltip: { show: false },
        silent: true,
      },
      {
        name: names.index,
        type: 'line',
        symbolSize: 6,
        itemStyle: { color: '#1f6f8b' },
        lineStyle: { color: '#1f6f8b' },
        data: m.points.map((p) => ({
          value: Math.round(p.reputation.index * 10) / 10,
          itemStyle: { color: p.reputation.margin > uncertainMargin ? '#b9b3a7' : '#1f6f8b' },
        })),
      },
    ],
    legend: { ...base(labels).legend, data: [names.index, names.band] },
  };
};

/** Each voice's share of the bucket's brand and competitor mentions, stacked to 100 %. */
export const shareOfVoiceOption = (s: ShareOfVoice, labels: readonly string[]) => ({
  ...base(labels),
  // Many voices on a phone: one scrolling legend line rather than lines over the bars.
  legend: { ...base(labels).legend, type: 'scroll' },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v} %` },
  yAxis: { type: 'value', min: 0, max: 100, splitLine: { lineStyle: { color: gridColour } }, axisLabel: { color: axisColour, formatter: '{value} %' } },
  series: s.entities.map((e, i) => ({
    name: e.name,
    type: 'bar',
    stack: 'voice',
    barMaxWidth: 18,
    itemStyle: { color: voiceColours[i % voiceColours.length] },
    data: s.points.map((p) => {
      const all = p.volumes.reduce((a, b) => a + b, 0);
      return all > 0 ? Math.round(((p.volumes[i] ?? 0) / all) * 1000) / 10 : 0;
    }),
  })),
});

/** Unique authors per bucket (bars) and the interactions their mentions had (line, right axis). */
export const audienceOption = (m: MeasureSeries, labels: readonly string[], names: { authors: string; reach: string }) => ({
  ...base(labels),
  grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
  yAxis: [
    { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: gridColour } }, axisLabel: { color: axisColour } },
    { type: 'value', minInterval: 1, splitLine: { show: false }, axisLabel: { color: axisColour } },
  ],
  series: [
    { name: names.authors, type: 'bar', barMaxWidth: 18, itemStyle: { color: '#4f8f3a' }, data: m.points.map((p) => p.authors) },
    { name: names.reach, type: 'line', yAxisIndex: 1, symbolSize: 4, itemStyle: { color: '#c98b2b' }, data: m.points.map((p) => p.reach) },
  ],
});
