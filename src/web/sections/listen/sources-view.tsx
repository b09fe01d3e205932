import * as api from '../../api/client.ts';
import type { Source } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { Loading } from '../../ui/loading.tsx';
import { safeHref } from '../../ui/safe-href.ts';
import { useResource } from '../../ui/use-resource.ts';

/** An active source whose last error is newer than its last success is shown as failing. */
const health = (s: Source): { key: MessageKey; tone: 'ok' | 'warn' | 'off' } => {
  if (s.status === 'disabled') return { key: 'sources.status.disabled', tone: 'off' };
  if (s.status === 'paused') return { key: 'sources.status.paused', tone: 'off' };
  const failing = s.lastErrorAt !== null && (s.lastSuccessAt === null || Date.parse(s.lastErrorAt) > Date.parse(s.lastSuccessAt));
  return failing ? { key: 'sources.status.failing', tone: 'warn' } : { key: 'sources.status.active', tone: 'ok' };
};

export const SourcesView = ({ workspaceId }: { workspaceId: string }) => {
  const i18n = useI18n();
  const { t, relative, dateTime } = i18n;
  const sources = useResource(() => api.listSources(workspaceId), [workspaceId]);
  if (sources.error) return <Alert kind="error">{errorText(i18n, sources.error)}</Alert>;
  if (!sources.data) return <Loading />;
  if (sources.data.items.length === 0) return <p className="empty">{t('sources.empty')}</p>;
  return (
    <ul className="source-list">
      {sources.data.items.map((s) => {
        const h = health(s);
        const href = safeHref(s.url);
        return (
          <li key={s.id} className="card source">
            <div className="source-head">
              <span className={`network-dot net-${s.kind}`} aria-hidden="true" />
              <h2 className="source-name">{s.name}</h2>
              <span className={`badge status-${h.tone}`}>{t(h.key)}</span>
            </div>
            <dl className="facts">
              <div>
                <dt>{t('sources.kind')}</dt>
                <dd>{t(`network.${s.kind}`)}</dd>
              </div>
              <div>
                <dt>{t('sources.lastSuccess')}</dt>
                <dd>
                  {s.lastSuccessAt ? (
                    <time dateTime={s.lastSuccessAt} title={dateTime(s.lastSuccessAt)}>
                      {relative(s.lastSuccessAt)}
                    </time>
                  ) : (
                    t('common.never')
                  )}
                </dd>
              </div>
              {href ? (
                <div className="fact-url">
                  <dt>URL</dt>
                  <dd>
                    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="break">
                      {s.url}
                    </a>
                  </dd>
                </div>
              ) : null}
              {s.lastError && s.lastErrorAt ? (
                <div className="fact-wide">
                  <dt>{t('sources.lastError')}</dt>
                  <dd>
                    <time dateTime={s.lastErrorAt} title={dateTime(s.lastErrorAt)}>
                      {relative(s.lastErrorAt)}
                    </time>{' '}
                    — <span className="error-text">{s.lastError}</span>
                  </dd>
                </div>
              ) : null}
            </dl>
          </li>
        );
      })}
    </ul>
  );
};
