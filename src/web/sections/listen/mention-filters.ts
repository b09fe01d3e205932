/**
 * The filters of the mention list live in the URL
 * (`?network=…&source=…&query=…&lang=…&sentiment=…&from=…&to=…&q=…`), so a filtered view can be
 * bookmarked, shared and survives a reload. Pure: the time zone is passed in.
 */
import type { MentionFilters } from '../../api/types.ts';
import { networks, sentimentLabels } from '../../../core/mention.ts';

export const FILTER_LANGS = ['fr', 'en', 'es', 'de', 'it', 'pt', 'nl', 'und'] as const;
export const FILTER_KEYS = ['network', 'source', 'query', 'lang', 'sentiment', 'from', 'to', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** What the URL says, as the form shows it: dates as calendar days `YYYY-MM-DD`. */
export type ListFilters = Partial<Record<FilterKey, string>>;

const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined => list.find((x) => x === v);
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

const isDay = (v: string): boolean => {
  if (!dayPattern.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/** A hand-edited URL with an unknown value drops that filter rather than failing the request. */
export const readFilters = (search: URLSearchParams): ListFilters => {
  const get = (k: FilterKey) => search.get(k)?.trim() || undefined;
  const f: ListFilters = {};
  const network = oneOf(networks, get('network'));
  if (network) f.network = network;
  for (const k of ['source', 'query'] as const) {
    const v = get(k);
    if (v && idPattern.test(v)) f[k] = v;
  }
  const lang = get('lang');
  if (lang && /^[a-z]{2,3}$/.test(lang)) f.lang = lang;
  const sentiment = oneOf(sentimentLabels, get('sentiment'));
  if (sentiment) f.sentiment = sentiment;
  for (const k of ['from', 'to'] as const) {
    const v = get(k);
    if (v && isDay(v)) f[k] = v;
  }
  const q = get('q');
  if (q) f.q = q;
  return f;
};

/** Offset of `timeZone` from UTC at the instant `at`, in milliseconds. */
const offsetAt = (at: Date, timeZone: string): number => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
};

/**
 * Midnight at the start of `day` in the IANA time zone `timeZone`, as an instant. Two steps: the
 * offset at UTC midnight gives a first guess, the offset at the guess corrects it on the days a
 * daylight-saving change falls near midnight.
 */
export const startOfDay = (day: string, timeZone: string): Date => {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  const guess = utcMidnight - offsetAt(new Date(utcMidnight), timeZone);
  return new Date(utcMidnight - offsetAt(new Date(guess), timeZone));
};

const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The API's filters for the form's: `to` is inclusive on screen, `until` exclusive in the API. */
export const apiFilters = (f: ListFilters, timeZone: string): MentionFilters => {
  const out: MentionFilters = {};
  if (f.network) out.network = f.network as MentionFilters['network'];
  if (f.source) out.sourceId = f.source;
  if (f.query) out.queryId = f.query;
  if (f.lang) out.lang = f.lang;
  if (f.sentiment) out.sentiment = f.sentiment as MentionFilters['sentiment'];
  if (f.from) out.since = startOfDay(f.from, timeZone).toISOString();
  if (f.to) out.until = startOfDay(nextDay(f.to), timeZone).toISOString();
  if (f.q) out.q = f.q;
  return out;
};

/** The search string for `filters` with `key` set (or cleared when empty); keys in a fixed order. */
export const withFilter = (filters: ListFilters, key: FilterKey, value: string): string => {
  const next: ListFilters = { ...filters, [key]: value.trim() || undefined };
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = next[k];
    if (v) q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const hasFilters = (filters: ListFilters): boolean => FILTER_KEYS.some((k) => Boolean(filters[k]));
