import { useMemo, useState } from 'react';
import * as api from '../../api/client.ts';
import type { MeasureSeries, ShareOfVoice, WorkspaceRef } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Chart } from '../../ui/chart.tsx';
import { errorText } from '../../ui/error-text.ts';
import { Loading } from '../../ui/loading.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { audienceOption, bucketLabels, periodQuery, periods, reputationOption, shareOfVoiceOption, uncertainMargin, volumeOption, type Period } from './measure-charts.ts';
import { Page } from '../../ui/page.tsx';

const periodLabels: Record<Period, MessageKey> = {
  week: 'reports.period.week',
  month: 'reports.period.month',
  quarter: 'reports.period.quarter',
  year: 'reports.period.year',
};

/**
 * Reports: the measures dashboard. Everything on it comes from the rollups the ingest keeps
 * (GET …/measures and …/measures/share-of-voice), so it costs the same with 100 mentions or 1M.
 */
export const ReportsSection = ({ workspace }: { workspace: WorkspaceRef }) => {
  const { t, locale, number } = useI18n();
  const [period, setPeriod] = useState<Period>('month');
  const [queryId, setQueryId] = useState('');
  const queries = useResource(() => api.listQueries(workspace.id), [workspace.id]);
  const data = useResource(async () => {
    const q = periodQuery(period, new Date());
    const [measures, voice] = await Promise.all([
      api.getMeasures(workspace.id, { ...q, ...(queryId ? { queryId } : {}) }),
      api.getShareOfVoice(workspace.id, q),
    ]);
    return { measures, voice };
  }, [workspace.id, period, queryId]);

  return (
    <Page id="reports" title={t('reports.title')} intro={t('reports.intro')} className="reports">
      <div className="reports-controls">
        <label>
          <span>{t('reports.period')}</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {t(periodLabels[p])}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('reports.series')}</span>
          <select value={queryId} onChange={(e) => setQueryId(e.target.value)}>
            <option value="">{t('reports.series.all')}</option>
            {(queries.data?.items ?? []).map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {data.error ? (
        <Alert kind="error">{errorText({ t, locale }, data.error)}</Alert>
      ) : !data.data ? (
        <Loading />
      ) : (
        <Dashboard measures={data.data.measures} voice={data.data.voice} locale={locale} t={t} number={number} />
      )}
    </Page>
  );
};

type T = ReturnType<typeof useI18n>['t'];
type N = ReturnType<typeof useI18n>['number'];

const Dashboard = ({ measures: m, voice, locale, t, number }: { measures: MeasureSeries; voice: ShareOfVoice; locale: string; t: T; number: N }) => {
  const view = useMemo(() => {
    const labels = bucketLabels(m.points.map((p) => p.at), m.grain, locale);
    const names = { positive: t('sentiment.positive'), neutral: t('sentiment.neutral'), negative: t('sentiment.negative') };
    return {
      volume: volumeOption(m, labels, names),
      reputation: reputationOption(m, labels, { index: t('reports.reputation.index'), band: t('reports.reputation.band') }),
      voice: shareOfVoiceOption(voice, bucketLabels(voice.points.map((p) => p.at), voice.grain, locale)),
      audience: audienceOption(m, labels, { authors: t('reports.authors'), reach: t('reports.reach') }),
    };
  }, [m, voice, locale, t]);
  const tot = m.totals;
  const rep = tot.reputation;
  const pct = (x: number) => `${number(x * 100)} %`;
  const signed = (x: number) => `${x >= 0 ? '+' : '−'}${number(Math.abs(x) * 100)} %`;
  const repText = t('reports.reputation.explain', {
    index: number(rep.index),
    margin: number(rep.margin),
    positive: number(tot.positive),
    neutral: number(tot.neutral),
    negative: number(tot.negative),
    raw: signed(rep.rawNet),
    total: number(tot.volume),
    evidence: number(rep.evidenceWeight * 100),
  });
  return (
    <>
      <dl className="figures" aria-label={t('reports.figures')}>
        <div className="card figure">
          <dt>{t('reports.volume')}</dt>
          <dd data-testid="figure-volume">{number(tot.volume)}</dd>
        </div>
        <div className="card figure">
          <dt>{t('reports.reputation')}</dt>
          <dd data-testid="figure-reputation">
            {number(rep.index)} <span className="margin">± {number(rep.margin)}</span>
          </dd>
        </div>
        <div className="card figure">
          <dt>{t('reports.authors')}</dt>
          <dd data-testid="figure-authors">{number(tot.authors)}</dd>
        </div>
        <div className="card figure">
          <dt>{t('reports.reach')}</dt>
          <dd data-testid="figure-reach">{number(tot.reach)}</dd>
        </div>
        <div className="card figure">
          <dt>{t('reports.voice.brand')}</dt>
          <dd data-testid="figure-voice">{voice.brandShare === null ? '—' : pct(voice.brandShare)}</dd>
        </div>
      </dl>
      <p className="muted small reputation-explain" data-testid="reputation-explain">
        {repText}
      </p>
      {tot.volume === 0 ? <p className="muted">{t('reports.empty')}</p> : null}
      <figure className="card measure">
        <figcaption className="measure-title">{t(m.grain === 'hour' ? 'reports.chart.volume.hour' : 'reports.chart.volume.day')}</figcaption>
        <Chart option={view.volume} label={t('reports.chart.volume.label', { total: number(tot.volume), positive: number(tot.positive), neutral: number(tot.neutral), negative: number(tot.negative) })} />
      </figure>
      <figure className="card measure">
        <figcaption className="measure-title">
          {t('reports.chart.reputation')} <span className="muted small">{t('reports.chart.reputation.note', { margin: number(uncertainMargin) })}</span>
        </figcaption>
        <Chart option={view.reputation} label={repText} />
      </figure>
      <figure className="card measure">
        <figcaption className="measure-title">{t('reports.chart.voice')}</figcaption>
        {voice.entities.length === 0 ? (
          <p className="muted">{t('reports.voice.none')}</p>
        ) : (
          <>
            <ul className="voices">
              {voice.entities.map((e) => (
                <li key={e.queryId}>
                  <span className={`badge kind-${e.kind}`}>{t(e.kind === 'brand' ? 'reports.voice.kind.brand' : 'reports.voice.kind.competitor')}</span> {e.name} :{' '}
                  <strong>{e.share === null ? '—' : pct(e.share)}</strong> <span className="muted">({number(e.volume)})</span>
                </li>
              ))}
            </ul>
            <Chart option={view.voice} label={t('reports.chart.voice.label', { share: voice.brandShare === null ? '—' : pct(voice.brandShare) })} />
          </>
        )}
      </figure>
      <figure className="card measure">
        <figcaption className="measure-title">
          {t('reports.chart.audience')} <span className="muted small">{t('reports.reach.note', { counted: number(tot.reachMentions), total: number(tot.volume) })}</span>
        </figcaption>
        <Chart option={view.audience} label={t('reports.chart.audience.label', { authors: number(tot.authors), reach: number(tot.reach) })} />
      </figure>
    </>
  );
};
