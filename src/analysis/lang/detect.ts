/**
 * Language of a short post: an ISO 639-1 code, or `'und'` when the text gives too little to go on.
 *
 * Built on eld's small n-gram database (DESIGN §4). eld is tuned for sentences; social posts are
 * shorter and noisier, so the text is first reduced to its words (links, mentions, hashtag marks,
 * digits, emoji and letter elongations removed), and the decision favours the languages relais
 * users actually write in when eld's top candidates are close.
 */
import { eld } from 'eld/small';

/** Languages relais is tuned for: on a near tie, one of these wins over a rarer language. */
const MAIN_LANGUAGES: ReadonlySet<string> = new Set(['fr', 'en', 'es', 'de', 'it', 'pt', 'nl']);

/** Below this many letters a post says nothing reliable about its language. */
const MIN_LETTERS = 3;
/** Up to this many letters a post is "short": eld's reliability check is then required, or a hint. */
const SHORT_LETTERS = 12;
/** A main language within this ratio of the best score is preferred to a rarer best guess. */
const MAIN_LANGUAGE_RATIO = 0.97;
/** A declared language within this ratio of the best score is kept (networks let users declare it). */
const HINT_RATIO = 0.9;

const LINK = /\bhttps?:\/\/\S*|\bwww\.\S+/giu;
// A mention starts at the text's start or after a non-alphanumeric (DESIGN §5), like `@a` or `@a@b.c`.
const MENTION = /(^|[^\p{L}\p{N}])@[\p{L}\p{N}_.]+(?:@[\p{L}\p{N}_.-]+)?/gu;
const HASH_MARK = /(^|[^\p{L}\p{N}])#(?=[\p{L}\p{N}_])/gu;
const NOT_LETTER = /[^\p{L}\p{M}'’\s]+/gu;
const ELONGATION = /(\p{L})\1{2,}/gu;
const CAMEL = /(\p{Ll})(\p{Lu})/gu;
const LETTER = /\p{L}/gu;

/** The words of a post, with everything that is not language removed. Exported for tests. */
export const languageText = (text: string): string =>
  text
    .replace(LINK, ' ')
    .replace(MENTION, '$1 ')
    .replace(HASH_MARK, '$1')
    .replace(CAMEL, '$1 $2')
    .replace(NOT_LETTER, ' ')
    .replace(ELONGATION, '$1$1')
    .replace(/\s+/gu, ' ')
    .trim();

const countLetters = (text: string): number => {
  LETTER.lastIndex = 0;
  let n = 0;
  while (LETTER.exec(text) !== null) n++;
  return n;
};

const normaliseHint = (hint: string | undefined): string | undefined => {
  if (!hint) return undefined;
  const code = hint.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  return /^[a-z]{2}$/u.test(code) ? code : undefined;
};

/**
 * Detects the language of `text`. `hint` is a language the author or network declared (`fr`,
 * `en-GB`): it is returned when the text is too short to judge, and kept when the text agrees
 * with it nearly as well as with the best candidate. A text without letters is always `'und'`.
 */
export const detectLanguage = (text: string, hint?: string): string => {
  const declared = normaliseHint(hint);
  const words = languageText(text);
  const letters = countLetters(words);
  if (letters === 0) return 'und';
  if (letters < MIN_LETTERS) return declared ?? 'und';

  const result = eld.detect(words);
  if (!result.language) return declared ?? 'und';
  const scores = result.getScores();
  const best = result.language;
  const bestScore = scores[best] ?? 0;

  if (declared !== undefined && (scores[declared] ?? 0) >= bestScore * HINT_RATIO) return declared;

  let chosen = best;
  if (!MAIN_LANGUAGES.has(best)) {
    let mainScore = 0;
    for (const [lang, score] of Object.entries(scores)) {
      if (MAIN_LANGUAGES.has(lang) && score > mainScore) {
        mainScore = score;
        chosen = lang;
      }
    }
    if (mainScore < bestScore * MAIN_LANGUAGE_RATIO) chosen = best;
  }

  if (letters <= SHORT_LETTERS && !result.isReliable()) return declared ?? 'und';
  return chosen;
};
