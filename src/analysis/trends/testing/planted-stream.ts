/**
 * Synthetic mention streams with planted bursts, for the trends evaluation and tests.
 *
 * Background: weeks of posts whose words follow a Zipf law over a syllable
 * vocabulary, hashtags from a smaller Zipf vocabulary, authors drawn from a pool
 * with a heavy head. Planted bursts: terms (new words, or existing vocabulary of
 * middle rank, half of them hashtags) used by many people over part of the last
 * day, some of them having started up to two days earlier (so the baseline already
 * holds part of the burst). Distractors: a steadily frequent trade word, one
 * account posting the same hashtag forty times, a spam hashtag mostly from one
 * account with a handful of reposts, and a weekly word (market day) said by many
 * people on the recent window's weekday every week. Everything comes from a seeded PRNG.
 */
import { seededRandom } from '../../query/testing/synthetic-corpus.ts';
import { normalizeText } from '../../text/normalize.ts';
import { DAY_MS, HOUR_MS, type TrendMention } from '../counts.ts';

export interface PlantedBurst {
  /** Normalised, as trends report it. */
  readonly term: string;
  readonly kind: 'new' | 'existing';
  /** Posts planted in the recent window. */
  readonly recentPosts: number;
  /** Days the burst ran before the recent window (0 when it started in it). */
  readonly daysBefore: number;
}

export interface PlantedStream {
  readonly mentions: TrendMention[];
  readonly now: Date;
  readonly planted: readonly PlantedBurst[];
  /** Terms that must not be reported (steady term, single-author bursts). */
  readonly distractors: readonly string[];
}

export interface StreamOptions {
  readonly days?: number;
  readonly postsPerDay?: number;
  readonly bursts?: number;
  readonly minBurstPosts?: number;
  readonly maxBurstPosts?: number;
}

const onsets = ['b', 'c', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'ch', 'tr', 'pl', 'br', 'gr', 'cl', 'fr', 'j', 'z'];
const vowels = ['a', 'e', 'i', 'o', 'u', 'ou', 'ai', 'é', 'eau', 'an', 'on', 'in', 'oi'];
const codas = ['', '', 'r', 'l', 's', 'n', 't', 'x', 'rd'];

const START = Date.UTC(2026, 8, 1);

export const plantedStream = (seed: number, options: StreamOptions = {}): PlantedStream => {
  const random = seededRandom(seed);
  const days = options.days ?? 29;
  const postsPerDay = options.postsPerDay ?? 250;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const used = new Set<string>();
  const freshWord = (): string => {
    for (;;) {
      const syl = 2 + Math.floor(random() * 2);
      let w = '';
      for (let i = 0; i < syl; i++) w += pick(onsets) + pick(vowels) + (i === syl - 1 ? pick(codas) : '');
      if (!used.has(w)) {
        used.add(w);
        return w;
      }
    }
  };
  const vocab = Array.from({ length: 3000 }, freshWord);
  const tags = Array.from({ length: 200 }, freshWord);
  // Zipf(1) by inverse transform over the cumulative weights.
  const zipf = (n: number): (() => number) => {
    const cum = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) cum[i] = s += 1 / (i + 1);
    return () => {
      const x = random() * s;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cum[mid] as number) < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
  };
  const wordRank = zipf(vocab.length);
  const tagRank = zipf(tags.length);
  const authorRank = zipf(3000);
  const networks = ['mastodon', 'bluesky', 'rss', 'hackernews'] as const;
  const sites = ['blog.example.fr', 'news.example.com', 'forum.example.org'];
  const steady = 'atelier';
  const now = START + days * DAY_MS;
  const mentions: TrendMention[] = [];
  let id = 0;
  const post = (t: number, author: string, extra: readonly string[]): void => {
    const n = 5 + Math.floor(random() * 10);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(vocab[wordRank()] as string);
    if (random() < 0.3) words.push(steady);
    if (random() < 0.35) words.push(`#${tags[tagRank()] as string}`);
    for (const e of extra) words.splice(Math.floor(random() * (words.length + 1)), 0, e);
    const network = pick(networks);
    const text = words.join(' ').replace(/^./, (c) => c.toUpperCase()) + (random() < 0.5 ? ' !' : '.');
    mentions.push({
      id: `m${id++}`,
      text,
      author: author,
      network,
      ...(network === 'rss' ? { url: `https://${pick(sites)}/p/${id}` } : {}),
      publishedAt: t,
    });
  };
  const background = (): string => `user${authorRank()}`;
  for (let d = 0; d < days; d++) {
    const count = Math.round(postsPerDay * (0.85 + 0.3 * random()));
    for (let i = 0; i < count; i++) post(START + d * DAY_MS + Math.floor(random() * DAY_MS), background(), []);
  }
  const recentFrom = now - DAY_MS;
  const planted: PlantedBurst[] = [];
  const minPosts = options.minBurstPosts ?? 6;
  const maxPosts = options.maxBurstPosts ?? 50;
  const nBursts = options.bursts ?? 6;
  for (let k = 0; k < nBursts; k++) {
    const kind = random() < 0.5 ? 'new' : 'existing';
    const word = kind === 'new' ? freshWord() : (vocab[300 + Math.floor(random() * 1700)] as string);
    const term = random() < 0.4 ? `#${word}` : word;
    const recentPosts = minPosts + Math.floor(random() * (maxPosts - minPosts + 1));
    // Active over a random stretch of 2 to 24 hours ending inside the last day.
    const spanMs = (2 + random() * 22) * HOUR_MS;
    const start = recentFrom + random() * (DAY_MS - spanMs);
    // Bursts drawn from a wide pool: the people of a wave are mostly distinct.
    for (let i = 0; i < recentPosts; i++) post(start + random() * spanMs, `fan${seed}-${k}-${Math.floor(random() * 5000)}`, [term]);
    const daysBefore = random() < 0.3 ? 1 + Math.floor(random() * 2) : 0;
    const perDay = recentPosts * (DAY_MS / spanMs) * 0.5;
    for (let i = 0; i < Math.round(perDay * daysBefore); i++) post(recentFrom - random() * daysBefore * DAY_MS, `fan${seed}-${k}-${Math.floor(random() * 5000)}`, [term]);
    planted.push({ term: normalizeText(term), kind, recentPosts, daysBefore });
  }
  // One account posting the same hashtag forty times, and a spam tag mostly from one account.
  const solo = `#${freshWord()}`;
  for (let i = 0; i < 40; i++) post(recentFrom + random() * DAY_MS, 'spammer1', [solo]);
  const spam = `#${freshWord()}`;
  for (let i = 0; i < 30; i++) post(recentFrom + random() * DAY_MS, 'spammer2', [spam]);
  for (let i = 0; i < 6; i++) post(recentFrom + random() * DAY_MS, background(), [spam]);
  // Market day: the same weekday as the recent window, every week.
  const weeklyTerm = freshWord();
  for (let d = days - 1; d >= 0; d -= 7) {
    const n = 20 + Math.floor(random() * 10);
    for (let i = 0; i < n; i++) post(START + d * DAY_MS + random() * DAY_MS, `market${Math.floor(random() * 3000)}`, [weeklyTerm]);
  }
  mentions.sort((a, b) => Number(a.publishedAt) - Number(b.publishedAt) || (a.id < b.id ? -1 : 1));
  return { mentions, now: new Date(now), planted, distractors: [steady, solo, spam, weeklyTerm].map(normalizeText) };
};
