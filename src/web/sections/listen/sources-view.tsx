import { useState } from 'react';
import * as api from '../../api/client.ts';
import type { Source } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { Loading } from '../../ui/loading.tsx';
import { safeHref } from '../../ui/safe-href.ts';
import { useResource } from '../../ui/use-resource.ts';
import { ImportDialog } from './import-dialog.tsx';
import { SourceAddDialog } from './source-add-dialog.tsx';
import { SourceDetailPanel } from './source-detail.tsx';

/** An active source whose last error is newer than its last success is shown as failing. */
const health = (s: Source): { key: MessageKey; tone: 'ok' | 'warn' | 'off' } => {
  if (s.status === 'disabled') return { key: 'sources.status.disabled', tone: 'off' };
  if (s.status === 'paused') return { key: 'sources.status.paused', tone: 'off' };
  const failing = s.lastErrorAt !== null && (s.lastSuccessAt === null || Date.parse(s.lastErrorAt) > Date.parse(s.lastSuccessAt));
  return failing ? { key: 'sources.status.failing', tone: 'warn' } : { key: 'sources.status.active', tone: 'ok' };
};

/** The sources of the workspace with their health; editors add, pause, fetch, delete and import, viewers only read. */
export const SourcesView = ({ workspaceId, canEdit = false }: { workspaceId: string; canEdit?: boolean }) => {
  const i18n = useI18n();
  const { t, relative, dateTime } = i18n;
  const sources = useResource(() => api.listSources(workspaceId), [workspaceId]);
  const [dialog, setDialog] = useState<'add' | 'import' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  /** Bumped after every action, so open detail panels reload with the list. */
  const [version, setVersion] = useState(0);

  const act = async (sourceId: string, run: () => Promise<string | null>) => {
    setBusy(sourceId);
    setActionError(null);
    setNotice(null);
    try {
      setNotice(await run());
      sources.reload();
      setVersion((v) => v + 1);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };
  const toggle = (id: string) =>
    setOpen((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (sources.error) return <Alert kind="error">{errorText(i18n, sources.error)}</Alert>;
  if (!sources.data) return <Loading />;
  const toolbar = canEdit ? (
    <div className="toolbar">
      <button type="button" className="button primary" onClick={() => setDialog('add')} disabled={dialog === 'add'}>
        {t('sources.add')}
      </button>
      <button type="button" className="button secondary" onClick={() => setDialog('import')} disabled={dialog === 'import'}>
        {t('import.open')}
      </button>
    </div>
  ) : null;
  const dialogs =
    dialog === 'add' ? (
      <SourceAddDialog
        workspaceId={workspaceId}
        onClose={() => setDialog(null)}
        onSaved={(name) => {
          setDialog(null);
          setNotice(t('sources.add.saved', { name }));
          sources.reload();
        }}
      />
    ) : dialog === 'import' ? (
      <ImportDialog workspaceId={workspaceId} onClose={() => setDialog(null)} onImported={() => sources.reload()} />
    ) : null;
  const messages = (
    <>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {actionError ? <Alert kind="error">{errorText(i18n, actionError)}</Alert> : null}
    </>
  );
  if (sources.data.items.length === 0)
    return (
      <div className="stack">
        {toolbar}
        {dialogs}
        {messages}
        <p className="empty">{t(canEdit ? 'sources.emptyEditor' : 'sources.empty')}</p>
      </div>
    );
  return (
    <div className="stack">
    {toolbar}
    {dialogs}
    {messages}
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
                  <dt>{t('sources.url')}</dt>
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
            <div className="source-actions" role="group" aria-label={t('sources.actions', { name: s.name })}>
              <button type="button" className="button link" aria-expanded={open.has(s.id)} onClick={() => toggle(s.id)}>
                {open.has(s.id) ? t('sources.hideDetails') : t('sources.details')}
              </button>
              {canEdit ? (
                <>
                  {/* An import source is a file sent once: nothing to fetch, nothing to pause. */}
                  {s.kind === 'import' ? null : s.status === 'active' ? (
                    <button type="button" className="button secondary" disabled={busy === s.id} onClick={() => act(s.id, async () => (await api.patchSource(workspaceId, s.id, { status: 'paused' }), null))}>
                      {t('sources.pause')}
                    </button>
                  ) : (
                    <button type="button" className="button secondary" disabled={busy === s.id} onClick={() => act(s.id, async () => (await api.patchSource(workspaceId, s.id, { status: 'active' }), null))}>
                      {t('sources.resume')}
                    </button>
                  )}
                  {s.status === 'active' && s.kind !== 'import' ? (
                    <button
                      type="button"
                      className="button secondary"
                      disabled={busy === s.id}
                      onClick={() => act(s.id, async () => t((await api.fetchSourceNow(workspaceId, s.id)).queued ? 'sources.fetchQueued' : 'sources.fetchNotQueued'))}
                    >
                      {t('sources.fetchNow')}
                    </button>
                  ) : null}
                  {confirming === s.id ? (
                    <span className="confirm" role="alert">
                      {t('sources.deleteConfirm', { name: s.name })}{' '}
                      <button
                        type="button"
                        className="button danger-link"
                        disabled={busy === s.id}
                        onClick={() => {
                          setConfirming(null);
                          void act(s.id, async () => (await api.deleteSource(workspaceId, s.id), null));
                        }}
                      >
                        {t('sources.deleteYes')}
                      </button>{' '}
                      <button type="button" className="button link" onClick={() => setConfirming(null)}>
                        {t('common.cancel')}
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="button danger-link" onClick={() => setConfirming(s.id)}>
                      {t('sources.delete')}
                    </button>
                  )}
                </>
              ) : null}
            </div>
            {open.has(s.id) ? <SourceDetailPanel
                workspaceId={workspaceId}
                sourceId={s.id}
                version={version}
                {...(canEdit ? { onReconnect: (config: Record<string, unknown>) => act(s.id, async () => (await api.patchSource(workspaceId, s.id, { config, status: 'active' }), t('sources.reconnect.done'))) } : {})}
              /> : null}
          </li>
        );
      })}
    </ul>
    </div>
  );
};
