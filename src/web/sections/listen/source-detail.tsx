import { useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import { TextField } from '../../ui/field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { Loading } from '../../ui/loading.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { settingsText } from './source-settings.ts';

/**
 * A source's health from `GET …/sources/:id`: error streak, disabled reason, interval,
 * next fetch (not for a one-off file import), and mentions per day over 14 days as CSS bars with the numbers in a table
 * (the table is what screen readers and tests read). `version` reloads it after an action.
 */
/** The secret fields a connected source holds (the API shows them only as `{ set }`). */
const secretKeys = (config: Readonly<Record<string, unknown>>): string[] =>
  Object.entries(config)
    .filter(([, v]) => v !== null && typeof v === 'object' && 'set' in v)
    .map(([k]) => k);

/**
 * Reconnect a connected account: a new token (or app password) replaces the stored one and the
 * source resumes. The other settings are sent back as they are; the secret is never shown.
 */
const ReconnectForm = ({ config, field, onReconnect }: { config: Readonly<Record<string, unknown>>; field: string; onReconnect(config: Record<string, unknown>): Promise<void> }) => {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!value.trim()) return;
    setBusy(true);
    const rest = Object.fromEntries(Object.entries(config).filter(([k]) => k !== field && !secretKeys(config).includes(k)));
    try {
      await onReconnect({ ...rest, [field]: value.trim() });
      setValue('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack reconnect" onSubmit={submit}>
      <TextField
        label={field === 'appPassword' ? t('sources.reconnect.appPassword') : t('sources.reconnect.token')}
        type="password"
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <div>
        <button type="submit" className="button secondary" disabled={busy || value.trim() === ''}>
          {t('sources.reconnect.submit')}
        </button>
      </div>
    </form>
  );
};

export const SourceDetailPanel = ({
  workspaceId,
  sourceId,
  version,
  onReconnect,
}: {
  workspaceId: string;
  sourceId: string;
  version: number;
  /** Editors only: replace a connected account's secret and resume. */
  onReconnect?: (config: Record<string, unknown>) => Promise<void>;
}) => {
  const i18n = useI18n();
  const { t, dateTime, day, relative } = i18n;
  const detail = useResource(() => api.getSource(workspaceId, sourceId), [workspaceId, sourceId, version]);
  if (detail.error) return <Alert kind="error">{errorText(i18n, detail.error)}</Alert>;
  if (!detail.data) return <Loading />;
  const d = detail.data;
  const max = Math.max(1, ...d.itemsPerDay.map((x) => x.count));
  // The kind's settings as the API shows them: a secret is only `{ set }`, never its value.
  const reads = settingsText(d.config, t);
  return (
    <div className="source-detail stack">
      <dl className="facts">
        {d.url || reads ? (
          <div className="fact-wide">
            <dt>{t('sources.detail.reads')}</dt>
            <dd className="break">{[d.url, reads].filter(Boolean).join(' — ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('sources.detail.errorCount')}</dt>
          <dd>{d.errorCount}</dd>
        </div>
        {d.kind === 'import' ? null : (
          <>
            <div>
              <dt>{t('sources.detail.interval')}</dt>
              <dd>{t('sources.detail.intervalValue', { minutes: Math.round(d.fetchIntervalSeconds / 60) })}</dd>
            </div>
            <div>
              <dt>{t('sources.detail.nextFetch')}</dt>
              <dd>
                {d.nextFetchAt ? (
                  <time dateTime={d.nextFetchAt} title={dateTime(d.nextFetchAt)}>
                    {relative(d.nextFetchAt)}
                  </time>
                ) : (
                  t('common.never')
                )}
              </dd>
            </div>
          </>
        )}
        {d.disabledReason ? (
          <div className="fact-wide">
            <dt>{t('sources.detail.disabledReason')}</dt>
            <dd className="error-text">{d.disabledReason}</dd>
          </div>
        ) : null}
      </dl>
      {onReconnect && secretKeys(d.config)[0] ? <ReconnectForm config={d.config} field={secretKeys(d.config)[0] ?? ''} onReconnect={onReconnect} /> : null}
      <table className="per-day">
        <caption>{t('sources.detail.perDay')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sources.detail.day')}</th>
            <th scope="col">{t('sources.detail.count')}</th>
            <th scope="col" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {d.itemsPerDay.map((x) => (
            <tr key={x.day}>
              <th scope="row">{day(x.day)}</th>
              <td>{x.count}</td>
              <td aria-hidden="true" className="bar-cell">
                <span className="bar" style={{ width: `${Math.round((x.count / max) * 100)}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
