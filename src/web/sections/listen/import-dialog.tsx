import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import * as api from '../../api/client.ts';
import type { ImportRunView } from '../../../core/api/imports.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { SelectField } from '../../ui/field.tsx';
import { guessMapping, importColumns, importFormatOf, mappedFields, type ImportFormat, type MappedField } from './import-columns.ts';

interface Picked {
  file: File;
  format: ImportFormat;
  columns: string[];
}

/** Only the start of the file is read here, for its columns: the file itself goes up as it is. */
const headBytes = 256 * 1024;
/** How often the progress is asked while the file goes up. */
const pollMs = 400;

const percentOf = (run: ImportRunView): number =>
  run.status === 'done' ? 100 : run.bytesTotal ? Math.min(100, Math.floor((100 * run.bytesRead) / run.bytesTotal)) : 0;

/**
 * Import a CSV or JSON file (ADR 0200): the header is read here to map columns; the file is sent
 * as one upload while the server's progress (bytes read of the total, stored, refused) is polled;
 * the end report lists the refused lines, all of them in a CSV to download.
 */
export const ImportDialog = ({ workspaceId, onClose, onImported }: { workspaceId: string; onClose(): void; onImported(): void }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  const [file, setFile] = useState<Picked | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<MappedField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [run, setRun] = useState<ImportRunView | null>(null);
  const polling = useRef<number | null>(null);
  const stopPolling = () => {
    if (polling.current !== null) window.clearInterval(polling.current);
    polling.current = null;
  };
  useEffect(() => stopPolling, []);

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
    setMapping(guessMapping(columns));
  };

  const send = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setRun(null);
    try {
      const chosen = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v)) as Partial<Record<MappedField, string>>;
      const created = await api.createImportRun(workspaceId, {
        kind: 'posts',
        name: file.file.name,
        size: file.file.size,
        format: file.format,
        ...(Object.keys(chosen).length > 0 ? { mapping: chosen } : {}),
      });
      setRun(created);
      // The upload answers at the end; meanwhile the progress is read from the server.
      polling.current = window.setInterval(() => {
        api.getImportRun(workspaceId, created.id).then(
          (r) => setRun((now) => (now && (now.status === 'waiting' || now.status === 'running') ? r : now)),
          () => {},
        );
      }, pollMs);
      const finished = await api.uploadImportFile(workspaceId, created.id, file.file);
      stopPolling();
      setRun(finished);
      onImported();
    } catch (err) {
      stopPolling();
      setError(err);
      setRun(null);
    } finally {
      stopPolling();
      setBusy(false);
    }
  };
  return (
    <div className="card dialog-panel" role="dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('import.title')}</h2>
      <div className="stack">
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
                {mappedFields.map((f) => (
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
          <button type="button" className="button primary" disabled={!file || busy} onClick={send}>
            {busy ? t('import.sending') : t('import.send')}
          </button>
          <button type="button" className="button link" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
        {run ? <ImportProgress run={run} /> : busy ? <progress aria-label={t('import.sending')} /> : null}
        {error ? <Alert kind="error">{errorText(i18n, error)}</Alert> : null}
        {run && !busy ? <ImportReport workspaceId={workspaceId} run={run} /> : null}
      </div>
    </div>
  );
};

/** The bar and the counts as the server has committed them. */
const ImportProgress = ({ run }: { run: ImportRunView }) => {
  const { t, number } = useI18n();
  const percent = percentOf(run);
  const saved = run.kind === 'people' ? run.counts.created + run.counts.merged + run.counts.unchanged : run.counts.stored;
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
  const { t, number } = useI18n();
  const cut = run.status === 'failed' || run.status === 'interrupted';
  return (
    <div className="import-report stack">
      {cut ? (
        <Alert kind="error">
          {t('import.stopped', { line: run.lastLine, stored: number(run.counts.stored), refused: number(run.refused), reason: run.error ?? '' })}
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
          <a className="button secondary" href={api.importRefusedCsvUrl(workspaceId, run.id)} download>
            {t('import.download')}
          </a>
        </>
      ) : null}
    </div>
  );
};
