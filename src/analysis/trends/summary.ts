/**
 * The who / what / when / where of a topic over a window: top authors, top terms,
 * a time histogram, top networks and sites, and the sentiment mix. Ties are broken
 * by name so the same mentions always give the same summary.
 */
import type { SentimentLabel } from '../../core/mention.ts';
import { hostOfLink } from '../text/links.ts';
import { DAY_MS, HOUR_MS, termsOf, timeOf, type TrendMention } from './counts.ts';

export interface Ranked {
  readonly key: string;
  readonly mentions: number;
}

export interface RankedTerm extends Ranked {
  readonly authors: number;
}

export interface HistogramBucket {
  readonly start: number;
  readonly mentions: number;
  readonly negative: number;
}

export interface TopicSummary {
  readonly from: number;
  readonly to: number;
  readonly mentions: number;
  readonly authors: number;
  readonly who: readonly Ranked[];
  readonly what: readonly RankedTerm[];
  readonly when: { readonly bucket: 'hour' | 'day'; readonly buckets: readonly HistogramBucket[] };
  readonly where: { readonly networks: readonly Ranked[]; readonly sites: readonly Ranked[] };
  readonly sentiment: Readonly<Record<SentimentLabel, number>>;
}

export interface SummaryOptions {
  readonly from: number;
  readonly to: number;
  /** Histogram granularity; default: hours for windows up to 3 days, else days. */
  readonly bucket?: 'hour' | 'day';
  readonly top?: number;
}

const rank = (counts: Map<string, number>, top: number): Ranked[] =>
  [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, top)
    .map(([key, mentions]) => ({ key, mentions }));

const bump = (m: Map<string, number>, k: string): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

/** Site of a post: its URL's host, else its first link's, without `www.`. */
const siteOf = (m: TrendMention): string | null => {
  const host = (m.url ? hostOfLink(m.url) : null) ?? (m.links?.[0] ? hostOfLink(m.links[0]) : null);
  return host ? host.replace(/^www\./, '') : null;
};

export const summarizeTopic = (mentions: Iterable<TrendMention>, options: SummaryOptions): TopicSummary => {
  const { from, to } = options;
  const top = options.top ?? 10;
  const bucket = options.bucket ?? (to - from <= 3 * DAY_MS ? 'hour' : 'day');
  const span = bucket === 'hour' ? HOUR_MS : DAY_MS;
  const n = Math.max(0, Math.ceil((to - from) / span));
  const volume = new Array<number>(n).fill(0);
  const negative = new Array<number>(n).fill(0);
  const who = new Map<string, number>();
  const termCount = new Map<string, number>();
  const termAuthors = new Map<string, Set<string>>();
  const networks = new Map<string, number>();
  const sites = new Map<string, number>();
  const sentiment: Record<SentimentLabel, number> = { positive: 0, neutral: 0, negative: 0 };
  let total = 0;
  for (const m of mentions) {
    const t = timeOf(m);
    if (!(t >= from && t < to)) continue; // also skips an invalid date (NaN)
    total++;
    const b = Math.floor((t - from) / span);
    volume[b] = (volume[b] ?? 0) + 1;
    if (m.sentiment === 'negative') negative[b] = (negative[b] ?? 0) + 1;
    if (m.sentiment) sentiment[m.sentiment]++;
    bump(who, m.author);
    bump(networks, m.network);
    const site = siteOf(m);
    if (site) bump(sites, site);
    for (const term of termsOf(m)) {
      bump(termCount, term);
      let a = termAuthors.get(term);
      if (!a) termAuthors.set(term, (a = new Set()));
      a.add(m.author);
    }
  }
  return {
    from,
    to,
    mentions: total,
    authors: who.size,
    who: rank(who, top),
    what: rank(termCount, top).map((r) => ({ ...r, authors: termAuthors.get(r.key)?.size ?? 0 })),
    when: { bucket, buckets: volume.map((v, i) => ({ start: from + i * span, mentions: v, negative: negative[i] ?? 0 })) },
    where: { networks: rank(networks, top), sites: rank(sites, top) },
    sentiment,
  };
};
