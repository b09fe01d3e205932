import * as api from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { Loading } from '../../ui/loading.tsx';
import { useResource } from '../../ui/use-resource.ts';

export const QueriesView = ({ workspaceId }: { workspaceId: string }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const queries = useResource(() => api.listQueries(workspaceId), [workspaceId]);
  if (queries.error) return <Alert kind="error">{errorText(i18n, queries.error)}</Alert>;
  if (!queries.data) return <Loading />;
  if (queries.data.items.length === 0) return <p className="empty">{t('queries.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('queries.name')}</th>
            <th scope="col">{t('queries.kind')}</th>
            <th scope="col">{t('queries.query')}</th>
          </tr>
        </thead>
        <tbody>
          {queries.data.items.map((q) => (
            <tr key={q.id}>
              <th scope="row">{q.name}</th>
              <td>
                <span className={`badge kind-${q.kind}`}>{t(`queries.kind.${q.kind}`)}</span>
              </td>
              <td>
                <code className="query">{q.query}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
