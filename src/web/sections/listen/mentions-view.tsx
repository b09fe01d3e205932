import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import { networks, sentimentLabels } from '../../../core/mention.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../../router/router.tsx';
import { sectionPath } from '../../frame/sections.ts';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { Loading } from '../../ui/loading.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { apiFilters, FILTER_LANGS, hasFilters, readFilters, withFilter, type FilterKey, type ListFilters } from './mention-filters.ts';
import { MentionCard } from './mention-card.tsx';
import { VolumeChart } from './volume-chart.tsx';

const PAGE_SIZE = 20;

/** The workspace's mentions, newest first, with filters in the URL and cursor pagination. */
export const MentionsView = ({ workspaceId }: { workspaceId: string }) => {
  const i18n = useI18n();
  const { t, tp } = i18n;
  const { pathname, search } = useLocation();
  const filters = readFilters(search);
  const query = apiFilters(filters, Intl.DateTimeFormat().resolvedOptions().timeZone);
  const filterKey = JSON.stringify(filters);
  // cursors[i] opens page i; page 0 has none. The pages belong to one set of filters:
  // any change of filters (or workspace) starts again at page 0.
  const pagingKey = `${workspaceId} ${filterKey}`;
  const [paging, setPaging] = useState({ key: pagingKey, cursors: [null] as (string | null)[], page: 0 });
  const { cursors, page } = paging.key === pagingKey ? paging : { cursors: [null], page: 0 };
  const cursor = cursors[page] ?? null;
  const mentions = useResource(
    () => api.listMentions(workspaceId, { ...query, limit: PAGE_SIZE, cursor }),
    [workspaceId, filterKey, cursor],
  );

  // A new page starts at the top of the list, not where the pager button was.
  const results = useRef<HTMLDivElement>(null);
  const goTo = (next: typeof paging) => {
    setPaging(next);
    results.current?.scrollIntoView({ block: 'start' });
  };

  const setFilter = (key: FilterKey, value: string) => navigate(pathname + withFilter(filters, key, value), { replace: true });

  const next = () => {
    const nextCursor = mentions.data?.nextCursor;
    if (!nextCursor) return;
    goTo({ key: pagingKey, cursors: [...cursors.slice(0, page + 1), nextCursor], page: page + 1 });
  };

  const items = mentions.data?.items ?? [];
  return (
    <div className="mentions-view">
      <Filters workspaceId={workspaceId} filters={filters} onChange={setFilter} onReset={() => navigate(pathname, { replace: true })} />
      <VolumeChart workspaceId={workspaceId} filters={query} />
      <div className="results" aria-busy={mentions.loading} ref={results}>
        {mentions.error ? (
          <Alert kind="error">
            {errorText(i18n, mentions.error)}{' '}
            <button type="button" className="button link" onClick={mentions.reload}>
              {t('common.retry')}
            </button>
          </Alert>
        ) : mentions.loading && !mentions.data ? (
          <Loading />
        ) : items.length === 0 ? (
          <div className="empty">
            <p className="empty-title">{hasFilters(filters) ? t('listen.emptyFiltered') : t('listen.empty')}</p>
            {hasFilters(filters) ? null : (
              <>
                <p className="muted">{t('listen.emptyHint')}</p>
                <p>
                  <Link className="button secondary" to={sectionPath(workspaceId, 'settings')}>
                    {t('listen.emptyBrand')}
                  </Link>
                </p>
              </>
            )}
          </div>
        ) : (
          <>
            <p className="result-count" role="status">
              {tp('listen.shown', items.length)}
              {page > 0 ? ` · ${t('listen.page', { page: page + 1 })}` : ''}
            </p>
            <ol className="mention-list">
              {items.map((m) => (
                <li key={m.id}>
                  <MentionCard mention={m} />
                </li>
              ))}
            </ol>
          </>
        )}
        {page > 0 || mentions.data?.nextCursor ? (
          <nav className="pager" aria-label={t('listen.pagination')}>
            <button type="button" className="button secondary" disabled={page === 0 || mentions.loading} onClick={() => goTo({ key: pagingKey, cursors, page: page - 1 })}>
              {t('listen.previous')}
            </button>
            <span className="muted">{t('listen.page', { page: page + 1 })}</span>
            <button type="button" className="button secondary" disabled={!mentions.data?.nextCursor || mentions.loading} onClick={next}>
              {t('listen.next')}
            </button>
          </nav>
        ) : null}
      </div>
    </div>
  );
};

