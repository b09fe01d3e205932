import { useEffect, useId, useState, type ChangeEvent } from 'react';
import * as api from '../../api/client.ts';
import type { ImportRunsView, ImportRunView } from '../../../core/api/imports.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { SelectField } from '../../ui/field.tsx';
import {
  guessMapping, guessPeopleMapping, importColumns, importFormatOf, mappedFields, peopleMappedFields,
  type ImportFormat, type MappedField, type PeopleMappedField,
} from './import-columns.ts';

interface Picked {
  file: File;
  format: ImportFormat;
  columns: string[];
}

type Kind = ImportRunView['kind'];
type Mapping = Partial<Record<MappedField | PeopleMappedField, string>>;

/** Only the start of the file is read here, for its columns: the file itself goes up as it is. */
const headBytes = 256 * 1024;
/** How often the progress is asked while the server imports. */
const pollMs = 400;

const active = (run: ImportRunView | null): boolean => run !== null && (run.status === 'waiting' || run.status === 'running');

const percentOf = (run: Pick<ImportRunView, 'status' | 'bytesRead' | 'bytesTotal'>): number =>
  run.status === 'done' ? 100 : run.bytesTotal ? Math.min(100, Math.floor((100 * run.bytesRead) / run.bytesTotal)) : 0;

const guessFor = (kind: Kind, columns: readonly string[]): Mapping => (kind === 'posts' ? guessMapping(columns) : guessPeopleMapping(columns));

/**
 * Import a CSV or JSON file of posts or of people (ADR 0200, 0250): the header is read here to
 * map columns; the file is sent as one upload, which the server answers once it has it; the
 * server then imports it in the background (closing the page does not stop it) while the
 * progress (bytes read of the total, saved, refused) is polled; the end report lists the
 * refused lines in the language on screen, all of them in a CSV to download. The workspace's
 * recent imports are listed, to follow one again after the page was closed.
 */
