/**
 * The i18n context: the current locale, `t` for messages, `tp` for plurals and Intl
 * formatters. The locale comes from the user's profile once signed in, else from the
 * browser; a choice made before signing in is kept in localStorage.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setRequestLocale } from '../api/client.ts';
import { en } from './messages.en.ts';
import { fr } from './messages.fr.ts';
import { formatDateTime, formatDay, formatNumber, formatRelative, languageName } from './format.ts';
import {
  negotiateLocale,
  translate,
  translatePlural,
  type Locale,
  type MessageKey,
  type Messages,
  type PluralKey,
  type Vars,
} from './translate.ts';

const dictionaries: Record<Locale, Messages> = { fr, en };
const STORAGE_KEY = 'relais.locale';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Vars): string;
  tp(key: PluralKey, count: number, vars?: Vars): string;
  dateTime(iso: string): string;
  /** A `YYYY-MM-DD` day: "7 déc." / "Dec 7". */
  day(day: string): string;
  relative(iso: string): string;
  number(n: number, digits?: number): string;
  language(code: string): string;
}

const I18nContext = createContext<I18n | null>(null);

const initialLocale = (): Locale => {
  let saved: string | null = null;
  try {
    saved = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    saved = null;
  }
  const locale = negotiateLocale(saved, navigator.languages ?? [navigator.language]);
  setRequestLocale(locale);
  return locale;
};

export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  // Relative times ("3 minutes ago") are refreshed every minute.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(id);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    // Requests made from now on ask for the server's messages in this language.
    setRequestLocale(next);
    setLocaleState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage; the choice still holds for this visit.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = dictionaries[locale];
    return {
      locale,
      setLocale,
      t: (key, vars) => translate(messages, key, vars),
      tp: (key, count, vars) => translatePlural(messages, locale, key, count, vars),
      dateTime: (iso) => formatDateTime(locale, iso),
      day: (day) => formatDay(locale, day),
      relative: (iso) => formatRelative(locale, iso, now),
      number: (n, digits) => formatNumber(locale, n, digits),
      language: (code) => languageName(locale, code),
    };
  }, [locale, setLocale, now]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
};

export const useI18n = (): I18n => {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
};

export type { Locale, MessageKey };
