/**
 * A deterministic synthetic corpus for the matcher benchmark: a French/English
 * vocabulary built from syllables with a seeded PRNG, Zipf-distributed word
 * frequencies, posts of about 200 characters with hashtags, mentions, links,
 * apostrophes and capitals, and listening queries that mix words, phrases,
 * prefixes, hashtags, mentions, boolean structure and fields.
 */
import type { MatchablePost } from '../ast.ts';

export { seededRandom } from '../../random.ts';
import { seededRandom } from '../../random.ts';

const stopwords = (
  'le la les de des du un une et à en au aux pour par sur dans avec ce cette qui que ne pas plus est sont a ont être ' +
  'il elle ils on nous vous je tu mon ma mes son sa ses leur très bien tout mais ou donc car ' +
  'the a an of and to in is are was for on with at by this that it as be have has not but or from you we they my our'
).split(' ');

const onsets = ['b', 'c', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'ch', 'tr', 'pl', 'br', 'gr', 'qu', 'st', 'sh', 'cl', 'fr', 'j'];
const vowels = ['a', 'e', 'i', 'o', 'u', 'ou', 'ai', 'é', 'è', 'eau', 'an', 'on', 'in', 'ea', 'oo', 'y'];
const codas = ['', '', '', 'r', 'l', 's', 'n', 't', 'x', 'ck', 'rd', 'nt'];

export interface Corpus {
  readonly words: readonly string[];
  /** Draws a word rank with Zipf(s = 1) over the whole vocabulary. */
  readonly rank: () => number;
  readonly random: () => number;
}

export const createCorpus = (seed: number, size = 50_000): Corpus => {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const seen = new Set<string>(stopwords);
  const words: string[] = [...stopwords];
  while (words.length < size) {
    const syllables = 1 + Math.floor(random() * 3.2);
    let w = '';
    for (let s = 0; s < syllables; s++) w += pick(onsets) + pick(vowels) + (s === syllables - 1 ? pick(codas) : '');
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  // Zipf by inverse transform over the harmonic cumulative sums.
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let r = 0; r < words.length; r++) cumulative[r] = total += 1 / (r + 1);
  const rank = (): number => {
    const x = random() * total;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { words, rank, random };
};

const capitalise = (w: string): string => (w[0] ?? '').toUpperCase() + w.slice(1);
const sources = ['rss', 'mastodon', 'bluesky', 'hackernews', 'reddit', 'import'];
const domains = ['atelier.fr', 'exemple.com', 'journal.fr', 'blog.example.org', 'shop.lyon.fr', 'news.site.com'];

export const makePost = (c: Corpus, targetLength = 200): MatchablePost => {
  const { words, rank, random } = c;
  const parts: string[] = [];
  let len = 0;
  let sentenceStart = true;
  while (len < targetLength) {
    const w = words[rank()] as string;
    const x = random();
    let piece: string;
    if (x < 0.04) piece = `#${capitalise(w)}`;
    else if (x < 0.06) piece = random() < 0.5 ? `@${w}` : `@${w}@piaille.fr`;
    else if (x < 0.08) piece = `l'${w}`;
    else if (x < 0.09) piece = `${w}-${words[rank()] as string}`;
    else piece = sentenceStart ? capitalise(w) : w;
    sentenceStart = false;
    const p = random();
    if (p < 0.08) {
      piece += '.';
      sentenceStart = true;
    } else if (p < 0.12) piece += ',';
    else if (p < 0.13) piece += ' !';
    parts.push(piece);
    len += piece.length + 1;
  }
  if (random() < 0.2) parts.push(`https://${domains[Math.floor(random() * domains.length)]}/p/${Math.floor(random() * 1e6)}`);
  return {
    text: parts.join(' '),
    lang: random() < 0.6 ? 'fr' : 'en',
    source: sources[Math.floor(random() * sources.length)] as string,
    author: `@${words[rank()] as string}@piaille.fr`,
  };
};

/**
 * How queries pick their words.
 * - `names`: uniformly among all but the 1,000 most frequent words, as listening
 *   queries name brands, products, places and trades rather than common words;
 * - `broad`: Zipf-distributed like post text, skipping only the 150 most frequent
 *   words: a stress case where many queries share common words and posts match hundreds.
 */
export type QueryMix = 'names' | 'broad';

const queryWord = (c: Corpus, mix: QueryMix): string => {
  if (mix === 'names') return c.words[1000 + Math.floor(c.random() * (c.words.length - 1000))] as string;
  for (;;) {
    const r = c.rank();
    if (r >= 150) return c.words[r] as string;
  }
};

/**
 * A stem as people write one (`moustach*`, `barbier*`): the word cut by one to three
 * letters, never under 4 letters; a word too short to cut is used whole.
 */
const prefixOf = (word: string, random: () => number): string => {
  const cut = 1 + Math.floor(random() * 3);
  return word.length - cut >= 4 ? `${word.slice(0, word.length - cut)}*` : word;
};

export const makeQuery = (c: Corpus, mix: QueryMix = 'names'): string => {
  const w = (): string => queryWord(c, mix);
  const x = c.random();
  if (x < 0.35) return w();
  if (x < 0.47) return `"${w()} ${w()}"`;
  if (x < 0.55) return prefixOf(w(), c.random);
  if (x < 0.63) return `#${w()}`;
  if (x < 0.67) return `@${w()}`;
  if (x < 0.75) return `${w()} (${w()} OR ${w()}) -${w()}`;
  if (x < 0.82) return `${w()} OR ${w()} OR #${w()}`;
  if (x < 0.88) return `${w()} lang:${c.random() < 0.5 ? 'fr' : 'en'} -source:reddit`;
  if (x < 0.93) return `${capitalise(w())}-${w()} -"${w()} ${w()}"`;
  if (x < 0.97) return `${w()} NOT (${w()} OR ${prefixOf(w(), c.random)})`;
  return `site:${domains[Math.floor(c.random() * domains.length)]} ${w()}`;
};
