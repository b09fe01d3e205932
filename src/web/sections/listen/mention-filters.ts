/**
 * The filters of the mention list live in the URL (`?network=…&lang=…&sentiment=…&q=…`),
 * so a filtered view can be bookmarked, shared and reached with Back. Pure.
 */
import type { MentionFilters } from '../../api/types.ts';

export const FILTER_LANGS = ['fr', 'en', 'es', 'de', 'it', 'pt', 'nl', 'und'] as const;
export const FILTER_KEYS = ['network', 'lang', 'sentiment', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const readFilters = (search: URLSearchParams): MentionFilters => {
  const f: MentionFilters = {};
  for (const k of FILTER_KEYS) {
    const v = search.get(k)?.trim();
    if (v) f[k] = v;
  }
  return f;
};

/** The search string for `filters` with `key` set (or cleared when empty); keys in a fixed order. */
export const withFilter = (filters: MentionFilters, key: FilterKey, value: string): string => {
  const next: MentionFilters = { ...filters, [key]: value.trim() || undefined };
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = next[k];
    if (v) q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const hasFilters = (filters: MentionFilters): boolean => FILTER_KEYS.some((k) => Boolean(filters[k]));
