import { useId, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Icon } from './icons.tsx';

/**
 * A short list of phrases (services, values, keywords…): Enter or the Add button adds
 * what is typed, each item has its own remove button; duplicates are ignored.
 */
export const ListEditor = ({
  label,
  hint,
  values,
  onChange,
  name,
}: {
  label: string;
  hint?: string;
  values: readonly string[];
  onChange(values: string[]): void;
  name: string;
}) => {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState('');
  const add = () => {
    const v = draft.trim().replace(/\s+/g, ' ');
    if (!v) return;
    if (!values.some((x) => x.toLowerCase() === v.toLowerCase())) onChange([...values, v]);
    setDraft('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };
  return (
    <fieldset className="list-editor" data-field={name}>
      <legend>{label}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {values.length === 0 ? (
        <p className="muted small">{t('brand.emptyList')}</p>
      ) : (
        <ul className="chips">
          {values.map((v) => (
            <li key={v} className="chip">
              <span>{v}</span>
              <button type="button" className="chip-remove" aria-label={t('common.removeItem', { item: v })} onClick={() => onChange(values.filter((x) => x !== v))}>
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="add-row">
        <label htmlFor={id} className="visually-hidden">
          {`${label} — ${t('common.add')}`}
        </label>
        <input id={id} name={name} value={draft} placeholder={t('brand.addPlaceholder')} onChange={(e) => setDraft(e.currentTarget.value)} onKeyDown={onKey} />
        <button type="button" className="button secondary" onClick={add} disabled={!draft.trim()}>
          {t('common.add')}
        </button>
      </div>
    </fieldset>
  );
};
