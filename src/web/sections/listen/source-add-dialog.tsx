import { useId, useState, type FormEvent } from 'react';
import * as api from '../../api/client.ts';
import type { SourceDefinition, SourcePreview } from '../../../core/api/sources.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { SelectField, TextField } from '../../ui/field.tsx';
import { excerpt } from './excerpt.ts';
import {
  blueskyModes,
  emptyForm,
  formKinds,
  mastodonModes,
  redditModes,
  toDefinition,
  type FormProblem,
  type SourceForm,
} from './source-form.ts';

const oneOf = <T extends string>(all: readonly T[], v: string): T | undefined => (all as readonly string[]).includes(v) ? (v as T) : undefined;

/**
 * Add a source in two steps: preview its first items (nothing is saved; a Mastodon token is
 * verified and its account named), then save. Each kind shows its own fields (ADR 0121).
 * Changing any field drops the preview, so what is saved is what was seen.
 */
export const SourceAddDialog = ({ workspaceId, onClose, onSaved }: { workspaceId: string; onClose(): void; onSaved(name: string): void }) => {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const titleId = useId();
  const [form, setForm] = useState<SourceForm>(emptyForm);
  const [name, setName] = useState('');
  const [previewed, setPreviewed] = useState<{ preview: SourcePreview; definition: SourceDefinition } | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const change = (patch: Partial<SourceForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setPreviewed(null);
    setProblem(null);
  };
  const fieldError = (field: FormProblem['field']) => (problem?.field === field ? t(`sources.add.error.${problem.key}`) : null);

  const runPreview = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setPreviewed(null);
    const r = toDefinition(form);
    if ('problem' in r) {
      setProblem(r.problem);
      return;
    }
    setBusy('preview');
    try {
      setPreviewed({ preview: await api.previewSource(workspaceId, r.definition), definition: r.definition });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    if (!previewed) return;
    setBusy('save');
    setError(null);
    try {
      const { preview, definition } = previewed;
      const chosen = name.trim() || (definition.kind === 'rss' ? preview.title.trim() : '');
      // A feed is saved at the address that was read (the feed a web page advertised).
      const body: SourceDefinition = definition.kind === 'rss' ? { ...definition, url: preview.feedUrl } : definition;
      const created = await api.createSource(workspaceId, { ...body, ...(chosen ? { name: chosen.slice(0, 120) } : {}) });
      onSaved(created.name);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const valueField = (label: string, placeholder?: string) => (
    <TextField label={label} required value={form.value} placeholder={placeholder} error={fieldError('value')} onChange={(e) => change({ value: e.target.value })} />
  );
  const urlField = (
    <TextField
      label={t('sources.add.url')}
      hint={form.kind === 'rss' ? t('sources.add.urlHint') : undefined}
      type="url"
      required
      value={form.url}
      placeholder="https://"
      error={fieldError('url')}
      onChange={(e) => change({ url: e.target.value })}
    />
  );

  const fields = () => {
    switch (form.kind) {
      case 'rss':
        return urlField;
      case 'mastodon':
        return (
          <>
            <TextField label={t('sources.add.server')} hint={t('sources.add.serverHint')} type="url" required value={form.server} error={fieldError('server')} onChange={(e) => change({ server: e.target.value })} />
            <SelectField label={t('sources.add.listenTo')} value={form.mastodonMode} onChange={(e) => change({ mastodonMode: oneOf(mastodonModes, e.target.value) ?? 'hashtag' })}>
              {mastodonModes.map((m) => (
                <option key={m} value={m}>
                  {t(`sources.add.mastodon.${m}`)}
                </option>
              ))}
            </SelectField>
            {form.mastodonMode === 'hashtag' ? valueField(t('sources.add.hashtag'), '#') : null}
            {form.mastodonMode === 'search' ? valueField(t('sources.add.terms')) : null}
            {form.mastodonMode === 'account' ? valueField(t('sources.add.account'), 'user@server') : null}
            {form.mastodonMode === 'notifications' ? (
              <TextField label={t('sources.add.token')} hint={t('sources.add.tokenHint')} type="password" autoComplete="off" required value={form.token} error={fieldError('token')} onChange={(e) => change({ token: e.target.value })} />
            ) : null}
          </>
        );
      case 'hackernews':
        return valueField(t('sources.add.terms'));
      case 'reddit':
        return (
          <>
            <SelectField label={t('sources.add.listenTo')} value={form.redditMode} onChange={(e) => change({ redditMode: oneOf(redditModes, e.target.value) ?? 'subreddit' })}>
              {redditModes.map((m) => (
                <option key={m} value={m}>
                  {t(`sources.add.reddit.${m}`)}
                </option>
              ))}
            </SelectField>
            {form.redditMode === 'subreddit' ? valueField(t('sources.add.subreddit'), 'r/') : form.redditMode === 'search' ? valueField(t('sources.add.terms')) : urlField}
          </>
        );
      case 'bluesky':
        return (
          <>
            <SelectField label={t('sources.add.listenTo')} value={form.blueskyMode} onChange={(e) => change({ blueskyMode: oneOf(blueskyModes, e.target.value) ?? 'search' })}>
              {blueskyModes.map((m) => (
                <option key={m} value={m}>
                  {t(`sources.add.bluesky.${m}`)}
                </option>
              ))}
            </SelectField>
            {form.blueskyMode === 'search' ? valueField(t('sources.add.terms')) : null}
            {form.blueskyMode === 'notifications' ? (
              <>
                <TextField label={t('sources.add.service')} type="url" required value={form.service} error={fieldError('service')} onChange={(e) => change({ service: e.target.value })} />
                <TextField label={t('sources.add.identifier')} required value={form.identifier} error={fieldError('identifier')} onChange={(e) => change({ identifier: e.target.value })} />
                <TextField label={t('sources.add.appPassword')} hint={t('sources.add.appPasswordHint')} type="password" autoComplete="off" required value={form.token} error={fieldError('token')} onChange={(e) => change({ token: e.target.value })} />
              </>
            ) : null}
          </>
        );
    }
  };

  const preview = previewed?.preview;
  return (
    <div className="card dialog-panel" role="dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('sources.add.title')}</h2>
      <form className="stack" onSubmit={runPreview} noValidate>
        <SelectField label={t('sources.add.kind')} value={form.kind} onChange={(e) => change({ kind: oneOf(formKinds, e.target.value) ?? 'rss', value: '', token: '' })}>
          {formKinds.map((k) => (
            <option key={k} value={k}>
              {t(`sources.add.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        {fields()}
        <TextField label={t('sources.add.name')} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <div className="form-actions">
          <button type="submit" className="button secondary" disabled={busy !== null}>
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
          {preview.account ? <p className="small">{t('sources.add.verified', { handle: preview.account.handle })}</p> : null}
          {preview.feedUrl ? (
            <p className="muted small break">{previewed?.definition.kind === 'rss' ? t('sources.add.feedUrl', { url: preview.feedUrl }) : t('sources.add.readFrom', { url: preview.feedUrl })}</p>
          ) : null}
          {preview.items.length === 0 ? (
            <p className="empty">{t('sources.add.noItems')}</p>
          ) : (
            <ol className="preview-items">
              {preview.items.map((item) => (
                <li key={item.id}>
                  {/* A post has no title of its own (a Mastodon status): its text is shown once, below. */}
                  {item.title ? <strong>{item.title}</strong> : null}{' '}
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
