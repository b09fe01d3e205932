/**
 * Sentiment of a post: a label (positive, neutral, negative) and a score in [-1, 1].
 * French and English combine the lexicon-and-rules scorer with a trained model whose features
 * include the rules' verdict (ADR 0041); other languages get the rules over both lexicons. Long
 * texts are scored sentence by sentence where the language has settings for it (ADR 0260).
 * Pure and deterministic.
 */
import { decide, decideByRules, type Sentiment } from './decide.ts';
import { documentScore, LONG_TEXT_WORDS, sentenceCompounds } from './document.ts';
import { extractFeatures } from './features.ts';
import { predict } from './logistic.ts';
import { modelFor } from './model.ts';
import { scoreTokens } from './rules.ts';
import { tokenize, type Token } from './tokens.ts';

export type { Sentiment, SentimentLabel } from './decide.ts';

const probabilities = new Float64Array(3);

/** `lang` is an ISO 639-1 code (`fr`, `en`, …) or `und`. */
export const analyzeSentiment = (text: string, lang: string): Sentiment => analyzeSentimentOfTokens(tokenize(text), lang);

/** The same over tokens already made by `tokenize`. */
export const analyzeSentimentOfTokens = (tokens: readonly Token[], lang: string): Sentiment => {
  const rules = scoreTokens(tokens, lang);
  const lm = modelFor(lang);
  if (!lm) return decideByRules(rules.compound);
  const whole = decide(predict(lm.model, extractFeatures(tokens, rules), probabilities), rules.compound, lm.calibration);
  if (!lm.document || rules.words < LONG_TEXT_WORDS) return whole;
  // A long text: its label follows its aggregated score, with the rules' neutral band.
  return decideByRules(documentScore(whole.score, sentenceCompounds(tokens, lang), lm.document));
};
