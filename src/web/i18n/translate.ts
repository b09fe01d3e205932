/**
 * The pure part of i18n: message lookup, `{name}` interpolation, plural choice and
 * locale negotiation. No React and no DOM here, so Node tests it directly.
 */
import { fr } from './messages.fr.ts';

export type MessageKey = keyof typeof fr;
/** Every locale has exactly the keys of the French reference. */
export type Messages = { readonly [K in MessageKey]: string };
/** Keys that come as `.one` / `.other` plural pairs, without the suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

export type Locale = 'fr' | 'en';
export const locales: readonly Locale[] = ['fr', 'en'];
export const isLocale = (v: unknown): v is Locale => v === 'fr' || v === 'en';

export type Vars = Readonly<Record<string, string | number>>;

export const interpolate = (template: string, vars?: Vars): string =>
  vars ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : template;

export const translate = (messages: Messages, key: MessageKey, vars?: Vars): string => interpolate(messages[key], vars);

/** Intl.PluralRules has more categories than one/other (e.g. `many` for big French numbers): all but `one` read `.other`. */
export const translatePlural = (messages: Messages, locale: Locale, key: PluralKey, count: number, vars?: Vars): string => {
  const category = new Intl.PluralRules(locale).select(count);
  const form = (category === 'one' ? `${key}.one` : `${key}.other`) as MessageKey;
  return interpolate(messages[form], { count: new Intl.NumberFormat(locale).format(count), ...vars });
};

/** The user's saved choice wins; else the first supported browser language; else French. */
export const negotiateLocale = (saved: string | null | undefined, browser: readonly string[]): Locale => {
  if (isLocale(saved)) return saved;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'fr';
};

/** Whether a key built from data (a setting's name, a network) is in the dictionaries. */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(fr, key);

/** The words of a key built from data (`network.${n}`) when the dictionaries have it, else `fallback` as the API gave it. */
export const knownWords = (t: (key: MessageKey) => string, key: string, fallback: string): string => (isMessageKey(key) ? t(key) : fallback);
