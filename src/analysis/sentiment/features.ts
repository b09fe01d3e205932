/**
 * Features of the sentiment model: hashed words and word pairs (marked when a negation reaches
 * them), and the lexicon-and-rules score broken into a few dense values. Hashing keeps the
 * committed weights free of any training text and of a vocabulary file.
 */
import { NEGATORS, CONTRASTS } from './lexicon/words.ts';
import type { RuleScore } from './rules.ts';
import type { Token } from './tokens.ts';

/** Size of the hashed feature space: 2^HASH_BITS buckets. */
export const HASH_BITS = 18;
const HASH_MASK = (1 << HASH_BITS) - 1;

/** Number of dense features, in the order `denseFeatures` writes them. */
export const DENSE_SIZE = 9;

export interface Features {
  /** Hashed bucket ids, with repeats removed. */
  readonly hashed: Uint32Array;
  /** Value of every hashed feature: 1/sqrt(count), so that long texts do not swamp the dense part. */
  readonly hashedValue: number;
  readonly dense: Float64Array;
}

/** FNV-1a over UTF-16 code units (32 bits): fast, stable across runs and platforms. */
const hash32 = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * hash32(prefix + s.slice(start, end) + suffix) without building the string (prefix and suffix
 * are one UTF-16 unit or none, -1).
 */
const hashSlice = (prefix: number, s: string, start: number, end: number, suffix: number): number => {
  let h = FNV_OFFSET;
  if (prefix >= 0) h = Math.imul(h ^ prefix, FNV_PRIME);
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  if (suffix >= 0) h = Math.imul(h ^ suffix, FNV_PRIME);
  return h >>> 0;
};

const LT = '<'.charCodeAt(0);
const TILDE = '~'.charCodeAt(0);

/** A word pair's bucket from its words' hashes, without building the pair's string. */
const pairHash = (a: number, b: number): number => (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b) >>> 0;

const folded = new Map<string, string>();
const FOLD_CACHE = 20_000;

/** Folds accents away; the ASCII common case skips Unicode normalisation, others are cached. */
const fold = (s: string): string => {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 127) {
      let f = folded.get(s);
      if (f === undefined) {
        if (folded.size >= FOLD_CACHE) folded.clear();
        f = s.normalize('NFKD').replace(/\p{M}/gu, '');
        folded.set(s, f);
      }
      return f;
    }
  }
  return s;
};

const NEGATION_REACH = 3;
/** Letters kept by the crude stem feature (chosen by cross-validation on the training tweets, ADR 0041). */
const STEM = 5;

/** Word-level units of the text: folded words (`!` marks a negated one) and emoji. */
const units = (tokens: readonly Token[]): string[] => {
  const out: string[] = [];
  let negationLeft = 0;
  for (const t of tokens) {
    if (t.kind === 'word') {
      const w = fold(t.short ?? t.text);
      if (NEGATORS.has(t.text)) {
        negationLeft = NEGATION_REACH;
        out.push(w);
        continue;
      }
      if (CONTRASTS.has(t.text)) negationLeft = 0;
      out.push(negationLeft > 0 ? `!${w}` : w);
      if (negationLeft > 0) negationLeft--;
    } else if (t.kind === 'emoji') {
      out.push(t.text);

    } else {
      negationLeft = 0;
      out.push(t.kind === 'break' ? '|' : t.kind === 'bang' ? '!!' : '??');
    }
  }
  return out;
};

/** The dense part: the rules' verdict, scaled to about [-1, 1]. */
const denseFeatures = (rules: RuleScore): Float64Array =>
  Float64Array.of(
    rules.compound,
    Math.tanh(rules.positive / 4),
    Math.tanh(rules.negative / 4),
    rules.hits === 0 ? 1 : 0,
    rules.negated > 0 ? 1 : 0,
    rules.bangs > 0 ? 1 : 0,
    rules.questions > 0 ? 1 : 0,
    Math.log1p(rules.words) / 4,
    (rules.positive + rules.negative) / Math.max(1, rules.hits) / 4,
  );

/** Marks of the buckets already taken by the text being featurised; cleared after each text. */
const seen = new Uint8Array(1 << HASH_BITS);
const scratch: number[] = [];

const add = (id: number): void => {
  if (seen[id] === 0) {
    seen[id] = 1;
    scratch.push(id);
  }
};

export const extractFeatures = (tokens: readonly Token[], rules: RuleScore): Features => {
  scratch.length = 0;
  let previous = -1;
  for (const a of units(tokens)) {
    const h = hash32(a);
    if (a !== '|') add(h & HASH_MASK);
    // A crude stem (the first letters of a long word) lets `polluer`, `pollution`, `polluants` share weight.
    if (a.length > STEM + 1) add(hashSlice(-1, a, 0, Math.min(a.length, STEM + (a[0] === '!' ? 1 : 0)), TILDE) & HASH_MASK);
    if (previous >= 0) add(pairHash(previous, h) & HASH_MASK);
    // Letter 4-grams of longer words: shared pieces of related forms (FastText's idea, without its vectors).
    if (a.length >= 5) for (let i = 0; i + 4 <= a.length; i++) add(hashSlice(LT, a, i, i + 4, -1) & HASH_MASK);
    previous = h;
  }
  // Sorted, so that sums over the buckets (and so trained weights) never depend on the text's order of words.
  const hashed = Uint32Array.from(scratch).sort();
  for (const id of hashed) seen[id] = 0;
  return { hashed, hashedValue: hashed.length > 0 ? 1 / Math.sqrt(hashed.length) : 0, dense: denseFeatures(rules) };
};
