import { useMemo } from 'react';
import * as api from '../../api/client.ts';
import type { Mention, MentionFilters } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Chart } from '../../ui/chart.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { countVolume, windowStart, type VolumeSeries } from './volume.ts';

const DAYS = 30;
const PAGE = 200;
/** At most this many mentions are read for the chart; beyond, the caption says it is a sample of the newest. */
const MAX_PAGES = 5;

const colours: Record<VolumeSeries, string> = {
  positive: '#2f8a57',
  neutral: '#8d9aa3',
  negative: '#c2412f',
  unknown: '#d9d2c3',
};

/** Mentions per day over the last 30 days, stacked by sentiment, for the current filters. */
export const VolumeChart = ({ workspaceId, filters }: { workspaceId: string; filters: MentionFilters }) => {
  const { t, locale, number } = useI18n();
  const key = JSON.stringify(filters);
  const data = useResource(async () => {
    // The chart keeps its 30-day frame; a period chosen in the filters narrows what fills it.
    const start = windowStart(new Date(), DAYS);
    const since = filters.since && Date.parse(filters.since) > start.getTime() ? filters.since : start.toISOString();
    const items: Mention[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await api.listMentions(workspaceId, { ...filters, since, limit: PAGE, cursor });
      items.push(...res.items);
      cursor = res.nextCursor;
      if (!cursor) break;
    }
    return { items, capped: cursor !== null };
  }, [workspaceId, key]);

  const view = useMemo(() => {
    if (!data.data) return null;
    const volume = countVolume(data.data.items, new Date(), DAYS);
    const dayLabel = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
    const names: Record<VolumeSeries, string> = {
      positive: t('sentiment.positive'),
      neutral: t('sentiment.neutral'),
      negative: t('sentiment.negative'),
      unknown: t('listen.volume.unknown'),
    };
    const sum = (s: VolumeSeries) => volume.counts[s].reduce((a, b) => a + b, 0);
    const label = t('listen.volume.summary', {
      total: number(volume.total),
      positive: number(sum('positive')),
      neutral: number(sum('neutral')),
      negative: number(sum('negative')),
      unknown: number(sum('unknown')),
    });
    const option = {
      textStyle: { fontFamily: 'system-ui, sans-serif' },
      grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 12, icon: 'roundRect' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: volume.days.map((d) => dayLabel.format(new Date(`${d}T12:00:00`))),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#cdc6b8' } },
        axisLabel: { color: '#566462' },
      },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#ece7dd' } }, axisLabel: { color: '#566462' } },
      series: (['positive', 'neutral', 'negative', 'unknown'] as const)
        .filter((s) => sum(s) > 0)
        .map((s) => ({ name: names[s], type: 'bar', stack: 'volume', barMaxWidth: 18, itemStyle: { color: colours[s] }, data: volume.counts[s] })),
    };
    return { volume, option, label };
  }, [data.data, locale, t, number]);

  if (data.error || !view || view.volume.total === 0) return null;
  return (
    <figure className="card volume">
      <figcaption className="volume-caption">
        <span className="volume-title">{t('listen.volume.title')}</span>
        {data.data?.capped ? <span className="muted small">{t('listen.volume.capped', { count: number(MAX_PAGES * PAGE) })}</span> : null}
      </figcaption>
      <Chart option={view.option} label={view.label} />
    </figure>
  );
};
