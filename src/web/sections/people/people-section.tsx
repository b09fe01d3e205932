import { useId, useRef, useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import type { WorkspaceRef } from '../../api/types.ts';
import type { PersonView } from '../../../core/api/people.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { AuthorName } from '../../ui/author-name.tsx';
import { sectionPath } from '../../frame/sections.ts';
import { Link } from '../../router/router.tsx';
import { errorText } from '../../ui/error-text.ts';
import { Loading } from '../../ui/loading.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { Page } from '../../ui/page.tsx';
import './people.css';

const PAGE_SIZE = 50;

/**
 * People: the workspace's people by name (imported from a file, ADR 0172), with their handles,
 * roles, tags and notes; a search over names, handles and tags, and pages of 50.
 */
export const PeopleSection = ({ workspace }: { workspace: WorkspaceRef }) => {
  const i18n = useI18n();
  const { t, number } = i18n;
  const id = useId();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState({ q: '', offset: 0 });
  const people = useResource(() => api.listPeople(workspace.id, { q: search.q || undefined, limit: PAGE_SIZE, offset: search.offset }), [workspace.id, search.q, search.offset]);
  const results = useRef<HTMLDivElement>(null);
  const goTo = (offset: number) => {
    setSearch((s) => ({ ...s, offset }));
    results.current?.scrollIntoView({ block: 'start' });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch({ q: typed.trim(), offset: 0 });
  };
  const page = people.data;
  return (
    <Page id="people" title={t('people.title')} intro={t('people.intro')}>
      <form className="filters" role="search" aria-label={t('people.searchForm')} onSubmit={submit}>
        <div className="filter filter-grow">
          <label htmlFor={`${id}-q`}>{t('people.search')}</label>
          <input id={`${id}-q`} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('people.searchHint')} />
        </div>
        <button type="submit" className="button secondary">
          {t('people.searchButton')}
        </button>
      </form>
      <div className="results" aria-busy={people.loading} ref={results}>
        {people.error ? (
          <Alert kind="error">
            {errorText(i18n, people.error)}{' '}
            <button type="button" className="button link" onClick={people.reload}>
              {t('common.retry')}
            </button>
          </Alert>
        ) : people.loading && !page ? (
          <Loading />
        ) : !page || page.items.length === 0 ? (
          <div className="empty">
            <p className="empty-title">{search.q ? t('people.emptySearch', { q: search.q }) : t('people.empty')}</p>
            {search.q ? null : (
              <>
                <p className="muted">{t('people.emptyHint')}</p>
                <p>
                  <Link className="button secondary" to={sectionPath(workspace.id, 'listen', '/sources')}>
                    {t('people.emptyImport')}
                  </Link>
                </p>
              </>
            )}
          </div>
        ) : (
          <>
            <p className="result-count" role="status">
              {t('people.shown', { from: number(page.offset + 1), to: number(page.offset + page.items.length), total: number(page.total) })}
            </p>
            <ul className="people-list">
              {page.items.map((p) => (
                <li key={p.id}>
                  <PersonCard person={p} />
                </li>
              ))}
            </ul>
          </>
        )}
        {page && (page.offset > 0 || page.offset + page.items.length < page.total) ? (
          <nav className="pager" aria-label={t('people.pagination')}>
            <button type="button" className="button secondary" disabled={page.offset === 0 || people.loading} onClick={() => goTo(Math.max(0, page.offset - PAGE_SIZE))}>
              {t('listen.previous')}
            </button>
            <span className="muted">{t('listen.page', { page: Math.floor(page.offset / PAGE_SIZE) + 1 })}</span>
            <button type="button" className="button secondary" disabled={page.offset + page.items.length >= page.total || people.loading} onClick={() => goTo(page.offset + PAGE_SIZE)}>
              {t('listen.next')}
            </button>
          </nav>
        ) : null}
      </div>
    </Page>
  );
};

const PersonCard = ({ person }: { person: PersonView }) => {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <article className="card person" aria-labelledby={headingId}>
      <div className="person-head">
        <h2 id={headingId}>{person.displayName}</h2>
        {person.roles.map((r) => (
          <span key={r} className="badge">
            {t(`people.role.${r}`)}
          </span>
        ))}
      </div>
      <ul className="person-handles" aria-label={t('people.handles')}>
        {person.handles.map((h) => (
          <li key={`${h.network}:${h.did ?? h.handle}`}>
            <span className="muted">{t(`people.network.${h.network}`)}</span> <AuthorName author={h.handle} did={h.did} />
          </li>
        ))}
      </ul>
      {person.bio ? <p className="small">{person.bio}</p> : null}
      {person.notes ? (
        <p className="small">
          <span className="muted">{t('people.notes')}</span> {person.notes}
        </p>
      ) : null}
      {person.tags.length > 0 ? (
        <ul className="person-tags" aria-label={t('people.tags')}>
          {person.tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
};
