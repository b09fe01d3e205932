/**
 * The lexicon a post is scored with, per language: vendored lists (Pattern for French, VADER for
 * English) overlaid with relais' own words and emoji. Built once, on first use.
 */
import { LEXICON as PATTERN_FR } from './pattern-fr.data.ts';
import { LEXICON as VADER_EN } from './vader-en.data.ts';
import { ENGLISH_WORDS, EMOJI, FRENCH_OPINION_WORDS, FRENCH_WORDS, MODIFIERS, frenchVerbForms } from './words.ts';

export type LexiconLanguage = 'fr' | 'en' | 'any';

export interface Lexicon {
  /** Valence of a single token, -4..+4. */
  readonly words: ReadonlyMap<string, number>;
  /** Valence of a run of tokens, keyed by the tokens joined with one space (`coup de coeur`). */
  readonly phrases: ReadonlyMap<string, number>;
  /** Modifiers of two tokens or more (`un peu`, `kind of`), keyed the same way. */
  readonly modifierPhrases: ReadonlyMap<string, number>;
  /** The longest phrase, in tokens. */
  readonly maxPhrase: number;
  /** First tokens of all phrases and modifier phrases: phrase matching is tried only from these. */
  readonly phraseStarts: ReadonlySet<string>;
}

const parse = (data: string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const line of data.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) out.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return out;
};

/**
 * French adverbs of manner from the adjectives of the lexicon, with their valence: `horrible` →
 * `horriblement`, `heureuse` → `heureusement`, `poli` → `poliment`, `élégant` → `élégamment`,
 * `prudent` → `prudemment`. Adverbs that are modifiers (`complètement`) stay modifiers.
 */
const frenchAdverbs = (words: ReadonlyMap<string, number>): [string, number][] => {
  const out: [string, number][] = [];
  for (const [w, v] of words) {
    if (v === 0 || w.length < 4 || !/^\p{Ll}+$/u.test(w)) continue;
    let adverb: string | undefined;
    if (w.endsWith('ant')) adverb = `${w.slice(0, -3)}amment`;
    else if (w.endsWith('ent')) adverb = `${w.slice(0, -3)}emment`;
    else if (/[eéiu]$/u.test(w)) adverb = `${w}ment`;
    if (adverb !== undefined && !(adverb in MODIFIERS)) out.push([adverb, v]);
  }
  return out;
};

const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '');

/** Emoticons (`:)`, `<3`) and other non-word entries of VADER's list serve every language. */
const emoticons = (vader: Map<string, number>): [string, number][] =>
  [...vader].filter(([k]) => /[^\p{L}]/u.test(k) && !/\p{L}{2}/u.test(k));

const build = (lang: LexiconLanguage): Lexicon => {
  const vader = parse(VADER_EN);
  const words = new Map<string, number>();
  const own: [string, number][] = [];
  if (lang === 'fr' || lang === 'any') {
    for (const [k, v] of parse(PATTERN_FR)) words.set(k, v);
    // Later entries win: verb forms, then opinion words, then the hand-tuned social vocabulary.
    own.push(...frenchVerbForms(), ...Object.entries(FRENCH_OPINION_WORDS), ...Object.entries(FRENCH_WORDS));
  }
  if (lang === 'en' || lang === 'any') {
    for (const [k, v] of vader) words.set(k, v);
    own.push(...Object.entries(ENGLISH_WORDS));
  } else {
    for (const [k, v] of emoticons(vader)) words.set(k, v);
  }
  own.push(...Object.entries(EMOJI));
  const phrases = new Map<string, number>();
  for (const [k, v] of own) (k.includes(' ') ? phrases : words).set(k, v);
  if (lang === 'fr' || lang === 'any') {
    for (const [adverb, v] of frenchAdverbs(words)) if (!words.has(adverb)) words.set(adverb, v);
  }
  // Accent-less spellings (`decu`, `genial`) are common in posts.
  for (const [k, v] of [...words]) {
    const f = fold(k);
    if (f !== k && !words.has(f)) words.set(f, v);
  }
  for (const [k, v] of [...phrases]) {
    const f = fold(k);
    if (f !== k && !phrases.has(f)) phrases.set(f, v);
  }
  const modifierPhrases = new Map<string, number>();
  for (const [k, v] of Object.entries(MODIFIERS)) if (k.includes(' ')) modifierPhrases.set(k, v);
  let maxPhrase = 1;
  const phraseStarts = new Set<string>();
  for (const k of [...phrases.keys(), ...modifierPhrases.keys()]) {
    const parts = k.split(' ');
    maxPhrase = Math.max(maxPhrase, parts.length);
    phraseStarts.add(parts[0] ?? '');
  }
  return { words, phrases, modifierPhrases, maxPhrase, phraseStarts };
};

const cache = new Map<LexiconLanguage, Lexicon>();

/** The lexicon of a language; French and English have their own, any other language gets both. */
export const lexiconFor = (lang: string): Lexicon => {
  const key: LexiconLanguage = lang === 'fr' || lang === 'en' ? lang : 'any';
  let lex = cache.get(key);
  if (!lex) {
    lex = build(key);
    cache.set(key, lex);
  }
  return lex;
};
