/** Dates and numbers through Intl, per locale. Pure: the current time is passed in. */
import type { Locale } from './translate.ts';

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "il y a 3 heures" / "3 hours ago"; under a minute, "maintenant" / "now". */
export const formatRelative = (locale: Locale, iso: string, now: number): string => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const seconds = Math.round((t - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(0, 'second');
};

export const formatDateTime = (locale: Locale, iso: string): string => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(t);
};

/** A calendar day given as `YYYY-MM-DD` (a UTC day): "7 déc." / "Dec 7"; the text itself when it is not one. */
export const formatDay = (locale: Locale, day: string): string => {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(t)) return day;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(t);
};

export const formatNumber = (locale: Locale, n: number, digits = 0): string =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);

/** The name of a language code in the interface language ("fr" → "French"), or the code itself. */
export const languageName = (locale: Locale, code: string): string => {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};
