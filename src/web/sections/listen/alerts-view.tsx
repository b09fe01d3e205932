import { useState } from 'react';
import * as api from '../../api/client.ts';
import type { AlertView } from '../../../core/api/alerts.ts';
import type { AlertStatus } from '../../../core/alerting.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { SelectField } from '../../ui/field.tsx';
import { Loading } from '../../ui/loading.tsx';
import { safeHref } from '../../ui/safe-href.ts';
import { useResource } from '../../ui/use-resource.ts';
import './alerts.css';

const statuses: readonly AlertStatus[] = ['open', 'acknowledged', 'resolved'];
const isStatus = (v: string): v is AlertStatus => (statuses as readonly string[]).includes(v);

/** The workspace's alerts, open first; editors acknowledge, resolve or reopen them. */
export const AlertsView = ({ workspaceId, canEdit = false }: { workspaceId: string; canEdit?: boolean }) => {
  const i18n = useI18n();
  const { t, relative, dateTime, locale } = i18n;
  const [status, setStatus] = useState<AlertStatus | ''>('');
  const alerts = useResource(() => api.listAlerts(workspaceId, status ? { status } : {}), [workspaceId, status]);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const change = async (a: AlertView, to: AlertStatus) => {
    setActionError(null);
    setBusy(a.id);
    try {
      await api.setAlertStatus(workspaceId, a.id, to);
      alerts.reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="stack-lg">
      <div className="trend-controls">
        <SelectField
          label={t('alerts.filter')}
          name="alertStatus"
          value={status}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setStatus(isStatus(v) ? v : '');
          }}
        >
          <option value="">{t('alerts.filter.all')}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`alerts.status.${s}`)}
            </option>
          ))}
        </SelectField>
        {alerts.data ? <p className="muted">{i18n.tp('alerts.openCount', alerts.data.open)}</p> : null}
      </div>
      {actionError ? <Alert kind="error">{errorText(i18n, actionError)}</Alert> : null}
      {alerts.error ? (
        <Alert kind="error">{errorText(i18n, alerts.error)}</Alert>
      ) : !alerts.data ? (
        <Loading />
      ) : alerts.data.items.length === 0 ? (
        <p className="empty">{t('alerts.empty')}</p>
      ) : (
        <ul className="alert-list" aria-label={t('listen.tab.alerts')}>
          {alerts.data.items.map((a) => {
            const label = t(`alerts.kind.${a.kind}`);
            return (
              <li key={a.id} className={`alert-item sev-${a.severity}${a.status === 'open' ? '' : ' is-done'}`} aria-label={`${label} — ${t(`alerts.status.${a.status}`)}`}>
                <div className="alert-head">
                  <span className={`badge sev-badge-${a.severity}`}>{t(`alerts.severity.${a.severity}`)}</span>
                  <strong>{label}</strong>
                  <span className={`badge ${a.status === 'open' ? 'status-warn' : a.status === 'acknowledged' ? 'status-off' : 'status-ok'}`}>
                    {t(`alerts.status.${a.status}`)}
                  </span>
                </div>
                <p className="alert-message">
                  {locale === 'fr' ? a.message.fr : a.message.en}{' '}
                  {safeHref(typeof a.params.url === 'string' ? a.params.url : null) ? (
                    <a href={safeHref(String(a.params.url))} target="_blank" rel="noopener noreferrer nofollow">
                      {t('alerts.openPost')}
                    </a>
                  ) : null}
                </p>
                <p className="muted small">
                  <span title={dateTime(a.startedAt)}>{t('alerts.since', { when: relative(a.startedAt) })}</span>
                  {' · '}
                  {a.endedAt ? t('alerts.ended', { when: relative(a.endedAt) }) : t('alerts.ongoing')}
                  {' · '}
                  {t('alerts.lastSeen', { when: relative(a.lastSeenAt) })}
                </p>
                {canEdit ? (
                  <div className="alert-actions">
                    {a.status === 'open' ? (
                      <button type="button" className="button secondary" disabled={busy === a.id} onClick={() => void change(a, 'acknowledged')} aria-label={t('alerts.acknowledgeThis', { kind: label })}>
                        {t('alerts.acknowledge')}
                      </button>
                    ) : null}
                    {a.status !== 'resolved' ? (
                      <button type="button" className="button secondary" disabled={busy === a.id} onClick={() => void change(a, 'resolved')} aria-label={t('alerts.resolveThis', { kind: label })}>
                        {t('alerts.resolve')}
                      </button>
                    ) : (
                      <button type="button" className="button secondary" disabled={busy === a.id} onClick={() => void change(a, 'open')} aria-label={t('alerts.reopenThis', { kind: label })}>
                        {t('alerts.reopen')}
                      </button>
                    )}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
};
