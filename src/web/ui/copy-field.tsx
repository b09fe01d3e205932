import { useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** A secret or link shown read-only with a copy button; falls back to selecting the text where the clipboard is refused. */
export const CopyField = ({ label, value }: { label: string; value: string }) => {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      input.current?.select();
    }
  };
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} ref={input} readOnly value={value} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <button type="button" className="button secondary" onClick={copy}>
          {t('common.copy')}
        </button>
      </div>
      <span className="copy-status" role="status">
        {copied ? t('common.copied') : ''}
      </span>
    </div>
  );
};
