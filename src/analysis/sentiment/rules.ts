/**
 * Lexicon-and-rules sentiment, in the spirit of VADER (Hutto & Gilbert 2014) but written for
 * French as much as English: each sentiment word's valence is scaled by the modifiers before it
 * (`très`, `un peu`, `very`), emphasised by upper case and elongation, flipped by a negation in
 * the three words before it (`ne … pas`, `not`) or right after it (informal `j'aime pas`), and
 * weighted by its side of a contrast (`mais`, `but`: the part after weighs more).
 * The output carries the compound score and the partial sums the trained model uses as features.
 */
import { lexiconFor, type Lexicon } from './lexicon/lexicons.ts';
import { CONTRASTS, MODIFIERS, NEGATORS } from './lexicon/words.ts';
import { tokenize, type Token } from './tokens.ts';

export interface RuleScore {
  /** sum / sqrt(sum² + 15), in [-1, 1]. */
  readonly compound: number;
  /** Sum of the adjusted positive and negative valences. */
  readonly positive: number;
  readonly negative: number;
  /** Number of sentiment words (or emoji) found. */
  readonly hits: number;
  /** Number of sentiment words whose valence a negation flipped. */
  readonly negated: number;
  readonly bangs: number;
  readonly questions: number;
  /** Word tokens of the post (a measure of length). */
  readonly words: number;
}

type ItemKind = 'sentiment' | 'modifier' | 'negator' | 'contrast' | 'bang' | 'question' | 'break' | 'plain';

interface Item {
  kind: ItemKind;
  /** Valence for a sentiment item; also kept for a modifier that can stand alone (`super`, `grave`). */
  valence: number;
  /** Scaling factor of a modifier. */
  factor: number;
  token: Token;
  text: string;
}

/** Emphasis added by upper case (VADER's measured constant). */
const CAPS_BOOST = 0.733;
const ELONGATION_BOOST = 0.4;
/** Negation keeps most of the strength but flips the sign (`pas bon` is less bad than `mauvais`). */
const NEGATION_SCALE = -0.74;
const BANG_BOOST = 0.292;
const QUESTION_BOOST = 0.18;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
/** `génial de ouf`: the slang intensifier placed after the word. */
const POSTPOSED_INTENSIFIER = 'de ouf';
const POSTPOSED_FACTOR = 1.4;
const POSTPOSED_NEGATORS: ReadonlySet<string> = new Set(['pas', 'jamais', 'guère']);
const NEGATION_REACH = 3;
const MODIFIER_FACTORS: ReadonlyMap<string, number> = new Map(Object.entries(MODIFIERS));
const COMPARATIVES: ReadonlySet<string> = new Set(['aussi', 'autant', 'si', 'tellement', 'so', 'this', 'that', 'as']);
const COMPARATIVE_FACTOR = 1.25;
const MODIFIER_REACH = 2;
const NORMALISATION = 15;

const lookup = (lex: Lexicon, token: Token): number | undefined =>
  lex.words.get(token.text) ?? (token.short === undefined ? undefined : lex.words.get(token.short));

const item = (token: Token, kind: ItemKind, valence = 0, factor = 1, text = token.text): Item => ({ kind, valence, factor, token, text });

/** Groups tokens into items, longest phrase first. */
const itemize = (tokens: readonly Token[], lex: Lexicon): Item[] => {
  const items: Item[] = [];
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i] as Token;
    if (t.kind === 'bang' || t.kind === 'question' || t.kind === 'break') {
      items.push(item(t, t.kind));
      i++;
      continue;
    }
    if (t.kind === 'emoji') {
      const v = lex.words.get(t.text) ?? lex.words.get(t.text.replace(/\uFE0F/gu, ''));
      items.push(v === undefined ? item(t, 'plain') : item(t, 'sentiment', v));
      i++;
      continue;
    }
    let matched = false;
    const starts = lex.phraseStarts.has(t.short ?? t.text);
    for (let len = starts ? Math.min(lex.maxPhrase, tokens.length - i) : 0; len >= 2 && !matched; len--) {
      const run = tokens.slice(i, i + len);
      if (run.some((x) => x.kind !== 'word')) continue;
      const key = run.map((x) => x.short ?? x.text).join(' ');
      const v = lex.phrases.get(key);
      const f = lex.modifierPhrases.get(key);
      if (v !== undefined) items.push(item(t, 'sentiment', v, 1, key));
      else if (f !== undefined) items.push(item(t, 'modifier', 0, f, key));
      else continue;
      matched = true;
      i += len;
    }
    if (matched) continue;
    const valence = lookup(lex, t);
    const factor = MODIFIER_FACTORS.get(t.text);
    if (NEGATORS.has(t.text)) items.push(item(t, 'negator'));
    else if (CONTRASTS.has(t.text)) items.push(item(t, 'contrast'));
    else if (factor !== undefined) items.push(item(t, 'modifier', valence ?? 0, factor));
    else if (valence !== undefined && valence !== 0) items.push(item(t, 'sentiment', valence));
    else items.push(item(t, 'plain'));
    i++;
  }
  // A modifier with nothing to modify after it stands for itself: `c'est grave`, `super !`.
  for (let k = 0; k < items.length; k++) {
    const it = items[k] as Item;
    if (it.kind !== 'modifier') continue;
    const next = items[k + 1];
    if ((next === undefined || (next.kind !== 'sentiment' && next.kind !== 'modifier')) && it.valence !== 0) it.kind = 'sentiment';
  }
  return items;
};