export const ImportDialog = ({ workspaceId, onClose, onImported }: { workspaceId: string; onClose(): void; onImported(): void }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  const [kind, setKind] = useState<Kind>('posts');
  const [file, setFile] = useState<Picked | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [run, setRun] = useState<ImportRunView | null>(null);
  const [recent, setRecent] = useState<ImportRunsView['items']>([]);

  const loadRecent = () => {
    api.listImportRuns(workspaceId).then(
      (r) => setRecent(r.items),
      () => {},
    );
  };
  useEffect(loadRecent, [workspaceId]);

  // While the followed import runs on the server, its progress is read again and again.
  const runId = run?.id;
  const running = active(run);
  useEffect(() => {
    if (!runId || !running || uploading) return;
    const timer = window.setInterval(() => {
      api.getImportRun(workspaceId, runId).then(
        (r) => {
          setRun((now) => (now?.id === r.id ? r : now));
          if (!active(r)) {
            loadRecent();
            if (r.status === 'done') onImported();
          }
        },
        () => {},
      );
    }, pollMs);
    return () => window.clearInterval(timer);
  }, [workspaceId, runId, running, uploading]);

  const choose = (k: Kind) => {
    setKind(k);
    setRun(null);
    setError(null);
    if (file) setMapping(guessFor(k, file.columns));
  };

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    setRun(null);
    setError(null);
    const f = e.target.files?.[0];
    if (!f) {
      setFile(null);
      return;
    }
    const head = await f.slice(0, headBytes).text();
    const format = importFormatOf(f.name, head);
    const columns = importColumns(format, head);
    setFile({ file: f, format, columns });
    setMapping(guessFor(kind, columns));
  };

  const send = async () => {
    if (!file) return;
    setUploading(true);
    setError(null);
    setRun(null);
    try {
      const chosen = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v)) as Mapping;
      const created = await api.createImportRun(workspaceId, {
        kind,
        name: file.file.name,
        size: file.file.size,
        format: file.format,
        ...(Object.keys(chosen).length > 0 ? { mapping: chosen } : {}),
      });
      setRun(created);
      // The upload answers once the server has the file; the import goes on there.
      setRun(await api.uploadImportFile(workspaceId, created.id, file.file));
      loadRecent();
    } catch (err) {
      setError(err);
      setRun(null);
      loadRecent();
    } finally {
      setUploading(false);
    }
  };

  const follow = (id: string) => {
    setError(null);
    api.getImportRun(workspaceId, id).then(setRun, setError);
  };

  const fields: readonly (MappedField | PeopleMappedField)[] = kind === 'posts' ? mappedFields : peopleMappedFields;
  return (
    <div className="card dialog-panel" role="dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('import.title')}</h2>
      <div className="stack">
        <fieldset className="import-kind">
          <legend>{t('import.kind')}</legend>
          {(['posts', 'people'] as const).map((k) => (
            <label key={k} className="radio">
              <input type="radio" name={`${titleId}-kind`} value={k} checked={kind === k} disabled={uploading} onChange={() => choose(k)} />{' '}
              {t(`import.kind.${k}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${titleId}-file`}>{t('import.file')}</label>
          <input id={`${titleId}-file`} type="file" accept=".csv,.json,text/csv,application/json" onChange={pick} />
          <p className="field-hint">{t('import.fileHint')}</p>
        </div>
        {file ? (
          <>
            <p className="small">
              {file.columns.length > 0 ? t('import.columns', { columns: file.columns.join(' · ') }) : t('import.noColumns')}
            </p>
            {file.columns.length > 0 ? (
              <fieldset className="mapping">
                <legend>{t('import.map')}</legend>
                {fields.map((f) => (
                  <SelectField
                    key={f}
                    label={t(`import.field.${f}`)}
                    value={mapping[f] ?? ''}
                    onChange={(e) => setMapping((m) => ({ ...m, [f]: e.target.value || undefined }))}
                  >
                    <option value="">{t('import.auto')}</option>
                    {file.columns.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </SelectField>
                ))}
              </fieldset>
            ) : null}
          </>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button primary" disabled={!file || uploading || running} onClick={send}>
            {uploading ? t('import.uploading') : running ? t('import.sending') : t('import.send')}
          </button>
          <button type="button" className="button link" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
        {uploading ? <progress aria-label={t('import.uploading')} /> : null}
        {run && !uploading ? <ImportProgress run={run} /> : null}
        {run && !uploading && running ? <p className="small">{t('import.background')}</p> : null}
        {error ? <Alert kind="error">{errorText(i18n, error)}</Alert> : null}
        {run && !running ? <ImportReport workspaceId={workspaceId} run={run} /> : null}
        {recent.length > 0 ? (
          <section className="import-recent stack" aria-labelledby={`${titleId}-recent`}>
            <h3 id={`${titleId}-recent`}>{t('import.recent')}</h3>
            <ul>
              {recent.map((r) => (
                <li key={r.id}>
                  <span className="small">
                    {t('import.recentLine', {
                      name: r.name,
                      kind: t(`import.kind.${r.kind}`),
                      status: t(`import.status.${r.status}`),
                      records: i18n.number(r.records),
                      stored: i18n.number(savedOf(r)),
                      refused: i18n.number(r.refused),
                    })}
                  </span>{' '}
                  <button type="button" className="button link" aria-label={`${t('import.follow')} ${r.name}`} onClick={() => follow(r.id)}>
                    {t('import.follow')}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
};

/** What an import saved: posts stored, or people created, merged or named again. */
const savedOf = (run: Pick<ImportRunView, 'kind' | 'counts'>): number =>
  run.kind === 'people' ? run.counts.created + run.counts.merged + run.counts.unchanged : run.counts.stored;

/** The bar and the counts as the server has committed them. */
const ImportProgress = ({ run }: { run: ImportRunView }) => {
  const { t, number } = useI18n();
  const percent = percentOf(run);
  const saved = savedOf(run);
  return (
    <div className="import-progress stack" aria-live="polite">
      <div className="progress-line">
        <progress max={100} value={percent} aria-label={t('import.progress')} />
        <span className="progress-percent">{t('import.percent', { percent })}</span>
      </div>
      <p className="small">
        {t(run.unit === 'item' ? 'import.countsItems' : 'import.counts', { records: number(run.records), stored: number(saved), refused: number(run.refused) })}
      </p>
    </div>
  );
};

/** The end: what was stored, whether the import stopped early, the refused lines and their CSV. */
const ImportReport = ({ workspaceId, run }: { workspaceId: string; run: ImportRunView }) => {
  const { t, number, locale } = useI18n();
  const cut = run.status === 'failed' || run.status === 'interrupted';
  return (
    <div className="import-report stack">
      {cut ? (
        <Alert kind="error">
          {t('import.stopped', { line: run.lastLine, stored: number(savedOf(run)), refused: number(run.refused), reason: run.error ?? '' })}
        </Alert>
      ) : run.kind === 'people' ? (
        <Alert kind={run.refused > 0 ? 'info' : 'success'}>
          {t('import.reportPeople', {
            created: number(run.counts.created),
            merged: number(run.counts.merged),
            unchanged: number(run.counts.unchanged),
            records: number(run.records),
            refused: number(run.refused),
          })}
        </Alert>
      ) : (
        <Alert kind={run.refused > 0 ? 'info' : 'success'}>
          {t('import.report', {
            stored: number(run.counts.stored),
            records: number(run.records),
            duplicates: number(run.counts.duplicates + run.counts.nearDuplicates),
            refused: number(run.refused),
          })}
        </Alert>
      )}
      {run.refused > 0 ? (
        <>
          <ul className="refused-lines">
            {run.refusedLines.map((r) => (
              <li key={`${r.line}-${r.reason}`} className="error-text">
                {t(run.unit === 'line' ? 'import.refusedLine' : 'import.refusedItem', { line: r.line, reason: r.reason })}
              </li>
            ))}
          </ul>
          {run.refused > run.refusedLines.length ? <p className="small">{t('import.refusedMore', { shown: number(run.refusedLines.length), refused: number(run.refused) })}</p> : null}
          <a className="button secondary" href={api.importRefusedCsvUrl(workspaceId, run.id, locale)} download>
            {t('import.download')}
          </a>
        </>
      ) : null}
    </div>
  );
};
