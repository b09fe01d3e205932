/**
 * Count structures of trends, designed to be kept incrementally by the ingest in
 * rollup tables: per time bucket, per term, how many mentions and how many
 * distinct authors. Both merge by addition across buckets (authors then means
 * "author-buckets", an upper bound of distinct authors over the merged span),
 * which is what the baseline needs. The recent window is short and is counted
 * exactly from its mentions (`countWindow`), because discounting one loud author
 * needs the distinct authors and the top author's share over the whole window.
 */
import type { SentimentLabel } from '../../core/mention.ts';
import { termsOfText } from './terms.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** What trends read of a mention; `terms` may be given precomputed (else taken from `text`). */
export interface TrendMention {
  readonly id: string;
  readonly text?: string;
  readonly terms?: readonly string[];
  /** The author as the caller shows it (a firehose DID's verified handle, ADR 0240): distinct authors are counted on it. */
  readonly author: string;
  readonly network: string;
  /** The post's URL, for the "where" of the summary. */
  readonly url?: string;
  readonly links?: readonly string[];
  readonly publishedAt: Date | number;
  readonly lang?: string;
  readonly sentiment?: SentimentLabel | null;
}

export interface TermTally {
  mentions: number;
  authors: number;
}

/** One bucket `[start, start + span)` of a rollup. */
export interface TermBucket {
  readonly start: number;
  readonly span: number;
  readonly mentions: number;
  readonly authors: number;
  readonly terms: ReadonlyMap<string, Readonly<TermTally>>;
}

export interface WindowTally {
  readonly mentions: number;
  readonly authors: number;
  /** Mentions of the term by its most active author in the window. */
  readonly topAuthorMentions: number;
}

export interface WindowCounts {
  readonly from: number;
  readonly to: number;
  readonly mentions: number;
  readonly authors: number;
  readonly terms: ReadonlyMap<string, WindowTally>;
}

export const timeOf = (m: TrendMention): number => (typeof m.publishedAt === 'number' ? m.publishedAt : m.publishedAt.getTime());

export const termsOf = (m: TrendMention): readonly string[] => m.terms ?? termsOfText(m.text ?? '');

/**
 * Dense buckets of `span` ms covering `[from, to)` (the last one may be cut short
 * by `to`); mentions outside are ignored. Buckets are aligned on `from`.
 */
export const countBuckets = (mentions: Iterable<TrendMention>, from: number, to: number, span: number): TermBucket[] => {
  if (!(span > 0) || !(to > from)) return [];
  const n = Math.ceil((to - from) / span);
  const terms: Map<string, TermTally>[] = [];
  const termAuthors: Map<string, Set<string>>[] = [];
  const authors: Set<string>[] = [];
  const volume = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    terms.push(new Map());
    termAuthors.push(new Map());
    authors.push(new Set());
  }
  for (const m of mentions) {
    const t = timeOf(m);
    if (!(t >= from && t < to)) continue; // also skips an invalid date (NaN)
    const b = Math.floor((t - from) / span);
    volume[b] = (volume[b] ?? 0) + 1;
    (authors[b] as Set<string>).add(m.author);
    const bt = terms[b] as Map<string, TermTally>;
    const ba = termAuthors[b] as Map<string, Set<string>>;
    for (const term of termsOf(m)) {
      let tally = bt.get(term);
      if (!tally) bt.set(term, (tally = { mentions: 0, authors: 0 }));
      tally.mentions++;
      let who = ba.get(term);
      if (!who) ba.set(term, (who = new Set()));
      if (!who.has(m.author)) {
        who.add(m.author);
        tally.authors++;
      }
    }
  }
  const out: TermBucket[] = [];
  for (let i = 0; i < n; i++) {
    const start = from + i * span;
    out.push({ start, span: Math.min(span, to - start), mentions: volume[i] ?? 0, authors: (authors[i] as Set<string>).size, terms: terms[i] as Map<string, TermTally> });
  }
  return out;
};

/** Adds buckets term by term: the baseline of a window of rollups. */
export const mergeBuckets = (buckets: readonly TermBucket[]): Map<string, TermTally> => {
  const total = new Map<string, TermTally>();
  for (const b of buckets) {
    for (const [term, t] of b.terms) {
      const s = total.get(term);
      if (s) {
        s.mentions += t.mentions;
        s.authors += t.authors;
      } else total.set(term, { mentions: t.mentions, authors: t.authors });
    }
  }
  return total;
};

/** Exact counts of `[from, to)`: distinct authors per term and the most active author's count. */
export const countWindow = (mentions: Iterable<TrendMention>, from: number, to: number): WindowCounts => {
  const perTerm = new Map<string, Map<string, number>>();
  const authors = new Set<string>();
  let volume = 0;
  for (const m of mentions) {
    const t = timeOf(m);
    if (!(t >= from && t < to)) continue; // also skips an invalid date (NaN)
    volume++;
    authors.add(m.author);
    for (const term of termsOf(m)) {
      let by = perTerm.get(term);
      if (!by) perTerm.set(term, (by = new Map()));
      by.set(m.author, (by.get(m.author) ?? 0) + 1);
    }
  }
  const terms = new Map<string, WindowTally>();
  for (const [term, by] of perTerm) {
    let total = 0;
    let top = 0;
    for (const c of by.values()) {
      total += c;
      if (c > top) top = c;
    }
    terms.set(term, { mentions: total, authors: by.size, topAuthorMentions: top });
  }
  return { from, to, mentions: volume, authors: authors.size, terms };
};
