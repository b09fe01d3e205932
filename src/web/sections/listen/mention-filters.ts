/**
 * The filters of the mention list live in the URL (`?network=…&lang=…&sentiment=…&q=…`),
 * so a filtered view can be bookmarked, shared and survives a reload. Pure.
 */
import type { MentionFilters } from '../../api/types.ts';
import { networks, sentimentLabels } from '../../../core/mention.ts';

export const FILTER_LANGS = ['fr', 'en', 'es', 'de', 'it', 'pt', 'nl', 'und'] as const;
export const FILTER_KEYS = ['network', 'lang', 'sentiment', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined => list.find((x) => x === v);

/** A hand-edited URL with an unknown value drops that filter rather than failing the request. */
export const readFilters = (search: URLSearchParams): MentionFilters => {
  const get = (k: FilterKey) => search.get(k)?.trim() || undefined;
  const f: MentionFilters = {};
  const network = oneOf(networks, get('network'));
  if (network) f.network = network;
  const lang = get('lang');
  if (lang && /^[a-z]{2,3}$/.test(lang)) f.lang = lang;
  const sentiment = oneOf(sentimentLabels, get('sentiment'));
  if (sentiment) f.sentiment = sentiment;
  const q = get('q');
  if (q) f.q = q;
  return f;
};

/** The search string for `filters` with `key` set (or cleared when empty); keys in a fixed order. */
export const withFilter = (filters: MentionFilters, key: FilterKey, value: string): string => {
  const next: Record<string, string | undefined> = { ...filters, [key]: value.trim() || undefined };
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = next[k];
    if (v) q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const hasFilters = (filters: MentionFilters): boolean => FILTER_KEYS.some((k) => Boolean(filters[k]));
