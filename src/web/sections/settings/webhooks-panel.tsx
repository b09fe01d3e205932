import { useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import type { WorkspaceRef } from '../../api/types.ts';
import type { WebhookEndpointView } from '../../../core/api/alerts.ts';
import { webhookEvents } from '../../../core/alerting.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { knownWords } from '../../i18n/translate.ts';
import { Alert } from '../../ui/alert.tsx';
import { CopyField } from '../../ui/copy-field.tsx';
import { errorText } from '../../ui/error-text.ts';
import { TextField } from '../../ui/field.tsx';
import { Loading } from '../../ui/loading.tsx';
import { useResource } from '../../ui/use-resource.ts';

type Event = (typeof webhookEvents)[number];

/** The delivery log of one endpoint, newest first. */
const Deliveries = ({ workspaceId, endpoint, nonce }: { workspaceId: string; endpoint: WebhookEndpointView; nonce: number }) => {
  const i18n = useI18n();
  const { t, relative, dateTime } = i18n;
  const log = useResource(() => api.listDeliveries(workspaceId, endpoint.id), [workspaceId, endpoint.id, nonce]);
  if (log.error) return <Alert kind="error">{errorText(i18n, log.error)}</Alert>;
  if (!log.data) return <Loading />;
  if (log.data.items.length === 0) return <p className="muted small">{t('webhooks.noDeliveries')}</p>;
  return (
    <ul className="rows" aria-label={`${t('webhooks.deliveries')} — ${endpoint.url}`}>
      {log.data.items.map((d) => (
        <li key={d.id} className="row">
          <div className="row-main">
            <span className="row-title">
              <span className={`badge ${d.status === 'succeeded' ? 'status-ok' : d.status === 'failed' ? 'status-warn' : 'status-off'}`}>{t(`webhooks.delivery.${d.status}`)}</span> {knownWords(t, `webhooks.event.${d.event}`, d.event)}
            </span>
            <span className="muted small break">
              <span title={dateTime(d.createdAt)}>{relative(d.createdAt)}</span> · {t('webhooks.attempts', { count: d.attempts })}
              {d.lastStatusCode ? ` · HTTP ${d.lastStatusCode}` : ''}
              {d.lastError ? ` · ${d.lastError}` : ''}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
};

/** Webhook endpoints (owners): add one (its secret shown once), pause, test, delete, read the delivery log. */
export const WebhooksPanel = ({ workspace }: { workspace: WorkspaceRef }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const hooks = useResource(() => api.listWebhooks(workspace.id), [workspace.id]);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<Event[]>(['alert.opened']);
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    setSecret(null);
    if (events.length === 0) {
      setNotice(null);
      setError(new Error(t('webhooks.pickEvent')));
      return;
    }
    try {
      const created = await api.createWebhook(workspace.id, { url: url.trim(), description: description.trim(), events });
      setSecret(created.secret);
      setUrl('');
      setDescription('');
      hooks.reload();
    } catch (err) {
      setError(err);
    }
  };
  const act = async (f: () => Promise<unknown>, done?: string) => {
    setError(null);
    setNotice(null);
    try {
      await f();
      if (done) setNotice(done);
      hooks.reload();
      setNonce((n) => n + 1);
    } catch (err) {
      setError(err);
    }
  };

  if (workspace.role !== 'owner') return <Alert kind="info">{t('error.forbidden')}</Alert>;
  return (
    <div className="stack-lg">
      <p className="lead">{t('webhooks.intro')}</p>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {error ? <Alert kind="error">{error instanceof Error && !('code' in error) ? error.message : errorText(i18n, error)}</Alert> : null}
      <form className="card stack" onSubmit={create}>
        <TextField label={t('webhooks.url')} name="webhookUrl" type="url" required placeholder="https://" value={url} onChange={(e) => setUrl(e.currentTarget.value)} />
        <TextField label={t('webhooks.description')} name="webhookDescription" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <fieldset className="stack">
          <legend>{t('webhooks.events')}</legend>
          {webhookEvents.map((ev) => (
            <label key={ev} className="check">
              <input
                type="checkbox"
                checked={events.includes(ev)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setEvents((cur) => (on ? [...cur, ev] : cur.filter((x) => x !== ev)));
                }}
              />
              {t(`webhooks.event.${ev}`)}
            </label>
          ))}
        </fieldset>
        <div className="alert-actions">
          <button type="submit" className="button primary">
            {t('webhooks.create')}
          </button>
        </div>
      </form>
      {secret ? (
        <div className="notice" role="status">
          <p>{t('webhooks.createdOnce')}</p>
          <CopyField label={t('webhooks.secret')} value={secret} />
        </div>
      ) : null}
      {hooks.error ? (
        <Alert kind="error">{errorText(i18n, hooks.error)}</Alert>
      ) : !hooks.data ? (
        <Loading />
      ) : hooks.data.items.length === 0 ? (
        <p className="muted">{t('webhooks.none')}</p>
      ) : (
        hooks.data.items.map((h) => (
          <section key={h.id} className="card stack" aria-label={h.url}>
            <div className="row">
              <div className="row-main">
                <span className="row-title break">{h.url}</span>
                <span className="muted small">
                  <span className={`badge ${h.active ? 'status-ok' : 'status-off'}`}>{h.active ? t('webhooks.active') : t('webhooks.paused')}</span>{' '}
                  {h.description ? `${h.description} · ` : ''}
                  {h.events.map((ev) => knownWords(t, `webhooks.event.${ev}`, ev)).join(', ')}
                </span>
              </div>
            </div>
            <div className="alert-actions">
              <button type="button" className="button secondary" onClick={() => void act(() => api.testWebhook(workspace.id, h.id), t('webhooks.testSent'))}>
                {t('webhooks.test')}
              </button>
              <button type="button" className="button secondary" onClick={() => void act(() => api.patchWebhook(workspace.id, h.id, { active: !h.active }))}>
                {h.active ? t('webhooks.pause') : t('webhooks.resume')}
              </button>
              <button
                type="button"
                className="button danger-link"
                onClick={() => {
                  if (window.confirm(t('webhooks.deleteConfirm', { url: h.url }))) void act(() => api.deleteWebhook(workspace.id, h.id));
                }}
              >
                {t('webhooks.delete')}
              </button>
            </div>
            <h3>{t('webhooks.deliveries')}</h3>
            <Deliveries workspaceId={workspace.id} endpoint={h} nonce={nonce} />
          </section>
        ))
      )}
    </div>
  );
};
