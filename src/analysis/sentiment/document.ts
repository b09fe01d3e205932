/**
 * Sentiment of long texts (reviews, blog posts, long comments; ADR 0260). The tweet-trained scorer
 * reads a whole review as one bag: its compound saturates and plot summaries weigh as much as the
 * verdict. For a text of LONG_TEXT_WORDS words or more, the score becomes a blend of the whole-text
 * score and the mean of the rules' compound per sentence, the last sentence (where reviews put their
 * verdict) weighing more, minus a bias (the lexicons lean positive on long texts). Shorter texts —
 * every tweet of the evaluation sets has 35 words or fewer — are not touched.
 */
import { scoreTokens } from './rules.ts';
import type { Token } from './tokens.ts';

/** Texts with fewer words keep the short-post verdict. */
export const LONG_TEXT_WORDS = 40;

export interface DocumentSettings {
  /** Weight of the last sentence in the mean of the sentences (the others weigh 1). */
  readonly lastWeight: number;
  /** Weight of the whole-text score in the blend; the rest is the mean of the sentences. */
  readonly wholeWeight: number;
  /** Subtracted from the blend, so that 0 separates positive from negative texts. */
  readonly bias: number;
}

const endsSentence = (t: Token): boolean => t.kind === 'bang' || t.kind === 'question' || (t.kind === 'break' && /[.;…]/u.test(t.text));
const hasContent = (tokens: readonly Token[]): boolean => tokens.some((t) => t.kind === 'word' || t.kind === 'emoji');

/** The sentences of a text, each with the `!`, `?` or full stop that ends it; sentences without a word or emoji are dropped. */
export const sentencesOf = (tokens: readonly Token[]): Token[][] => {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    current.push(t);
    if (!endsSentence(t)) continue;
    if (hasContent(current)) out.push(current);
    current = [];
  }
  if (hasContent(current)) out.push(current);
  return out;
};

/** The rules' compound score of each sentence, in order. */
export const sentenceCompounds = (tokens: readonly Token[], lang: string): number[] => sentencesOf(tokens).map((s) => scoreTokens(s, lang).compound);

/** The score of a long text from its whole-text score and its sentences' compounds, in [-1, 1]. */
export const documentScore = (whole: number, compounds: readonly number[], settings: DocumentSettings): number => {
  let sum = 0;
  let weights = 0;
  compounds.forEach((c, i) => {
    const w = i === compounds.length - 1 ? settings.lastWeight : 1;
    sum += w * c;
    weights += w;
  });
  const sentences = weights > 0 ? sum / weights : whole;
  const blended = settings.wholeWeight * whole + (1 - settings.wholeWeight) * sentences - settings.bias;
  return Math.max(-1, Math.min(1, blended));
};
