import { useId } from 'react';
import { useI18n, type Locale } from '../i18n/i18n.tsx';
import { isLocale, locales } from '../i18n/translate.ts';

/** Each language is named in itself, so someone who cannot read the current one still finds theirs. */
export const LocaleSelect = ({ onChange, compact }: { onChange(locale: Locale): void; compact?: boolean }) => {
  const { t, locale } = useI18n();
  const id = useId();
  return (
    <div className={compact ? 'locale-select compact' : 'locale-select field'}>
      <label htmlFor={id} className={compact ? 'visually-hidden' : undefined}>
        {t('locale.label')}
      </label>
      <select
        id={id}
        value={locale}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isLocale(v)) onChange(v);
        }}
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(l === 'fr' ? 'locale.fr' : 'locale.en')}
          </option>
        ))}
      </select>
    </div>
  );
};
