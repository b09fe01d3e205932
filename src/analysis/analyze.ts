/**
 * What relais learns from a post's text alone: its language and its sentiment. Pure, fast
 * (tens of thousands of posts a second on one core), deterministic.
 */
import { detectLanguage } from './lang/detect.ts';
import { analyzeSentiment, type Sentiment } from './sentiment/sentiment.ts';

export interface TextAnalysis {
  /** ISO 639-1 code, or `und`. */
  readonly lang: string;
  readonly sentiment: Sentiment;
}

export interface AnalyzeHints {
  /** A language the author or network declared (`fr`, `en-GB`); see `detectLanguage`. */
  readonly lang?: string;
}

export const analyzeText = (text: string, hints: AnalyzeHints = {}): TextAnalysis => {
  const lang = detectLanguage(text, hints.lang);
  return { lang, sentiment: analyzeSentiment(text, lang) };
};
