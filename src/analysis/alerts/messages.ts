/** Alert evidence in words, French and English, from the message key and its parameters. */
import type { Alert, AlertKind } from './alert.ts';

export type Locale = 'fr' | 'en';
type P = Readonly<Record<string, string | number>>;

const num = (locale: Locale, x: string | number | undefined): string =>
  typeof x === 'number' ? x.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }) : (x ?? '');

const fr: Record<AlertKind, (p: P, n: (k: string) => string) => string> = {
  'volume-spike': (_p, n) => `Pic de volume sur « ${n('subject')} » : ${n('peak')} mentions en ${n('hours')} h, contre ${n('baseline')} d’habitude (×${n('ratio')}).`,
  'negative-spike': (_p, n) => `Hausse des avis négatifs sur « ${n('subject')} » : ${n('negative')} sur ${n('mentions')} mentions (${n('share')} %), contre ${n('usual')} % d’habitude.`,
  'watched-author': (p, n) =>
    `${n('author')}${p.role ? ` (${n('role')})` : ''} parle de vous${Number(p.count) > 1 ? ` (${n('count')} messages)` : ''}.`,
  'reply-overdue': (p, n) =>
    p.ongoing
      ? `${n('waiting')} message${Number(p.waiting) > 1 ? 's attendent' : ' attend'} une réponse depuis plus de ${n('targetHours')} h (le plus ancien depuis ${n('oldestHours')} h).`
      : `${n('waiting')} message${Number(p.waiting) > 1 ? 's ont' : ' a'} attendu une réponse plus de ${n('targetHours')} h (jusqu’à ${n('oldestHours')} h).`,
};

const en: Record<AlertKind, (p: P, n: (k: string) => string) => string> = {
  'volume-spike': (_p, n) => `Volume spike on "${n('subject')}": ${n('peak')} mentions in ${n('hours')} h, against ${n('baseline')} usually (×${n('ratio')}).`,
  'negative-spike': (_p, n) => `Negative mentions rising on "${n('subject')}": ${n('negative')} of ${n('mentions')} mentions (${n('share')}%), against ${n('usual')}% usually.`,
  'watched-author': (p, n) => `${n('author')}${p.role ? ` (${n('role')})` : ''} mentioned you${Number(p.count) > 1 ? ` (${n('count')} posts)` : ''}.`,
  'reply-overdue': (p, n) =>
    p.ongoing
      ? `${n('waiting')} message${Number(p.waiting) > 1 ? 's have' : ' has'} waited more than ${n('targetHours')} h for a reply (the oldest ${n('oldestHours')} h).`
      : `${n('waiting')} message${Number(p.waiting) > 1 ? 's' : ''} waited more than ${n('targetHours')} h for a reply (up to ${n('oldestHours')} h).`,
};

export const renderAlert = (alert: Alert, locale: Locale): string => {
  const p = alert.message.params;
  return (locale === 'fr' ? fr : en)[alert.kind](p, (k) => num(locale, p[k]));
};
