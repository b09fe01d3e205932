import { knownWords, type MessageKey, type Vars } from '../../i18n/translate.ts';

type T = (key: MessageKey, vars?: Vars) => string;

/**
 * What a source reads, from its settings as the API shows them, in the reader's language:
 * "Mode : hashtag · Hashtag : rasage". Setting names and fixed values (modes, notification
 * types) go through the dictionaries; what the user typed (a hashtag, a search) is shown as
 * typed; a secret only says whether it is set, never its value.
 */
export const settingsText = (config: Readonly<Record<string, unknown>>, t: T): string =>
  Object.entries(config)
    .map(([name, v]) => {
      const label = knownWords(t, `sources.setting.${name}`, name);
      const one = (x: unknown) => knownWords(t, `sources.setting.${name}.${String(x)}`, String(x));
      const value =
        v && typeof v === 'object' && 'set' in v
          ? t((v as { set: boolean }).set ? 'sources.detail.secretSet' : 'sources.detail.secretMissing')
          : Array.isArray(v)
            ? v.map(one).join(', ')
            : one(v);
      return t('sources.detail.setting', { name: label, value });
    })
    .join(' · ');
