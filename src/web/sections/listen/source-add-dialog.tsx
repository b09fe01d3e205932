import { useId, useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import type { SourcePreview } from '../../../core/api/sources.ts';
import { feedKinds } from '../../../core/api/sources.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { SelectField, TextField } from '../../ui/field.tsx';
import { excerpt } from './excerpt.ts';

type Kind = (typeof feedKinds)[number];
const isKind = (v: string): v is Kind => (feedKinds as readonly string[]).includes(v);

/**
 * Add a source in two steps: preview the feed's first items (nothing is saved), then save.
 * Changing the URL or the kind drops the preview, so what is saved is what was seen.
 */
export const SourceAddDialog = ({ workspaceId, onClose, onSaved }: { workspaceId: string; onClose(): void; onSaved(name: string): void }) => {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const titleId = useId();
  const [kind, setKind] = useState<Kind>('rss');
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [preview, setPreview] = useState<SourcePreview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const runPreview = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('preview');
    setError(null);
    setPreview(null);
    try {
      setPreview(await api.previewSource(workspaceId, { kind, url: url.trim() }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    if (!preview) return;
    setBusy('save');
    setError(null);
    try {
      const chosen = name.trim() || preview.title.trim();
      const created = await api.createSource(workspaceId, { kind, url: preview.feedUrl, ...(chosen ? { name: chosen.slice(0, 120) } : {}) });
      onSaved(created.name);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="card dialog-panel" role="dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('sources.add.title')}</h2>
      <form className="stack" onSubmit={runPreview}>
        <SelectField
          label={t('sources.add.kind')}
          value={kind}
          onChange={(e) => {
            if (isKind(e.target.value)) setKind(e.target.value);
            setPreview(null);
          }}
        >
          {feedKinds.map((k) => (
            <option key={k} value={k}>
              {t(`sources.add.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('sources.add.url')}
          hint={t('sources.add.urlHint')}
          type="url"
          required
          value={url}
          placeholder="https://"
          onChange={(e) => {
            setUrl(e.target.value);
            setPreview(null);
          }}
        />
        <TextField label={t('sources.add.name')} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <div className="form-actions">
          <button type="submit" className="button secondary" disabled={busy !== null || url.trim() === ''}>
            {busy === 'preview' ? t('sources.add.previewing') : t('sources.add.preview')}
          </button>
          <button type="button" className="button link" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      {error ? <Alert kind="error">{errorText(i18n, error)}</Alert> : null}
      {preview ? (
        <section className="source-preview stack" aria-label={t('sources.add.previewTitle', { title: preview.title })}>
          <h3>{t('sources.add.previewTitle', { title: preview.title })}</h3>
          <p className="muted small break">{t('sources.add.feedUrl', { url: preview.feedUrl })}</p>
          {preview.items.length === 0 ? (
            <p className="empty">{t('sources.add.noItems')}</p>
          ) : (
            <ol className="preview-items">
              {preview.items.map((item) => (
                <li key={item.id}>
                  <strong>{item.title || excerpt(item.text, 80)}</strong>{' '}
                  <time className="muted small" dateTime={item.publishedAt}>
                    {dateTime(item.publishedAt)}
                  </time>
                  {item.author ? <span className="muted small"> — {item.author}</span> : null}
                  <p className="small">{excerpt(item.text, 200)}</p>
                </li>
              ))}
            </ol>
          )}
          <div className="form-actions">
            <button type="button" className="button primary" disabled={busy !== null} onClick={save}>
              {t('sources.add.save')}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
};
