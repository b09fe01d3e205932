import { useState } from 'react';
import * as api from '../../api/client.ts';
import type { Query } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { Loading } from '../../ui/loading.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { QueryEditor } from './query-editor.tsx';

/** The workspace's listening queries; editors write, change and delete them, viewers only read. */
export const QueriesView = ({ workspaceId, canEdit = false }: { workspaceId: string; canEdit?: boolean }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const queries = useResource(() => api.listQueries(workspaceId), [workspaceId]);
  /** 'new', the id of the query being edited, or null. */
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  if (queries.error) return <Alert kind="error">{errorText(i18n, queries.error)}</Alert>;
  if (!queries.data) return <Loading />;
  const items = queries.data.items;
  const edited = items.find((q) => q.id === editing);

  const saved = (q: Query) => {
    setEditing(null);
    setNotice(t('queries.saved', { name: q.name }));
    queries.reload();
  };
  const remove = async (q: Query) => {
    setActionError(null);
    setNotice(null);
    try {
      await api.deleteQuery(workspaceId, q.id);
      setConfirming(null);
      setNotice(t('queries.deleted', { name: q.name }));
      queries.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <div className="queries">
      {canEdit && editing === null ? (
        <div className="toolbar">
          <button type="button" className="button primary" onClick={() => setEditing('new')}>
            {t('queries.new')}
          </button>
        </div>
      ) : null}
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {actionError ? <Alert kind="error">{errorText(i18n, actionError)}</Alert> : null}
      {canEdit && editing !== null ? (
        <QueryEditor
          key={editing}
          workspaceId={workspaceId}
          {...(edited ? { query: edited } : {})}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {items.length === 0 ? (
        <p className="empty">{t('queries.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('queries.name')}</th>
                <th scope="col">{t('queries.kind')}</th>
                <th scope="col">{t('queries.query')}</th>
                {canEdit ? <th scope="col">{t('queries.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((q) => (
                <tr key={q.id}>
                  <th scope="row">{q.name}</th>
                  <td>
                    <span className={`badge kind-${q.kind}`}>{t(`queries.kind.${q.kind}`)}</span>
                  </td>
                  <td>
                    <code className="query">{q.query}</code>
                  </td>
                  {canEdit ? (
                    <td>
                      <div className="toolbar">
                        <button type="button" className="button link" aria-label={t('queries.editOf', { name: q.name })} onClick={() => setEditing(q.id)}>
                          {t('queries.edit')}
                        </button>
                        {confirming === q.id ? (
                          <button type="button" className="button danger-link" onClick={() => void remove(q)}>
                            {t('queries.deleteConfirm', { name: q.name })}
                          </button>
                        ) : (
                          <button type="button" className="button danger-link" aria-label={t('queries.deleteOf', { name: q.name })} onClick={() => setConfirming(q.id)}>
                            {t('queries.delete')}
                          </button>
                        )}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
};
