import { useState } from 'react';
import * as api from '../../api/client.ts';
import type { TrendsView as TrendsData } from '../../../core/api/trends.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { authorLabel } from '../../ui/author-label.ts';
import { AuthorName } from '../../ui/author-name.tsx';
import { errorText } from '../../ui/error-text.ts';
import { SelectField } from '../../ui/field.tsx';
import { Loading } from '../../ui/loading.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { knownWords } from '../../i18n/translate.ts';
import './alerts.css';

type WindowName = TrendsData['window'];
const windows: readonly WindowName[] = ['24h', '72h', '7d'];
const isWindow = (v: string): v is WindowName => (windows as readonly string[]).includes(v);

const Ranked = ({ items, empty, authors = false }: { items: readonly { key: string; mentions: number; did?: string | undefined }[]; empty: string; authors?: boolean }) =>
  items.length === 0 ? (
    <p className="muted small">{empty}</p>
  ) : (
    <ol className="ranked">
      {items.map((r) => (
        <li key={r.did ?? r.key}>
          {authors ? <AuthorName author={r.key} did={r.did} /> : <span>{r.key}</span>}
          <span className="muted">{r.mentions}</span>
        </li>
      ))}
    </ol>
  );

/** Bars of mentions per hour or day (negative ones in red at the bottom), with the figures for screen readers. */
const Histogram = ({ data }: { data: TrendsData['summary']['when'] }) => {
  const { t, dateTime } = useI18n();
  const max = Math.max(1, ...data.buckets.map((b) => b.mentions));
  const first = data.buckets[0];
  const last = data.buckets.at(-1);
  return (
    <figure className="stack" aria-label={t(data.bucket === 'hour' ? 'trends.when.hourly' : 'trends.when.daily')}>
      <div className="histogram" role="img" aria-label={data.buckets.map((b) => `${dateTime(b.start)} : ${b.mentions}`).join(', ')}>
        {data.buckets.map((b) => (
          <div key={b.start} className="histogram-bar" style={{ height: `${(b.mentions / max) * 100}%` }} title={`${dateTime(b.start)} — ${b.mentions}`}>
            {b.negative > 0 ? <span className="neg" style={{ height: `${(b.negative / Math.max(1, b.mentions)) * 100}%` }} /> : null}
          </div>
        ))}
      </div>
      {first && last ? (
        <figcaption className="histogram-axis">
          <span>{dateTime(first.start)}</span>
          <span>{dateTime(last.start)}</span>
        </figcaption>
      ) : null}
    </figure>
  );
};

/** Emerging terms and hashtags of a query (or all mentions) over a chosen window, with who / what / when / where. */
export const TrendsView = ({ workspaceId }: { workspaceId: string }) => {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [queryId, setQueryId] = useState('');
  const [window, setWindow] = useState<WindowName>('24h');
  const queries = useResource(() => api.listQueries(workspaceId), [workspaceId]);
  const trends = useResource(() => api.getTrends(workspaceId, { window, ...(queryId ? { queryId } : {}) }), [workspaceId, queryId, window]);

  return (
    <div className="stack-lg">
      <div className="trend-controls">
        <SelectField label={t('trends.query')} name="trendQuery" value={queryId} onChange={(e) => setQueryId(e.currentTarget.value)}>
          <option value="">{t('trends.allMentions')}</option>
          {(queries.data?.items ?? []).map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('trends.window')}
          name="trendWindow"
          value={window}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isWindow(v)) setWindow(v);
          }}
        >
          {windows.map((w) => (
            <option key={w} value={w}>
              {t(`trends.window.${w}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {trends.error ? (
        <Alert kind="error">{errorText(i18n, trends.error)}</Alert>
      ) : !trends.data ? (
        <Loading />
      ) : (
        <>
          <section className="card stack" aria-labelledby="trends-emerging">
            <h2 id="trends-emerging">{t('trends.emerging')}</h2>
            <p className="muted small">{t('trends.emergingHint', { days: trends.data.baselineDays })}</p>
            {trends.data.trends.length === 0 ? (
              <p className="empty">{t('trends.none')}</p>
            ) : (
              <ul className="trend-list">
                {trends.data.trends.map((x) => (
                  <li key={x.term} className="trend-item">
                    <span className="trend-term">{x.term}</span>
                    <p className="trend-explain">{locale === 'fr' ? x.explanation.fr : x.explanation.en}</p>
                    <p className="muted small">
                      {t('trends.carriedBy', { who: x.who.map((w) => authorLabel(w.key, w.did).text).join(', ') })}
                      {x.sites.length > 0 ? ` · ${t('trends.on', { sites: x.sites.map((s) => s.key).join(', ') })}` : ''}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card stack" aria-labelledby="trends-summary">
            <h2 id="trends-summary">{t('trends.summary')}</h2>
            <p className="muted">
              {t('trends.summaryLine', {
                mentions: trends.data.summary.mentions,
                authors: trends.data.summary.authors,
                positive: trends.data.summary.sentiment.positive,
                neutral: trends.data.summary.sentiment.neutral,
                negative: trends.data.summary.sentiment.negative,
              })}
            </p>
            <div className="w4-grid">
              <div>
                <h3>{t('trends.who')}</h3>
                <Ranked items={trends.data.summary.who} empty={t('trends.nothing')} authors />
              </div>
              <div>
                <h3>{t('trends.what')}</h3>
                <Ranked items={trends.data.summary.what} empty={t('trends.nothing')} />
              </div>
              <div>
                <h3>{t('trends.when')}</h3>
                <Histogram data={trends.data.summary.when} />
              </div>
              <div>
                <h3>{t('trends.where')}</h3>
                <Ranked
                  items={[...trends.data.summary.where.networks.map((n) => ({ ...n, key: knownWords(t, `network.${n.key}`, n.key) })), ...trends.data.summary.where.sites]}
                  empty={t('trends.nothing')}
                />
              </div>
            </div>
          </section>
        </>
      )}
    </div>
  );
};
