/**
 * Trend explanations in French and English: a message key and its parameters (for
 * the interface's own catalogue) and a rendering of both locales.
 * "#barbe : 34 mentions par 30 personnes ces dernières 24 h, contre 3,1/jour avant".
 */
import type { EmergingTerm } from './emerging.ts';

export type Locale = 'fr' | 'en';

export interface TrendExplanation {
  readonly key: 'trend.emerging' | 'trend.new';
  readonly params: Readonly<Record<string, string | number>>;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export const explainEmerging = (t: EmergingTerm, windowHours: number): TrendExplanation => {
  const params = { term: t.term, mentions: t.recentMentions, authors: t.recentAuthors, hours: windowHours, perDay: round1(t.baselineMentionsPerDay) };
  return { key: t.baselineMentionsPerDay === 0 ? 'trend.new' : 'trend.emerging', params };
};

const fmt = (locale: Locale, x: string | number | undefined): string =>
  typeof x === 'number' ? x.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }) : (x ?? '');

export const renderExplanation = (e: TrendExplanation, locale: Locale): string => {
  const p = (k: string): string => fmt(locale, e.params[k]);
  const people = (n: string | number | undefined): string => (locale === 'fr' ? (n === 1 ? 'personne' : 'personnes') : n === 1 ? 'person' : 'people');
  if (locale === 'fr') {
    const head = `${p('term')} : ${p('mentions')} mentions par ${p('authors')} ${people(e.params.authors)} ces dernières ${p('hours')} h`;
    return e.key === 'trend.new' ? `${head}, jamais vu avant` : `${head}, contre ${p('perDay')}/jour avant`;
  }
  const head = `${p('term')}: ${p('mentions')} mentions by ${p('authors')} ${people(e.params.authors)} in the last ${p('hours')} h`;
  return e.key === 'trend.new' ? `${head}, never seen before` : `${head} vs ${p('perDay')}/day before`;
};
