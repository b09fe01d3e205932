/**
 * The terms a trend is counted over: words of at least three letters that are not
 * stop words or bare numbers, and hashtags (written `#tag`, so `#barbe` and
 * `barbe` are separate trends: a hashtag is a deliberate label). Mentions of
 * accounts are left to the "who" of the summary. Uses the shared tokeniser
 * (DESIGN §5), so a trend term is exactly what a query term would match.
 */
import { tokenize } from '../text/tokenize.ts';
import { stopWords } from './stop-words.ts';

const digitsOnly = /^[0-9]+$/;

/** Distinct terms of a text, in first-seen order. A post counts once per term, however often it repeats it. */
export const termsOfText = (text: string): string[] => {
  const seen = new Set<string>();
  for (const t of tokenize(text).tokens) {
    if (t.kind === 'hashtag') {
      if (t.value.length > 0) seen.add(`#${t.value}`);
    } else if (t.kind === 'word') {
      if (t.value.length >= 3 && !stopWords.has(t.value) && !digitsOnly.test(t.value)) seen.add(t.value);
    }
  }
  return [...seen];
};