const holdsNegation = (phrase: string): boolean => phrase.split(' ').some((w) => NEGATORS.has(w));

const stops = (it: Item): boolean =>
  it.kind === 'break' || it.kind === 'contrast' || it.kind === 'bang' || it.kind === 'question';

const endsSentence = (it: Item): boolean =>
  it.kind === 'bang' || it.kind === 'question' || (it.kind === 'break' && /[.;…]/u.test(it.text));

const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** Scores `text` with the lexicon of `lang` (`fr`, `en`; any other code uses both). */
export const scoreRules = (text: string, lang: string): RuleScore => scoreTokens(tokenize(text), lang);

/** The same, over tokens already made by `tokenize` (the model reuses them). */
export const scoreTokens = (tokens: readonly Token[], lang: string): RuleScore => {
  const lex = lexiconFor(lang);
  let words = 0;
  let capsWords = 0;
  let bangs = 0;
  let questions = 0;
  for (const t of tokens) {
    if (t.kind === 'word') {
      words++;
      if (t.caps) capsWords++;
    } else if (t.kind === 'bang') bangs += t.text.length;
    else if (t.kind === 'question') questions += t.text.length;
  }
  // Upper case is emphasis only against lower case: a post written all in capitals just shouts.
  const capsEmphasis = capsWords > 0 && capsWords < words;
  const items = itemize(tokens, lex);
  // A contrast reaches to the ends of its sentence only: `Bien écrit, mais long. Je recommande.`
  const contrastAt = new Int32Array(items.length).fill(-1);
  for (let start = 0; start < items.length; ) {
    let end = start;
    let contrast = -1;
    while (end < items.length && !endsSentence(items[end] as Item)) {
      if ((items[end] as Item).kind === 'contrast') contrast = end;
      end++;
    }
    contrastAt.fill(contrast, start, end);
    start = end + 1;
  }

  let positive = 0;
  let negative = 0;
  let hits = 0;
  let negated = 0;
  for (let k = 0; k < items.length; k++) {
    const it = items[k] as Item;
    if (it.kind !== 'sentiment') continue;
    if (it.text === POSTPOSED_INTENSIFIER && items[k - 1]?.kind === 'sentiment') continue;
    let v = it.valence;
    hits++;
    if (capsEmphasis && it.token.caps) v += sign(v) * CAPS_BOOST;
    if (it.token.elongated) v += sign(v) * ELONGATION_BOOST;
    let isNegated = false;
    // Emoji speak for themselves: `toujours pas arrivé 😡` is not a negated anger.
    // A phrase that holds its own negation (`pas terrible`, `not bad`, `plus jamais`) is not negated again.
    const isWord = it.token.kind === 'word' && !(it.text.includes(' ') && holdsNegation(it.text));
    for (let back = 1, seen = 0; isWord && k - back >= 0 && seen < NEGATION_REACH; back++) {
      const prev = items[k - back] as Item;
      if (stops(prev)) break;
      seen++;
      if (prev.kind === 'modifier' && seen <= MODIFIER_REACH) v *= 1 + (prev.factor - 1) * (seen === 1 ? 1 : 0.95);
      if (prev.kind === 'negator') {
        // `jamais été aussi déçu`, `never been so happy`: a comparison that intensifies.
        const between = items.slice(k - back + 1, k).map((x) => x.text);
        if (between.some((w) => COMPARATIVES.has(w))) v *= COMPARATIVE_FACTOR;
        else isNegated = true;
      }
    }
    const next = items[k + 1];
    if (next?.text === POSTPOSED_INTENSIFIER) v *= POSTPOSED_FACTOR;
    // `j'aime pas (ça)` negates the verb before; in `bien pas cher` the `pas` belongs to `cher`.
    else if (isWord && !isNegated && next !== undefined && POSTPOSED_NEGATORS.has(next.text)) {
      const after = items[k + 2];
      if (after === undefined || (after.kind !== 'sentiment' && after.kind !== 'modifier')) isNegated = true;
    }
    if (isNegated) {
      v *= NEGATION_SCALE;
      negated++;
    }
    const contrast = contrastAt[k] ?? -1;
    if (contrast >= 0) v *= k < contrast ? BEFORE_CONTRAST : AFTER_CONTRAST;
    if (v > 0) positive += v;
    else negative += v;
  }

  let sum = positive + negative;
  if (sum !== 0) {
    sum += sign(sum) * Math.min(bangs, 4) * BANG_BOOST;
    if (questions > 1) sum += sign(sum) * Math.min(questions, 3) * QUESTION_BOOST;
  }
  const compound = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + NORMALISATION)));
  return { compound, positive, negative, hits, negated, bangs, questions, words };
};
