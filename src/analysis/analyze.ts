/**
 * What relais learns from a post's text alone: its language and its sentiment. Pure, fast
 * (the text is tokenised once for both), deterministic.
 */
import { detectLanguageOfWords } from './lang/detect.ts';
import { analyzeSentimentOfTokens, type Sentiment } from './sentiment/sentiment.ts';
import { tokenize, type Token } from './sentiment/tokens.ts';

export interface TextAnalysis {
  /** ISO 639-1 code, or `und`. */
  readonly lang: string;
  readonly sentiment: Sentiment;
}

export interface AnalyzeHints {
  /** A language the author or network declared (`fr`, `en-GB`); see `detectLanguage`. */
  readonly lang?: string;
}

const DIGIT = /\p{N}/u;
const DIGITS = /\p{N}+/gu;

/** The letters-only words of a post, lower-cased, as `detectLanguage` would extract them. */
const wordsOfTokens = (tokens: readonly Token[]): string[] => {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    const w = DIGIT.test(t.text) ? t.text.replace(DIGITS, '') : t.text;
    if (w) out.push(w);
  }
  return out;
};

export const analyzeText = (text: string, hints: AnalyzeHints = {}): TextAnalysis => {
  const tokens = tokenize(text);
  const lang = detectLanguageOfWords(wordsOfTokens(tokens), hints.lang);
  return { lang, sentiment: analyzeSentimentOfTokens(tokens, lang) };
};
