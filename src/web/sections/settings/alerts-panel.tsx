import { useEffect, useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import type { WorkspaceRef } from '../../api/types.ts';
import { watchPriorities, type WatchPriority } from '../../../core/alerting.ts';
import { networks, type Network } from '../../../core/mention.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { SelectField, TextArea, TextField } from '../../ui/field.tsx';
import { Loading } from '../../ui/loading.tsx';
import { useResource } from '../../ui/use-resource.ts';

const isNetwork = (v: string): v is Network => (networks as readonly string[]).includes(v);
const isPriority = (v: string): v is WatchPriority => (watchPriorities as readonly string[]).includes(v);

/** What feeds the alerts: the watch list, the reply target and the brand's own accounts. */
export const AlertsPanel = ({ workspace }: { workspace: WorkspaceRef }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const canEdit = workspace.role !== 'viewer';
  const watch = useResource(() => api.listWatchList(workspace.id), [workspace.id]);
  const settings = useResource(() => api.getAlertSettings(workspace.id), [workspace.id]);
  const [network, setNetwork] = useState<Network>('mastodon');
  const [handle, setHandle] = useState('');
  const [role, setRole] = useState('');
  const [priority, setPriority] = useState<WatchPriority>('normal');
  const [hours, setHours] = useState('');
  const [own, setOwn] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!settings.data) return;
    setHours(String(settings.data.replyTargetHours));
    setOwn(settings.data.ownHandles.join('\n'));
  }, [settings.data]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    try {
      const created = await api.addWatched(workspace.id, { network, handle: handle.trim(), role: role.trim(), priority });
      setHandle('');
      setRole('');
      setNotice(t('watch.added', { handle: created.handle }));
      watch.reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (id: string) => {
    setError(null);
    try {
      await api.removeWatched(workspace.id, id);
      watch.reload();
    } catch (err) {
      setError(err);
    }
  };
  const saveSettings = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    try {
      const saved = await api.putAlertSettings(workspace.id, {
        replyTargetHours: Number(hours),
        ownHandles: own.split('\n').map((s) => s.trim()).filter((s) => s.length > 0),
      });
      settings.set(saved);
      setNotice(t('reply.saved'));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="stack-lg">
      <p className="lead">{t('watch.intro')}</p>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {error ? <Alert kind="error">{errorText(i18n, error)}</Alert> : null}
      <section className="card stack" aria-labelledby="watch-title">
        <h2 id="watch-title">{t('watch.title')}</h2>
        {canEdit ? (
          <form className="inline-form" onSubmit={add}>
            <SelectField label={t('watch.network')} name="watchNetwork" value={network} onChange={(e) => isNetwork(e.currentTarget.value) && setNetwork(e.currentTarget.value)}>
              {networks.map((n) => (
                <option key={n} value={n}>
                  {t(`network.${n}`)}
                </option>
              ))}
            </SelectField>
            <TextField label={t('watch.handle')} name="watchHandle" required placeholder={t('watch.handlePlaceholder')} value={handle} onChange={(e) => setHandle(e.currentTarget.value)} />
            <TextField label={t('watch.role')} name="watchRole" placeholder={t('watch.rolePlaceholder')} value={role} onChange={(e) => setRole(e.currentTarget.value)} />
            <SelectField label={t('watch.priority')} name="watchPriority" value={priority} onChange={(e) => isPriority(e.currentTarget.value) && setPriority(e.currentTarget.value)}>
              {watchPriorities.map((p) => (
                <option key={p} value={p}>
                  {t(`watch.priority.${p}`)}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button primary">
              {t('watch.add')}
            </button>
          </form>
        ) : null}
        {watch.error ? (
          <Alert kind="error">{errorText(i18n, watch.error)}</Alert>
        ) : !watch.data ? (
          <Loading />
        ) : watch.data.items.length === 0 ? (
          <p className="muted">{t('watch.none')}</p>
        ) : (
          <ul className="rows" aria-label={t('watch.title')}>
            {watch.data.items.map((w) => (
              <li key={w.id} className="row">
                <div className="row-main">
                  <span className="row-title break">{w.handle}</span>
                  <span className="muted small">
                    {t(`network.${w.network}`)}
                    {w.role ? ` · ${w.role}` : ''} · {t(`watch.priority.${w.priority}`)}
                  </span>
                </div>
                {canEdit ? (
                  <button type="button" className="button danger-link" aria-label={t('watch.remove', { handle: w.handle })} onClick={() => void remove(w.id)}>
                    {t('common.remove')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack" aria-labelledby="reply-title">
        <h2 id="reply-title">{t('reply.title')}</h2>
        {!settings.data ? (
          <Loading />
        ) : (
          <form className="stack" onSubmit={saveSettings}>
            <TextField label={t('reply.target')} name="replyTarget" type="number" min={1} max={336} required hint={t('reply.targetHint')} value={hours} disabled={!canEdit} onChange={(e) => setHours(e.currentTarget.value)} />
            <TextArea label={t('reply.own')} name="ownHandles" rows={3} hint={t('reply.ownHint')} value={own} disabled={!canEdit} onChange={(e) => setOwn(e.currentTarget.value)} />
            {canEdit ? (
              <div className="alert-actions">
                <button type="submit" className="button primary">
                  {t('common.save')}
                </button>
              </div>
            ) : null}
          </form>
        )}
      </section>
    </div>
  );
};
