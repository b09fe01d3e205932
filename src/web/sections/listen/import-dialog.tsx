import { useId, useState, type ChangeEvent } from 'react';
import * as api from '../../api/client.ts';
import type { ImportReportView } from '../../../core/api/imports.ts';
import { maxImportChars } from '../../../core/api/imports.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/alert.tsx';
import { errorText } from '../../ui/error-text.ts';
import { SelectField } from '../../ui/field.tsx';
import { guessMapping, importColumns, importFormatOf, mappedFields, type ImportFormat, type MappedField } from './import-columns.ts';

interface Picked {
  name: string;
  content: string;
  format: ImportFormat;
  columns: string[];
}

/** Import a CSV or JSON file: the header is read here to map columns; the server checks every line and reports. */
export const ImportDialog = ({ workspaceId, onClose, onImported }: { workspaceId: string; onClose(): void; onImported(): void }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  const [file, setFile] = useState<Picked | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<MappedField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<ImportReportView | null>(null);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    setReport(null);
    setError(null);
    const f = e.target.files?.[0];
    if (!f) {
      setFile(null);
      return;
    }
    const content = await f.text();
    const format = importFormatOf(f.name, content);
    const columns = importColumns(format, content);
    setFile({ name: f.name, content, format, columns });
    setMapping(guessMapping(columns));
  };

  const send = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const chosen = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v)) as Partial<Record<MappedField, string>>;
      const r = await api.importFile(workspaceId, {
        name: file.name,
        content: file.content,
        format: file.format,
        ...(Object.keys(chosen).length > 0 ? { mapping: chosen } : {}),
      });
      setReport(r);
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const tooBig = file !== null && file.content.length > maxImportChars;
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
          <button type="button" className="button primary" disabled={!file || busy || tooBig} onClick={send}>
            {busy ? t('import.sending') : t('import.send')}
          </button>
          <button type="button" className="button link" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
        {busy ? <progress aria-label={t('import.sending')} /> : null}
        {error ? <Alert kind="error">{errorText(i18n, error)}</Alert> : null}
        {report ? (
          <div className="import-report stack">
            <Alert kind={report.refused.length > 0 ? 'info' : 'success'}>
              {t('import.report', {
                stored: report.stored,
                records: report.records,
                duplicates: report.duplicates + report.nearDuplicates,
                refused: report.refused.length,
              })}
            </Alert>
            {report.refused.length > 0 ? (
              <ul className="refused-lines">
                {report.refused.map((r) => (
                  <li key={`${r.line}-${r.reason}`} className="error-text">
                    {t(report.unit === 'line' ? 'import.refusedLine' : 'import.refusedItem', { line: r.line, reason: r.reason })}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
};
