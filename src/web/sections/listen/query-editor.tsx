import { useEffect, useId, useRef, useState } from 'react';
import * as api from '../../api/client.ts';
import type { Query, QueryKind } from '../../api/types.ts';
import type { QueryPreview, QueryValidation } from '../../../core/api/listen-queries.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { MentionCard } from './mention-card.tsx';
import { queryMarks } from './query-marks.ts';
import './query-editor.css';

const kinds: readonly QueryKind[] = ['brand', 'competitor', 'trade'];
/** Wait this long after the last keystroke before asking the server. */
const debounceMs = 300;
const previewLimit = 10;

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'done'; result: QueryValidation };

/**
 * Writes or changes a listening query: the text is checked as the user types (the server's
 * parser, in the user's language), the problem is underlined at its position, and a valid
 * query previews the recent stored mentions it matches.
 */
export const QueryEditor = ({
  workspaceId,
  query,
  onSaved,
  onCancel,
}: {
  workspaceId: string;
  query?: Query;
  onSaved(q: Query): void;
  onCancel(): void;
}) => {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const ids = useId();
  const [name, setName] = useState(query?.name ?? '');
  const [kind, setKind] = useState<QueryKind>(query?.kind ?? 'brand');
  const [text, setText] = useState(query?.query ?? '');
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [preview, setPreview] = useState<QueryPreview | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    if (text.trim() === '') {
      setCheck({ state: 'idle' });
      setPreview(null);
      return;
    }
    setCheck({ state: 'checking' });
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const result = await api.validateQuery(workspaceId, { query: text, locale });
          if (generation.current !== mine) return;
          setCheck({ state: 'done', result });
          if (!result.valid) {
            setPreview(null);
            return;
          }
          const p = await api.previewQuery(workspaceId, { query: text, limit: previewLimit, locale });
          if (generation.current === mine) setPreview(p);
        } catch (e) {
          if (generation.current === mine) setSaveError(e);
        }
      })();
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [text, locale, workspaceId]);

  const problem = check.state === 'done' && !check.result.valid ? check.result.error : null;
  const canSave = name.trim() !== '' && check.state === 'done' && check.result.valid && !saving;

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const body = { name: name.trim(), kind, query: text, locale };
      onSaved(query ? await api.patchQuery(workspaceId, query.id, body) : await api.createQuery(workspaceId, body));
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const marks = problem ? queryMarks(text, problem.offset, problem.length) : null;
  return (
    <form
      className="query-editor"
      aria-labelledby={`${ids}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (canSave) void save();
      }}
    >
      <h2 id={`${ids}-title`}>{query ? t('queries.editor.titleEdit', { name: query.name }) : t('queries.editor.titleNew')}</h2>
      <div className="query-editor-row">
        <div className="field">
          <label htmlFor={`${ids}-name`}>{t('queries.editor.name')}</label>
          <input id={`${ids}-name`} value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-kind`}>{t('queries.kind')}</label>
          <select id={`${ids}-kind`} value={kind} onChange={(e) => setKind(e.target.value as QueryKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`queries.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-text`}>{t('queries.editor.text')}</label>
        <textarea
          id={`${ids}-text`}
          className="query-input"
          rows={3}
          spellCheck={false}
          value={text}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${ids}-hint ${ids}-check`}
          onChange={(e) => setText(e.target.value)}
        />
        <p className="field-hint" id={`${ids}-hint`}>
          {t('queries.editor.hint')}
        </p>
        <div id={`${ids}-check`} aria-live="polite">
          {problem && marks ? (
            <div className="query-problem">
              <pre className="query-marked" aria-label={t('queries.editor.marked')} data-column={problem.column}>
                {marks.before}
                <mark className={marks.missing ? 'query-mark missing' : 'query-mark'}>{marks.missing ? '\u2038' : marks.marked}</mark>
                {marks.after}
              </pre>
              <p className="field-error">{t('queries.editor.errorAt', { column: problem.column, message: problem.message })}</p>
            </div>
          ) : check.state === 'checking' ? (
            <p className="field-hint">{t('queries.editor.checking')}</p>
          ) : check.state === 'done' ? (
            <p className="query-valid">{t('queries.editor.valid')}</p>
          ) : null}
        </div>
      </div>
      {saveError ? <Alert kind="error">{errorText(i18n, saveError)}</Alert> : null}
      <div className="toolbar">
        <button type="submit" className="button primary" disabled={!canSave}>
          {saving ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      <section className="query-preview" aria-labelledby={`${ids}-preview`}>
        <h3 id={`${ids}-preview`}>{t('queries.editor.preview')}</h3>
        {preview ? (
          <>
            <p className="field-hint">{t('queries.editor.previewCount', { matched: preview.matched, scanned: preview.scanned })}</p>
            {preview.items.length === 0 ? <p className="empty">{t('queries.editor.previewEmpty')}</p> : null}
            <div className="query-preview-list">
              {preview.items.map((m) => (
                <MentionCard key={m.id} mention={m} />
              ))}
            </div>
          </>
        ) : (
          <p className="empty">{t('queries.editor.previewWait')}</p>
        )}
      </section>
    </form>
  );
};