const Filters = ({
  workspaceId,
  filters,
  onChange,
  onReset,
}: {
  workspaceId: string;
  filters: ListFilters;
  onChange(key: FilterKey, value: string): void;
  onReset(): void;
}) => {
  const { t } = useI18n();
  const id = useId();
  // The choices of source and query; a failed load leaves those two filters out, not the list.
  const choices = useResource(async () => {
    const [sources, queries] = await Promise.all([api.listSources(workspaceId), api.listQueries(workspaceId)]);
    return { sources: sources.items, queries: queries.items };
  }, [workspaceId]);
  const sources = choices.data?.sources ?? [];
  const queries = choices.data?.queries ?? [];
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange('q', q);
  };
  return (
    <form className="filters" role="search" aria-label={t('listen.filters')} onSubmit={submit}>
      <div className="filter">
        <label htmlFor={`${id}-network`}>{t('listen.filter.network')}</label>
        <select id={`${id}-network`} name="network" value={filters.network ?? ''} onChange={(e) => onChange('network', e.currentTarget.value)}>
          <option value="">{t('listen.filter.anyNetwork')}</option>
          {networks.map((n) => (
            <option key={n} value={n}>
              {t(`network.${n}`)}
            </option>
          ))}
        </select>
      </div>
      {sources.length > 0 ? (
        <div className="filter">
          <label htmlFor={`${id}-source`}>{t('listen.filter.source')}</label>
          <select id={`${id}-source`} name="source" value={filters.source ?? ''} onChange={(e) => onChange('source', e.currentTarget.value)}>
            <option value="">{t('listen.filter.anySource')}</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {queries.length > 0 ? (
        <div className="filter">
          <label htmlFor={`${id}-query`}>{t('listen.filter.query')}</label>
          <select id={`${id}-query`} name="query" value={filters.query ?? ''} onChange={(e) => onChange('query', e.currentTarget.value)}>
            <option value="">{t('listen.filter.anyQuery')}</option>
            {queries.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="filter">
        <label htmlFor={`${id}-lang`}>{t('listen.filter.lang')}</label>
        <select id={`${id}-lang`} name="lang" value={filters.lang ?? ''} onChange={(e) => onChange('lang', e.currentTarget.value)}>
          <option value="">{t('listen.filter.anyLang')}</option>
          {FILTER_LANGS.map((l) => (
            <option key={l} value={l}>
              {t(`lang.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-sentiment`}>{t('listen.filter.sentiment')}</label>
        <select
          id={`${id}-sentiment`}
          name="sentiment"
          value={filters.sentiment ?? ''}
          onChange={(e) => onChange('sentiment', e.currentTarget.value)}
        >
          <option value="">{t('listen.filter.anySentiment')}</option>
          {sentimentLabels.map((s) => (
            <option key={s} value={s}>
              {t(`sentiment.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${id}-from`}>{t('listen.filter.from')}</label>
        <input id={`${id}-from`} name="from" type="date" value={filters.from ?? ''} max={filters.to} onChange={(e) => onChange('from', e.currentTarget.value)} />
      </div>
      <div className="filter">
        <label htmlFor={`${id}-to`}>{t('listen.filter.to')}</label>
        <input id={`${id}-to`} name="to" type="date" value={filters.to ?? ''} min={filters.from} onChange={(e) => onChange('to', e.currentTarget.value)} />
      </div>
      <div className="filter filter-grow">
        <label htmlFor={`${id}-q`}>{t('listen.filter.q')}</label>
        <div className="search-row">
          <input
            id={`${id}-q`}
            name="q"
            type="search"
            placeholder={t('listen.filter.qPlaceholder')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
          <button type="submit" className="button primary">
            {t('listen.filter.apply')}
          </button>
        </div>
      </div>
      {hasFilters(filters) ? (
        <button type="button" className="button link reset" onClick={onReset}>
          {t('listen.filter.reset')}
        </button>
      ) : null}
    </form>
  );
};
